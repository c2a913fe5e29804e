import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import {
  getVolunteerSettings,
  saveVolunteerSettings,
} from '~/modules/volunteers/coordinator.server'
import { keptForm } from '~/modules/volunteers/kept'
import { SettingsSchema } from '~/modules/volunteers/schemas'
import { VOLUNTEER_ROLES } from '~/modules/volunteers/vocab'
import { CheckboxesField } from '~/ui/checkbox-field'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'

// Which roles the organisation takes volunteers for (shown on /volunteer), which screening
// requirements apply, and how many months each stays valid (empty: it does not expire).

const P = 'pages.orgVolunteers.settings'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const t = getFixedT(detectLanguage(request))
  const settings = await getVolunteerSettings(ctx, orgId)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  return {
    title: t(`${P}.metaTitle`, { organisation: organisation.organisationName }),
    organisation: { id: orgId, name: organisation.organisationName },
    saved: new URL(request.url).searchParams.get('done') === 'saved',
    settings,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const form = await request.formData()
  const parsed = parseForm(SettingsSchema, form)
  if (!parsed.ok)
    return data(
      { errors: parsed.errors, kept: keptForm(form, ['roles', 'requirements']) },
      { status: 400 },
    )
  await saveVolunteerSettings(ctx, orgId, parsed.data)
  return redirect(`/org/${orgId}/volunteers/settings?done=saved`)
}

export default function VolunteerSettings() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const kept = actionData?.kept
  const roles = kept?.lists.roles ?? d.settings.roles
  const chosen =
    kept?.lists.requirements ?? d.settings.requirements.filter((r) => r.enabled).map((r) => r.kind)
  const S = 'common.volunteer'
  return (
    <>
      <p>
        <Link to={`/org/${d.organisation.id}/volunteers`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      {d.saved && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.saved`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CheckboxesField
          legend={t(`${P}.roles`)}
          hint={t(`${P}.rolesHint`)}
          name="roles"
          checked={roles}
          errors={errors.roles}
          options={VOLUNTEER_ROLES.map((r) => ({ value: r, label: t(`${S}.roles.${r}`) }))}
        />
        <fieldset className="fieldset field">
          <legend className="field__label">{t(`${P}.requirements`)}</legend>
          <p className="field__hint">{t(`${P}.requirementsHint`)}</p>
          {d.settings.requirements.map((r, i) => (
            <div key={r.kind} className="requirement-setting">
              <div className="checkbox">
                <input
                  type="checkbox"
                  id={i === 0 ? 'field-requirements' : `field-requirements-${r.kind}`}
                  name="requirements"
                  value={r.kind}
                  defaultChecked={chosen.includes(r.kind)}
                  className="checkbox__input"
                />
                <label
                  htmlFor={i === 0 ? 'field-requirements' : `field-requirements-${r.kind}`}
                  className="checkbox__label"
                >
                  {t(`${S}.requirements.${r.kind}`)}
                </label>
              </div>
              <Field
                label={t(`${P}.months`, { requirement: t(`${S}.requirements.${r.kind}`) })}
                hint={t(`${P}.monthsHint`)}
                name={`months_${r.kind}`}
                inputMode="numeric"
                className="field--short"
                defaultValue={kept?.values[`months_${r.kind}`] ?? r.validMonths?.toString() ?? ''}
                errors={errors[`months_${r.kind}`]}
              />
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t(`${P}.save`)}
        </button>
      </Form>
    </>
  )
}
