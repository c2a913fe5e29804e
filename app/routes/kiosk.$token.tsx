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
  useLoaderData,
  useRouteError,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  getKioskView,
  kioskCheckIn,
  kioskFeedback,
  kioskHere,
} from '~/modules/activities/kiosk.server'
import { sessionWhen } from '~/modules/activities/session-format'
import { FEEDBACK_RATINGS, KioskActionSchema } from '~/modules/activities/signup-schemas'
import { parseForm } from '~/ui/forms'

// Public: the shared tablet at a session. The token in the link is the credential; the page
// keeps no cookie or session of its own and shows only first names of people who agreed to be
// named. Every button is a POST; after a check-in comes one-tap feedback, then the start again.

const P = 'pages.kiosk'
const NOTICES = ['already', 'feedback'] as const
type Notice = (typeof NOTICES)[number]
/** How far the mouth curves: up for the good answers, down for the bad. */
const MOUTH: Record<number, number> = { 5: 12, 4: 6, 3: 0, 2: -6, 1: -12 }

export const headers: HeadersFunction = () => ({
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await getKioskView(await getDb(), params.token ?? '', new Date())
  if (!view) throw data(null, { status: 404 })
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const url = new URL(request.url)
  const notice = url.searchParams.get('done')
  return {
    title: t(`${P}.metaTitle`, { activity: view.title }),
    self: `/kiosk/${params.token}`,
    activity: view.title,
    when: sessionWhen(t, lng, view.startsAt, view.endsAt),
    ended: view.ended,
    thanks: url.searchParams.get('step') === 'thanks' || view.ended,
    justCheckedIn: url.searchParams.get('step') === 'thanks',
    names: view.names,
    notice: NOTICES.includes(notice as Notice) ? (notice as Notice) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: 'robots', content: 'noindex' },
]

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const self = `/kiosk/${token}`
  const parsed = parseForm(KioskActionSchema, await request.formData())
  if (!parsed.ok) throw data(null, { status: 400 })
  const db = await getDb()
  const now = new Date()
  const input = parsed.data
  const result =
    input.intent === 'checkin'
      ? await kioskCheckIn(db, token, input.signupId, now)
      : input.intent === 'here'
        ? await kioskHere(db, token, now)
        : await kioskFeedback(db, token, input.rating, now)
  if (result === 'gone') throw data(null, { status: 404 })
  if (result === 'ended') return redirect(self)
  if (input.intent === 'feedback') return redirect(`${self}?done=feedback`)
  if (result === 'already') return redirect(`${self}?done=already`)
  return redirect(`${self}?step=thanks`)
}

export default function Kiosk() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  return (
    <div className="kiosk">
      {d.notice ? (
        <p className="notice kiosk__notice" role="status">
          {t(`${P}.notices.${d.notice}`)}
        </p>
      ) : null}
      {d.thanks ? (
        <>
          <h1>{d.justCheckedIn && !d.ended ? t(`${P}.thanks.title`) : t(`${P}.ended.title`)}</h1>
          <p className="kiosk__when">
            {d.activity} · {d.when}
          </p>
          <Form method="post" className="kiosk__feedback" aria-labelledby="faces-title">
            <h2 id="faces-title">{t(`${P}.thanks.question`)}</h2>
            <input type="hidden" name="intent" value="feedback" />
            <div className="kiosk__faces">
              {FEEDBACK_RATINGS.map((rating) => (
                <button
                  key={rating}
                  type="submit"
                  name="rating"
                  value={rating}
                  className="kiosk__button kiosk__face"
                >
                  <Face rating={rating} />
                  <span>{t(`${P}.faces.r${rating}`)}</span>
                </button>
              ))}
            </div>
          </Form>
          {d.ended ? null : (
            <p>
              <Link to={d.self} className="button button--secondary kiosk__skip">
                {t(`${P}.thanks.skip`)}
              </Link>
            </p>
          )}
        </>
      ) : (
        <>
          <h1>{t(`${P}.welcome`, { activity: d.activity })}</h1>
          <p className="kiosk__when">{d.when}</p>
          {d.names.length > 0 ? (
            <Form method="post" aria-labelledby="names-title">
              <h2 id="names-title">{t(`${P}.names.title`)}</h2>
              <input type="hidden" name="intent" value="checkin" />
              <div className="kiosk__names">
                {d.names.map((n) => (
                  <button
                    key={n.signupId}
                    type="submit"
                    name="signupId"
                    value={n.signupId}
                    className="kiosk__button"
                  >
                    {n.label}
                  </button>
                ))}
              </div>
            </Form>
          ) : null}
          <Form method="post" aria-labelledby="here-title">
            <h2 id="here-title">
              {d.names.length > 0 ? t(`${P}.here.titleNotListed`) : t(`${P}.here.title`)}
            </h2>
            <input type="hidden" name="intent" value="here" />
            <button type="submit" className="kiosk__button kiosk__button--here">
              {t(`${P}.here.button`)}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}

// Drawn, not emoji: a tablet without an emoji font would show empty boxes. The text beside each
// face is the button's name.
function Face({ rating }: { rating: number }) {
  const bend = MOUTH[rating] ?? 0
  return (
    <svg className="kiosk__emoji" viewBox="0 0 48 48" width="56" height="56" aria-hidden="true">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="2.5" fill="currentColor" />
      <circle cx="31" cy="19" r="2.5" fill="currentColor" />
      <path
        d={`M14 ${32 - bend / 4} Q24 ${32 + bend} 34 ${32 - bend / 4}`}
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
      />
    </svg>
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
    </div>
  )
}
