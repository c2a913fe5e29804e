import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { listCapacity } from '~/modules/volunteers/coordinator.server'

// Who has room for one more: eligible buddies (requirements valid) and their open places.

const P = 'pages.orgVolunteers.capacity'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const t = getFixedT(detectLanguage(request))
  const rows = await listCapacity(ctx, orgId)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  return {
    title: t(`${P}.metaTitle`, { organisation: organisation.organisationName }),
    organisation: { id: orgId, name: organisation.organisationName },
    rows,
    open: rows.reduce((sum, r) => sum + r.open, 0),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function VolunteerCapacity() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const base = `/org/${d.organisation.id}/volunteers`
  return (
    <>
      <p>
        <Link to={base}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.rows.length === 0 ? (
        <p>{t(`${P}.empty`)}</p>
      ) : (
        <>
          <p>{t(`${P}.summary`, { count: d.open, volunteers: d.rows.length })}</p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {t(`${P}.title`, { organisation: d.organisation.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.columns.name`)}</th>
                  <th scope="col">{t(`${P}.columns.state`)}</th>
                  <th scope="col">{t(`${P}.columns.capacity`)}</th>
                  <th scope="col">{t(`${P}.columns.active`)}</th>
                  <th scope="col">{t(`${P}.columns.open`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`${base}/${r.id}`}>{r.name}</Link>
                    </th>
                    <td>{t(`common.volunteer.states.${r.state}`)}</td>
                    <td>{r.capacity}</td>
                    <td>{r.activeBuddies}</td>
                    <td>{r.open > 0 ? t(`${P}.room`, { count: r.open }) : t(`${P}.full`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
