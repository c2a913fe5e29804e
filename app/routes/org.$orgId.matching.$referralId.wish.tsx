import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { recordAccess } from '~/modules/audit/audit.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { WishSchema } from '~/modules/matching/schemas'
import { GRID_DAYS, GRID_SLOTS, interestLabel, languageLabel } from '~/modules/matching/scoring'
import { getMatchContext, listAreas, saveWish } from '~/modules/matching/suggestions.server'
import { keptForm } from '~/modules/volunteers/kept'
import { INTERESTS, LANGUAGES } from '~/modules/volunteers/vocab'
import { CheckboxGroup } from '~/ui/checkbox-group'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'
import { TextareaField } from '~/ui/textarea-field'

// The citizen's wishes for a buddy, filled in by the coordinator together with the citizen. They
// sort the suggestions (…/matching/$referralId), which is where saving leads back to.

const P = 'pages.matching'
const LISTS = ['interests', 'languages', 'slot'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const found = await getMatchContext(ctx.db, orgId, params.referralId ?? '', ctx.now)
  if (!found) notFound()
  const { referral, wish } = found
  const areas = await listAreas(ctx.db, referral.municipalityId)
  await recordAccess(ctx, {
    citizenId: referral.citizenId,
    municipalityId: referral.municipalityId,
    recordType: 'referral',
    recordId: referral.id,
    page: `/org/${orgId}/matching/${referral.id}/wish`,
  })
  const t = getFixedT(detectLanguage(request))
  return {
    title: t(`${P}.wishPageTitle`),
    organisationId: orgId,
    referralId: referral.id,
    citizenName: referral.citizenName ?? t(`${P}.unnamed`),
    wish: {
      interests: wish?.interests ?? [],
      languages: wish?.languages ?? [],
      areaId: wish?.areaId ?? '',
      slots: Array.from({ length: 21 }, (_, bit) => bit)
        .filter((bit) => ((wish?.availability ?? 0) & (1 << bit)) !== 0)
        .map(String),
      gender: wish?.gender ?? '',
      prefersGender: wish?.prefersGender ?? '',
      wantsLivedExperience: wish?.wantsLivedExperience ?? false,
      note: wish?.note ?? '',
    },
    areas: areas.map((a) => ({ value: a.id, label: a.name })),
    interests: INTERESTS.map((c) => ({ value: c, label: interestLabel(t, c) })),
    languages: LANGUAGES.map((c) => ({ value: c, label: languageLabel(t, c) })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const referralId = params.referralId ?? ''
  const form = await request.formData()
  const parsed = parseForm(WishSchema, form)
  if (!parsed.ok)
    return data({ errors: parsed.errors, kept: keptForm(form, LISTS) }, { status: 400 })
  if (!(await saveWish(ctx, orgId, referralId, parsed.data))) notFound()
  return redirect(`/org/${orgId}/matching/${referralId}?done=wish`)
}

export default function MatchWish() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  // After a refused save, the form shows what was sent, not what is stored.
  const kept = failed?.kept
  const value = (name: string, stored: string) => (kept ? (kept.values[name] ?? '') : stored)
  const list = (name: (typeof LISTS)[number], stored: string[]) =>
    kept ? (kept.lists[name] ?? []) : stored
  const slots = list('slot', d.wish.slots)
  return (
    <>
      <p>
        <Link to={`/org/${d.organisationId}/matching/${d.referralId}`}>
          {t(`${P}.backToSuggestions`)}
        </Link>
      </p>
      <h1>{t(`${P}.wishHeading`, { name: d.citizenName })}</h1>
      <p>{t(`${P}.wishLead`)}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="wish" />
        <CheckboxGroup
          legend={t(`${P}.fields.interests`)}
          name="interests"
          options={d.interests}
          checked={list('interests', d.wish.interests)}
          className="checkboxes--columns"
        />
        <CheckboxGroup
          legend={t(`${P}.fields.languages`)}
          name="languages"
          options={d.languages}
          checked={list('languages', d.wish.languages)}
          className="checkboxes--columns"
        />
        <SelectField
          label={t(`${P}.fields.wishArea`)}
          name="areaId"
          options={d.areas}
          defaultValue={value('areaId', d.wish.areaId)}
          placeholder={t(`${P}.fields.anyArea`)}
        />
        <fieldset className="fieldset availability-grid">
          <legend className="field__label">{t(`${P}.fields.availability`)}</legend>
          {GRID_DAYS.map((day, i) => (
            <CheckboxGroup
              key={day}
              legend={t(`common.weekdays.${day}`)}
              name="slot"
              options={GRID_SLOTS.map((slot, s) => ({
                value: String(i * 3 + s),
                label: t(`common.course.slots.${slot}`),
              }))}
              checked={slots}
            />
          ))}
        </fieldset>
        <RadioGroup
          legend={t(`${P}.fields.gender`)}
          name="gender"
          defaultValue={value('gender', d.wish.gender)}
          options={['', 'woman', 'man', 'other'].map((g) => ({
            value: g,
            label: t(`${P}.gender.${g || 'unstated'}`),
          }))}
        />
        <RadioGroup
          legend={t(`${P}.fields.prefersGender`)}
          name="prefersGender"
          defaultValue={value('prefersGender', d.wish.prefersGender)}
          options={['', 'woman', 'man'].map((g) => ({
            value: g,
            label: t(`${P}.prefersGender.${g || 'any'}`),
          }))}
        />
        <CheckboxGroup
          legend={t(`${P}.fields.livedExperienceLegend`)}
          name="wantsLivedExperience"
          options={[{ value: '1', label: t(`${P}.fields.livedExperience`) }]}
          checked={
            value('wantsLivedExperience', d.wish.wantsLivedExperience ? '1' : '') === '1'
              ? ['1']
              : []
          }
        />
        <TextareaField
          label={t(`${P}.fields.wishNote`)}
          hint={t(`${P}.fields.wishNoteHint`)}
          name="note"
          maxLength={500}
          defaultValue={value('note', d.wish.note)}
          errors={errors.note}
        />
        <button type="submit" className="button">
          {t(`${P}.saveWish`)}
        </button>
      </Form>
    </>
  )
}
