import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { clientIpHash, getOptionalCtx } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import {
  applySignedIn,
  applyWithEmail,
  listVolunteerOrganisations,
} from '~/modules/volunteers/applications.server'
import { AvailabilityGrid } from '~/modules/volunteers/availability-grid'
import { keptForm, type Kept } from '~/modules/volunteers/kept'
import { getOwnProfile, listAreasByMunicipality } from '~/modules/volunteers/profile.server'
import {
  INTEREST_WORDS_MAX,
  MOTIVATION_MAX,
  NAME_MAX,
  VolunteerProfileSchema,
  VolunteerSignupSchema,
} from '~/modules/volunteers/schemas'
import {
  CAPACITY_MAX,
  fromAvailability,
  INTERESTS,
  LANGUAGES,
  VOLUNTEER_ROLES,
} from '~/modules/volunteers/vocab'
import { CheckboxesField, CheckboxField } from '~/ui/checkbox-field'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'
import { TextareaField } from '~/ui/textarea-field'

// Public: anyone may offer to volunteer. Signed-in people apply at once; others get an e-mail
// with a link that confirms the address (the same answer whether or not it has an account).

const P = 'pages.volunteer.signup'
const LISTS = ['organisationIds', 'roles', 'interests', 'languages', 'availability'] as const

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-cache' })

export async function loader({ request }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const db = await getDb()
  const ctx = await getOptionalCtx(request)
  const [organisations, areas, profile] = await Promise.all([
    listVolunteerOrganisations(db),
    listAreasByMunicipality(db),
    ctx ? getOwnProfile(ctx) : Promise.resolve(null),
  ])
  const url = new URL(request.url)
  return {
    title: t(`${P}.metaTitle`),
    sent: url.searchParams.get('sent') === '1',
    organisations,
    areas,
    signedIn: ctx ? { name: ctx.actor.displayName, email: ctx.actor.email } : null,
    // Prefilled from the person's profile, if they have one.
    prefill: profile
      ? ({
          values: {
            interestWords: profile.interest_words.join(', '),
            areaId: profile.area_id ?? '',
            prefersGender: profile.prefers_gender ?? '',
            prefersAgeMin: profile.prefers_age_min?.toString() ?? '',
            prefersAgeMax: profile.prefers_age_max?.toString() ?? '',
            capacity: String(profile.capacity),
            livedExperience: profile.lived_experience ? 'yes' : '',
            motivation: profile.motivation ?? '',
          },
          lists: {
            organisationIds: [],
            roles: [],
            interests: profile.interests,
            languages: profile.languages,
            availability: fromAvailability(profile.availability).map(String),
          },
        } satisfies Kept)
      : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type ActionData = { errors: Record<string, string[]>; kept: Kept }

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const ctx = await getOptionalCtx(request)
  const kept = keptForm(form, LISTS)
  const origin = publicOrigin(request)
  if (ctx) {
    const parsed = parseForm(VolunteerProfileSchema, form)
    if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, kept }, { status: 400 })
    const result = await applySignedIn(ctx, parsed.data, { origin })
    if (!result.ok)
      return data<ActionData>({ errors: result.errors, kept }, { status: result.status })
    kickOutbox()
    return redirect('/volunteer/me?done=applied')
  }
  const parsed = parseForm(VolunteerSignupSchema, form)
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, kept }, { status: 400 })
  const now = new Date()
  const result = await applyWithEmail(await getDb(), parsed.data, {
    now,
    ipHash: clientIpHash(request),
    language: detectLanguage(request),
    origin,
  })
  if (!result.ok)
    return data<ActionData>({ errors: result.errors, kept }, { status: result.status })
  kickOutbox()
  return redirect('/volunteer?sent=1')
}

export default function VolunteerSignup() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const kept: Kept = actionData?.kept ?? d.prefill ?? { values: {}, lists: {} }
  const v = (name: string) => kept.values[name] ?? ''
  const l = (name: string) => kept.lists[name] ?? []
  const R = 'common.volunteer.roles'
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.sent && !actionData ? (
        <div className="notice" role="status">
          <h2>{t(`${P}.sent.title`)}</h2>
          <p>{t(`${P}.sent.body`)}</p>
        </div>
      ) : null}

      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{t(`${P}.rolesTitle`)}</h2>
        <dl className="summary-list">
          {VOLUNTEER_ROLES.map((r) => (
            <div key={r} className="volunteer-role">
              <dt>{t(`${R}.${r}`)}</dt>
              <dd>{t(`common.volunteer.roleText.${r}`)}</dd>
            </div>
          ))}
        </dl>
        <p>{t(`${P}.howItGoes`)}</p>
      </section>

      <h2 id="form-title">{t(`${P}.formTitle`)}</h2>
      {d.signedIn ? (
        <p>{t(`${P}.signedInAs`, { name: d.signedIn.name })}</p>
      ) : (
        <p>
          {t(`${P}.haveAccount`)} <Link to="/login?redirectTo=%2Fvolunteer">{t(`${P}.login`)}</Link>
        </p>
      )}
      <ErrorSummary errors={errors} />
      {d.organisations.length === 0 ? (
        <p>{t(`${P}.noOrganisations`)}</p>
      ) : (
        <Form method="post" noValidate aria-labelledby="form-title" className="volunteer-form">
          <CheckboxesField
            legend={t(`${P}.organisations`)}
            hint={t(`${P}.organisationsHint`)}
            name="organisationIds"
            checked={l('organisationIds')}
            errors={errors.organisationIds}
            options={d.organisations.map((o) => ({
              value: o.id,
              label: o.name,
              hint: [o.municipality, o.roles.map((r) => t(`${R}.${r}`)).join(', ')]
                .filter(Boolean)
                .join(' · '),
            }))}
          />
          <CheckboxesField
            legend={t(`${P}.roles`)}
            hint={t(`${P}.rolesHint`)}
            name="roles"
            checked={l('roles')}
            errors={errors.roles}
            options={VOLUNTEER_ROLES.map((r) => ({ value: r, label: t(`${R}.${r}`) }))}
          />
          <CheckboxesField
            legend={t(`${P}.interests`)}
            name="interests"
            checked={l('interests')}
            errors={errors.interests}
            options={INTERESTS.map((i) => ({
              value: i,
              label: t(`common.volunteer.interests.${i}`),
            }))}
          />
          <Field
            label={t(`${P}.interestWords`)}
            hint={t(`${P}.interestWordsHint`)}
            name="interestWords"
            maxLength={INTEREST_WORDS_MAX}
            defaultValue={v('interestWords')}
            errors={errors.interestWords}
          />
          <CheckboxesField
            legend={t(`${P}.languages`)}
            name="languages"
            checked={l('languages')}
            errors={errors.languages}
            options={LANGUAGES.map((code) => ({
              value: code,
              label: t(`common.volunteer.languages.${code}`),
            }))}
          />
          <div className={['field', errors.areaId ? 'field--error' : ''].filter(Boolean).join(' ')}>
            <label htmlFor="field-areaId" className="field__label">
              {t(`${P}.area`)}
            </label>
            <p id="field-areaId-hint" className="field__hint">
              {t(`${P}.areaHint`)}
            </p>
            {errors.areaId ? (
              <p id="field-areaId-error" className="field__error">
                {errors.areaId.join(' ')}
              </p>
            ) : null}
            <select
              id="field-areaId"
              name="areaId"
              defaultValue={v('areaId')}
              aria-invalid={errors.areaId ? true : undefined}
              aria-describedby={['field-areaId-hint', errors.areaId ? 'field-areaId-error' : '']
                .filter(Boolean)
                .join(' ')}
            >
              <option value="">{t(`${P}.areaNone`)}</option>
              {d.areas.map((m) => (
                <optgroup key={m.id} label={m.name}>
                  {m.areas.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <AvailabilityGrid
            name="availability"
            legend={t(`${P}.availability`)}
            hint={t(`${P}.availabilityHint`)}
            checked={l('availability').map(Number)}
          />
          <RadioGroup
            legend={t(`${P}.capacity`)}
            hint={t(`${P}.capacityHint`)}
            name="capacity"
            defaultValue={v('capacity') || '1'}
            errors={errors.capacity}
            options={Array.from({ length: CAPACITY_MAX }, (_, i) => ({
              value: String(i + 1),
              label: t(`${P}.capacityOption`, { count: i + 1 }),
            }))}
          />
          <fieldset className="fieldset field">
            <legend className="field__label">{t(`${P}.preferences`)}</legend>
            <p className="field__hint">{t(`${P}.preferencesHint`)}</p>
            <RadioGroup
              legend={t(`${P}.prefersGender`)}
              name="prefersGender"
              defaultValue={v('prefersGender')}
              errors={errors.prefersGender}
              options={[
                { value: '', label: t(`${P}.noPreference`) },
                { value: 'woman', label: t(`${P}.genderWoman`) },
                { value: 'man', label: t(`${P}.genderMan`) },
              ]}
            />
            <div className="field-row">
              <Field
                label={t(`${P}.prefersAgeMin`)}
                name="prefersAgeMin"
                inputMode="numeric"
                className="field--short"
                defaultValue={v('prefersAgeMin')}
                errors={errors.prefersAgeMin}
              />
              <Field
                label={t(`${P}.prefersAgeMax`)}
                name="prefersAgeMax"
                inputMode="numeric"
                className="field--short"
                defaultValue={v('prefersAgeMax')}
                errors={errors.prefersAgeMax}
              />
            </div>
          </fieldset>
          <CheckboxField
            label={t(`${P}.livedExperience`)}
            hint={t(`${P}.livedExperienceHint`)}
            name="livedExperience"
            defaultChecked={v('livedExperience') === 'yes'}
            errors={errors.livedExperience}
          />
          <TextareaField
            label={t(`${P}.motivation`)}
            hint={t(`${P}.motivationHint`)}
            name="motivation"
            maxLength={MOTIVATION_MAX}
            defaultValue={v('motivation')}
            errors={errors.motivation}
          />
          {d.signedIn ? null : (
            <fieldset className="fieldset field">
              <legend className="field__label">{t(`${P}.contact`)}</legend>
              <Field
                label={t(`${P}.name`)}
                name="name"
                autoComplete="name"
                maxLength={NAME_MAX}
                defaultValue={v('name')}
                errors={errors.name}
              />
              <Field
                label={t(`${P}.email`)}
                hint={t(`${P}.emailHint`)}
                name="email"
                type="email"
                autoComplete="email"
                spellCheck={false}
                defaultValue={v('email')}
                errors={errors.email}
              />
              <Field
                label={t(`${P}.phone`)}
                name="phone"
                type="tel"
                autoComplete="tel"
                inputMode="tel"
                defaultValue={v('phone')}
                errors={errors.phone}
              />
            </fieldset>
          )}
          <CheckboxField
            label={t(`${P}.consent`)}
            hint={t(`${P}.consentHint`)}
            name="consent"
            defaultChecked={v('consent') === 'yes'}
            errors={errors.consent}
          />
          <button type="submit" className="button button--large">
            {t(`${P}.submit`)}
          </button>
        </Form>
      )}
    </>
  )
}
