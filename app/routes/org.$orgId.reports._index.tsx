import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { formatShortDay } from '~/modules/partnerships/format'
import { listOrganisationReports } from '~/modules/reporting/status-reports.server'

const S = 'pages.staff.reports'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const reports = await listOrganisationReports(ctx, orgId)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)?.organisationName
  return {
    title: t(`${S}.org.metaTitle`, { organisation }),
    organisation,
    orgId,
    reports: reports.map((r) => ({
      id: r.id,
      partnership: r.partnershipTitle,
      municipality: r.municipalityName,
      period: `${formatShortDay(r.periodFrom, lng)} – ${formatShortDay(r.periodTo, lng)}`,
      due: formatShortDay(r.dueOn, lng),
      state: r.state,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function OrgStatusReports() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t(`${S}.org.title`, { organisation: d.organisation })}</h1>
      <p className="lead">{t(`${S}.org.lead`)}</p>
      {d.reports.length === 0 ? (
        <p>{t(`${S}.org.empty`)}</p>
      ) : (
        <div
          className="table-wrap"
          role="region"
          aria-label={t(`${S}.org.caption`)}
          // wide on a phone: the scrolling region takes focus so a keyboard can scroll it
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
        >
          <table>
            <caption>{t(`${S}.org.caption`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${S}.columns.partnership`)}</th>
                <th scope="col">{t(`${S}.columns.municipality`)}</th>
                <th scope="col">{t(`${S}.columns.period`)}</th>
                <th scope="col">{t(`${S}.columns.due`)}</th>
                <th scope="col">{t(`${S}.columns.state`)}</th>
              </tr>
            </thead>
            <tbody>
              {d.reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/org/${d.orgId}/reports/${r.id}`}>
                      {r.partnership}
                      <span className="visually-hidden">, {r.period}</span>
                    </Link>
                  </th>
                  <td>{r.municipality}</td>
                  <td>{r.period}</td>
                  <td>{r.due}</td>
                  <td>{t(`${S}.states.${r.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
