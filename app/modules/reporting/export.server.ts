import { sql } from 'kysely'
import type { Language } from '~/i18n/config'
import { getFixedT } from '~/i18n/i18n.server'
import { utcToZoned, weekdayOf } from '../activities/schedule'
import { recordAudit } from '../audit/audit.server'
import type { Ctx } from '../identity/guards.server'
import { activitiesOf, monthsOf, periodInstants } from './dashboard.server'
import type { Report, ReportCell } from './report'
import { suppressList } from './suppression'
import type { PreparedReport } from './view.server'
import { xlsx, type XlsxCell } from './xlsx'

// The dashboard as CSV (UTF-8 with BOM, semicolons, CRLF: what Danish Excel opens directly) and
// as XLSX, row for row the tables of the page; and the per-session detail as a CSV stream that
// is written while the database is read, one page at a time.

const BOM = '\uFEFF'
const CRLF = '\r\n'

/** What a cell exports: the number when there is one, else its text ("<5", "–", a name). */
export const exportValue = (c: ReportCell): XlsxCell => (c.value !== null ? c.value : c.text)

function csvField(value: XlsxCell, lng: Language): string {
  if (value === null) return ''
  let s =
    typeof value === 'number'
      ? lng === 'da'
        ? String(value).replace('.', ',')
        : String(value)
      : value
  // A text that a spreadsheet would read as a formula is kept as text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

const csvLine = (cells: XlsxCell[], lng: Language) =>
  cells.map((c) => csvField(c, lng)).join(';') + CRLF

function headerRows(report: Report, lng: Language): XlsxCell[][] {
  const t = getFixedT(lng)
  return [
    [t('pages.reports.export.heading', { municipality: report.municipality })],
    [t('pages.reports.export.period'), report.periodText],
    ...(report.goalText ? [[t('pages.reports.export.goal'), report.goalText]] : []),
    [t('pages.reports.export.suppression')],
  ]
}

function tableRows(report: Report, sectionId?: string): XlsxCell[][] {
  return report.sections
    .filter((s) => !sectionId || s.id === sectionId)
    .flatMap((s) =>
      s.tables.flatMap((tb) => [
        [tb.title],
        [tb.rowHeader, ...tb.columns],
        ...tb.rows.map((r) => [r.label, ...r.cells.map(exportValue)]),
        [],
      ]),
    )
}

export function reportCsv(report: Report, lng: Language): string {
  const rows = [...headerRows(report, lng), [], ...tableRows(report)]
  return BOM + rows.map((r) => csvLine(r, lng)).join('')
}

export function reportXlsx(report: Report, lng: Language, now: Date): Buffer {
  const t = getFixedT(lng)
  return xlsx(
    [
      { name: t('pages.reports.export.aboutSheet'), rows: headerRows(report, lng) },
      ...report.sections.map((s) => ({ name: s.title, rows: tableRows(report, s.id) })),
    ],
    now,
  )
}

export async function auditExport(
  ctx: Ctx,
  prepared: PreparedReport,
  format: 'csv' | 'xlsx' | 'sessions.csv',
): Promise<void> {
  await recordAudit(ctx.db, {
    action: 'report.exported',
    actorPersonId: ctx.actor.personId,
    municipalityId: prepared.scope.municipalityId,
    recordType: 'report',
    ipHash: ctx.ipHash,
    page: '/reports',
    details: {
      format,
      from: prepared.period.from,
      to: prepared.period.to,
      goalId: prepared.goalId,
    },
    now: ctx.now,
  })
}

export const DETAIL_PAGE_SIZE = 2000

/**
 * One line per session held in the period (date, weekday, time, organisation, category, head
 * count, named check-ins): no person, no free text. The counts of each month are suppressed as a
 * list whose total is the month's figure on the dashboard, so a hidden session figure cannot be
 * recomputed from the page; a month is written when the next one begins, so at most one month
 * is held in memory. Pages are read by keyset (starts_at, id), which works the same on PGlite
 * and PostgreSQL.
 */
export function sessionDetailCsv(
  ctx: Ctx,
  prepared: PreparedReport,
  lng: Language,
  pageSize = DETAIL_PAGE_SIZE,
): ReadableStream<Uint8Array> {
  const t = getFixedT(lng)
  const encoder = new TextEncoder()
  const { fromTs, toTs } = periodInstants(prepared.period)
  const untilTs = toTs < ctx.now ? toTs : ctx.now
  const months = monthsOf(prepared.period)
  const trend = prepared.report.sections
    .flatMap((s) => s.tables)
    .find((tb) => tb.id === 'attendance-by-month')
  const acts = activitiesOf(prepared.scope.municipalityId, prepared.goalId)
  let cursor: { startsAt: Date; id: string } | null = null
  let month: string | null = null
  // The month being read, compactly: each line's text up to the counts, and the counts.
  let prefixes: string[] = []
  let anonymousCounts: number[] = []
  let namedCounts: number[] = []
  let done = false
  const weekdays = new Map<string, string>()
  const categories = new Map<string, string>()
  const cached = (map: Map<string, string>, key: string, make: () => string) => {
    let v = map.get(key)
    if (v === undefined) map.set(key, (v = make()))
    return v
  }

  const flush = (): string => {
    if (prefixes.length === 0 || month === null) return ''
    const row = trend?.rows[months.indexOf(month)]
    const anonymous = suppressList(anonymousCounts, {
      hideTotal: Boolean(row?.cells[1]?.suppressed),
    })
    const named = suppressList(namedCounts, { hideTotal: Boolean(row?.cells[2]?.suppressed) })
    let out = ''
    for (let i = 0; i < prefixes.length; i++)
      out +=
        prefixes[i]! +
        csvLine([anonymous.items[i]!.value ?? '<5', named.items[i]!.value ?? '<5'], lng)
    prefixes = []
    anonymousCounts = []
    namedCounts = []
    return out
  }

  const readPage = async () => {
    const page = await sql<{
      id: string
      starts_at: Date
      local_date: string
      organisation: string
      category: string
      anon: number
      named: number
    }>`
      with acts as (${acts})
      select s.id, s.starts_at, s.local_date, o.name as organisation, a.category,
        coalesce(sa.anonymous_count, 0) as anon,
        (select count(*) from signup g where g.session_id = s.id and g.state = 'attended') as named
      from activity_session s
      join activity a on a.id = s.activity_id
      join organisation o on o.id = a.organisation_id
      left join session_attendance sa on sa.session_id = s.id
      where s.activity_id in (select id from acts)
        and s.status = 'scheduled'
        and s.starts_at >= ${fromTs} and s.starts_at < ${untilTs}
        ${cursor ? sql`and (s.starts_at, s.id) > (${cursor.startsAt}, ${cursor.id}::uuid)` : sql``}
      order by s.starts_at, s.id
      limit ${pageSize}`.execute(ctx.db)
    return page.rows
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        encoder.encode(
          BOM +
            csvLine(
              [
                t('pages.reports.export.columns.date'),
                t('pages.reports.export.columns.weekday'),
                t('pages.reports.export.columns.time'),
                t('pages.reports.export.columns.organisation'),
                t('pages.reports.export.columns.category'),
                t('pages.reports.measures.anonymous'),
                t('pages.reports.measures.namedVisits'),
              ],
              lng,
            ),
        ),
      )
    },
    // A pull must enqueue something or close: a stream does not pull again by itself after a
    // pull that produced nothing (a page inside one month), so read pages until a month is done.
    async pull(controller) {
      let text = ''
      while (!done && text === '') {
        const page = await readPage()
        for (const r of page) {
          const m = r.local_date.slice(0, 7)
          if (m !== month) {
            text += flush()
            month = m
          }
          const day = r.local_date
          prefixes.push(
            [
              day,
              cached(weekdays, day, () => t(`common.weekdays.${weekdayOf(day)}`)),
              utcToZoned(new Date(r.starts_at)).time,
              csvField(r.organisation, lng),
              cached(categories, r.category, () => t(`common.categories.${r.category}`)),
            ].join(';') + ';',
          )
          anonymousCounts.push(Number(r.anon))
          namedCounts.push(Number(r.named))
        }
        const last = page.at(-1)
        if (last) cursor = { startsAt: new Date(last.starts_at), id: last.id }
        if (page.length < pageSize) {
          text += flush()
          done = true
        }
      }
      if (text) controller.enqueue(encoder.encode(text))
      if (done) controller.close()
    },
  })
}
