import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { hasOrgRole } from '~/modules/identity/policy'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { utcToZoned } from '~/modules/activities/schedule'
import { transitionAsCoordinator } from '~/modules/volunteers/applications.server'
import { availabilityWords } from '~/modules/volunteers/availability-grid'
import { getVolunteerDetail, recordRequirement } from '~/modules/volunteers/coordinator.server'
import { dayText, durationText } from '~/modules/volunteers/format'
import { CoordinatorActionSchema, NOTE_MAX } from '~/modules/volunteers/schemas'
import { availableTransitions } from '~/modules/volunteers/transitions'
import { fromAvailability } from '~/modules/volunteers/vocab'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate, formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { SelectField } from '~/ui/select-field'

// One volunteer at the organisation: profile, requirements with who recorded them and when,
// the history of state changes, hours; the coordinator records screening steps and moves the
// application on. Reading it is logged (a volunteer's profile is personal data).

const P = 'pages.orgVolunteers.detail'
const DONE = [
  'recorded',
  'startScreening',
  'approve',
  'activate',
  'pause',
  'resume',
  'end',
  'reopen',
] as const
type Done = (typeof DONE)[number]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const detail = await getVolunteerDetail(ctx, orgId, params.applicationId ?? '')
  const { app } = detail
  const coordinator = hasOrgRole(ctx.actor, orgId, ['coordinator'])
  const done = new URL(request.url).searchParams.get('done')
  const S = 'common.volunteer'
  return {
    title: t(`${P}.metaTitle`, { name: app.display_name }),
    organisationId: orgId,
    coordinator,
    done: DONE.includes(done as Done) ? (done as Done) : null,
    today: utcToZoned(ctx.now).date,
    eligible: detail.eligible,
    volunteer: {
      id: app.id,
      name: app.display_name,
      email: app.email,
      phone: app.phone,
      state: app.state,
      stateReason: app.state_reason,
      daysInState: detail.daysInState,
      roles: app.roles,
      applied: formatDate(app.created_at, lng),
      interests: [
        ...app.interests.map((i) => t(`${S}.interests.${i}`)),
        ...app.interest_words,
      ].join(', '),
      languages: app.languages.map((l) => t(`${S}.languages.${l}`)).join(', '),
      area: app.area,
      availability: availabilityWords(t, fromAvailability(app.availability)),
      preferences: [
        app.prefers_gender ? t(`${P}.prefersGender.${app.prefers_gender}`) : null,
        app.prefers_age_min !== null || app.prefers_age_max !== null
          ? t(`${P}.prefersAge`, {
              min: app.prefers_age_min ?? 18,
              max: app.prefers_age_max ?? 120,
            })
          : null,
      ]
        .filter(Boolean)
        .join(', '),
      capacity: app.capacity,
      livedExperience: app.lived_experience,
      motivation: app.motivation,
      consent: app.consent_given_at
        ? t(`${P}.consentGiven`, {
            version: app.consent_version ?? '',
            date: formatDate(app.consent_given_at, lng),
          })
        : null,
    },
    transitions: coordinator ? availableTransitions(app.state, 'coordinator') : [],
    lines: detail.lines.map((l) => ({
      kind: l.kind,
      status: l.status,
      checkedOn: l.checkedOn ? dayText(l.checkedOn, lng) : null,
      expiresOn: l.expiresOn ? dayText(l.expiresOn, lng) : null,
    })),
    records: detail.records.map((r) => ({
      id: r.id,
      kind: r.kind,
      checkedOn: dayText(r.checked_on, lng),
      expiresOn: r.expires_on ? dayText(r.expires_on, lng) : null,
      by: r.recorded_by,
      at: formatDateTime(r.recorded_at, lng),
      note: r.note,
    })),
    events: detail.events.map((e) => ({
      id: String(e.id),
      type: e.type,
      at: formatDateTime(e.occurred_at, lng),
      by: e.actor,
      to: typeof e.data.to === 'string' ? e.data.to : null,
      kind: typeof e.data.kind === 'string' ? e.data.kind : null,
    })),
    hours: detail.hours.map((h) => ({
      id: h.id,
      date: dayText(h.worked_on, lng),
      activity: h.activity,
      logged: durationText(t, h.minutes),
      approved: h.approved_minutes !== null ? durationText(t, h.approved_minutes) : null,
      state: h.state,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator'])
  const applicationId = params.applicationId ?? ''
  const parsed = parseForm(CoordinatorActionSchema, await request.formData())
  if (!parsed.ok) {
    const record = parsed.values.intent === 'record'
    return data(
      {
        errors: record ? parsed.errors : { '': ['common.errors.badRequestTitle'] },
        values: record ? parsed.values : {},
      },
      { status: 400 },
    )
  }
  const input = parsed.data
  const origin = publicOrigin(request)
  const self = `/org/${orgId}/volunteers/${applicationId}`
  if (input.intent === 'record') {
    const result = await recordRequirement(ctx, orgId, applicationId, input, { origin })
    if (!result.ok)
      return data(
        {
          errors: result.errors,
          values: { kind: input.kind, checkedOn: input.checkedOn, note: input.note ?? '' },
        },
        { status: 400 },
      )
    kickOutbox()
    return redirect(`${self}?done=recorded`)
  }
  const result = await transitionAsCoordinator(ctx, orgId, applicationId, input.intent, {
    reason: input.reason,
    origin,
  })
  if (!result.ok) {
    if (result.reason === 'notFound') throw data(null, { status: 404 })
    return data(
      { errors: { '': [`pages.orgVolunteers.errors.${result.reason}`] }, values: {} },
      { status: 400 },
    )
  }
  kickOutbox()
  return redirect(`${self}?done=${input.intent}`)
}

export default function VolunteerDetail() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const v = d.volunteer
  const S = 'common.volunteer'
  const canRecord = d.coordinator && v.state !== 'ended' && d.lines.length > 0
  return (
    <>
      <p>
        <Link to={`/org/${d.organisationId}/volunteers`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{v.name}</h1>
      {d.done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl className="summary-list">
        <dt>{t(`${P}.state`)}</dt>
        <dd>
          <strong>{t(`${S}.states.${v.state}`)}</strong>
          <span className="muted-line">{t(`${P}.daysInState`, { count: v.daysInState })}</span>
        </dd>
        <dt>{t(`${P}.eligible`)}</dt>
        <dd>{d.eligible ? t(`${P}.eligibleYes`) : t(`${P}.eligibleNo`)}</dd>
        <dt>{t(`${P}.roles`)}</dt>
        <dd>{v.roles.map((r) => t(`${S}.roles.${r}`)).join(', ')}</dd>
        <dt>{t(`${P}.contact`)}</dt>
        <dd>{[v.email, v.phone].filter(Boolean).join(' · ') || t(`${P}.none`)}</dd>
        <dt>{t(`${P}.applied`)}</dt>
        <dd>{v.applied}</dd>
      </dl>

      {d.transitions.length > 0 ? (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">{t(`${P}.decideTitle`)}</h2>
          <div className="button-row">
            {d.transitions.map((name) => (
              <Form method="post" key={name}>
                <input type="hidden" name="intent" value={name} />
                <button
                  type="submit"
                  className={name === 'end' ? 'button button--warning' : 'button'}
                >
                  {t(`${P}.transitions.${name}`)}
                </button>
              </Form>
            ))}
          </div>
          {d.transitions.includes('approve') ? (
            <p className="field__hint">{t(`${P}.approveHint`)}</p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="requirements-title">
        <h2 id="requirements-title">{t(`${P}.requirementsTitle`)}</h2>
        {d.lines.length === 0 ? (
          <p>{t(`${P}.noRequirements`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.requirementsTitle`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.columns.requirement`)}</th>
                  <th scope="col">{t(`${P}.columns.status`)}</th>
                  <th scope="col">{t(`${P}.columns.checkedOn`)}</th>
                  <th scope="col">{t(`${P}.columns.expiresOn`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l) => (
                  <tr key={l.kind}>
                    <th scope="row">{t(`${S}.requirements.${l.kind}`)}</th>
                    <td>{t(`${S}.requirementStatus.${l.status}`, { date: l.expiresOn ?? '' })}</td>
                    <td>{l.checkedOn ?? '–'}</td>
                    <td>{l.expiresOn ?? t(`${P}.never`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canRecord ? (
          <Form method="post" noValidate aria-labelledby="record-title" className="card">
            <h3 id="record-title">{t(`${P}.recordTitle`)}</h3>
            <p className="field__hint">{t(`${P}.recordHint`)}</p>
            <input type="hidden" name="intent" value="record" />
            <SelectField
              label={t(`${P}.kind`)}
              name="kind"
              placeholder={t(`${P}.kindChoose`)}
              defaultValue={values.kind ?? ''}
              errors={errors.kind}
              options={d.lines.map((l) => ({
                value: l.kind,
                label: t(`${S}.requirements.${l.kind}`),
              }))}
            />
            <Field
              label={t(`${P}.checkedOn`)}
              hint={t(`${P}.checkedOnHint`)}
              name="checkedOn"
              type="date"
              max={d.today}
              className="field--short"
              defaultValue={values.checkedOn ?? d.today}
              errors={errors.checkedOn}
            />
            <Field
              label={t(`${P}.note`)}
              name="note"
              maxLength={NOTE_MAX}
              defaultValue={values.note ?? ''}
              errors={errors.note}
            />
            <button type="submit" className="button">
              {t(`${P}.record`)}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t(`${P}.profileTitle`)}</h2>
        <dl className="summary-list">
          <dt>{t(`${P}.interests`)}</dt>
          <dd>{v.interests || t(`${P}.none`)}</dd>
          <dt>{t(`${P}.languages`)}</dt>
          <dd>{v.languages || t(`${P}.none`)}</dd>
          <dt>{t(`${P}.area`)}</dt>
          <dd>{v.area ?? t(`${P}.none`)}</dd>
          <dt>{t(`${P}.availability`)}</dt>
          <dd>{v.availability || t(`${P}.none`)}</dd>
          <dt>{t(`${P}.capacity`)}</dt>
          <dd>{t(`${P}.capacityValue`, { count: v.capacity })}</dd>
          <dt>{t(`${P}.preferences`)}</dt>
          <dd>{v.preferences || t(`${P}.none`)}</dd>
          <dt>{t(`${P}.livedExperience`)}</dt>
          <dd>{v.livedExperience ? t(`${P}.yes`) : t(`${P}.no`)}</dd>
          <dt>{t(`${P}.motivation`)}</dt>
          <dd>{v.motivation ?? t(`${P}.none`)}</dd>
          <dt>{t(`${P}.consent`)}</dt>
          <dd>{v.consent ?? t(`${P}.none`)}</dd>
        </dl>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t(`${P}.historyTitle`)}</h2>
        <ul className="plain-list">
          {d.events.map((e) => (
            <li key={e.id}>
              <strong>
                {t(`${P}.events.${e.type.replace('volunteer.', '')}`, {
                  state: e.to ? t(`${S}.states.${e.to}`) : '',
                  requirement: e.kind ? t(`${S}.requirements.${e.kind}`) : '',
                })}
              </strong>
              <span className="muted-line">
                {e.at} · {e.by ?? t(`${P}.system`)}
              </span>
            </li>
          ))}
        </ul>
        {d.records.length > 0 ? (
          <>
            <h3>{t(`${P}.recordsTitle`)}</h3>
            <ul className="plain-list">
              {d.records.map((r) => (
                <li key={r.id}>
                  {t(`${P}.recordLine`, {
                    requirement: t(`${S}.requirements.${r.kind}`),
                    date: r.checkedOn,
                    by: r.by ?? '–',
                    at: r.at,
                  })}
                  {r.note ? <span className="muted-line">{r.note}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="hours-title">
        <h2 id="hours-title">{t(`${P}.hoursTitle`)}</h2>
        {d.hours.length === 0 ? (
          <p>{t(`${P}.noHours`)}</p>
        ) : (
          <ul className="plain-list">
            {d.hours.map((h) => (
              <li key={h.id}>
                {h.date} – {h.activity ?? t(`${P}.otherWork`)}: {h.approved ?? h.logged} (
                {t(`${S}.hoursStates.${h.state}`)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
