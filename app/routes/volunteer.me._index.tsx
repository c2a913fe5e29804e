import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { sessionWhen } from '~/modules/activities/session-format'
import { requireCtx } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { confirmApplications, transitionOwn } from '~/modules/volunteers/applications.server'
import { dayText } from '~/modules/volunteers/format'
import { getMyVolunteering } from '~/modules/volunteers/me.server'
import { OwnTransitionSchema } from '~/modules/volunteers/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'

// The volunteer's own page: where each application stands, what is missing, what is coming up,
// and pause, resume or end (each asked for a second time before it happens).

const P = 'pages.volunteer.me'
const SELF = '/volunteer/me'
const DONE = ['applied', 'confirmed', 'pause', 'resume', 'end', 'confirmedNow'] as const
type Done = (typeof DONE)[number]
const ASK = ['pause', 'resume', 'end'] as const
type Ask = (typeof ASK)[number]

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const mine = await getMyVolunteering(ctx)
  const url = new URL(request.url)
  const done = url.searchParams.get('done')
  const ask = url.searchParams.get('ask')
  const askFor = url.searchParams.get('application')
  return {
    title: t(`${P}.metaTitle`),
    done: DONE.includes(done as Done) ? (done as Done) : null,
    ask:
      ASK.includes(ask as Ask) && mine.applications.some((a) => a.id === askFor)
        ? { action: ask as Ask, applicationId: askFor! }
        : null,
    hasProfile: mine.hasProfile,
    applications: mine.applications.map((a) => ({
      id: a.id,
      organisation: a.organisation,
      roles: a.roles,
      state: a.state,
      since: formatDate(a.stateChangedAt, lng),
      confirmed: a.confirmed,
      actions: a.actions,
      lines: a.lines.map((l) => ({
        kind: l.kind,
        status: l.status,
        expiresOn: l.expiresOn ? dayText(l.expiresOn, lng) : null,
      })),
    })),
    upcoming: [
      ...mine.signups.map((s) => ({
        key: `signup-${s.id}`,
        activityId: s.activity_id,
        title: s.title,
        startsAt: s.starts_at.getTime(),
        when: sessionWhen(t, lng, s.starts_at, s.ends_at),
        note: t(`${P}.upcoming.signedUp.${s.state}`),
      })),
      ...mine.sessions.map((s) => ({
        key: `session-${s.id}`,
        activityId: s.activity_id,
        title: s.title,
        startsAt: s.starts_at.getTime(),
        when: sessionWhen(t, lng, s.starts_at, s.ends_at),
        note: t(`${P}.upcoming.atOrganisation`, { organisation: s.organisation }),
      })),
    ].sort((a, b) => a.startsAt - b.startsAt),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const form = await request.formData()
  const origin = publicOrigin(request)
  if (form.get('intent') === 'confirm') {
    await confirmApplications(ctx.db, ctx.actor.personId, ctx.now, origin)
    kickOutbox()
    return redirect(`${SELF}?done=confirmedNow`)
  }
  const parsed = parseForm(OwnTransitionSchema, form)
  if (!parsed.ok)
    return data({ errors: { '': ['common.errors.badRequestTitle'] } }, { status: 400 })
  const result = await transitionOwn(ctx, parsed.data.applicationId, parsed.data.intent, { origin })
  if (!result.ok) {
    if (result.reason === 'notFound') throw data(null, { status: 404 })
    return data({ errors: { '': [`${P}.errors.${result.reason}`] } }, { status: 400 })
  }
  kickOutbox()
  return redirect(`${SELF}?done=${parsed.data.intent}`)
}

export default function MyVolunteering() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const S = 'common.volunteer'
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      {d.done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {d.applications.length === 0 ? (
        <p>
          {t(`${P}.none`)} <Link to="/volunteer">{t(`${P}.signUp`)}</Link>
        </p>
      ) : (
        <section aria-labelledby="applications-title">
          <h2 id="applications-title">{t(`${P}.applicationsTitle`)}</h2>
          {d.applications.map((a) => (
            <section key={a.id} className="card" aria-labelledby={`application-${a.id}`}>
              <h3 id={`application-${a.id}`}>{a.organisation}</h3>
              <dl className="summary-list">
                <dt>{t(`${P}.roles`)}</dt>
                <dd>{a.roles.map((r) => t(`${S}.roles.${r}`)).join(', ')}</dd>
                <dt>{t(`${P}.state`)}</dt>
                <dd>
                  {a.confirmed ? (
                    <>
                      <strong>{t(`${S}.states.${a.state}`)}</strong>
                      <span className="muted-line">{t(`${P}.since`, { date: a.since })}</span>
                    </>
                  ) : (
                    t(`${P}.unconfirmed`)
                  )}
                </dd>
                <dt>{t(`${P}.stateMeaning`)}</dt>
                <dd>{t(`${S}.stateText.${a.state}`)}</dd>
              </dl>
              {a.lines.length > 0 && a.state !== 'ended' ? (
                <>
                  <h4>{t(`${P}.requirementsTitle`)}</h4>
                  <ul className="plain-list">
                    {a.lines.map((l) => (
                      <li key={l.kind}>
                        {t(`${S}.requirements.${l.kind}`)}:{' '}
                        {t(`${S}.requirementStatus.${l.status}`, { date: l.expiresOn ?? '' })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {!a.confirmed ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="confirm" />
                  <button type="submit" className="button">
                    {t(`${P}.confirm`)}
                  </button>
                </Form>
              ) : null}
              {d.ask && d.ask.applicationId === a.id ? (
                <div className="confirm-box">
                  <p>{t(`${P}.ask.${d.ask.action}`, { organisation: a.organisation })}</p>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value={d.ask.action} />
                    <input type="hidden" name="applicationId" value={a.id} />
                    <button
                      type="submit"
                      className={d.ask.action === 'end' ? 'button button--warning' : 'button'}
                    >
                      {t(`${P}.yes.${d.ask.action}`)}
                    </button>
                    <Link to={SELF}>{t(`${P}.no`)}</Link>
                  </Form>
                </div>
              ) : a.actions.length > 0 ? (
                <div className="button-row">
                  {a.actions.map((action) => (
                    <Form method="get" key={action}>
                      <input type="hidden" name="ask" value={action} />
                      <input type="hidden" name="application" value={a.id} />
                      <button type="submit" className="button button--secondary">
                        {t(`${P}.actions.${action}`)}
                        <span className="visually-hidden">{`: ${a.organisation}`}</span>
                      </button>
                    </Form>
                  ))}
                </div>
              ) : null}
            </section>
          ))}
        </section>
      )}

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t(`${P}.upcoming.title`)}</h2>
        {d.upcoming.length === 0 ? (
          <p>{t(`${P}.upcoming.none`)}</p>
        ) : (
          <ul className="plain-list">
            {d.upcoming.map((u) => (
              <li key={u.key}>
                <Link to={`/activities/${u.activityId}`}>{u.title}</Link>
                <span className="muted-line">
                  {u.when} – {u.note}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="more-title">
        <h2 id="more-title">{t(`${P}.more`)}</h2>
        <ul>
          <li>
            <Link to="/volunteer/me/hours">{t(`${P}.links.hours`)}</Link>
          </li>
          <li>
            <Link to="/account/calendar">{t(`${P}.links.calendar`)}</Link>
          </li>
          <li>
            <Link to="/volunteer">
              {t(d.hasProfile ? `${P}.links.update` : `${P}.links.signUp`)}
            </Link>
          </li>
        </ul>
      </section>
    </>
  )
}
