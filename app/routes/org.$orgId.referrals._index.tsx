import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { listIncomingReferrals } from '~/modules/referrals/referrals.server'
import { daysBetween, stateKey } from '~/modules/referrals/view'
import { formatDate } from '~/ui/format'

// The organisation's inbox: incoming referrals with their age and deadline, new ones first.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  const rows = await listIncomingReferrals(ctx, orgId)
  const item = (r: (typeof rows)[number]) => ({
    id: r.id,
    name: r.citizenName,
    visible: r.visible,
    kind: r.kind,
    activity: r.activityTitle,
    stateKey: stateKey(r.state, r.stateReason),
    ageDays: daysBetween(r.sentAt, ctx.now),
    sent: formatDate(r.sentAt, lng),
    deadline: formatDate(r.deadlineAt, lng),
    daysLeft: Math.max(0, daysBetween(ctx.now, r.deadlineAt)),
  })
  return {
    title: t('pages.orgReferrals.inbox.metaTitle', { organisation: organisation.organisationName }),
    organisation: { id: orgId, name: organisation.organisationName },
    fresh: rows.filter((r) => r.state === 'sent').map(item),
    ongoing: rows.filter((r) => r.state === 'accepted' || r.state === 'in_progress').map(item),
    closed: rows.filter((r) => !['sent', 'accepted', 'in_progress'].includes(r.state)).map(item),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function OrgReferrals() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.orgReferrals.inbox'
  const table = (rows: typeof d.fresh, caption: string, withDeadline: boolean) => (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`${P}.columns.citizen`)}</th>
            <th scope="col">{t(`${P}.columns.kind`)}</th>
            <th scope="col">{t(`${P}.columns.state`)}</th>
            <th scope="col">{t(`${P}.columns.age`)}</th>
            {withDeadline ? <th scope="col">{t(`${P}.columns.deadline`)}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.visible ? (
                  <Link to={`/org/${d.organisation.id}/referrals/${r.id}`}>
                    {r.name ?? t(`${P}.unnamed`)}
                  </Link>
                ) : (
                  t(`${P}.noAccess`)
                )}
              </th>
              <td>
                {t(`common.referral.kinds.${r.kind}`)}
                {r.activity ? <span className="muted-line">{r.activity}</span> : null}
              </td>
              <td>{t(r.stateKey)}</td>
              <td>
                {t(`${P}.age`, { count: r.ageDays })}
                <span className="muted-line">{r.sent}</span>
              </td>
              {withDeadline ? (
                <td>
                  {r.deadline}
                  <span className="muted-line">{t(`${P}.daysLeft`, { count: r.daysLeft })}</span>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
  return (
    <>
      <h1>{t(`${P}.title`, { organisation: d.organisation.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <section aria-labelledby="new-title">
        <h2 id="new-title">{t(`${P}.new`, { count: d.fresh.length })}</h2>
        {d.fresh.length === 0 ? (
          <p>{t(`${P}.noneNew`)}</p>
        ) : (
          table(d.fresh, t(`${P}.newCaption`), true)
        )}
      </section>
      <section aria-labelledby="ongoing-title">
        <h2 id="ongoing-title">{t(`${P}.ongoing`)}</h2>
        {d.ongoing.length === 0 ? (
          <p>{t(`${P}.noneOngoing`)}</p>
        ) : (
          table(d.ongoing, t(`${P}.ongoingCaption`), false)
        )}
      </section>
      <section aria-labelledby="closed-title">
        <h2 id="closed-title">{t(`${P}.closed`)}</h2>
        {d.closed.length === 0 ? (
          <p>{t(`${P}.noneClosed`)}</p>
        ) : (
          table(d.closed, t(`${P}.closedCaption`), false)
        )}
      </section>
    </>
  )
}
