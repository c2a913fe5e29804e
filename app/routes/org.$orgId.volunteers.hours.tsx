import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { dayText, durationText } from '~/modules/volunteers/format'
import { listHoursToReview, reviewHours } from '~/modules/volunteers/hours.server'
import { ReviewHoursSchema } from '~/modules/volunteers/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'

// Hours logged by activity helpers, waiting for the coordinator: approve as logged, correct
// the time, or reject (kept on record).

const P = 'pages.orgVolunteers.hours'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const { waiting, reviewed } = await listHoursToReview(ctx, orgId)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  const row = (h: (typeof waiting)[number]) => ({
    id: h.id,
    applicationId: h.application_id,
    volunteer: h.volunteer,
    date: dayText(h.worked_on, lng),
    activity: h.activity,
    logged: durationText(t, h.minutes),
    approved: h.approved_minutes !== null ? durationText(t, h.approved_minutes) : null,
    state: h.state,
    note: h.note,
  })
  return {
    title: t(`${P}.metaTitle`, { organisation: organisation.organisationName }),
    organisation: { id: orgId, name: organisation.organisationName },
    done: new URL(request.url).searchParams.get('done') === 'reviewed',
    waiting: waiting.map(row),
    reviewed: reviewed.map(row),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const form = await request.formData()
  const parsed = parseForm(ReviewHoursSchema, form)
  if (!parsed.ok) {
    const id = String(form.get('hoursId') ?? '')
    return data(
      { errors: { [`hours-${id}`]: Object.values(parsed.errors).flat() }, values: parsed.values },
      { status: 400 },
    )
  }
  const result = await reviewHours(ctx, orgId, parsed.data, { origin: publicOrigin(request) })
  if (!result.ok) return data({ errors: result.errors, values: {} }, { status: 400 })
  kickOutbox()
  return redirect(`/org/${orgId}/volunteers/hours?done=reviewed`)
}

export default function ReviewHours() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const base = `/org/${d.organisation.id}/volunteers`
  return (
    <>
      <p>
        <Link to={base}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      {d.done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t(`${P}.waitingTitle`)}</h2>
        {d.waiting.length === 0 ? (
          <p>{t(`${P}.noneWaiting`)}</p>
        ) : (
          d.waiting.map((h) => {
            const what = t(`${P}.what`, {
              volunteer: h.volunteer,
              date: h.date,
              duration: h.logged,
            })
            return (
              <section key={h.id} className="card" aria-labelledby={`hours-${h.id}-title`}>
                <h3 id={`hours-${h.id}-title`}>{what}</h3>
                <p>
                  {h.activity ?? t(`${P}.otherWork`)}
                  {h.note ? <span className="muted-line">{h.note}</span> : null}
                </p>
                <div className="button-row">
                  <Form method="post">
                    <input type="hidden" name="intent" value="approve" />
                    <input type="hidden" name="hoursId" value={h.id} />
                    <button type="submit" className="button">
                      {t(`${P}.approve`)}
                      <span className="visually-hidden">{`: ${what}`}</span>
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="reject" />
                    <input type="hidden" name="hoursId" value={h.id} />
                    <button type="submit" className="button button--secondary">
                      {t(`${P}.reject`)}
                      <span className="visually-hidden">{`: ${what}`}</span>
                    </button>
                  </Form>
                </div>
                <Form method="post" noValidate className="inline-form">
                  <input type="hidden" name="intent" value="correct" />
                  <input type="hidden" name="hoursId" value={h.id} />
                  <fieldset className="fieldset">
                    <legend className="field__label">{t(`${P}.correct`)}</legend>
                    {errors[`hours-${h.id}`] ? (
                      <p id={`field-hours-${h.id}`} className="field__error" tabIndex={-1}>
                        {errors[`hours-${h.id}`]!.join(' ')}
                      </p>
                    ) : null}
                    <div className="field-row">
                      <Field
                        label={t(`${P}.hours`)}
                        name="hours"
                        id={`hours-${h.id}-h`}
                        inputMode="numeric"
                        className="field--short"
                      />
                      <Field
                        label={t(`${P}.minutes`)}
                        name="minutes"
                        id={`hours-${h.id}-m`}
                        inputMode="numeric"
                        className="field--short"
                      />
                    </div>
                    <button type="submit" className="button button--secondary">
                      {t(`${P}.saveCorrection`)}
                      <span className="visually-hidden">{`: ${what}`}</span>
                    </button>
                  </fieldset>
                </Form>
              </section>
            )
          })
        )}
      </section>
      <section aria-labelledby="reviewed-title">
        <h2 id="reviewed-title">{t(`${P}.reviewedTitle`)}</h2>
        {d.reviewed.length === 0 ? (
          <p>{t(`${P}.noneReviewed`)}</p>
        ) : (
          <ul className="plain-list">
            {d.reviewed.map((h) => (
              <li key={h.id}>
                {t(`${P}.what`, {
                  volunteer: h.volunteer,
                  date: h.date,
                  duration: h.approved ?? h.logged,
                })}{' '}
                – {t(`common.volunteer.hoursStates.${h.state}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
