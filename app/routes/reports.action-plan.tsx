import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { formatShortDay } from '~/modules/partnerships/format'
import { listInitiatives } from '~/modules/reporting/action-plan.server'
import { requireReportScope } from '~/modules/reporting/dashboard.server'
import { numberFormat } from '~/modules/reporting/report'
import { figureText } from '~/modules/reporting/suppression'
import { MunicipalityPicker } from '~/ui/municipality-picker'

const P = 'pages.reports.actionPlan'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const scope = requireReportScope(ctx, new URL(request.url).searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const fmt = numberFormat(lng)
  const initiatives = await listInitiatives(ctx, scope)
  return {
    title: t(`${P}.metaTitle`, { municipality: scope.municipalityName }),
    scope,
    canEdit: scope.role === 'administrator',
    rows: initiatives.map((i) => {
      const status: string[] = []
      if (i.status.criteria) status.push(t(`${P}.status.criteria`, i.status.criteria))
      if (i.status.outreach !== null)
        status.push(t(`${P}.status.outreach`, { n: i.status.outreach }))
      if (i.status.goal) {
        status.push(
          t(`${P}.status.activities`, {
            activities: fmt(i.status.goal.activities),
            sessions: fmt(i.status.goal.sessions),
          }),
          t(`${P}.status.visits`, { n: figureText(i.status.goal.visits, fmt) }),
          t(`${P}.status.participants`, { n: figureText(i.status.goal.participants, fmt) }),
        )
      }
      return {
        id: i.id,
        title: i.title,
        purpose: i.purpose,
        lead: i.lead,
        period:
          i.periodStart || i.periodEnd
            ? `${i.periodStart ? formatShortDay(i.periodStart, lng) : ''} – ${i.periodEnd ? formatShortDay(i.periodEnd, lng) : ''}`
            : t(`${P}.noPeriod`),
        partners: i.partners,
        status: status.length ? status : [t(`${P}.status.none`)],
      }
    }),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function ActionPlanStatus() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const query = d.scope.municipalities.length > 1 ? `?municipality=${d.scope.municipalityId}` : ''
  return (
    <>
      <p>
        <Link to={`/reports${query}`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { municipality: d.scope.municipalityName })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <MunicipalityPicker
        municipalities={d.scope.municipalities}
        current={d.scope.municipalityId}
      />
      {d.canEdit ? (
        <p>
          <Link to={`/admin/reports/action-plan${query}`} className="button button--secondary">
            {t(`${P}.edit`)}
          </Link>
        </p>
      ) : null}
      {d.rows.length === 0 ? (
        <p>{t(`${P}.empty`)}</p>
      ) : (
        <div
          className="table-wrap"
          role="region"
          aria-label={t(`${P}.caption`)}
          // wide on a phone: the scrolling region takes focus so a keyboard can scroll it
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
        >
          <table className="action-plan">
            <caption>{t(`${P}.caption`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${P}.columns.title`)}</th>
                <th scope="col">{t(`${P}.columns.purpose`)}</th>
                <th scope="col">{t(`${P}.columns.lead`)}</th>
                <th scope="col">{t(`${P}.columns.period`)}</th>
                <th scope="col">{t(`${P}.columns.partners`)}</th>
                <th scope="col">{t(`${P}.columns.status`)}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.title}</th>
                  <td className="action-plan__text">{r.purpose}</td>
                  <td>{r.lead}</td>
                  <td>{r.period}</td>
                  <td>{r.partners}</td>
                  <td>
                    <ul className="action-plan__status">
                      {r.status.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
