import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { getCitizenForCaseworker } from '~/modules/citizens/citizens.server'
import { listRecipientChoices, recordConsent } from '~/modules/consent/consents.server'
import {
  DATA_CATEGORIES,
  DEFAULT_CONSENT_MONTHS,
  PURPOSES,
  STAFF_CHANNELS,
} from '~/modules/consent/rules'
import { RecordConsentSchema } from '~/modules/consent/schemas'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { ChoicesFieldset } from '~/ui/choices'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'

const MONTHS = ['3', '6', '12', '24']

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const id = params.citizenId ?? ''
  const citizen = await getCitizenForCaseworker(ctx, id, `/case/citizens/${id}/consents/new`)
  if (!citizen || citizen.anonymised) notFound()
  const t = getFixedT(detectLanguage(request))
  const url = new URL(request.url)
  return {
    title: t('pages.case.consent.new.metaTitle', { name: citizen.chosenName }),
    citizen: { id: citizen.id, name: citizen.chosenName },
    assistant: ctx.actor.displayName,
    organisations: (await listRecipientChoices(ctx.db)).map((o) => ({
      value: o.id,
      label: o.name,
    })),
    preset: {
      organisationId: url.searchParams.get('organisationId') ?? '',
      purpose: url.searchParams.get('purpose') ?? '',
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const form = await request.formData()
  const lists = {
    recipients: form.getAll('recipients').map(String),
    categories: form.getAll('categories').map(String),
  }
  const parsed = parseForm(RecordConsentSchema, form)
  if (!parsed.ok)
    return data({ errors: parsed.errors, values: parsed.values, lists }, { status: 400 })
  const result = await recordConsent(ctx, params.citizenId ?? '', parsed.data)
  if (!result) notFound()
  if (!result.ok)
    return data(
      { errors: result.errors, values: Object.fromEntries(form) as Record<string, string>, lists },
      { status: 400 },
    )
  const back = new URL(request.url).searchParams.get('returnTo')
  if (back && back.startsWith('/case/referrals/new'))
    return redirect(`${back}${back.includes('?') ? '&' : '?'}consentId=${result.id}`)
  return redirect(`/case/citizens/${params.citizenId}/consents/${result.id}?done=recorded`)
}

export default function RecordConsent() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const v = (failed?.values ?? {}) as Record<string, string>
  const recipients =
    failed?.lists.recipients ?? (d.preset.organisationId ? [d.preset.organisationId] : [])
  const categories = failed?.lists.categories ?? ['name', 'language']
  const P = 'pages.case.consent.new'
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
        <RadioGroup
          legend={t(`${P}.purpose`)}
          name="purpose"
          options={PURPOSES.map((p) => ({
            value: p,
            label: t(`common.consent.purposes.${p}`),
            hint: t(`common.consent.wording.${p}`),
          }))}
          defaultValue={v.purpose ?? (d.preset.purpose || 'referral')}
          errors={errors.purpose}
        />
        <ChoicesFieldset
          type="checkbox"
          legend={t(`${P}.recipients`)}
          hint={t(`${P}.recipientsHint`)}
          name="recipients"
          options={d.organisations}
          isChecked={(value) => recipients.includes(value)}
          errors={errors.recipients}
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
        <RadioGroup
          legend={t(`${P}.channel`)}
          name="channel"
          options={STAFF_CHANNELS.map((c) => ({
            value: c,
            label: t(`common.consent.channels.${c}`),
            hint: t(`${P}.channelHints.${c}`, { name: d.assistant }),
          }))}
          defaultValue={v.channel ?? 'assisted'}
          errors={errors.channel}
        />
        <SelectField
          label={t(`${P}.months`)}
          name="months"
          options={MONTHS.map((m) => ({
            value: m,
            label: t(`${P}.monthsOption`, { count: Number(m) }),
          }))}
          defaultValue={v.months ?? String(DEFAULT_CONSENT_MONTHS)}
          errors={errors.months}
        />
        <ChoicesFieldset
          type="checkbox"
          legend={t(`${P}.confirm`)}
          name="confirmed"
          options={[{ value: 'yes', label: t(`${P}.confirmLabel`) }]}
          isChecked={() => v.confirmed === 'yes'}
          errors={errors.confirmed}
        />
        <button type="submit" className="button">
          {t(`${P}.submit`)}
        </button>
      </Form>
    </>
  )
}
