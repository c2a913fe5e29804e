import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { INTERESTS, LANGUAGES } from '~/modules/volunteers/vocab'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { recordAccess } from '~/modules/audit/audit.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { proposeMatch } from '~/modules/matching/courses.server'
import { MatchPageSchema } from '~/modules/matching/schemas'
import {
  GRID_DAYS,
  GRID_SLOTS,
  interestLabel,
  languageLabel,
  reasonParts,
} from '~/modules/matching/scoring'
import {
  getWish,
  listAreas,
  listSuggestions,
  saveWish,
} from '~/modules/matching/suggestions.server'
import { CheckboxGroup } from '~/ui/checkbox-group'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'
import { TextareaField } from '~/ui/textarea-field'

// Suggestions for one citizen waiting for a buddy: the citizen's wishes, the ranked volunteers
// with their reasons in words, and "Foreslå" for each.

const P = 'pages.matching'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const found = await listSuggestions(ctx, orgId, params.referralId ?? '')
  if (!found) notFound()
  const t = getFixedT(detectLanguage(request))
  const { referral } = found
  const [wish, areas] = await Promise.all([
    getWish(ctx.db, referral.id),
    listAreas(ctx.db, referral.municipalityId),
  ])
  await recordAccess(ctx, {
    citizenId: referral.citizenId,
    municipalityId: referral.municipalityId,
    recordType: 'referral',
    recordId: referral.id,
    page: `/org/${orgId}/matching/${referral.id}`,
  })
  const saved = new URL(request.url).searchParams.get('done') === 'wish'
  return {
    title: t(`${P}.metaTitle`),
    organisationId: orgId,
    saved,
    citizen: {
      name: referral.citizenName ?? t(`${P}.unnamed`),
      birthYear: referral.birthYear,
      area: referral.areaName,
      note: referral.referralNote,
    },
    wish: {
      interests: wish?.interests ?? [],
      languages: wish?.languages ?? [],
      areaId: wish?.areaId ?? '',
      slots: Array.from({ length: 21 }, (_, bit) => bit).filter(
        (bit) => ((wish?.availability ?? 0) & (1 << bit)) !== 0,
      ),
      gender: wish?.gender ?? '',
      prefersGender: wish?.prefersGender ?? '',
      wantsLivedExperience: wish?.wantsLivedExperience ?? false,
      note: wish?.note ?? '',
    },
    areas: areas.map((a) => ({ value: a.id, label: a.name })),
    interests: INTERESTS.map((c) => ({ value: c, label: interestLabel(t, c) })),
    languages: LANGUAGES.map((c) => ({ value: c, label: languageLabel(t, c) })),
    suggestions: found.suggestions.map((s) => ({
      applicationId: s.applicationId,
      name: s.name,
      score: s.score,
      reasons: reasonParts(t, s).join(' · ') || t(`${P}.noReasons`),
      load: t(`${P}.load`, { open: s.openCourses, capacity: s.capacity }),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const referralId = params.referralId ?? ''
  const parsed = parseForm(MatchPageSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const input = parsed.data
  if (input.intent === 'wish') {
    if (!(await saveWish(ctx, orgId, referralId, input))) notFound()
    return redirect(`/org/${orgId}/matching/${referralId}?done=wish`)
  }
  const result = await proposeMatch(ctx, orgId, referralId, input.applicationId, {
    origin: publicOrigin(request),
  })
  if (!result.ok) {
    if (result.reason === 'notFound') notFound()
    return data(
      { errors: { '': [`${P}.errors.${result.reason}`] }, values: {} as Record<string, string> },
      { status: 400 },
    )
  }
  kickOutbox()
  return redirect(`/org/${orgId}/courses/${result.courseId}?done=proposed`)
}

export default function MatchSuggestions() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values = failed?.values ?? {}
  const wishFailed = values.intent === 'wish'
  const days = GRID_DAYS.map((day, i) => ({ day, i }))
  return (
    <>
      <p>
        <Link to={`/org/${d.organisationId}/courses`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { name: d.citizen.name })}</h1>
      {d.saved && !failed ? (
        <p className="notice" role="status">
          {t(`${P}.wishSaved`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        {d.citizen.birthYear ? (
          <>
            <dt>{t(`${P}.fields.birthYear`)}</dt>
            <dd>{d.citizen.birthYear}</dd>
          </>
        ) : null}
        {d.citizen.area ? (
          <>
            <dt>{t(`${P}.fields.area`)}</dt>
            <dd>{d.citizen.area}</dd>
          </>
        ) : null}
        {d.citizen.note ? (
          <>
            <dt>{t(`${P}.fields.note`)}</dt>
            <dd>{d.citizen.note}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="suggestions-title">
        <h2 id="suggestions-title">{t(`${P}.suggestionsTitle`)}</h2>
        <p>{t(`${P}.suggestionsLead`)}</p>
        {d.suggestions.length === 0 ? (
          <p className="notice">{t(`${P}.none`)}</p>
        ) : (
          <ol className="suggestions">
            {d.suggestions.map((s) => (
              <li key={s.applicationId} className="suggestion">
                <h3 className="suggestion__name">{s.name}</h3>
                <p>
                  <span className="suggestion__score">{t(`${P}.score`, { score: s.score })}</span> ·{' '}
                  {s.reasons}
                </p>
                <p className="muted-line">{s.load}</p>
                <Form method="post">
                  <input type="hidden" name="intent" value="propose" />
                  <input type="hidden" name="applicationId" value={s.applicationId} />
                  <button type="submit" className="button">
                    {t(`${P}.propose`, { name: s.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="wish-title">
        <h2 id="wish-title">{t(`${P}.wishTitle`)}</h2>
        <p>{t(`${P}.wishLead`)}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="wish" />
          <CheckboxGroup
            legend={t(`${P}.fields.interests`)}
            name="interests"
            options={d.interests}
            checked={d.wish.interests}
            className="checkboxes--columns"
          />
          <CheckboxGroup
            legend={t(`${P}.fields.languages`)}
            name="languages"
            options={d.languages}
            checked={d.wish.languages}
            className="checkboxes--columns"
          />
          <SelectField
            label={t(`${P}.fields.wishArea`)}
            name="areaId"
            options={d.areas}
            defaultValue={d.wish.areaId}
            placeholder={t(`${P}.fields.anyArea`)}
          />
          <fieldset className="fieldset availability-grid">
            <legend className="field__label">{t(`${P}.fields.availability`)}</legend>
            {days.map(({ day, i }) => (
              <CheckboxGroup
                key={day}
                legend={t(`common.weekdays.${day}`)}
                name="slot"
                options={GRID_SLOTS.map((slot, s) => ({
                  value: String(i * 3 + s),
                  label: t(`common.course.slots.${slot}`),
                }))}
                checked={d.wish.slots.map(String)}
              />
            ))}
          </fieldset>
          <RadioGroup
            legend={t(`${P}.fields.gender`)}
            name="gender"
            defaultValue={d.wish.gender}
            options={['', 'woman', 'man', 'other'].map((g) => ({
              value: g,
              label: t(`${P}.gender.${g || 'unstated'}`),
            }))}
          />
          <RadioGroup
            legend={t(`${P}.fields.prefersGender`)}
            name="prefersGender"
            defaultValue={d.wish.prefersGender}
            options={['', 'woman', 'man'].map((g) => ({
              value: g,
              label: t(`${P}.prefersGender.${g || 'any'}`),
            }))}
          />
          <CheckboxGroup
            legend={t(`${P}.fields.livedExperienceLegend`)}
            name="wantsLivedExperience"
            options={[{ value: '1', label: t(`${P}.fields.livedExperience`) }]}
            checked={d.wish.wantsLivedExperience ? ['1'] : []}
          />
          <TextareaField
            label={t(`${P}.fields.wishNote`)}
            hint={t(`${P}.fields.wishNoteHint`)}
            name="note"
            maxLength={500}
            defaultValue={wishFailed ? values.note : d.wish.note}
            errors={errors.note}
          />
          <button type="submit" className="button button--secondary">
            {t(`${P}.saveWish`)}
          </button>
        </Form>
      </section>
    </>
  )
}
