import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { earningsCsv } from '~/modules/frikort/csv'
import { exportEarnings } from '~/modules/frikort/earnings.server'
import { parsePeriod } from '~/modules/frikort/schemas'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { isUuid } from '~/modules/identity/invitation-schemas'

// The employer's own entries for one employee and period, as CSV, to help its registration in
// Socialtfrikort.dk (the file says so in its first line).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request, { resource: true })
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const citizenId = params.citizenId ?? ''
  const url = new URL(request.url)
  const found = isUuid(citizenId)
    ? await exportEarnings(
        ctx,
        orgId,
        citizenId,
        parsePeriod(url.searchParams.get('from'), url.searchParams.get('to')),
        url.pathname,
      )
    : null
  if (!found) return new Response('Not found', { status: 404 })
  const t = getFixedT(detectLanguage(request))
  const C = 'pages.frikort.csv'
  const name = found.name ?? t('pages.frikort.org.unnamed', { number: 1 })
  const body = earningsCsv(name, found.earnings, {
    notice: t(`${C}.notice`),
    columns: [
      t(`${C}.name`),
      t(`${C}.periodStart`),
      t(`${C}.periodEnd`),
      t(`${C}.paidOn`),
      t(`${C}.amount`),
      t(`${C}.correction`),
    ],
    reversal: t(`${C}.reversal`),
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="frikort-${citizenId.slice(0, 8)}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
