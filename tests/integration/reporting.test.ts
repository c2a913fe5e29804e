import { inflateRawSync } from 'node:zlib'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { seedDemoAccounts } from '~/modules/identity/demo-accounts.server'
import { loadActor } from '~/modules/identity/actor.server'
import { sessionDetailCsv } from '~/modules/reporting/export.server'
import { runReportingJobs } from '~/modules/reporting/status-reports.server'
import { prepareReport } from '~/modules/reporting/view.server'
import { unzip } from '~/modules/reporting/xlsx'
import * as actionPlan from '~/routes/reports.action-plan'
import * as csvExport from '~/routes/reports.export[.]csv'
import * as xlsxExport from '~/routes/reports.export[.]xlsx'
import * as dashboard from '~/routes/reports._index'
import * as print from '~/routes/reports.print'
import { DEMO_ACTIVITY } from '../../db/seed/demo-activities.ts'
import { seedDemoReporting } from '../../db/seed/demo-reporting.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { callRoute, formRequest, getRequest, sessionCookieFor } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// The municipal dashboard through its routes: who may read it, the figures for 2025 from the
// demo history, small-number suppression on the page, and the CSV, XLSX and print versions
// carrying exactly the page's figures and no person's name or any id.

const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
// Names that exist in the data the reports count: test citizens, guests who checked in by
// name (demo-reporting.ts) and the demo people.
const CITIZEN_NAMES = ['Yrsa Testesen', 'Ulrik Prøvesen', 'Vibeke Eksempel']
const SEEDED_NAMES = [...CITIZEN_NAMES, 'Bente', 'Kurt', 'Mikkel', 'Sanne', 'Helle Administrator']

let database: Database
let admin: string
let council: string
let rodovreAdmin: string
let caseworker: string
let goal7: string
const now = new Date()

async function addReferrals(db: Database['db']) {
  const [substance] = await db
    .selectFrom('target_group')
    .select('id')
    .where('code', '=', 'substance_use')
    .execute()
  const plan: {
    name: string
    state: 'sent' | 'accepted' | 'declined'
    answeredHours: number | null
  }[] = [
    ...Array.from({ length: 6 }, (_, i) => ({
      name: CITIZEN_NAMES[i % 3]!,
      state: 'accepted' as const,
      answeredHours: 20 + i * 10,
    })),
    { name: CITIZEN_NAMES[0]!, state: 'declined', answeredHours: 30 },
    { name: CITIZEN_NAMES[1]!, state: 'sent', answeredHours: null },
  ]
  for (const [i, r] of plan.entries()) {
    const citizen = await db
      .insertInto('citizen')
      .values({ municipality_id: DEMO.frederiksberg, chosen_name: `${r.name}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (substance)
      await db
        .insertInto('citizen_target_group')
        .values({ citizen_id: citizen.id, target_group_id: substance.id })
        .execute()
    const consent = await db
      .insertInto('consent')
      .values({
        citizen_id: citizen.id,
        purpose: 'referral',
        data_categories: ['name'],
        wording_version: 'v1',
        channel: 'digital',
        given_at: new Date('2025-02-01T10:00:00Z'),
        expires_at: new Date('2027-02-01T10:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const sent = new Date(Date.UTC(2025, 2, 1 + i, 9))
    await db
      .insertInto('referral')
      .values({
        citizen_id: citizen.id,
        municipality_id: DEMO.frederiksberg,
        to_organisation_id: DEMO.org.cafe,
        kind: 'buddy',
        consent_id: consent.id,
        note: `Fri tekst om ${r.name}`,
        state: r.state,
        state_reason: r.state === 'declined' ? 'Ingen ledige følgevenner' : null,
        sent_at: sent,
        deadline_at: new Date(sent.getTime() + 14 * 86_400_000),
        answered_at:
          r.answeredHours === null ? null : new Date(sent.getTime() + r.answeredHours * 3_600_000),
      })
      .execute()
  }
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db, now)
  await seedDemoAccounts(database.db, now)
  await seedDemoReporting(database.db, now)
  await addReferrals(database.db)
  // As the running app does after its periodic jobs (ADR 012): PGlite has no autovacuum.
  await sql`analyze`.execute(database.db)
  admin = await sessionCookieFor(database.db, P(1))
  council = await sessionCookieFor(database.db, P(5))
  rodovreAdmin = await sessionCookieFor(database.db, P(4))
  caseworker = await sessionCookieFor(database.db, P(2))
  const g = await database.db
    .selectFrom('goal')
    .select('id')
    .where('framework_id', '=', '00000000-0000-4000-8002-000000000147')
    .where('position', '=', 7)
    .executeTakeFirstOrThrow()
  goal7 = g.id
})

const page = (cookie: string, query = '') =>
  callRoute(dashboard.loader, getRequest(`/reports${query}`, cookie))

type Table = {
  id: string
  rows: { label: string; cells: { value: number | null; text: string }[] }[]
}
const tableOf = (data: any, id: string): Table =>
  data.report.sections.flatMap((s: any) => s.tables).find((t: Table) => t.id === id)

async function heldSessions2025() {
  const r = await database.db
    .selectFrom('activity_session as s')
    .innerJoin('activity as a', 'a.id', 's.activity_id')
    .innerJoin('area as ar', 'ar.id', 'a.area_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ar.municipality_id', '=', DEMO.frederiksberg)
    .where('s.local_date', '>=', '2025-01-01')
    .where('s.local_date', '<=', '2025-12-31')
    .where('s.status', '=', 'scheduled')
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

describe('the municipal dashboard', () => {
  it('shows an administrator the 2025 figures of their municipality', async () => {
    const res = await page(admin, '?period=year&year=2025')
    expect(res.status).toBe(200)
    const overview = tableOf(res.data, 'overview')
    const sessions = overview.rows[1]!.cells[0]!.value
    expect(sessions).toBe(await heldSessions2025())
    // football ×3, badminton, yoga and the Tuesday dinner held sessions in 2025
    expect(overview.rows[0]!.cells[0]!.value).toBe(6)
    const trend = tableOf(res.data, 'attendance-by-month')
    expect(trend.rows).toHaveLength(13)
    const monthSum = trend.rows.slice(0, 12).reduce((a, r) => a + (r.cells[0]!.value ?? 0), 0)
    expect(trend.rows[12]!.cells[0]!.value).toBe(monthSum)
    // nine different guests checked in by name: shown
    expect(overview.rows[4]!.cells[0]!.value).toBe(9)
    // courses (issue 7) and frikort (issue 8) are read from their own tables
    const ids = res.data.report.sections.map((x: { id: string }) => x.id)
    expect(ids).toEqual([
      'activities',
      'goals',
      'target-groups',
      'volunteers',
      'referrals',
      'courses',
      'frikort',
      'partnerships',
    ])
    expect(tableOf(res.data, 'frikort').rows[0]!.cells[0]!.value).toBe(0)
  })

  it('filters to one goal and hides the small count of named participants as <5', async () => {
    const res = await page(admin, `?period=year&year=2025&goal=${goal7}`)
    expect(res.status).toBe(200)
    const overview = tableOf(res.data, 'overview')
    expect(overview.rows[0]!.cells[0]!.value).toBe(1) // only the Tuesday dinner has goal 7
    expect(overview.rows[4]!.cells[0]).toMatchObject({ value: null, text: '<5' })
    expect(res.data.report.goalText).toMatch(/^7\. /)
  })

  it('counts an activity with two goals under both', async () => {
    const res = await page(admin, '?period=year&year=2025')
    const goals = tableOf(res.data, 'by-goal')
    const byPosition = (n: number) => goals.rows.find((r) => r.label.startsWith(`${n}. `))!
    // the dinner carries goals 3, 5 and 7; football and the sports club carry 2 and 3
    expect(byPosition(7).cells[0]!.value).toBe(1)
    expect(byPosition(5).cells[0]!.value).toBe(1)
    expect(byPosition(3).cells[0]!.value).toBe(6)
    expect(byPosition(2).cells[0]!.value).toBe(5)
  })

  it('reports referrals by receiver and state with complementary suppression', async () => {
    const res = await page(admin, '?period=year&year=2025')
    const t = tableOf(res.data, 'referrals-by-receiver')
    const cafe = t.rows.find((r) => r.label === 'Café Broen')!
    // 6 accepted, 1 declined, 1 sent: the two small ones are hidden, the row total shown
    expect(cafe.cells[0]!.text).toBe('<5')
    expect(cafe.cells[2]!.text).toBe('<5')
    expect(cafe.cells[1]!.value).toBe(6)
    expect(cafe.cells.at(-1)!.value).toBe(8)
    const answer = tableOf(res.data, 'referrals-answer-time')
    expect(answer.rows[0]!.cells[0]!.value).toBe(7)
    expect(answer.rows[1]!.cells[0]!.text).toMatch(/timer|døgn/)
    // the sensitive target group appears only as a suppressed aggregate
    const groups = tableOf(res.data, 'by-target-group')
    const substance = groups.rows.find((r) => r.label.startsWith('Rusmiddelproblemer'))!
    expect(substance.label).toMatch(/følsom/)
    expect(substance.cells[3]!.value).toBe(8)
  })

  it('lets a council viewer read it, and nobody outside the municipality', async () => {
    expect((await page(council, '?year=2025')).status).toBe(200)
    expect((await page(rodovreAdmin, `?municipality=${DEMO.frederiksberg}`)).status).toBe(403)
    expect((await page(caseworker)).status).toBe(403)
    const anonymous = await page('')
    expect(anonymous.status).toBe(302)
  })

  it('answers a filter it cannot read with 400 and the messages, never a 500', async () => {
    const custom = await page(admin, '?period=custom&from=2025-05-01')
    expect(custom.status).toBe(400)
    expect(custom.data.errors.to).toEqual(['pages.reports.filters.errors.toRequired'])
    const otherGoal = await database.db
      .selectFrom('goal')
      .select('id')
      .where('framework_id', '=', '00000000-0000-4000-8002-000000000175')
      .executeTakeFirstOrThrow()
    const res = await page(admin, `?goal=${otherGoal.id}`)
    expect(res.status).toBe(400)
    expect(res.data.errors.goal).toBeDefined()
    expect((await page(admin, '?year=abc&from=2025-02-31&period=zzz')).status).toBe(400)
  })
})

/** The body as it arrives, BOM included (Response.text() would drop it). */
async function csvBody(route: typeof csvExport, url: string, cookie: string) {
  const response = (await route.loader({
    request: getRequest(url, cookie),
    params: {},
    context: {},
  })) as Response
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { response, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }
}

function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true)
  expect(text.includes('\r\n')).toBe(true)
  return text
    .slice(1)
    .split('\r\n')
    .map((line) => (line === '' ? [] : line.split(';')))
}

function csvTable(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((r) => r[0] === title)
  expect(start, `table ${title}`).toBeGreaterThanOrEqual(0)
  const end = rows.findIndex((r, i) => i > start && r.length === 0)
  return rows.slice(start + 2, end)
}

const expectNoPersonOrId = (text: string) => {
  for (const name of SEEDED_NAMES) expect(text, name).not.toContain(name)
  expect(text).not.toMatch(UUID)
  expect(text).not.toContain('Fri tekst')
}

describe('exports', () => {
  const query = `?period=year&year=2025&goal=`

  it("CSV: the page's tables, figure for figure, and nothing about a person", async () => {
    for (const goal of ['', goal7]) {
      const pageRes = await page(admin, `${query}${goal}`)
      const res = await csvBody(csvExport, `/reports/export.csv${query}${goal}`, admin)
      expect(res.response.status).toBe(200)
      expect(res.response.headers.get('Content-Type')).toContain('text/csv')
      const rows = parseCsv(res.text)
      for (const section of pageRes.data.report.sections)
        for (const table of section.tables as (Table & { title: string })[]) {
          const csv = csvTable(rows, table.title)
          expect(csv.map((r) => r[0])).toEqual(
            table.rows.map((r) => r.label.replace(/^(.*[;"].*)$/, '"$1"')),
          )
          table.rows.forEach((r, i) =>
            r.cells.forEach((c, j) => {
              const exported = csv[i]![j + 1]!
              if (c.value !== null) expect(exported).toBe(String(c.value).replace('.', ','))
              else expect(exported.replace(/^"|"$/g, '')).toBe(c.text)
            }),
          )
        }
      expectNoPersonOrId(res.text)
    }
  })

  it('XLSX: a workbook with the same figures and nothing about a person', async () => {
    const response = (await xlsxExport.loader({
      request: getRequest(`/reports/export.xlsx${query}${goal7}`, admin),
      params: {},
      context: {},
    })) as Response
    expect(response.status).toBe(200)
    const files = unzip(Buffer.from(await response.arrayBuffer()), inflateRawSync)
    expect([...files.keys()]).toContain('xl/workbook.xml')
    const sheets = [...files.entries()].filter(([k]) => k.startsWith('xl/worksheets/'))
    const all = sheets.map(([, v]) => v).join('')
    expectNoPersonOrId(all)
    const pageRes = await page(admin, `${query}${goal7}`)
    const overview = tableOf(pageRes.data, 'overview')
    const sheet = files.get('xl/worksheets/sheet2.xml')!
    for (const row of overview.rows) {
      const c = row.cells[0]!
      if (c.value !== null) expect(sheet).toContain(`<v>${c.value}</v>`)
    }
    expect(sheet).toContain('&lt;5')
  })

  it('streams one line per held session, suppressed per month against the page', async () => {
    const { text } = await csvBody(csvExport, `/reports/export.csv${query}&detail=sessions`, admin)
    const rows = parseCsv(text).filter((r) => r.length > 0)
    expect(rows.length - 1).toBe(await heldSessions2025())
    expectNoPersonOrId(text)
    // a month's shown head counts add up to at most the page's figure, and exactly when none is hidden
    const pageRes = await page(admin, `${query}`)
    const trend = tableOf(pageRes.data, 'attendance-by-month')
    const march = rows.filter((r) => r[0]!.startsWith('2025-03'))
    const shown = march
      .map((r) => r[5]!)
      .filter((v) => v !== '<5')
      .map(Number)
    const hidden = march.filter((r) => r[5] === '<5').length
    const pageMarch = trend.rows[2]!.cells[1]!.value!
    if (hidden === 0) expect(shown.reduce((a, b) => a + b, 0)).toBe(pageMarch)
    else expect(hidden).toBeGreaterThanOrEqual(2)
  })

  it('streams the same lines whatever the page size, across pages inside one month', async () => {
    const actor = (await loadActor(database.db, P(1), { id: '', mfaVerified: true }))!
    const ctx = { db: database.db, actor, now: new Date(), ipHash: null }
    const prepared = await prepareReport(
      ctx,
      new URL('http://x/reports?period=year&year=2025'),
      'da',
    )
    const read = (size: number) => new Response(sessionDetailCsv(ctx, prepared, 'da', size)).text()
    const [small, large] = await Promise.all([read(7), read(5000)])
    expect(small.split('\r\n').length).toBeGreaterThan(100)
    expect(small).toBe(large)
  })

  it('refuses an export to someone without the role, and anonymous requests with 401', async () => {
    const res = await callRoute(csvExport.loader, getRequest('/reports/export.csv', caseworker))
    expect(res.status).toBe(403)
    const anon = await callRoute(xlsxExport.loader, getRequest('/reports/export.xlsx'))
    expect(anon.status).toBe(401)
  })

  it('print page carries the same report', async () => {
    const a = await page(admin, `${query}${goal7}`)
    const b = await callRoute(print.loader, getRequest(`/reports/print${query}${goal7}`, admin))
    expect(b.status).toBe(200)
    expect(b.data.report).toEqual(a.data.report)
  })
})

describe('the council viewer', () => {
  it('reaches nothing that names a citizen', async () => {
    const texts = [
      JSON.stringify((await page(council, '?period=year&year=2025')).data),
      JSON.stringify(
        (await callRoute(print.loader, getRequest('/reports/print?year=2025', council))).data,
      ),
      JSON.stringify(
        (await callRoute(actionPlan.loader, getRequest('/reports/action-plan', council))).data,
      ),
      (await callRoute(csvExport.loader, getRequest('/reports/export.csv?year=2025', council)))
        .data,
      (
        await callRoute(
          csvExport.loader,
          getRequest('/reports/export.csv?year=2025&detail=sessions', council),
        )
      ).data,
    ]
    for (const text of texts) {
      for (const name of CITIZEN_NAMES) expect(text).not.toContain(name)
      expect(text).not.toContain('Bente')
    }
  })

  it('leaves a comment once, however often the form is sent', async () => {
    const commentId = crypto.randomUUID()
    const fields = {
      intent: 'comment',
      commentId,
      body: 'Flot fremmøde til fællesspisningen.',
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      back: '/reports?period=year&year=2025',
    }
    const first = await callRoute(dashboard.action, formRequest('/reports', fields, council))
    expect(first.status).toBe(302)
    expect(first.location).toBe('/reports?period=year&year=2025&done=comment#comments')
    await callRoute(dashboard.action, formRequest('/reports', fields, council))
    const rows = await database.db
      .selectFrom('report_comment')
      .selectAll()
      .where('id', '=', commentId)
      .execute()
    expect(rows).toHaveLength(1)
    const res = await page(admin, '?year=2025')
    expect(res.data.comments.map((c: { body: string }) => c.body)).toContain(fields.body)
    const empty = await callRoute(
      dashboard.action,
      formRequest('/reports', { ...fields, commentId: crypto.randomUUID(), body: '  ' }, council),
    )
    expect(empty.status).toBe(400)
    expect(empty.data.errors.body).toEqual(['pages.reports.errors.commentRequired'])
    const byAdmin = await callRoute(
      dashboard.action,
      formRequest('/reports', { ...fields, commentId: crypto.randomUUID() }, admin),
    )
    expect(byAdmin.status).toBe(403)
  })
})

describe('demo history', () => {
  it('has held sessions with attendance for the demo activities in 2025', async () => {
    const n = await database.db
      .selectFrom('session_attendance as sa')
      .innerJoin('activity_session as s', 's.id', 'sa.session_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.activity_id', '=', DEMO_ACTIVITY.dinner)
      .where('s.local_date', '>=', '2025-01-01')
      .where('s.local_date', '<=', '2025-12-31')
      .executeTakeFirstOrThrow()
    expect(Number(n.n)).toBeGreaterThanOrEqual(52)
    // running the seed again adds nothing
    await seedDemoReporting(database.db, now)
    expect((await page(admin, '?year=2025')).data.report).toEqual(
      (await page(admin, '?year=2025')).data.report,
    )
  })
})

describe('the monthly rollup', () => {
  it('takes a change to a closed month into the dashboard at the next hourly run', async () => {
    const before = tableOf(
      (await page(admin, '?period=year&year=2025')).data,
      'attendance-by-month',
    )
    const march = await database.db
      .selectFrom('activity_session')
      .select('id')
      .where('activity_id', '=', DEMO_ACTIVITY.dinner)
      .where('local_date', '>=', '2025-03-01')
      .where('local_date', '<=', '2025-03-31')
      .orderBy('local_date')
      .executeTakeFirstOrThrow()
    await database.db
      .updateTable('session_attendance')
      .set((eb) => ({ anonymous_count: eb('anonymous_count', '+', 100), updated_at: new Date() }))
      .where('session_id', '=', march.id)
      .execute()
    // a custom period with ragged edges is counted live at once
    const live = await page(admin, '?period=custom&from=2025-03-02&to=2025-04-15')
    expect(live.status).toBe(200)
    const result = await runReportingJobs(database.db, new Date())
    expect(result.rollupRows).toBeGreaterThan(0)
    const after = tableOf((await page(admin, '?period=year&year=2025')).data, 'attendance-by-month')
    expect(after.rows[2]!.cells[1]!.value).toBe(before.rows[2]!.cells[1]!.value! + 100)
    expect(after.rows[3]!.cells[1]!.value).toBe(before.rows[3]!.cells[1]!.value)
  })
})
