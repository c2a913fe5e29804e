import { useTranslation } from 'react-i18next'

/** An activity in a list, already formatted on the server (dates, price, place). */
export interface ActivityCardData {
  id: string
  title: string
  category: string
  organisationName: string
  next: string
  where: string | null
  price: string
  open: boolean
  noMembership: boolean
}

export function ActivityCard({
  activity,
  headingLevel = 2,
}: {
  activity: ActivityCardData
  headingLevel?: 2 | 3
}) {
  const { t } = useTranslation()
  const P = 'pages.catalogue.card'
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="activity-card">
      <Heading className="activity-card__title">
        <a href={`/activities/${activity.id}`}>{activity.title}</a>
      </Heading>
      <p className="activity-card__meta">
        {activity.organisationName}
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, </span>
        {activity.category}
      </p>
      <dl className="activity-card__facts">
        <div>
          <dt>{t(`${P}.next`)}</dt>
          <dd>{activity.next}</dd>
        </div>
        {activity.where ? (
          <div>
            <dt>{t(`${P}.where`)}</dt>
            <dd>{activity.where}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t(`${P}.price`)}</dt>
          <dd>{activity.price}</dd>
        </div>
      </dl>
      {activity.open || activity.noMembership ? (
        <ul className="badges">
          {activity.open ? <li className="badge">{t(`${P}.open`)}</li> : null}
          {activity.noMembership ? <li className="badge">{t(`${P}.noMembership`)}</li> : null}
        </ul>
      ) : null}
    </article>
  )
}
