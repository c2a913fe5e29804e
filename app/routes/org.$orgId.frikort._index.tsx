import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { isMatchmaker } from '~/modules/frikort/access.server'
import { listEmployees } from '~/modules/frikort/earnings.server'
import { balanceView } from '~/modules/frikort/view'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { ExplainerLinks } from '~/ui/frikort-parts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  const [employees, matchmaker] = await Promise.all([
    listEmployees(ctx, orgId),
    isMatchmaker(ctx.db, orgId),
  ])
  return {
    title: t('pages.frikort.org.metaTitle', { organisation: organisation.organisationName }),
    organisation: { id: orgId, name: organisation.organisationName },
    matchmaker,
    employees: employees.map((e, i) => ({
      citizenId: e.citizenId,
      name: e.name ?? t('pages.frikort.org.unnamed', { number: i + 1 }),
      hasFrikort: e.hasFrikort,
      balance: balanceView(e.balance, lng, t),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function OrgFrikort() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.frikort.org'
  return (
    <>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <p className="notice">{t('pages.frikort.notRegister')}</p>
      <ul className="plain-list">
        <li>
          <Link to={`/org/${d.organisation.id}/jobs`}>{t(`${P}.jobsLink`)}</Link>
        </li>
        {d.matchmaker ? (
          <li>
            <Link to={`/org/${d.organisation.id}/frikort/matchmaking`}>
              {t(`${P}.matchmakingLink`)}
            </Link>
          </li>
        ) : null}
      </ul>
      <h2>{t(`${P}.employeesTitle`)}</h2>
      {d.employees.length === 0 ? (
        <p>{t(`${P}.empty`)}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t(`${P}.caption`, { year: d.employees[0]!.balance.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${P}.columns.name`)}</th>
                <th scope="col">{t(`${P}.columns.hasFrikort`)}</th>
                <th scope="col" className="partnership-amount">
                  {t(`${P}.columns.earned`)}
                </th>
                <th scope="col" className="partnership-amount">
                  {t(`${P}.columns.remaining`)}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.employees.map((e) => (
                <tr key={e.citizenId}>
                  <th scope="row">
                    <Link to={`/org/${d.organisation.id}/frikort/${e.citizenId}`}>{e.name}</Link>
                  </th>
                  <td>{t(e.hasFrikort ? 'common.frikort.yes' : 'common.frikort.no')}</td>
                  <td className="partnership-amount">{e.balance.total}</td>
                  <td className="partnership-amount">{e.balance.remaining ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t(`${P}.explainersTitle`)}</h2>
      <ExplainerLinks />
    </>
  )
}
