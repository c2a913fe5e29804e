import type { Language } from '~/i18n/config'
import { getFixedT } from '~/i18n/i18n.server'
import { utcToZoned } from '../activities/schedule'
import type { Ctx } from '../identity/guards.server'
import { formatDay, formatShortDay } from '../partnerships/format'
import {
  listReportGoals,
  loadDashboard,
  planPeriod,
  requireReportScope,
  type ReportScope,
} from './dashboard.server'
import { queryRecord, reportSearch, ReportQuerySchema, resolvePeriod, type Period } from './filters'
import { buildReport, type Report } from './report'

// One request's report: the guard (administrators and council viewers of the municipality), the
// filters, the figures and the published report. The dashboard, print page and both exports all
// come through here, so they cannot differ.

export interface PreparedReport {
  scope: ReportScope
  period: Period
  goalId: string | null
  goals: { id: string; label: string; framework: string }[]
  plan: { from: string; to: string } | null
  errors: Record<string, string[]> | null
  values: Record<string, string>
  /** '?period=…' for links to exports and print with the same filters. */
  search: string
  report: Report
}

export function periodText(period: Period, lng: Language): string {
  if (period.kind === 'year' && period.year) return String(period.year)
  return `${formatDay(period.from, lng)} – ${formatDay(period.to, lng)}`
}

export async function prepareReport(ctx: Ctx, url: URL, lng: Language): Promise<PreparedReport> {
  const values = queryRecord(url)
  const parsed = ReportQuerySchema.safeParse(values)
  const requested = parsed.success ? (parsed.data.municipality ?? null) : null
  const scope = requireReportScope(ctx, requested ?? values.municipality ?? null)
  const errors: Record<string, string[]> = {}
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '')
      ;(errors[field] ??= []).push(issue.message)
    }
  const query = parsed.success ? parsed.data : {}
  const goalRows = await listReportGoals(ctx.db, scope.municipalityId)
  let goalId = query.goal ?? null
  if (goalId && !goalRows.some((g) => g.id === goalId)) {
    errors.goal = ['pages.reports.filters.errors.goal']
    goalId = null
  }
  const plan = await planPeriod(ctx.db, scope.municipalityId)
  const today = utcToZoned(ctx.now).date
  const period = resolvePeriod(query, today, plan)
  const raw = await loadDashboard(ctx, scope, period, goalId)
  const t = getFixedT(lng)
  const goal = goalRows.find((g) => g.id === goalId)
  const report = buildReport(raw, {
    t,
    lng,
    municipality: scope.municipalityName,
    periodText: periodText(period, lng),
    goalText: goal ? `${goal.position}. ${lng === 'da' ? goal.title_da : goal.title_en}` : null,
    formatDay: (d) => formatShortDay(d, lng),
  })
  return {
    scope,
    period,
    goalId,
    goals: goalRows.map((g) => ({
      id: g.id,
      label: `${g.position}. ${lng === 'da' ? g.title_da : g.title_en}`,
      framework: g.framework,
    })),
    plan,
    errors: Object.keys(errors).length ? errors : null,
    values,
    search: reportSearch({
      period,
      goalId,
      municipalityId: scope.municipalities.length > 1 ? scope.municipalityId : null,
    }),
    report,
  }
}
