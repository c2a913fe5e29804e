import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, useLoaderData } from '@remix-run/react'
import type { RouteHandle } from '~/root'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { cachedPublic } from '~/public-cache.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getPublicActivity } from '~/modules/activities/catalogue.server'
import { describeSchedule, formatPrice, formatSessionSpan } from '~/modules/activities/describe'
import { activityEvents, serialiseJsonLd } from '~/modules/activities/json-ld'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { useNonce } from '~/nonce'

const P = 'pages.activity'

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`

// Plain HTML: everything here works without JavaScript (ADR 019).
export const handle: RouteHandle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const id = params.activityId ?? ''
  const db = await getDb()
  const activity = await cachedPublic(`activity:${id}`, () => getPublicActivity(db, id, new Date()))
  if (!activity) throw data(null, { status: 404 })
  const tz = activity.schedule.timezone
  const address = [
    activity.streetAddress,
    [activity.postalCode, activity.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ')
  const phone = activity.phone ?? activity.organisation.phone
  return {
    title: t(`${P}.metaTitle`, { title: activity.title }),
    id: activity.id,
    name: activity.title,
    description: activity.description,
    category: t(`common.categories.${activity.category}`),
    schedule: describeSchedule(activity.schedule, t, lng),
    place: activity.locationName,
    address: address || null,
    areaName: activity.areaName,
    mapHref: address
      ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${address}, Danmark`)}`
      : null,
    phone: phone ? { text: phone, href: telHref(phone) } : null,
    email: activity.email ?? activity.organisation.email,
    price: formatPrice(activity.priceOere, t, lng),
    free: activity.priceOere === 0,
    accessibilityNote: activity.accessibilityNote,
    adaptationNote: activity.adaptationNote,
    open: activity.openNoReferral,
    noMembership: activity.noMembership,
    dropIn: activity.capacity === null,
    roles: activity.rolesOffered.map((r) => t(`common.activityRoles.${r}`)),
    organisation: { id: activity.organisation.id, name: activity.organisation.name },
    sessions: activity.sessions.map((s) => ({
      id: s.id,
      when: formatSessionSpan(s.startsAt, s.endsAt, t, lng, tz),
      cancelled: s.cancelled,
      spacesLeft: s.spacesLeft,
      waitlist: s.waitlist,
    })),
    // The compact input, not the serialised events: the events repeat the activity for every
    // session, and sending them as loader data as well as in the page doubled the page's size.
    jsonLd:
      activity.sessions.length > 0
        ? {
            activity: {
              id: activity.id,
              title: activity.title,
              description: activity.description,
              locationName: activity.locationName,
              streetAddress: activity.streetAddress,
              postalCode: activity.postalCode,
              city: activity.city,
              latitude: activity.latitude,
              longitude: activity.longitude,
              priceOere: activity.priceOere,
              organisation: { ...activity.organisation, phone },
              timezone: tz,
            },
            sessions: activity.sessions.map((s) => ({
              id: s.id,
              startsAt: s.startsAt,
              endsAt: s.endsAt,
              cancelled: s.cancelled,
              capacity: s.capacity,
              spacesLeft: s.spacesLeft,
            })),
            origin: publicOrigin(request),
          }
        : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: 'description', content: data?.description.slice(0, 200) ?? '' },
]

export default function ActivityPage() {
  const { t } = useTranslation()
  const nonce = useNonce()
  const a = useLoaderData<typeof loader>()
  const jsonLd = a.jsonLd
    ? serialiseJsonLd(activityEvents(a.jsonLd.activity, a.jsonLd.sessions, a.jsonLd.origin))
    : null
  return (
    <article className="activity">
      {jsonLd ? (
        <script
          type="application/ld+json"
          nonce={nonce}
          // Escaped by serialiseJsonLd: no "<" can close the element.
          dangerouslySetInnerHTML={{ __html: jsonLd }}
        />
      ) : null}
      <p className="activity__back">
        <a href="/activities">{t(`${P}.back`)}</a>
      </p>
      <h1>{a.name}</h1>
      <p className="activity__meta">
        {a.category}
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, </span>
        {t(`${P}.by`)} <a href={`/organisations/${a.organisation.id}`}>{a.organisation.name}</a>
      </p>
      {a.open || a.noMembership ? (
        <ul className="badges">
          {a.open ? <li className="badge">{t('pages.catalogue.card.open')}</li> : null}
          {a.noMembership ? (
            <li className="badge">{t('pages.catalogue.card.noMembership')}</li>
          ) : null}
        </ul>
      ) : null}

      {a.description ? (
        <section aria-labelledby="what-title">
          <h2 id="what-title">{t(`${P}.what`)}</h2>
          {a.description.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i} className="activity__text">
              {paragraph}
            </p>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{t(`${P}.facts`)}</h2>
        <dl className="summary-list">
          <dt>{t(`${P}.when`)}</dt>
          <dd>{a.schedule}</dd>
          <dt>{t(`${P}.where`)}</dt>
          <dd>
            {a.place ? <span className="activity__line">{a.place}</span> : null}
            {a.address ? <span className="activity__line">{a.address}</span> : null}
            {a.areaName ? <span className="activity__line">{a.areaName}</span> : null}
            {!a.place && !a.address && !a.areaName ? t(`${P}.whereUnknown`) : null}
            {a.mapHref ? (
              <span className="activity__line">
                <a href={a.mapHref} rel="noopener noreferrer">
                  {t(`${P}.map`)}
                </a>
              </span>
            ) : null}
          </dd>
          <dt>{t(`${P}.price`)}</dt>
          <dd>{a.price}</dd>
          {a.phone ? (
            <>
              <dt>{t(`${P}.phone`)}</dt>
              <dd>
                <a href={a.phone.href}>{a.phone.text}</a>
              </dd>
            </>
          ) : null}
          {a.email ? (
            <>
              <dt>{t(`${P}.email`)}</dt>
              <dd>
                <a href={`mailto:${a.email}`}>{a.email}</a>
              </dd>
            </>
          ) : null}
          <dt>{t(`${P}.roles`)}</dt>
          <dd>{a.roles.join(', ')}</dd>
          {a.accessibilityNote ? (
            <>
              <dt>{t(`${P}.accessibility`)}</dt>
              <dd>{a.accessibilityNote}</dd>
            </>
          ) : null}
          {a.adaptationNote ? (
            <>
              <dt>{t(`${P}.adaptation`)}</dt>
              <dd>{a.adaptationNote}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="join-title">
        <h2 id="join-title">{t(`${P}.join.title`)}</h2>
        <p>{t(a.dropIn ? `${P}.join.dropIn` : `${P}.join.signUp`)}</p>
        {!a.open ? <p>{t(`${P}.join.notOpen`)}</p> : null}
        {!a.noMembership ? <p>{t(`${P}.join.membership`)}</p> : null}
        <p>{t(a.free ? `${P}.join.free` : `${P}.join.paid`, { price: a.price })}</p>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t(`${P}.sessions.title`)}</h2>
        {a.sessions.length === 0 ? (
          <p>{t(`${P}.sessions.none`)}</p>
        ) : (
          <ul className="session-list">
            {a.sessions.map((s) => (
              <li key={s.id} className="session">
                <span className="session__when">{s.when}</span>
                {s.cancelled ? (
                  <span className="session__status session__status--cancelled">
                    {t(`${P}.sessions.cancelled`)}
                  </span>
                ) : (
                  <>
                    {s.spacesLeft === null ? null : s.spacesLeft > 0 ? (
                      <span className="session__status">
                        {t(`${P}.sessions.spacesLeft`, { count: s.spacesLeft })}
                      </span>
                    ) : (
                      <span className="session__status session__status--full">
                        {t(`${P}.sessions.full`)}
                        {s.waitlist > 0
                          ? ` (${t(`${P}.sessions.waitlist`, { count: s.waitlist })})`
                          : ''}
                      </span>
                    )}
                    <a
                      href={`/activities/${a.id}/signup?session=${s.id}`}
                      className="button button--secondary session__signup"
                    >
                      {s.spacesLeft === 0
                        ? t(`${P}.sessions.joinWaitlist`)
                        : t(`${P}.sessions.signUp`)}
                      <span className="visually-hidden">{`: ${s.when}`}</span>
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="more-title">
        <h2 id="more-title">{t(`${P}.more.title`)}</h2>
        <ul>
          <li>
            <a href={`/activities/${a.id}/calendar.ics`}>{t(`${P}.more.calendar`)}</a>
          </li>
          <li>
            <a href={`/organisations/${a.organisation.id}`}>
              {t(`${P}.more.organisation`, { name: a.organisation.name })}
            </a>
          </li>
          <li>
            <a href="/activities">{t(`${P}.back`)}</a>
          </li>
        </ul>
      </section>
    </article>
  )
}
