import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { requireReportScope } from '~/modules/reporting/dashboard.server'
import { prepareReport } from '~/modules/reporting/view.server'
import { ReportBody } from '~/ui/chart'
import { formatDateTime } from '~/ui/format'

// The dashboard ready for paper or PDF (the browser's "print"): the same figures, no forms.
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  requireReportScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const prepared = await prepareReport(ctx, url, lng)
  const body = {
    title: t('pages.reports.print.metaTitle', { municipality: prepared.scope.municipalityName }),
    report: prepared.report,
    back: `/reports${prepared.search}`,
    printedAt: formatDateTime(ctx.now, lng),
  }
  return prepared.errors ? data(body, { status: 400 }) : body
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function ReportsPrint() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  return (
    <div className="report-print">
      <p className="report-print__back">
        <Link to={d.back}>{t('pages.reports.print.back')}</Link>
      </p>
      <h1>{t('pages.reports.print.title', { municipality: d.report.municipality })}</h1>
      <p>
        {d.report.goalText
          ? t('pages.reports.shownForGoal', {
              period: d.report.periodText,
              goal: d.report.goalText,
            })
          : t('pages.reports.shown', { period: d.report.periodText })}
      </p>
      <p className="muted-line">{t('pages.reports.print.printedAt', { at: d.printedAt })}</p>
      <p className="figure-table__note">{t('pages.reports.suppressionNote')}</p>
      <ReportBody sections={d.report.sections} />
    </div>
  )
}
