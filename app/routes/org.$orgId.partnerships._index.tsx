import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { formatKroner } from '~/modules/partnerships/money'
import {
  listOrganisationPartnerships,
  localToday,
} from '~/modules/partnerships/partnerships.server'
import { periodStatus } from '~/modules/partnerships/progress'
import { criterionItem, periodText } from '~/modules/partnerships/view'
import { CriteriaProgress } from '~/ui/partnership-parts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const organisation = ctx.actor.orgRoles.find((r) => r.organisationId === orgId)!
  const partnerships = await listOrganisationPartnerships(ctx, orgId)
  const today = localToday(ctx)
  return {
    title: t('pages.orgPartnerships.list.metaTitle', {
      organisation: organisation.organisationName,
    }),
    organisation: { id: orgId, name: organisation.organisationName },
    partnerships: partnerships.map((p) => ({
      id: p.id,
      title: p.title,
      municipality: p.municipalityName,
      legalBasis: p.legalBasis,
      period: periodText(p, lng),
      periodStatus: periodStatus(p.periodStart, p.periodEnd, today),
      amount: t('common.price.amount', { amount: formatKroner(p.amountOere, lng) }),
      criteria: p.criteria.map((c) => criterionItem(c, lng)),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function OrgPartnerships() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const Q = 'pages.orgPartnerships'
  return (
    <>
      <h1>{t(`${Q}.list.title`, { organisation: d.organisation.name })}</h1>
      <p className="lead">{t(`${Q}.list.lead`)}</p>
      {d.partnerships.length === 0 ? (
        <p>{t(`${Q}.list.empty`)}</p>
      ) : (
        d.partnerships.map((p) => (
          <section key={p.id} className="card" aria-labelledby={`partnership-${p.id}`}>
            <h2 id={`partnership-${p.id}`}>
              <Link to={`/org/${d.organisation.id}/partnerships/${p.id}`}>{p.title}</Link>
            </h2>
            <dl className="summary-list">
              <dt>{t(`${Q}.fields.municipality`)}</dt>
              <dd>{p.municipality}</dd>
              <dt>{t(`${Q}.fields.legalBasis`)}</dt>
              <dd>{t(`pages.staff.partnerships.legalBasis.short.${p.legalBasis}`)}</dd>
              <dt>{t(`${Q}.fields.period`)}</dt>
              <dd>
                {p.period}
                <span className="muted-line">{t(`${Q}.periodStatus.${p.periodStatus}`)}</span>
              </dd>
              <dt>{t(`${Q}.fields.amount`)}</dt>
              <dd>{p.amount}</dd>
            </dl>
            <CriteriaProgress criteria={p.criteria} />
          </section>
        ))
      )}
    </>
  )
}
