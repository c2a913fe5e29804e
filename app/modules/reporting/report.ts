import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import type { DashboardRaw } from './dashboard.server'
import {
  figureText,
  percent,
  plainFigure,
  suppressCount,
  suppressList,
  suppressTable,
  type Figure,
} from './suppression'
import { CLOSE_REASONS, REFERRAL_KINDS, REFERRAL_STATES } from './vocab'

// The dashboard as it may be published: every count through suppression.ts, every label
// translated, nothing that names or identifies a person. The page, the print page, the CSV and
// the XLSX export all render this one structure, so their figures are the same by construction.

const P = 'pages.reports'

export interface ReportCell {
  /** The number as exported; null when hidden or not applicable. */
  value: number | null
  /** The number as read on the page: "1.234", "<5", "–", "38 %". */
  text: string
  suppressed?: boolean
}

export interface ReportRow {
  label: string
  cells: ReportCell[]
  total?: boolean
}

export interface ReportTable {
  id: string
  title: string
  /** Header of the first column (what the rows are). */
  rowHeader: string
  columns: string[]
  rows: ReportRow[]
  note?: string
}

export interface ReportChart {
  kind: 'bar' | 'line'
  title: string
  summary: string
  categories: string[]
  series: { label: string; values: (number | null)[] }[]
  /** The chart's numbers: this table, shown beside it. */
  tableId: string
}

export interface ReportSection {
  id: string
  title: string
  lead?: string
  charts: ReportChart[]
  tables: ReportTable[]
}

export interface Report {
  municipality: string
  periodText: string
  goalText: string | null
  sections: ReportSection[]
}

export function numberFormat(lng: Language) {
  const f = new Intl.NumberFormat(lng === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 })
  return (n: number) => f.format(n)
}

const MONTHS: Record<Language, string[]> = {
  da: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
}

export function monthLabel(month: string, lng: Language, withYear: boolean): string {
  const name = MONTHS[lng][Number(month.slice(5, 7)) - 1] ?? month
  return withYear ? `${name} ${month.slice(0, 4)}` : name
}

interface Build {
  t: TFunction
  lng: Language
  fmt: (n: number) => string
}

const cell = (b: Build, f: Figure): ReportCell => ({
  value: f.value,
  text: figureText(f, b.fmt),
  ...(f.suppressed ? { suppressed: true } : {}),
})
const dash: ReportCell = { value: null, text: '–' }
const pctCell = (b: Build, p: number | null): ReportCell =>
  p === null ? dash : { value: p, text: `${b.fmt(p)} %` }

/** A median shown only when at least five figures lie under it (else it describes too few). */
function medianCell(
  b: Build,
  median: number | null,
  n: number,
  unit: 'days' | 'hours',
): ReportCell {
  if (median === null || n < 5) return dash
  const rounded = Math.round(median * 10) / 10
  // exported as its text: the unit (hours or days) is part of the figure
  return { value: null, text: b.t(`${P}.units.${unit}`, { n: b.fmt(rounded) }) }
}

const kroner = (b: Build, oere: number): ReportCell => {
  const kr = Math.round(oere / 100)
  return { value: kr, text: b.t('common.price.amount', { amount: b.fmt(kr) }) }
}

function activitySections(b: Build, raw: DashboardRaw): ReportSection[] {
  const { t } = b
  const multiYear =
    raw.months.length > 0 &&
    raw.months[0]!.month.slice(0, 4) !== raw.months.at(-1)!.month.slice(0, 4)
  // Visits are counts of people and go through suppression; sessions and activities are counts
  // of things an organisation did and are shown as they are (ADR 018).
  const trend = suppressTable({
    cells: raw.months.map((m) => [m.anonymous, m.namedVisits]),
    columnTotals: true,
  })
  const [anonymousTotal, namedTotal] = trend.columnTotals ?? [plainFigure(0), plainFigure(0)]
  const sessionsTotal = plainFigure(raw.months.reduce((a, m) => a + m.sessions, 0))
  const monthLabels = raw.months.map((m) => monthLabel(m.month, b.lng, multiYear))
  const trendTable: ReportTable = {
    id: 'attendance-by-month',
    title: t(`${P}.trend.tableTitle`),
    rowHeader: t(`${P}.trend.month`),
    columns: [
      t(`${P}.measures.sessions`),
      t(`${P}.measures.anonymous`),
      t(`${P}.measures.namedVisits`),
    ],
    rows: [
      ...raw.months.map((_, i) => ({
        label: monthLabels[i]!,
        cells: [
          cell(b, plainFigure(raw.months[i]!.sessions)),
          ...trend.cells[i]!.map((f) => cell(b, f)),
        ],
      })),
      {
        label: t(`${P}.total`),
        cells: [cell(b, sessionsTotal), cell(b, anonymousTotal!), cell(b, namedTotal!)],
        total: true,
      },
    ],
    note: t(`${P}.trend.note`),
  }
  const overviewFigures: [string, ReportCell][] = [
    [t(`${P}.measures.activities`), cell(b, plainFigure(raw.overview.activities))],
    [t(`${P}.measures.sessions`), cell(b, sessionsTotal)],
    [t(`${P}.measures.anonymous`), cell(b, anonymousTotal!)],
    [t(`${P}.measures.namedVisits`), cell(b, namedTotal!)],
    [t(`${P}.measures.namedUnique`), cell(b, suppressCount(raw.overview.namedUnique))],
  ]
  const overview: ReportTable = {
    id: 'overview',
    title: t(`${P}.overview.tableTitle`),
    rowHeader: t(`${P}.overview.measure`),
    columns: [t(`${P}.overview.value`)],
    rows: overviewFigures.map(([label, c]) => ({ label, cells: [c] })),
    note: t(`${P}.overview.note`),
  }
  const peak = raw.months.reduce<{ i: number; v: number } | null>((best, _, i) => {
    const v = trend.cells[i]![0]!.value
    return v !== null && (best === null || v > best.v) ? { i, v } : best
  }, null)
  const trendChart: ReportChart = {
    kind: 'bar',
    title: t(`${P}.trend.chartTitle`),
    summary:
      anonymousTotal!.value === null || peak === null
        ? t(`${P}.trend.summaryHidden`)
        : t(`${P}.trend.summary`, {
            total: b.fmt(anonymousTotal!.value),
            month: monthLabels[peak.i],
            peak: b.fmt(peak.v),
          }),
    categories: monthLabels,
    series: [
      { label: t(`${P}.measures.anonymous`), values: trend.cells.map((r) => r[0]!.value) },
      { label: t(`${P}.measures.namedVisits`), values: trend.cells.map((r) => r[1]!.value) },
    ],
    tableId: trendTable.id,
  }

  const goalTitle = (g: DashboardRaw['goals'][number]) =>
    `${g.position}. ${b.lng === 'da' ? g.titleDa : g.titleEn}`
  const goalRows = raw.goals.map((g) => ({
    label: goalTitle(g),
    figures: [
      plainFigure(g.activities),
      plainFigure(g.sessions),
      suppressCount(g.anonymous),
      suppressCount(g.namedUnique),
    ],
  }))
  const goals: ReportTable = {
    id: 'by-goal',
    title: t(`${P}.goals.tableTitle`),
    rowHeader: t(`${P}.goals.goal`),
    columns: [
      t(`${P}.measures.activities`),
      t(`${P}.measures.sessions`),
      t(`${P}.measures.anonymous`),
      t(`${P}.measures.namedUnique`),
    ],
    rows: goalRows.map((r) => ({ label: r.label, cells: r.figures.map((f) => cell(b, f)) })),
    note: t(`${P}.goals.note`),
  }
  const goalChart: ReportChart = {
    kind: 'bar',
    title: t(`${P}.goals.chartTitle`),
    summary:
      goalRows.length === 0
        ? t(`${P}.goals.empty`)
        : t(`${P}.goals.summary`, { n: goalRows.length }),
    categories: raw.goals.map((g) => String(g.position)),
    series: [
      { label: t(`${P}.measures.anonymous`), values: goalRows.map((r) => r.figures[2]!.value) },
    ],
    tableId: goals.id,
  }

  const targetGroups: ReportTable = {
    id: 'by-target-group',
    title: t(`${P}.targetGroups.tableTitle`),
    rowHeader: t(`${P}.targetGroups.group`),
    columns: [
      t(`${P}.measures.activities`),
      t(`${P}.measures.sessions`),
      t(`${P}.measures.anonymous`),
      t(`${P}.measures.referredCitizens`),
    ],
    rows: raw.targetGroups.map((g) => ({
      label: `${b.lng === 'da' ? g.nameDa : g.nameEn}${g.sensitive ? ` (${t(`${P}.targetGroups.sensitive`)})` : ''}`,
      cells: [
        plainFigure(g.activities),
        plainFigure(g.sessions),
        suppressCount(g.anonymous),
        suppressCount(g.referredCitizens),
      ].map((f) => cell(b, f)),
    })),
    note: t(`${P}.targetGroups.note`),
  }

  return [
    {
      id: 'activities',
      title: t(`${P}.sections.activities`),
      lead: t(`${P}.overview.lead`),
      charts: [trendChart],
      tables: [overview, trendTable],
    },
    {
      id: 'goals',
      title: t(`${P}.sections.goals`),
      charts: goalRows.length ? [goalChart] : [],
      tables: [goals],
    },
    {
      id: 'target-groups',
      title: t(`${P}.sections.targetGroups`),
      charts: [],
      tables: [targetGroups],
    },
  ]
}

function volunteerSection(b: Build, raw: DashboardRaw): ReportSection {
  const { t } = b
  const v = raw.volunteers
  const hours: ReportCell =
    v.contributors < 5 && v.contributors > 0
      ? { value: null, text: '–', suppressed: true }
      : { value: Math.round(v.minutes / 60), text: b.fmt(Math.round(v.minutes / 60)) }
  return {
    id: 'volunteers',
    title: t(`${P}.sections.volunteers`),
    charts: [],
    tables: [
      {
        id: 'volunteers',
        title: t(`${P}.volunteers.tableTitle`),
        rowHeader: t(`${P}.overview.measure`),
        columns: [t(`${P}.overview.value`)],
        rows: [
          { label: t(`${P}.volunteers.active`), cells: [cell(b, suppressCount(v.active))] },
          { label: t(`${P}.volunteers.new`), cells: [cell(b, suppressCount(v.newInPeriod))] },
          {
            label: t(`${P}.volunteers.contributors`),
            cells: [cell(b, suppressCount(v.contributors))],
          },
          { label: t(`${P}.volunteers.hours`), cells: [hours] },
        ],
        note: t(`${P}.volunteers.note`),
      },
    ],
  }
}

function referralSection(b: Build, raw: DashboardRaw): ReportSection {
  const { t } = b
  const r = raw.referrals
  const states = REFERRAL_STATES
  const kinds = REFERRAL_KINDS
  const matrix = r.byReceiver.map((x) => states.map((s) => x.counts[s]))
  const kindCounts = kinds.map((k) => r.byKind[k])
  // Both tables add up to the same number: a total hidden in one is hidden in the other.
  let hideTotal = false
  let byState = suppressTable({ cells: matrix, rowTotals: true, columnTotals: true })
  let byKind = suppressList(kindCounts)
  for (let i = 0; i < 3; i++) {
    const hidden = Boolean(byState.total?.suppressed) || byKind.total.suppressed
    if (hidden === hideTotal) break
    hideTotal = hidden
    byState = suppressTable({ cells: matrix, rowTotals: true, columnTotals: true, hideTotal })
    byKind = suppressList(kindCounts, { hideTotal })
  }
  const receiverTable: ReportTable = {
    id: 'referrals-by-receiver',
    title: t(`${P}.referrals.byReceiverTitle`),
    rowHeader: t(`${P}.referrals.receiver`),
    columns: [...states.map((s) => t(`${P}.referrals.states.${s}`)), t(`${P}.total`)],
    rows: [
      ...r.byReceiver.map((x, i) => ({
        label: x.name,
        cells: [...byState.cells[i]!.map((f) => cell(b, f)), cell(b, byState.rowTotals![i]!)],
      })),
      {
        label: t(`${P}.total`),
        cells: [
          ...(byState.columnTotals ?? []).map((f) => cell(b, f)),
          cell(b, byState.total ?? plainFigure(0)),
        ],
        total: true,
      },
    ],
    note: t(`${P}.referrals.note`),
  }
  const kindTable: ReportTable = {
    id: 'referrals-by-kind',
    title: t(`${P}.referrals.byKindTitle`),
    rowHeader: t(`${P}.referrals.kind`),
    columns: [t(`${P}.referrals.count`)],
    rows: [
      ...kinds.map((k, i) => ({
        label: t(`${P}.referrals.kinds.${k}`),
        cells: [cell(b, byKind.items[i]!)],
      })),
      { label: t(`${P}.total`), cells: [cell(b, byKind.total)], total: true },
    ],
  }
  const answerTable: ReportTable = {
    id: 'referrals-answer-time',
    title: t(`${P}.referrals.answerTitle`),
    rowHeader: t(`${P}.overview.measure`),
    columns: [t(`${P}.overview.value`)],
    rows: [
      { label: t(`${P}.referrals.answered`), cells: [cell(b, suppressCount(r.answered))] },
      {
        label: t(`${P}.referrals.medianAnswer`),
        cells: [
          r.medianAnswerHours !== null && r.medianAnswerHours >= 48
            ? medianCell(b, r.medianAnswerHours / 24, r.answered, 'days')
            : medianCell(b, r.medianAnswerHours, r.answered, 'hours'),
        ],
      },
    ],
    note: t(`${P}.referrals.answerNote`),
  }
  const chart: ReportChart = {
    kind: 'bar',
    title: t(`${P}.referrals.chartTitle`),
    summary:
      byState.total?.value === null || byState.total === null
        ? t(`${P}.referrals.summaryHidden`)
        : t(`${P}.referrals.summary`, { total: b.fmt(byState.total.value) }),
    categories: states.map((s) => t(`${P}.referrals.states.${s}`)),
    series: [
      {
        label: t(`${P}.referrals.count`),
        values: (byState.columnTotals ?? []).map((f) => f.value),
      },
    ],
    tableId: receiverTable.id,
  }
  return {
    id: 'referrals',
    title: t(`${P}.sections.referrals`),
    charts: r.byReceiver.length ? [chart] : [],
    tables: [receiverTable, kindTable, answerTable],
  }
}

function partnershipSection(
  b: Build,
  raw: DashboardRaw,
  formatDay: (d: string) => string,
): ReportSection {
  const { t } = b
  return {
    id: 'partnerships',
    title: t(`${P}.sections.partnerships`),
    charts: [],
    tables: [
      {
        id: 'partnerships',
        title: t(`${P}.partnerships.tableTitle`),
        rowHeader: t(`${P}.partnerships.partnership`),
        columns: [
          t(`${P}.partnerships.organisation`),
          t(`${P}.partnerships.period`),
          t(`${P}.partnerships.amount`),
          t(`${P}.partnerships.outreach`),
          t(`${P}.partnerships.criteria`),
        ],
        rows: raw.partnerships.map((p) => ({
          label: p.title,
          cells: [
            { value: null, text: p.organisation },
            { value: null, text: `${formatDay(p.periodStart)} – ${formatDay(p.periodEnd)}` },
            kroner(b, p.amountOere),
            { value: p.outreachInPeriod, text: b.fmt(p.outreachInPeriod) },
            {
              value: null,
              text: t(`${P}.partnerships.reached`, {
                reached: p.criteriaReached,
                total: p.criteriaTotal,
              }),
            },
          ],
        })),
        note: t(`${P}.partnerships.note`),
      },
    ],
  }
}

function courseSection(b: Build, raw: DashboardRaw): ReportSection | null {
  const c = raw.courses
  if (!c) return null
  const { t } = b
  const reasons = suppressList(CLOSE_REASONS.map((r) => c.closedByReason[r]))
  const closed = reasons.total
  const anchored = suppressCount(c.anchored)
  const planned = suppressCount(c.followUpPlanned)
  const reached = suppressCount(c.followUpReached)
  return {
    id: 'courses',
    title: t(`${P}.sections.courses`),
    charts: [],
    tables: [
      {
        id: 'courses',
        title: t(`${P}.courses.tableTitle`),
        rowHeader: t(`${P}.overview.measure`),
        columns: [t(`${P}.overview.value`)],
        rows: [
          { label: t(`${P}.courses.started`), cells: [cell(b, suppressCount(c.started))] },
          { label: t(`${P}.courses.active`), cells: [cell(b, suppressCount(c.active))] },
          { label: t(`${P}.courses.closed`), cells: [cell(b, closed)] },
          {
            label: t(`${P}.courses.medianDays`),
            cells: [medianCell(b, c.medianDays, c.closed, 'days')],
          },
          { label: t(`${P}.courses.anchored`), cells: [cell(b, anchored)] },
          {
            label: t(`${P}.courses.anchoringRate`),
            cells: [pctCell(b, percent(anchored, closed))],
          },
          { label: t(`${P}.courses.followUpPlanned`), cells: [cell(b, planned)] },
          { label: t(`${P}.courses.followUpReached`), cells: [cell(b, reached)] },
        ],
      },
      {
        id: 'courses-closed-by-reason',
        title: t(`${P}.courses.reasonsTitle`),
        rowHeader: t(`${P}.courses.reason`),
        columns: [t(`${P}.courses.count`)],
        rows: [
          ...CLOSE_REASONS.map((r, i) => ({
            label: t(`${P}.courses.reasons.${r}`),
            cells: [cell(b, reasons.items[i]!)],
          })),
          { label: t(`${P}.total`), cells: [cell(b, closed)], total: true },
        ],
      },
    ],
  }
}

function frikortSection(b: Build, raw: DashboardRaw): ReportSection | null {
  const f = raw.frikort
  if (!f) return null
  const { t } = b
  const suggested = suppressCount(f.funnel.suggested)
  const hired = suppressCount(f.funnel.hired)
  const earnings: ReportCell =
    f.earners > 0 && f.earners < 5
      ? { value: null, text: '–', suppressed: true }
      : kroner(b, f.earningsOere)
  return {
    id: 'frikort',
    title: t(`${P}.sections.frikort`),
    charts: [],
    tables: [
      {
        id: 'frikort',
        title: t(`${P}.frikort.tableTitle`),
        rowHeader: t(`${P}.overview.measure`),
        columns: [t(`${P}.overview.value`)],
        rows: [
          { label: t(`${P}.frikort.decisions`), cells: [cell(b, suppressCount(f.decisions))] },
          {
            label: t(`${P}.frikort.activeDecisions`),
            cells: [cell(b, suppressCount(f.activeDecisions))],
          },
          { label: t(`${P}.frikort.inJob`), cells: [cell(b, suppressCount(f.inJob))] },
          { label: t(`${P}.frikort.earners`), cells: [cell(b, suppressCount(f.earners))] },
          { label: t(`${P}.frikort.earnings`), cells: [earnings] },
          {
            label: t(`${P}.frikort.medianDaysToFirstJob`),
            cells: [medianCell(b, f.medianDaysToFirstJob, f.firstJobs, 'days')],
          },
        ],
        note: t(`${P}.frikort.note`),
      },
      {
        id: 'frikort-funnel',
        title: t(`${P}.frikort.funnelTitle`),
        rowHeader: t(`${P}.frikort.stage`),
        columns: [t(`${P}.frikort.count`)],
        rows: [
          { label: t(`${P}.frikort.stages.suggested`), cells: [cell(b, suggested)] },
          {
            label: t(`${P}.frikort.stages.interested`),
            cells: [cell(b, suppressCount(f.funnel.interested))],
          },
          {
            label: t(`${P}.frikort.stages.trial`),
            cells: [cell(b, suppressCount(f.funnel.trial))],
          },
          { label: t(`${P}.frikort.stages.hired`), cells: [cell(b, hired)] },
          { label: t(`${P}.frikort.conversion`), cells: [pctCell(b, percent(hired, suggested))] },
        ],
      },
    ],
  }
}

export function buildReport(
  raw: DashboardRaw,
  options: {
    t: TFunction
    lng: Language
    municipality: string
    periodText: string
    goalText: string | null
    formatDay: (d: string) => string
  },
): Report {
  const b: Build = { t: options.t, lng: options.lng, fmt: numberFormat(options.lng) }
  const sections = [
    ...activitySections(b, raw),
    volunteerSection(b, raw),
    referralSection(b, raw),
    courseSection(b, raw),
    frikortSection(b, raw),
    partnershipSection(b, raw, options.formatDay),
  ].filter((s): s is ReportSection => s !== null)
  return {
    municipality: options.municipality,
    periodText: options.periodText,
    goalText: options.goalText,
    sections,
  }
}

/** Every table of a report, in order (exports). */
export const reportTables = (report: Report) => report.sections.flatMap((s) => s.tables)

/** A status report's platform figures as a table (the same rows on both sides of the report). */
export function prefilledTables(
  p: {
    activities: number
    sessions: number
    anonymous: Figure
    namedUnique: Figure
    outreach: number
    criteria: { description: string; value: number; target: number; status: string }[]
  },
  t: TFunction,
  lng: Language,
): ReportTable[] {
  const b: Build = { t, lng, fmt: numberFormat(lng) }
  const S = 'pages.staff.reports.figures'
  return [
    {
      id: 'figures',
      title: t(`${S}.title`),
      rowHeader: t(`${P}.overview.measure`),
      columns: [t(`${P}.overview.value`)],
      rows: [
        { label: t(`${P}.measures.activities`), cells: [cell(b, plainFigure(p.activities))] },
        { label: t(`${P}.measures.sessions`), cells: [cell(b, plainFigure(p.sessions))] },
        { label: t(`${P}.measures.anonymous`), cells: [cell(b, p.anonymous)] },
        { label: t(`${P}.measures.namedUnique`), cells: [cell(b, p.namedUnique)] },
        { label: t(`${S}.outreach`), cells: [cell(b, plainFigure(p.outreach))] },
      ],
      note: t(`${S}.note`),
    },
    {
      id: 'criteria',
      title: t(`${S}.criteriaTitle`),
      rowHeader: t(`${S}.criterion`),
      columns: [t(`${S}.progress`), t(`${S}.status`)],
      rows: p.criteria.map((c) => ({
        label: c.description,
        cells: [
          { value: null, text: t(`${S}.valueOfTarget`, { value: c.value, target: c.target }) },
          { value: null, text: t(`pages.orgPartnerships.progress.status.${c.status}`) },
        ],
      })),
    },
  ]
}
