import { z } from 'zod'
import { UUID_PATTERN } from '../identity/invitation-schemas'

// The dashboard's filters, read from the query string of a GET form (works without
// JavaScript). Messages are i18n keys. Every export and the print page take the same query, so
// they show the same figures as the page they were opened from.

const E = 'pages.reports.filters.errors'
const DATE = /^\d{4}-\d{2}-\d{2}$/

export const PERIOD_KINDS = ['year', 'plan', 'custom'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

const validDate = (s: string) => {
  if (!DATE.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

const optional = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)

export const ReportQuerySchema = z
  .object({
    municipality: z.preprocess(
      optional,
      z.string().regex(UUID_PATTERN, `${E}.municipality`).optional(),
    ),
    period: z.preprocess(optional, z.enum(PERIOD_KINDS, { message: `${E}.period` }).optional()),
    year: z.preprocess(
      optional,
      z.coerce
        .number({ message: `${E}.year` })
        .int(`${E}.year`)
        .min(2000, `${E}.year`)
        .max(2100, `${E}.year`)
        .optional(),
    ),
    from: z.preprocess(optional, z.string().refine(validDate, `${E}.date`).optional()),
    to: z.preprocess(optional, z.string().refine(validDate, `${E}.date`).optional()),
    goal: z.preprocess(optional, z.string().regex(UUID_PATTERN, `${E}.goal`).optional()),
  })
  .superRefine((q, ctx) => {
    if (q.period !== 'custom') return
    if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: `${E}.fromRequired` })
    if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `${E}.toRequired` })
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `${E}.toBeforeFrom` })
    if (q.from && q.to && Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > 10)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `${E}.tooLong` })
  })

export type ReportQuery = z.infer<typeof ReportQuerySchema>

export interface Period {
  kind: PeriodKind
  /** Local dates (Europe/Copenhagen), both included. */
  from: string
  to: string
  year: number | null
}

/** The period a query asks for; the action-plan period comes from the goal framework. */
export function resolvePeriod(
  q: ReportQuery,
  today: string,
  plan: { from: string; to: string } | null,
): Period {
  if (q.period === 'custom' && q.from && q.to)
    return { kind: 'custom', from: q.from, to: q.to, year: null }
  if (q.period === 'plan' && plan) return { kind: 'plan', from: plan.from, to: plan.to, year: null }
  const year = q.year ?? Number(today.slice(0, 4))
  return { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31`, year }
}

/** The query string for a period and goal (links to exports, print and the next request). */
export function reportSearch(
  p: { period: Period; goalId: string | null; municipalityId: string | null },
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams()
  if (p.municipalityId) params.set('municipality', p.municipalityId)
  params.set('period', p.period.kind)
  if (p.period.kind === 'year' && p.period.year) params.set('year', String(p.period.year))
  if (p.period.kind === 'custom') {
    params.set('from', p.period.from)
    params.set('to', p.period.to)
  }
  if (p.goalId) params.set('goal', p.goalId)
  for (const [k, v] of Object.entries(extra)) params.set(k, v)
  return `?${params.toString()}`
}

/** The search params as the record parseForm-style schemas read. */
export function queryRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of url.searchParams) out[k] = v
  return out
}
