import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { getCitizenForCaseworker } from '~/modules/citizens/citizens.server'
import { listActiveConsents, listRecipientChoices } from '~/modules/consent/consents.server'
import { DATA_CATEGORIES, STAFF_CHANNELS } from '~/modules/consent/rules'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { createReferral } from '~/modules/referrals/referrals.server'
import {
  CreateReferralSchema,
  DEFAULT_DEADLINE_DAYS,
  NOTE_MAX,
  REFERRAL_KINDS,
} from '~/modules/referrals/schemas'
import { ChoicesFieldset } from '~/ui/choices'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'
import { TextareaField } from '~/ui/textarea-field'

// A referral in under a minute: from the citizen's page, choose the kind and the place, the
// consent it rests on (or record it now with the citizen present), what to share, a note.

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const url = new URL(request.url)
  const citizenId = url.searchParams.get('citizenId') ?? ''
  const citizen = await getCitizenForCaseworker(ctx, citizenId, '/case/referrals/new')
  if (!citizen || citizen.anonymised) notFound()
  const [organisations, consents, activities] = await Promise.all([
    listRecipientChoices(ctx.db),
    listActiveConsents(ctx.db, citizen.id, ctx.now),
    ctx.db
      .selectFrom('activity as a')
      .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
      .select(['a.id', 'a.title', 'o.name'])
      .where('a.status', '=', 'published')
      .where('o.status', '=', 'approved')
      .orderBy('o.name')
      .orderBy('a.title')
      .execute(),
  ])
  return {
    title: t('pages.case.referral.new.metaTitle', { name: citizen.chosenName }),
    citizen: { id: citizen.id, name: citizen.chosenName },
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    activities: activities.map((a) => ({ value: a.id, label: `${a.name} – ${a.title}` })),
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      recipients: c.recipients.map((r) => r.name).join(', '),
      categories: c.categories,
      expires: formatDate(c.expiresAt, lng),
    })),
    preset: {
      consentId: url.searchParams.get('consentId') ?? '',
      organisationId: url.searchParams.get('organisationId') ?? '',
      kind: url.searchParams.get('kind') ?? '',
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const form = await request.formData()
  const categories = form.getAll('categories').map(String)
  const parsed = parseForm(CreateReferralSchema, form)
  if (!parsed.ok)
    return data({ errors: parsed.errors, values: parsed.values, categories }, { status: 400 })
  const result = await createReferral(ctx, parsed.data)
  if (!result) notFound()
  if (!result.ok)
    return data(
      {
        errors: result.errors,
        values: Object.fromEntries(form) as Record<string, string>,
        categories,
      },
      { status: 400 },
    )
  kickOutbox()
  return redirect(`/case/referrals/${result.id}?done=${result.existing ? 'existing' : 'sent'}`)
}

export default function NewReferral() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const v = (failed?.values ?? {}) as Record<string, string>
  const categories = failed?.categories ?? ['name', 'language', 'area']
  const P = 'pages.case.referral.new'
  const consentDefault = v.consentId ?? (d.preset.consentId || d.consents[0]?.id || 'new')
  return (
    <>
      <p>
        <Link to={`/case/citizens/${d.citizen.id}`}>
          {t('pages.case.backToCitizen', { name: d.citizen.name })}
        </Link>
      </p>
      <h1>{t(`${P}.title`, { name: d.citizen.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="citizenId" value={d.citizen.id} />
        <RadioGroup
          legend={t(`${P}.kind`)}
          name="kind"
          options={REFERRAL_KINDS.map((k) => ({
            value: k,
            label: t(`common.referral.kinds.${k}`),
          }))}
          defaultValue={v.kind ?? (d.preset.kind || 'buddy')}
          errors={errors.kind}
        />
        <SelectField
          label={t(`${P}.organisation`)}
          name="organisationId"
          options={d.organisations}
          placeholder={t(`${P}.choose`)}
          defaultValue={v.organisationId ?? d.preset.organisationId}
          errors={errors.organisationId}
        />
        <SelectField
          label={t(`${P}.activity`)}
          hint={t(`${P}.activityHint`)}
          name="activityId"
          options={d.activities}
          placeholder={t(`${P}.noActivity`)}
          defaultValue={v.activityId ?? ''}
          errors={errors.activityId}
        />
        <RadioGroup
          legend={t(`${P}.consent`)}
          hint={t(`${P}.consentHint`)}
          name="consentId"
          options={[
            ...d.consents.map((c) => ({
              value: c.id,
              label: t(`${P}.consentOption`, {
                purpose: t(`common.consent.purposes.${c.purpose}`),
                recipients: c.recipients,
              }),
              hint: t(`${P}.consentCovers`, {
                categories: c.categories.map((k) => t(`common.consent.categories.${k}`)).join(', '),
                date: c.expires,
              }),
            })),
            { value: 'new', label: t(`${P}.consentNew`), hint: t(`${P}.consentNewHint`) },
          ]}
          defaultValue={consentDefault}
          errors={errors.consentId}
        />
        <RadioGroup
          legend={t(`${P}.newConsentChannel`)}
          hint={t(`${P}.newConsentChannelHint`)}
          name="newConsentChannel"
          options={STAFF_CHANNELS.map((c) => ({
            value: c,
            label: t(`common.consent.channels.${c}`),
          }))}
          defaultValue={v.newConsentChannel ?? 'assisted'}
          errors={errors.newConsentChannel}
        />
        <ChoicesFieldset
          type="checkbox"
          legend={t(`${P}.categories`)}
          hint={t(`${P}.categoriesHint`)}
          name="categories"
          options={DATA_CATEGORIES.map((c) => ({
            value: c,
            label: t(`common.consent.categories.${c}`),
          }))}
          isChecked={(value) => categories.includes(value)}
          errors={errors.categories}
        />
        <TextareaField
          label={t(`${P}.note`)}
          hint={t(`${P}.noteHint`)}
          name="note"
          maxLength={NOTE_MAX}
          defaultValue={v.note ?? ''}
          errors={errors.note}
        />
        <Field
          label={t(`${P}.deadline`)}
          hint={t(`${P}.deadlineHint`)}
          name="deadlineDays"
          inputMode="numeric"
          defaultValue={v.deadlineDays ?? String(DEFAULT_DEADLINE_DAYS)}
          errors={errors.deadlineDays}
        />
        <ChoicesFieldset
          type="checkbox"
          legend={t(`${P}.assistedLegend`)}
          name="assisted"
          options={[{ value: 'yes', label: t(`${P}.assisted`) }]}
          isChecked={() => v.assisted === 'yes'}
        />
        <button type="submit" className="button">
          {t(`${P}.submit`)}
        </button>
      </Form>
    </>
  )
}
