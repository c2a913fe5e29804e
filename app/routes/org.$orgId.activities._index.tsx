import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getOrganisationForStaff, listOrgActivities } from '~/modules/activities/activities.server'
import { describeSchedule, formatSessionStart } from '~/modules/activities/describe'
import { hasOrgRole } from '~/modules/identity/policy'
import { requireCtx } from '~/modules/identity/guards.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const organisation = await getOrganisationForStaff(ctx, params.orgId ?? '')
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const activities = await listOrgActivities(ctx, organisation.id)
  return {
    title: t('pages.orgActivities.list.metaTitle', { organisation: organisation.name }),
    organisation: { id: organisation.id, name: organisation.name, status: organisation.status },
    isCoordinator: hasOrgRole(ctx.actor, organisation.id, ['coordinator']),
    activities: activities.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      schedule: describeSchedule(a.schedule, t, lng),
      next: a.nextSession ? formatSessionStart(a.nextSession, t, lng) : null,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function OrganisationActivities() {
  const { t } = useTranslation()
  const { organisation, isCoordinator, activities } = useLoaderData<typeof loader>()
  const P = 'pages.orgActivities.list'
  return (
    <>
      <h1>{t(`${P}.title`, { organisation: organisation.name })}</h1>
      {organisation.status !== 'approved' ? (
        <p className="notice">{t(`${P}.pendingNotice`)}</p>
      ) : null}
      <p>
        <Link to={`/org/${organisation.id}/activities/new`} className="button">
          {t(`${P}.create`)}
        </Link>
      </p>
      {activities.length === 0 ? (
        <p>{t(`${P}.empty`)}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t(`${P}.title`, { organisation: organisation.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`${P}.columns.activity`)}</th>
                <th scope="col">{t(`${P}.columns.when`)}</th>
                <th scope="col">{t(`${P}.columns.next`)}</th>
                <th scope="col">{t(`${P}.columns.status`)}</th>
              </tr>
            </thead>
            <tbody>
              {activities.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/org/${organisation.id}/activities/${a.id}`}>{a.title}</Link>
                  </th>
                  <td>{a.schedule}</td>
                  <td>{a.next ?? t(`${P}.noNext`)}</td>
                  <td>{t(`pages.orgActivities.status.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t(`${P}.moreTitle`)}</h2>
      <ul>
        {isCoordinator ? (
          <>
            <li>
              <Link to={`/org/${organisation.id}/profile`}>{t(`${P}.profileLink`)}</Link>
            </li>
            <li>
              <Link to={`/org/${organisation.id}/staff`}>{t(`${P}.staffLink`)}</Link>
            </li>
          </>
        ) : null}
        <li>
          <Link to="/account">{t(`${P}.accountLink`)}</Link>
        </li>
      </ul>
    </>
  )
}
