import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { listOwnActivities } from '~/modules/citizens/own.server'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { formatDateTime } from '~/ui/format'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const { upcoming, past } = await listOwnActivities(ctx)
  const item = (a: (typeof upcoming)[number]) => ({
    id: a.signupId,
    activityId: a.activityId,
    title: a.title,
    organisation: a.organisation,
    when: formatDateTime(a.startsAt, lng),
    state: a.state,
  })
  return {
    title: t('pages.me.activities.metaTitle'),
    upcoming: upcoming.map(item),
    past: past.map(item),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function MyActivities() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.me.activities'
  const list = (items: typeof d.upcoming) => (
    <ul className="me-links">
      {items.map((a) => (
        <li key={a.id}>
          <Link to={`/activities/${a.activityId}`} className="me-link">
            <span className="me-link__title">{a.title}</span>
            <span className="me-link__text">
              {a.when} · {a.organisation} · {t(`${P}.states.${a.state}`)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
  return (
    <>
      <p>
        <Link to="/me">{t('pages.me.back')}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <h2>{t(`${P}.upcoming`)}</h2>
      {d.upcoming.length === 0 ? (
        <p>
          {t(`${P}.noneUpcoming`)} <Link to="/activities">{t(`${P}.find`)}</Link>
        </p>
      ) : (
        list(d.upcoming)
      )}
      {d.past.length > 0 ? (
        <>
          <h2>{t(`${P}.past`)}</h2>
          {list(d.past)}
        </>
      ) : null}
    </>
  )
}
