import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { requireReportScope } from '~/modules/reporting/dashboard.server'
import { auditExport, reportCsv, sessionDetailCsv } from '~/modules/reporting/export.server'
import { prepareReport } from '~/modules/reporting/view.server'

// The dashboard's tables as CSV, or with ?detail=sessions one line per session (streamed).
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request, { resource: true })
  const url = new URL(request.url)
  requireReportScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const prepared = await prepareReport(ctx, url, lng)
  if (prepared.errors)
    return new Response('Bad request', { status: 400, headers: { 'Content-Type': 'text/plain' } })
  const detail = url.searchParams.get('detail') === 'sessions'
  await auditExport(ctx, prepared, detail ? 'sessions.csv' : 'csv')
  const name = `brobygger-${prepared.period.from}-${prepared.period.to}${detail ? '-sessions' : ''}.csv`
  const headers = {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  }
  if (detail) return new Response(sessionDetailCsv(ctx, prepared, lng), { headers })
  return new Response(reportCsv(prepared.report, lng), { headers })
}
