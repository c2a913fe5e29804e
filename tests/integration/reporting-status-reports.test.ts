import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { seedDemoAccounts } from '~/modules/identity/demo-accounts.server'
import { runReportingJobs } from '~/modules/reporting/status-reports.server'
import * as adminActionPlan from '~/routes/admin.reports.action-plan'
import * as adminDetail from '~/routes/admin.reports.$reportId'
import * as adminList from '~/routes/admin.reports._index'
import * as orgDetail from '~/routes/org.$orgId.reports.$reportId'
import * as orgList from '~/routes/org.$orgId.reports._index'
import * as actionPlan from '~/routes/reports.action-plan'
import { DEMO_PARTNERSHIPS } from '../../db/seed/demo-partnerships.ts'
import { DEMO_REPORTS, seedDemoReporting } from '../../db/seed/demo-reporting.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import {
  callRoute,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// The §18 status report through its routes (draft → submitted → approved | returned →
// submitted), with its events, audit rows, e-mails and reminders; and the action-plan table.

const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const CAFE = DEMO.org.cafe
const S = 'pages.staff.reports.errors'

let database: Database
let admin: string
let rodovreAdmin: string
let coordinator: string
let staff: string
let footballCoordinator: string
let council: string
const now = new Date()

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db, now)
  await seedDemoAccounts(database.db, now)
  await seedDemoReporting(database.db, now)
  await sql`analyze`.execute(database.db)
  admin = await sessionCookieFor(database.db, P(1))
  rodovreAdmin = await sessionCookieFor(database.db, P(4))
  council = await sessionCookieFor(database.db, P(5))
  coordinator = await sessionCookieFor(database.db, P(6))
  staff = await sessionCookieFor(database.db, P(7))
  footballCoordinator = await sessionCookieFor(database.db, P(8))
})

const orgUrl = (id: string) => `/org/${CAFE}/reports/${id}`
const orgPost = (cookie: string, id: string, fields: Record<string, string>) =>
  callRoute(orgDetail.action, formRequest(orgUrl(id), fields, cookie), {
    orgId: CAFE,
    reportId: id,
  })
const adminPost = (cookie: string, id: string, fields: Record<string, string>) =>
  callRoute(adminDetail.action, formRequest(`/admin/reports/${id}`, fields, cookie), {
    reportId: id,
  })
const answers = {
  activities: 'Fællesspisning hver tirsdag og tre ture.',
  results: 'Opsøgningen nåede 7 af 10 steder.',
  challenges: '',
  next: 'Flere følgevenner.',
}
const report = (id: string) =>
  database.db.selectFrom('status_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const outbox = (template: string) =>
  database.db
    .selectFrom('outbox_message')
    .select(['to_address', 'subject', 'text_body'])
    .where('template', '=', template)
    .execute()

describe('the association writes and submits its status report', () => {
  it('lists its reports in every state and shows fresh figures on a draft', async () => {
    const list = await callRoute(orgList.loader, getRequest(`/org/${CAFE}/reports`, coordinator), {
      orgId: CAFE,
    })
    expect(list.status).toBe(200)
    expect(list.data.reports.map((r: { state: string }) => r.state).sort()).toEqual([
      'approved',
      'draft',
      'returned',
      'submitted',
    ])
    const page = await callRoute(
      orgDetail.loader,
      getRequest(orgUrl(DEMO_REPORTS.cafeDraft), coordinator),
      {
        orgId: CAFE,
        reportId: DEMO_REPORTS.cafeDraft,
      },
    )
    expect(page.status).toBe(200)
    expect(page.data.report.editable).toBe(true)
    // outreach in the second half of 2022: one entry (24 May is in the first half)
    const figures = page.data.tables[0]
    expect(figures.rows[4].cells[0].value).toBe(0)
    expect(page.data.tables[1].rows).toHaveLength(2)
  })

  it('keeps another organisation out', async () => {
    const res = await callRoute(
      orgDetail.loader,
      getRequest(orgUrl(DEMO_REPORTS.cafeDraft), footballCoordinator),
      { orgId: CAFE, reportId: DEMO_REPORTS.cafeDraft },
    )
    expect(res.status).toBe(403)
    const own = await callRoute(
      orgDetail.loader,
      getRequest(
        `/org/${DEMO.org.streetFootball}/reports/${DEMO_REPORTS.cafeDraft}`,
        footballCoordinator,
      ),
      { orgId: DEMO.org.streetFootball, reportId: DEMO_REPORTS.cafeDraft },
    )
    expect(own.status).toBe(404)
  })

  it('saves a draft (staff may), refuses to submit without the required sections', async () => {
    const saved = await orgPost(staff, DEMO_REPORTS.cafeDraft, {
      intent: 'save',
      ...answers,
      results: '',
    })
    expect(saved.status).toBe(302)
    expect((await report(DEMO_REPORTS.cafeDraft)).state).toBe('draft')
    const byStaff = await orgPost(staff, DEMO_REPORTS.cafeDraft, { intent: 'submit', ...answers })
    expect(byStaff.status).toBe(403)
    const missing = await orgPost(coordinator, DEMO_REPORTS.cafeDraft, {
      intent: 'submit',
      ...answers,
      results: '   ',
    })
    expect(missing.status).toBe(400)
    expect(missing.data.errors.results).toEqual([`${S}.answerRequired`])
    expect(missing.data.values.activities).toBe(answers.activities)
    const tooLong = await orgPost(coordinator, DEMO_REPORTS.cafeDraft, {
      intent: 'save',
      ...answers,
      next: 'x'.repeat(4001),
    })
    expect(tooLong.status).toBe(400)
  })

  it('submits once, freezes the figures and tells the administrators', async () => {
    const first = await orgPost(coordinator, DEMO_REPORTS.cafeDraft, {
      intent: 'submit',
      ...answers,
    })
    expect(first.status).toBe(302)
    expect(first.location).toBe(`${orgUrl(DEMO_REPORTS.cafeDraft)}?done=submitted`)
    const second = await orgPost(coordinator, DEMO_REPORTS.cafeDraft, {
      intent: 'submit',
      ...answers,
    })
    expect(second.status).toBe(302)
    const row = await report(DEMO_REPORTS.cafeDraft)
    expect(row.state).toBe('submitted')
    expect(row.submitted_by).toBe(P(6))
    expect((row.prefilled as { computedAt?: string }).computedAt).toBeDefined()
    const mails = await outbox('reportSubmitted')
    expect(mails.map((m) => m.to_address)).toEqual(['admin@frederiksberg.example.dk'])
    const events = await database.db
      .selectFrom('event')
      .select('type')
      .where('entity_id', '=', DEMO_REPORTS.cafeDraft)
      .execute()
    expect(events.map((e) => e.type)).toEqual(['status_report.submitted'])
    const edit = await orgPost(coordinator, DEMO_REPORTS.cafeDraft, { intent: 'save', ...answers })
    expect(edit.status).toBe(400)
    expect(edit.data.errors['']).toEqual([`${S}.notEditable`])
  })
})

describe('the administrator decides', () => {
  it('approves a submitted report and the association is told', async () => {
    const list = await callRoute(adminList.loader, getRequest('/admin/reports', admin))
    expect(list.data.reports[0].state).toBe('submitted')
    const res = await adminPost(admin, DEMO_REPORTS.cafeDraft, { intent: 'approve', comment: '' })
    expect(res.status).toBe(302)
    expect((await report(DEMO_REPORTS.cafeDraft)).state).toBe('approved')
    const again = await adminPost(admin, DEMO_REPORTS.cafeDraft, { intent: 'approve', comment: '' })
    expect(again.status).toBe(302)
    const mails = await outbox('reportDecided')
    expect(mails.map((m) => m.to_address)).toEqual(['koordinator@cafe-broen.example.dk'])
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', DEMO_REPORTS.cafeDraft)
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'status_report.submitted',
      'status_report.approved',
    ])
  })

  it('returns a report only with a comment, and the association submits it again', async () => {
    const noComment = await adminPost(admin, DEMO_REPORTS.cafeSubmitted, {
      intent: 'return',
      comment: ' ',
    })
    expect(noComment.status).toBe(400)
    expect(noComment.data.errors.comment).toEqual([`${S}.commentRequired`])
    const returned = await adminPost(admin, DEMO_REPORTS.cafeSubmitted, {
      intent: 'return',
      comment: 'Skriv mere om frivillige.',
    })
    expect(returned.status).toBe(302)
    expect((await report(DEMO_REPORTS.cafeSubmitted)).state).toBe('returned')
    const resubmitted = await orgPost(coordinator, DEMO_REPORTS.cafeSubmitted, {
      intent: 'submit',
      ...answers,
    })
    expect(resubmitted.status).toBe(302)
    expect((await report(DEMO_REPORTS.cafeSubmitted)).state).toBe('submitted')
  })

  it('refuses a decision on a report that is not submitted, and other municipalities', async () => {
    const draft = await adminPost(admin, DEMO_REPORTS.footballDraft, {
      intent: 'approve',
      comment: '',
    })
    expect(draft.status).toBe(400)
    expect(draft.data.errors['']).toEqual([`${S}.notSubmitted`])
    const approved = await adminPost(admin, DEMO_REPORTS.cafeApproved, {
      intent: 'return',
      comment: 'x',
    })
    expect(approved.status).toBe(400)
    const other = await adminPost(rodovreAdmin, DEMO_REPORTS.cafeSubmitted, {
      intent: 'approve',
      comment: '',
    })
    expect(other.status).toBe(404)
    const viewer = await adminPost(council, DEMO_REPORTS.cafeSubmitted, {
      intent: 'approve',
      comment: '',
    })
    expect(viewer.status).toBe(403)
  })

  it('asks for a new report once, whatever the number of submits', async () => {
    const submissionId = crypto.randomUUID()
    const fields = {
      submissionId,
      partnershipId: DEMO_PARTNERSHIPS.streetFootball,
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      dueOn: '2026-08-15',
    }
    const first = await callRoute(adminList.action, formRequest('/admin/reports', fields, admin))
    expect(first.status).toBe(302)
    const second = await callRoute(adminList.action, formRequest('/admin/reports', fields, admin))
    expect(second.status).toBe(302)
    const twin = await callRoute(
      adminList.action,
      formRequest('/admin/reports', { ...fields, submissionId: crypto.randomUUID() }, admin),
    )
    expect(twin.status).toBe(400)
    expect(twin.data.errors.periodFrom).toEqual([`${S}.periodExists`])
    const row = await report(submissionId)
    expect(row.state).toBe('draft')
    const requested = await outbox('reportRequested')
    expect(requested.map((m) => m.to_address)).toEqual(['koordinator@gadeholdet.example.dk'])
    const foreign = await callRoute(
      adminList.action,
      formRequest(
        '/admin/reports',
        {
          ...fields,
          submissionId: crypto.randomUUID(),
          partnershipId: DEMO_PARTNERSHIPS.walkingClub,
        },
        admin,
      ),
    )
    expect(foreign.status).toBe(400)
    const backwards = await callRoute(
      adminList.action,
      formRequest('/admin/reports', { ...fields, periodTo: '2025-01-01' }, admin),
    )
    expect(backwards.status).toBe(400)
  })
})

describe('reminders', () => {
  it('reminds the coordinators once when a report is due within a week', async () => {
    const first = await runReportingJobs(database.db, now)
    expect(first.reminders).toBe(1)
    const mails = await outbox('reportDue')
    expect(mails.map((m) => m.to_address)).toEqual(['koordinator@gadeholdet.example.dk'])
    expect((await runReportingJobs(database.db, now)).reminders).toBe(0)
    // a report due in three weeks is not reminded yet
    const later = await runReportingJobs(database.db, now)
    expect(later.reminders).toBe(0)
  })
})

describe('the action-plan table', () => {
  it("shows the initiatives in the plan's columns with status from the platform", async () => {
    const res = await callRoute(actionPlan.loader, getRequest('/reports/action-plan', council))
    expect(res.status).toBe(200)
    expect(res.data.canEdit).toBe(false)
    const cafe = res.data.rows.find((r: { title: string }) => r.title.startsWith('Følgevenner'))
    // 7 of 10 outreach contacts and about 18 of 20 citizens: neither reached
    expect(cafe.status).toContain('0 af 2 succeskriterier nået')
    expect(cafe.status).toContain('7 opsøgninger')
    const sports = res.data.rows.find((r: { title: string }) => r.title.startsWith('Idræt'))
    expect(sports.status.join(' ')).toMatch(/aktiviteter holdt/)
    const rodovre = await callRoute(
      actionPlan.loader,
      getRequest('/reports/action-plan', rodovreAdmin),
    )
    expect(rodovre.data.rows.map((r: { title: string }) => r.title).join()).not.toContain(
      'Følgevenner',
    )
  })

  it('lets the administrator add and change an initiative, with sources of their own only', async () => {
    const fields = {
      submissionId: crypto.randomUUID(),
      initiativeId: '',
      title: 'Fællesspisning for alle',
      purpose: 'Flere spiser sammen.',
      lead: 'Café Broen',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      partners: 'Café Broen',
      partnershipId: '',
      goalId: '',
    }
    const created = await callRoute(
      adminActionPlan.action,
      formRequest('/admin/reports/action-plan', fields, admin),
    )
    expect(created.status).toBe(302)
    const row = await database.db
      .selectFrom('action_plan_initiative')
      .selectAll()
      .where('id', '=', fields.submissionId)
      .executeTakeFirstOrThrow()
    expect(row.position).toBe(4)
    const foreign = await callRoute(
      adminActionPlan.action,
      formRequest(
        '/admin/reports/action-plan',
        { ...fields, initiativeId: row.id, partnershipId: DEMO_PARTNERSHIPS.walkingClub },
        admin,
      ),
    )
    expect(foreign.status).toBe(400)
    expect(foreign.data.errors.partnershipId).toEqual([`${S}.invalidChoice`])
    const empty = await callRoute(
      adminActionPlan.action,
      formRequest('/admin/reports/action-plan', { ...fields, title: '' }, admin),
    )
    expect(empty.status).toBe(400)
    const changed = await callRoute(
      adminActionPlan.action,
      formRequest(
        '/admin/reports/action-plan',
        { ...fields, initiativeId: row.id, lead: 'Socialafdelingen' },
        admin,
      ),
    )
    expect(changed.status).toBe(302)
    const again = await database.db
      .selectFrom('action_plan_initiative')
      .select('lead')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(again.lead).toBe('Socialafdelingen')
    const byOther = await callRoute(
      adminActionPlan.action,
      formRequest('/admin/reports/action-plan', { ...fields, initiativeId: row.id }, rodovreAdmin),
    )
    expect(byOther.status).toBe(400)
    expect(byOther.data.errors['']).toEqual([`${S}.notFound`])
    const viewer = await callRoute(
      adminActionPlan.loader,
      getRequest('/admin/reports/action-plan', council),
    )
    expect(viewer.status).toBe(403)
  })

  it('a person without any role gets nothing', async () => {
    const nobody = await createPerson(database.db, { name: 'Nora Ingen', email: 'nora@example.dk' })
    const cookie = await sessionCookieFor(database.db, nobody.id)
    expect(
      (await callRoute(actionPlan.loader, getRequest('/reports/action-plan', cookie))).status,
    ).toBe(403)
  })
})
