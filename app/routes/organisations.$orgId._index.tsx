import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { toActivityCard } from '~/modules/activities/cards.server'
import {
  getPublicOrganisation,
  listOrganisationActivities,
} from '~/modules/activities/catalogue.server'
import { ActivityCard } from '~/ui/activity-card'

const P = 'pages.organisation'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const db = await getDb()
  const organisation = await getPublicOrganisation(db, params.orgId ?? '')
  if (!organisation) throw data(null, { status: 404 })
  const activities = await listOrganisationActivities(db, organisation.id, new Date())
  const address = [
    organisation.streetAddress,
    [organisation.postalCode, organisation.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ')
  return {
    title: t(`${P}.metaTitle`, { name: organisation.name }),
    name: organisation.name,
    type: t(`pages.orgRegister.types.${organisation.type}`),
    description: organisation.description,
    address: address || null,
    phone: organisation.phone
      ? { text: organisation.phone, href: `tel:${organisation.phone.replace(/[^\d+]/g, '')}` }
      : null,
    email: organisation.email,
    website: organisation.website,
    activities: activities.items.map((item) => toActivityCard(item, t, lng)),
    moreActivities: activities.total > activities.items.length,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: 'description', content: data?.description?.slice(0, 200) ?? '' },
]

export default function OrganisationPage() {
  const { t } = useTranslation()
  const o = useLoaderData<typeof loader>()
  return (
    <>
      <p className="activity__back">
        <Link to="/activities">{t(`${P}.back`)}</Link>
      </p>
      <h1>{o.name}</h1>
      <p className="activity__meta">{o.type}</p>
      {o.description ? <p className="activity__text">{o.description}</p> : null}

      <section aria-labelledby="contact-title">
        <h2 id="contact-title">{t(`${P}.contact`)}</h2>
        <dl className="summary-list">
          {o.address ? (
            <>
              <dt>{t(`${P}.address`)}</dt>
              <dd>{o.address}</dd>
            </>
          ) : null}
          {o.phone ? (
            <>
              <dt>{t(`${P}.phone`)}</dt>
              <dd>
                <a href={o.phone.href}>{o.phone.text}</a>
              </dd>
            </>
          ) : null}
          {o.email ? (
            <>
              <dt>{t(`${P}.email`)}</dt>
              <dd>
                <a href={`mailto:${o.email}`}>{o.email}</a>
              </dd>
            </>
          ) : null}
          {o.website ? (
            <>
              <dt>{t(`${P}.website`)}</dt>
              <dd>
                <a href={o.website} rel="noopener noreferrer">
                  {o.website}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="activities-title">
        <h2 id="activities-title">{t(`${P}.activities`)}</h2>
        {o.activities.length === 0 ? (
          <p>{t(`${P}.noActivities`)}</p>
        ) : (
          <ul className="activity-list">
            {o.activities.map((a) => (
              <li key={a.id}>
                <ActivityCard activity={a} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
        {o.moreActivities ? <p>{t(`${P}.moreActivities`)}</p> : null}
      </section>
    </>
  )
}
