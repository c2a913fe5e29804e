import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import {
  data,
  Form,
  isRouteErrorResponse,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRouteError,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { deadlineText, sessionWhen } from '~/modules/activities/session-format'
import { TokenActionSchema } from '~/modules/activities/signup-schemas'
import {
  cancelSignup,
  confirmOffer,
  getSignupByToken,
  OFFER_HOURS,
} from '~/modules/activities/signups.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'

// Public: the holder's own sign-up. The token in the link is the credential (like a ticket), so
// nothing here needs a login, and the page shows only the holder's own details. Changes are
// POSTs (mail scanners follow links), and cancelling asks once more before it happens.

const P = 'pages.signup.manage'
const DONE = ['cancelled', 'confirmed', 'expired'] as const
type Done = (typeof DONE)[number]

export const headers: HeadersFunction = () => ({
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? ''
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const signup = await getSignupByToken(await getDb(), token, new Date())
  if (!signup) throw data(null, { status: 404 })
  const url = new URL(request.url)
  const done = url.searchParams.get('done')
  return {
    title: t(`${P}.metaTitle`, { activity: signup.activity.title }),
    self: `/signups/${token}`,
    link: `${publicOrigin(request)}/signups/${token}`,
    isNew: url.searchParams.get('new') === '1',
    askCancel: url.searchParams.get('cancel') === '1' && signup.canCancel,
    done: DONE.includes(done as Done) ? (done as Done) : null,
    state: signup.state,
    expiredOffer: signup.expiredOffer,
    position: signup.position,
    deadline: signup.offerExpiresAt ? deadlineText(t, lng, signup.offerExpiresAt) : null,
    name: signup.name,
    role: signup.role,
    hasEmail: signup.hasEmail,
    namedCheckin: signup.namedCheckin,
    when: sessionWhen(t, lng, signup.session.startsAt, signup.session.endsAt),
    sessionCancelled: signup.session.cancelled,
    activity: signup.activity,
    canCancel: signup.canCancel,
    canConfirm: signup.canConfirm,
    offerHours: OFFER_HOURS,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: 'robots', content: 'noindex' },
]

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const parsed = parseForm(TokenActionSchema, await request.formData())
  if (!parsed.ok)
    return data({ errors: { '': ['common.errors.badRequestTitle'] } }, { status: 400 })
  const db = await getDb()
  const options = { origin: publicOrigin(request) }
  const now = new Date()
  const result =
    parsed.data.intent === 'cancel'
      ? await cancelSignup(db, token, now, options)
      : await confirmOffer(db, token, now, options)
  kickOutbox()
  const back = (done: Done) => redirect(`/signups/${token}?done=${done}`)
  if (result.ok) return back(parsed.data.intent === 'cancel' ? 'cancelled' : 'confirmed')
  if (result.reason === 'notFound') throw data(null, { status: 404 })
  if (result.reason === 'expired') return back('expired')
  return data({ errors: { '': [`pages.signup.errors.${result.reason}`] } }, { status: 400 })
}

function heading(d: ReturnType<typeof useLoaderData<typeof loader>>) {
  if (d.state === 'cancelled') return d.expiredOffer ? 'expiredTitle' : 'cancelledTitle'
  if (d.sessionCancelled) return 'sessionCancelledTitle'
  return STATE_TITLES[d.state]
}

const STATE_TITLES: Record<string, string> = {
  confirmed: 'confirmedTitle',
  waitlisted: 'waitlistedTitle',
  offered: 'offeredTitle',
  attended: 'attendedTitle',
  no_show: 'noShowTitle',
}

export default function SignupPage() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  return (
    <div className="signup-status">
      {d.done && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <h1>{t(`${P}.${heading(d)}`, { position: d.position ?? 1 })}</h1>
      {d.isNew ? (
        <div className="notice">
          <p>{t(d.hasEmail ? `${P}.new.emailSent` : `${P}.new.saveLink`)}</p>
          {d.hasEmail ? null : (
            <p className="signup-status__link">
              <a href={d.self}>{d.link}</a>
            </p>
          )}
        </div>
      ) : null}
      {d.state === 'waitlisted' && !d.sessionCancelled ? (
        <p>{t(`${P}.waitlistedLead`, { hours: d.offerHours })}</p>
      ) : null}
      {d.state === 'offered' && d.canConfirm ? (
        <p>{t(`${P}.offeredLead`, { deadline: d.deadline ?? '' })}</p>
      ) : null}
      <dl className="summary-list">
        <dt>{t(`${P}.fields.activity`)}</dt>
        <dd>
          <Link to={`/activities/${d.activity.id}`}>{d.activity.title}</Link>
        </dd>
        <dt>{t(`${P}.fields.organiser`)}</dt>
        <dd>{d.activity.organisationName}</dd>
        <dt>{t(`${P}.fields.when`)}</dt>
        <dd>{d.when}</dd>
        {d.activity.place ? (
          <>
            <dt>{t(`${P}.fields.where`)}</dt>
            <dd>{d.activity.place}</dd>
          </>
        ) : null}
        {d.name ? (
          <>
            <dt>{t(`${P}.fields.name`)}</dt>
            <dd>{d.name}</dd>
          </>
        ) : null}
        <dt>{t(`${P}.fields.role`)}</dt>
        <dd>{t(`common.activityRoles.${d.role}`)}</dd>
        <dt>{t(`${P}.fields.namedCheckin`)}</dt>
        <dd>{t(d.namedCheckin ? `${P}.namedCheckin.yes` : `${P}.namedCheckin.no`)}</dd>
      </dl>
      {d.canConfirm ? (
        <Form method="post" className="signup-status__action">
          <input type="hidden" name="intent" value="confirm" />
          <button type="submit" className="button button--large">
            {t(`${P}.confirm`)}
          </button>
        </Form>
      ) : null}
      {d.askCancel ? (
        <section className="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t(`${P}.cancelTitle`)}</h2>
          <p>{t(`${P}.cancelQuestion`, { activity: d.activity.title, when: d.when })}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--warning">
              {t(`${P}.cancelYes`)}
            </button>
            <Link to={d.self}>{t(`${P}.cancelNo`)}</Link>
          </Form>
        </section>
      ) : d.canCancel ? (
        <Form method="get" className="signup-status__action">
          <input type="hidden" name="cancel" value="1" />
          <button type="submit" className="button button--secondary">
            {t(`${P}.cancel`)}
          </button>
        </Form>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <div className="prose">
      <h1>{t(notFound ? `${P}.notFound.title` : 'common.errors.serverTitle')}</h1>
      <p>{t(notFound ? `${P}.notFound.body` : 'common.errors.serverBody')}</p>
      <p>
        <Link to="/activities">{t(`${P}.notFound.activities`)}</Link>
      </p>
    </div>
  )
}
