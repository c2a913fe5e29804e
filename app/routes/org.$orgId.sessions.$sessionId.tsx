import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  addToHeadcount,
  closeKiosk,
  getSessionForStaff,
  listSessionSignups,
  openKiosk,
  recordCheckins,
  setHeadcount,
} from '~/modules/activities/attendance.server'
import { deadlineText, sessionWhen } from '~/modules/activities/session-format'
import { SessionStaffActionSchema } from '~/modules/activities/signup-schemas'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'

// The organisation's page for one session: who signed up, named check-in for those who
// consented, the anonymous headcount, feedback and the kiosk link. Coordinators and staff of
// the activity's organisation only; reading the list is audited.

const P = 'pages.attendance'
const DONE = ['checkins', 'headcount', 'plusOne', 'kioskClosed'] as const
type Done = (typeof DONE)[number]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  const sessionId = params.sessionId ?? ''
  const session = await getSessionForStaff(ctx, orgId, sessionId)
  if (!session) throw data(null, { status: 404 })
  const url = new URL(request.url)
  const signups = await listSessionSignups(ctx, orgId, sessionId, url.pathname)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const done = url.searchParams.get('done')
  const placed = signups.filter((s) => s.state !== 'waitlisted')
  return {
    title: t(`${P}.metaTitle`, { activity: session.title }),
    orgId,
    session: {
      title: session.title,
      activityId: session.activityId,
      when: sessionWhen(t, lng, session.startsAt, session.endsAt),
      capacity: session.capacity,
      cancelled: session.cancelled,
      started: session.started,
      headcount: session.headcount,
      feedback: session.feedback,
      kioskUntil: session.kiosk ? deadlineText(t, lng, session.kiosk.expiresAt) : null,
    },
    counts: {
      placed: placed.length,
      waiting: signups.length - placed.length,
      attended: signups.filter((s) => s.state === 'attended').length,
    },
    signups: signups.map((s) => ({
      id: s.id,
      state: s.state,
      role: s.role,
      name: s.name,
      canCheck: s.namedCheckin && s.state !== 'waitlisted',
      position: s.position,
      deadline: s.offerExpiresAt ? deadlineText(t, lng, s.offerExpiresAt) : null,
    })),
    done: DONE.includes(done as Done) ? (done as Done) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type ActionData =
  | { errors: Record<string, string[]>; values: Record<string, string> }
  | { kiosk: { url: string; until: string } }

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  const sessionId = params.sessionId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const parsed = parseForm(SessionStaffActionSchema, await request.formData())
  if (!parsed.ok) {
    const errors =
      parsed.values.intent === 'headcount'
        ? parsed.errors
        : { '': ['common.errors.badRequestTitle'] }
    return data<ActionData>({ errors, values: parsed.values }, { status: 400 })
  }
  const input = parsed.data
  const back = (done: Done) => redirect(`/org/${orgId}/sessions/${sessionId}?done=${done}`)
  const notFound = () => {
    throw data(null, { status: 404 })
  }
  switch (input.intent) {
    case 'checkin': {
      const saved = await recordCheckins(ctx, orgId, sessionId, input)
      return saved ? back('checkins') : notFound()
    }
    case 'headcount':
      return (await setHeadcount(ctx, orgId, sessionId, input.count)) === null
        ? notFound()
        : back('headcount')
    case 'headcountPlusOne':
      return (await addToHeadcount(ctx, orgId, sessionId)) === null ? notFound() : back('plusOne')
    case 'openKiosk': {
      const kiosk = await openKiosk(ctx, orgId, sessionId)
      if (!kiosk) return notFound()
      // Shown in this response only: the link is a credential and is stored as a hash.
      return data<ActionData>({
        kiosk: {
          url: `${publicOrigin(request)}/kiosk/${kiosk.token}`,
          until: deadlineText(
            getFixedT(detectLanguage(request)),
            detectLanguage(request),
            kiosk.expiresAt,
          ),
        },
      })
    }
    case 'closeKiosk':
      return (await closeKiosk(ctx, orgId, sessionId)) === null ? notFound() : back('kioskClosed')
  }
}

export default function SessionAttendance() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errorData = actionData && 'errors' in actionData ? actionData : null
  const kiosk = actionData && 'kiosk' in actionData ? actionData.kiosk : null
  const errors = Object.fromEntries(
    Object.entries(errorData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const status = (s: (typeof d.signups)[number]) =>
    s.state === 'waitlisted'
      ? t(`${P}.states.waitlisted`, { position: s.position ?? 1 })
      : s.state === 'offered'
        ? t(`${P}.states.offered`, { deadline: s.deadline ?? '' })
        : t(`${P}.states.${s.state === 'no_show' ? 'noShow' : s.state}`)
  return (
    <>
      <p>
        <Link to={`/org/${d.orgId}/activities/${d.session.activityId}`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { activity: d.session.title })}</h1>
      <p className="lead">{d.session.when}</p>
      {d.done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      {d.session.cancelled ? (
        <p className="notice" role="status">
          {t(`${P}.cancelled`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />

      <dl className="summary-list">
        <dt>{t(`${P}.summary.capacity`)}</dt>
        <dd>
          {d.session.capacity === null
            ? t(`${P}.summary.noLimit`)
            : t(`${P}.summary.places`, { placed: d.counts.placed, capacity: d.session.capacity })}
        </dd>
        <dt>{t(`${P}.summary.waiting`)}</dt>
        <dd>{d.counts.waiting}</dd>
        <dt>{t(`${P}.summary.attended`)}</dt>
        <dd>{d.counts.attended}</dd>
        <dt>{t(`${P}.summary.headcount`)}</dt>
        <dd>{d.session.headcount}</dd>
      </dl>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t(`${P}.list.title`)}</h2>
        <p>{t(`${P}.list.lead`)}</p>
        {d.signups.length === 0 ? (
          <p>{t(`${P}.list.empty`)}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="checkin" />
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t(`${P}.list.caption`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`${P}.list.name`)}</th>
                    <th scope="col">{t(`${P}.list.role`)}</th>
                    <th scope="col">{t(`${P}.list.status`)}</th>
                    <th scope="col">{t(`${P}.list.attended`)}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.signups.map((s) => (
                    <tr key={s.id}>
                      <th scope="row" className={s.name ? undefined : 'muted'}>
                        {s.name ?? t(`${P}.list.unnamed`)}
                      </th>
                      <td>{t(`common.activityRoles.${s.role}`)}</td>
                      <td>{status(s)}</td>
                      <td>
                        {s.canCheck ? (
                          <div className="checkbox">
                            <input
                              type="checkbox"
                              id={`attended-${s.id}`}
                              name="attended"
                              value={s.id}
                              className="checkbox__input"
                              defaultChecked={s.state === 'attended'}
                            />
                            <label htmlFor={`attended-${s.id}`} className="checkbox__label">
                              {t(`${P}.list.checkLabel`)}
                              <span className="visually-hidden">: {s.name}</span>
                            </label>
                          </div>
                        ) : s.state === 'waitlisted' ? null : (
                          <span className="muted">{t(`${P}.list.countAnonymously`)}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="inline-form">
              <button type="submit" className="button">
                {t(`${P}.list.save`)}
              </button>
              {d.session.started ? (
                <button
                  type="submit"
                  name="restNoShow"
                  value="1"
                  className="button button--secondary"
                >
                  {t(`${P}.list.saveRestNoShow`)}
                </button>
              ) : null}
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="headcount-title">
        <h2 id="headcount-title">{t(`${P}.headcount.title`)}</h2>
        <p>{t(`${P}.headcount.lead`)}</p>
        <div className="inline-form">
          {/* Keyed by the count, so the field shows the new number after "+1" without a reload. */}
          <Form
            method="post"
            noValidate
            className="inline-form"
            key={`${d.session.headcount}-${errorData ? 'error' : 'ok'}`}
          >
            <input type="hidden" name="intent" value="headcount" />
            <Field
              label={t(`${P}.headcount.label`)}
              name="count"
              type="number"
              inputMode="numeric"
              min={0}
              className="field--inline field--short"
              defaultValue={errorData?.values.count ?? String(d.session.headcount)}
              errors={errors.count}
            />
            <button type="submit" className="button button--secondary">
              {t(`${P}.headcount.save`)}
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="headcountPlusOne" />
            <button type="submit" className="button button--large">
              {t(`${P}.headcount.plusOne`)}
              <span className="visually-hidden"> {t(`${P}.headcount.plusOneHidden`)}</span>
            </button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="kiosk-title">
        <h2 id="kiosk-title">{t(`${P}.kiosk.title`)}</h2>
        <p>{t(`${P}.kiosk.lead`)}</p>
        {kiosk ? (
          <div className="notice" role="status">
            <p>{t(`${P}.kiosk.opened`, { until: kiosk.until })}</p>
            <p className="kiosk-link">
              <a href={kiosk.url}>{kiosk.url}</a>
            </p>
            <p>{t(`${P}.kiosk.onlyNow`)}</p>
          </div>
        ) : d.session.kioskUntil ? (
          <p>{t(`${P}.kiosk.isOpen`, { until: d.session.kioskUntil })}</p>
        ) : null}
        <div className="inline-form">
          <Form method="post">
            <input type="hidden" name="intent" value="openKiosk" />
            <button type="submit" className="button">
              {t(d.session.kioskUntil ? `${P}.kiosk.openNew` : `${P}.kiosk.open`)}
            </button>
          </Form>
          {d.session.kioskUntil ? (
            <Form method="post">
              <input type="hidden" name="intent" value="closeKiosk" />
              <button type="submit" className="button button--warning">
                {t(`${P}.kiosk.close`)}
              </button>
            </Form>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="feedback-title">
        <h2 id="feedback-title">{t(`${P}.feedback.title`)}</h2>
        {d.session.feedback.every((f) => f.count === 0) ? (
          <p>{t(`${P}.feedback.none`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.feedback.caption`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.feedback.answer`)}</th>
                  <th scope="col">{t(`${P}.feedback.count`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.session.feedback.map((f) => (
                  <tr key={f.rating}>
                    <th scope="row">{t(`pages.kiosk.faces.r${f.rating}`)}</th>
                    <td>{f.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
