import { useTranslation } from 'react-i18next'

const S = 'pages.staff.reports'

/** The facts at the top of a §18 status report, for the association and the administrator. */
export function StatusReportFacts({
  party,
  report,
}: {
  /** The other side: the municipality (association's view) or the organisation (admin's). */
  party: { label: 'municipality' | 'organisation'; name: string }
  report: { period: string; due: string; state: string; submittedAt: string | null }
}) {
  const { t } = useTranslation()
  return (
    <dl className="summary-list">
      <dt>{t(`${S}.columns.${party.label}`)}</dt>
      <dd>{party.name}</dd>
      <dt>{t(`${S}.columns.period`)}</dt>
      <dd>{report.period}</dd>
      <dt>{t(`${S}.columns.due`)}</dt>
      <dd>{report.due}</dd>
      <dt>{t(`${S}.columns.state`)}</dt>
      <dd>
        {t(`${S}.states.${report.state}`)}
        {report.submittedAt ? (
          <span className="muted-line">
            {t(`${S}.detail.submittedAt`, { at: report.submittedAt })}
          </span>
        ) : null}
      </dd>
    </dl>
  )
}
