import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { requireReportScope } from '~/modules/reporting/dashboard.server'
import { auditExport, reportXlsx } from '~/modules/reporting/export.server'
import { prepareReport } from '~/modules/reporting/view.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request, { resource: true })
  const url = new URL(request.url)
  requireReportScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const prepared = await prepareReport(ctx, url, lng)
  if (prepared.errors)
    return new Response('Bad request', { status: 400, headers: { 'Content-Type': 'text/plain' } })
  await auditExport(ctx, prepared, 'xlsx')
  const body = reportXlsx(prepared.report, lng, ctx.now)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="brobygger-${prepared.period.from}-${prepared.period.to}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}
