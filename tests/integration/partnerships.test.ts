import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import * as adminDetail from '~/routes/admin.partnerships.$partnershipId'
import * as adminList from '~/routes/admin.partnerships._index'
import * as adminNew from '~/routes/admin.partnerships.new'
import * as orgDetail from '~/routes/org.$orgId.partnerships.$partnershipId'
import * as orgList from '~/routes/org.$orgId.partnerships._index'
import { DEMO_PARTNERSHIPS, seedDemoPartnerships } from '../../db/seed/demo-partnerships.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import {
  callRoute,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
  type PersonOptions,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// §18 partnerships through their routes: an administrator creates and changes them, progress is
// counted from the outreach log inside the period, the organisation's people keep the log, and
// nobody outside the municipality or the organisation gets in.

const F = DEMO.frederiksberg
const R = DEMO.rodovre
const CAFE = DEMO_PARTNERSHIPS.cafeBuddies
const S = 'pages.staff.partnerships.errors'
const O = 'pages.orgPartnerships.errors'

let database: Database
let fAdmin: string
let rAdmin: string
let cafeCoordinator: string
let cafeStaff: { id: string; cookie: string }
let footballCoordinator: string

async function cookieFor(options: PersonOptions) {
  const person = await createPerson(database.db, options)
  return { id: person.id, cookie: await sessionCookieFor(database.db, person.id) }
}

const detailUrl = (id: string) => `/admin/partnerships/${id}`
const orgDetailUrl = (orgId: string, id: string) => `/org/${orgId}/partnerships/${id}`

const adminPage = (cookie: string, id: string, query = '') =>
  callRoute(adminDetail.loader, getRequest(`${detailUrl(id)}${query}`, cookie), {
    partnershipId: id,
  })
const adminPost = (cookie: string, id: string, fields: Record<string, string>) =>
  callRoute(adminDetail.action, formRequest(detailUrl(id), fields, cookie), { partnershipId: id })
const orgPage = (cookie: string, orgId: string, id: string) =>
  callRoute(orgDetail.loader, getRequest(orgDetailUrl(orgId, id), cookie), {
    orgId,
    partnershipId: id,
  })
const orgPost = (cookie: string, orgId: string, id: string, fields: Record<string, string>) =>
  callRoute(orgDetail.action, formRequest(orgDetailUrl(orgId, id), fields, cookie), {
    orgId,
    partnershipId: id,
  })

const criterion = (page: { data: { criteria: any[] } }, description: string) =>
  page.data.criteria.find((c) => c.description === description)

async function goalIds(frameworkId: string, positions: number[]) {
  const rows = await database.db
    .selectFrom('goal')
    .select('id')
    .where('framework_id', '=', frameworkId)
    .where('position', 'in', positions)
    .orderBy('position')
    .execute()
  return rows.map((r) => r.id)
}

async function targetGroupId(code: string) {
  const row = await database.db
    .selectFrom('target_group')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
  return row.id
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db)
  fAdmin = (
    await cookieFor({
      name: 'Frida Frivillighedskonsulent',
      email: 'frida@frederiksberg.test',
      municipalRoles: [{ municipalityId: F, role: 'administrator' }],
    })
  ).cookie
  rAdmin = (
    await cookieFor({
      name: 'Rune Administrator',
      email: 'rune@rodovre.test',
      municipalRoles: [{ municipalityId: R, role: 'administrator' }],
    })
  ).cookie
  cafeCoordinator = (
    await cookieFor({
      name: 'Carla Koordinator',
      email: 'carla@cafe.test',
      orgRoles: [{ organisationId: DEMO.org.cafe, role: 'coordinator' }],
    })
  ).cookie
  cafeStaff = await cookieFor({
    name: 'Sami Medarbejder',
    email: 'sami@cafe.test',
    orgRoles: [{ organisationId: DEMO.org.cafe, role: 'staff' }],
  })
  footballCoordinator = (
    await cookieFor({
      name: 'Gustav Gadehold',
      email: 'gustav@gadeholdet.test',
      orgRoles: [{ organisationId: DEMO.org.streetFootball, role: 'coordinator' }],
    })
  ).cookie
})

describe('progress against the success criteria', () => {
  it('counts the outreach log against an outreach target: 7 of 10', async () => {
    const page = await adminPage(fAdmin, CAFE)
    expect(page.status).toBe(200)
    expect(page.data.partnership).toMatchObject({
      title: 'Følgevenner fra Café Broen',
      organisation: 'Café Broen',
      amount: '525.500 kr.',
      legalBasis: 'sel18',
      poolYear: 2021,
      periodStatus: 'ended',
    })
    expect(criterion(page, 'Opsøgning på mindst 10 væresteder og herberger')).toMatchObject({
      measure: 'outreach',
      value: 7,
      target: 10,
      percent: 70,
      status: 'notReached',
    })
    expect(criterion(page, 'Omkring 20 borgere hver gang')).toMatchObject({
      measure: 'manual',
      value: 18,
      target: 20,
      percent: 90,
      latestNote: 'Fællesspisning i marts',
    })
    expect(page.data.outreach).toHaveLength(7)
    expect(page.data.counted).toBe(7)
  })

  it('counts only outreach inside the partnership period', async () => {
    const outside = await adminPost(fAdmin, CAFE, {
      intent: 'outreach',
      entryId: crypto.randomUUID(),
      contactedOn: '2023-03-01',
      institutionType: 'drop_in',
      institution: 'Værested efter perioden',
      outcome: '',
    })
    expect(outside.status).toBe(302)
    expect(outside.location).toBe(`${detailUrl(CAFE)}?done=outreach`)
    let page = await adminPage(fAdmin, CAFE)
    expect(criterion(page, 'Opsøgning på mindst 10 væresteder og herberger').value).toBe(7)
    expect(page.data.outreach).toHaveLength(8)
    expect(page.data.counted).toBe(7)
    expect(
      page.data.outreach.find((r: any) => r.institution === 'Værested efter perioden'),
    ).toMatchObject({ inPeriod: false, contactedOn: '01.03.2023' })

    const inside = await adminPost(fAdmin, CAFE, {
      intent: 'outreach',
      contactedOn: '31-12-2022',
      institutionType: 'shelter',
      institution: 'Herberget på periodens sidste dag',
    })
    expect(inside.status).toBe(302)
    page = await adminPage(fAdmin, CAFE)
    expect(criterion(page, 'Opsøgning på mindst 10 væresteder og herberger')).toMatchObject({
      value: 8,
      percent: 80,
    })
  })

  it('refuses an outreach date in the future and keeps what was typed', async () => {
    const result = await adminPost(fAdmin, CAFE, {
      intent: 'outreach',
      contactedOn: '2099-01-01',
      institutionType: 'other',
      institution: 'Fremtidens værested',
    })
    expect(result.status).toBe(400)
    expect(result.data.intent).toBe('outreach')
    expect(result.data.errors).toEqual({ contactedOn: [`${O}.dateInFuture`] })
    expect(result.data.values.institution).toBe('Fremtidens værested')
  })
})

describe('an administrator creates a partnership', () => {
  const fields = async (overrides: Record<string, string | string[]> = {}) => ({
    municipalityId: F,
    organisationId: DEMO.org.sportsClub,
    title: 'Badminton og yoga i roligt tempo',
    poolYear: '2026',
    amount: '80 000,00',
    periodStart: '2026-01-01',
    periodEnd: '2027-12-31',
    legalBasis: 'sel18',
    purpose: 'Træning i et roligt tempo for alle, der har lyst.',
    targetGroupIds: [await targetGroupId('loneliness'), await targetGroupId('mental_illness')],
    goalIds: await goalIds('00000000-0000-4000-8002-000000000147', [2, 3]),
    'criterion-0-description': 'Omkring 15 deltagere hver gang',
    'criterion-0-target': '15',
    'criterion-0-measure': 'manual',
    'criterion-1-description': '',
    'criterion-1-target': '',
    'criterion-1-measure': 'manual',
    'criterion-2-description': 'Opsøgning på 5 væresteder',
    'criterion-2-target': '5',
    'criterion-2-measure': 'outreach',
    ...overrides,
  })

  function post(cookie: string, values: Record<string, string | string[]>) {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(values))
      for (const one of ([] as string[]).concat(v)) body.append(k, one)
    const request = new Request('http://localhost/admin/partnerships/new', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://localhost',
        Cookie: cookie,
      },
      body: body.toString(),
    })
    return callRoute(adminNew.action, request)
  }

  it('saves the partnership with its criteria, tags and an audit row; a double submit adds nothing', async () => {
    const form = await adminNew.loader({
      request: getRequest('/admin/partnerships/new', fAdmin),
      params: {},
      context: {},
    })
    const submissionId = form.submissionId
    const organisations = form.options.organisations.map((o: { label: string }) => o.label)
    expect(organisations.indexOf('Café Broen')).toBeLessThan(
      organisations.indexOf('Gå-sammen Rødovre (Rødovre Kommune)'),
    )

    const values = { ...(await fields()), submissionId }
    const first = await post(fAdmin, values)
    expect(first.status).toBe(302)
    expect(first.location).toBe(`/admin/partnerships/${submissionId}?done=created`)
    const again = await post(fAdmin, values)
    expect(again.location).toBe(first.location)

    const rows = await database.db
      .selectFrom('partnership')
      .select(['id', 'municipality_id', 'amount_oere', 'period_end', 'legal_basis'])
      .where('title', '=', 'Badminton og yoga i roligt tempo')
      .execute()
    expect(rows).toEqual([
      {
        id: submissionId,
        municipality_id: F,
        amount_oere: 8_000_000,
        period_end: '2027-12-31',
        legal_basis: 'sel18',
      },
    ])
    const criteria = await database.db
      .selectFrom('success_criterion')
      .select(['position', 'description', 'target_value', 'measure'])
      .where('partnership_id', '=', submissionId)
      .orderBy('position')
      .execute()
    expect(criteria).toEqual([
      {
        position: 1,
        description: 'Omkring 15 deltagere hver gang',
        target_value: 15,
        measure: 'manual',
      },
      {
        position: 2,
        description: 'Opsøgning på 5 væresteder',
        target_value: 5,
        measure: 'outreach',
      },
    ])
    const tags = await database.db
      .selectFrom('partnership_goal')
      .select('goal_id')
      .where('partnership_id', '=', submissionId)
      .execute()
    expect(tags).toHaveLength(2)
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['municipality_id', 'details'])
      .where('action', '=', 'partnership.created')
      .where('record_id', '=', submissionId)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ municipality_id: F, details: { criteria: 2 } })

    const page = await adminPage(fAdmin, submissionId)
    expect(page.data.partnership.amount).toBe('80.000 kr.')
    expect(page.data.criteria.map((c: any) => [c.value, c.target, c.status])).toEqual([
      [0, 15, 'notStarted'],
      [0, 5, 'notStarted'],
    ])
  })

  it('answers bad input with 400, every error and the input kept', async () => {
    const values = await fields({
      title: 'Et partnerskab med fejl',
      amount: 'abc',
      periodStart: '2026-12-31',
      periodEnd: '2026-01-01',
      'criterion-2-target': 'fem',
    })
    const result = await post(fAdmin, values)
    expect(result.status).toBe(400)
    expect(result.data.errors).toEqual({
      amount: [`${S}.amountInvalid`],
      periodEnd: [`${S}.periodOrder`],
      'criterion-2-target': [`${S}.criterionTargetInvalid`],
    })
    expect(result.data.values).toMatchObject({
      title: 'Et partnerskab med fejl',
      amount: 'abc',
      periodEnd: '2026-01-01',
      'criterion-2-description': 'Opsøgning på 5 væresteder',
    })
    expect(result.data.checked.goalIds).toEqual(values.goalIds)
    const saved = await database.db
      .selectFrom('partnership')
      .select('id')
      .where('title', '=', 'Et partnerskab med fejl')
      .execute()
    expect(saved).toEqual([])
  })

  it('refuses an organisation that is not approved, and a goal from another municipality', async () => {
    const pending = await database.db
      .insertInto('organisation')
      .values({ name: 'Venter på godkendelse', type: 'association', home_municipality_id: F })
      .returning('id')
      .executeTakeFirstOrThrow()
    const result = await post(
      fAdmin,
      await fields({
        organisationId: pending.id,
        goalIds: await goalIds('00000000-0000-4000-8002-000000000175', [1]),
      }),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors).toEqual({
      organisationId: [`${S}.organisationInvalid`],
      goalIds: [`${S}.invalidChoice`],
    })
  })

  it('refuses to create in a municipality the person does not administer', async () => {
    const result = await post(rAdmin, await fields())
    expect(result.status).toBe(403)
  })
})

describe('an administrator changes a partnership', () => {
  it('keeps saved criteria with their progress, removes emptied ones and adds new ones', async () => {
    const page = await adminPage(fAdmin, DEMO_PARTNERSHIPS.streetFootball, '?edit=1')
    const edit = page.data.edit
    expect(edit.values.amount).toBe('120.000')
    const [players, outreach] = edit.rows
    expect(players.description).toBe('Mindst 25 forskellige spillere i løbet af et år')
    const fields: Record<string, string> = {
      intent: 'update',
      ...edit.values,
      amount: '130.000',
      'criterion-0-id': players.id,
      'criterion-0-description': players.description,
      'criterion-0-target': '30',
      'criterion-0-measure': 'manual',
      'criterion-1-id': outreach.id,
      'criterion-1-description': '',
      'criterion-1-target': '',
      'criterion-1-measure': 'outreach',
      'criterion-2-description': 'Træning tre gange om ugen',
      'criterion-2-target': '3',
      'criterion-2-measure': 'manual',
    }
    const result = await adminPost(fAdmin, DEMO_PARTNERSHIPS.streetFootball, fields)
    expect(result.status).toBe(302)
    expect(result.location).toBe(`${detailUrl(DEMO_PARTNERSHIPS.streetFootball)}?done=updated`)

    const after = await adminPage(fAdmin, DEMO_PARTNERSHIPS.streetFootball)
    expect(after.data.partnership.amount).toBe('130.000 kr.')
    expect(after.data.criteria.map((c: any) => [c.description, c.value, c.target])).toEqual([
      ['Mindst 25 forskellige spillere i løbet af et år', 22, 30],
      ['Træning tre gange om ugen', 0, 3],
    ])
    const audit = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'partnership.updated')
      .where('record_id', '=', DEMO_PARTNERSHIPS.streetFootball)
      .executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({
      changed: ['amount_oere'],
      criteriaAdded: 1,
      criteriaRemoved: 1,
      criteriaChanged: 1,
    })
  })

  it('treats a criterion id from another partnership as a broken form', async () => {
    const cafe = await adminPage(fAdmin, CAFE, '?edit=1')
    const football = await adminPage(fAdmin, DEMO_PARTNERSHIPS.streetFootball, '?edit=1')
    const result = await adminPost(fAdmin, DEMO_PARTNERSHIPS.streetFootball, {
      intent: 'update',
      ...football.data.edit.values,
      'criterion-0-id': cafe.data.edit.rows[0].id,
      'criterion-0-description': 'Overtaget kriterium',
      'criterion-0-target': '1',
      'criterion-0-measure': 'manual',
    })
    expect(result.status).toBe(400)
    expect(result.data.errors).toEqual({ '': ['pages.admin.errors.invalidRequest'] })
  })
})

describe('who may see and change a partnership', () => {
  it('lists a municipality’s partnerships by pool year, and only its own', async () => {
    const all = await callRoute(adminList.loader, getRequest('/admin/partnerships', fAdmin))
    const titles = all.data.partnerships.map((p: any) => p.title)
    expect(titles).toContain('Følgevenner fra Café Broen')
    expect(titles).not.toContain('Gå-sammen hver onsdag')
    expect(all.data.years).toEqual(expect.arrayContaining([2021, 2025]))
    const cafe = all.data.partnerships.find((p: any) => p.id === CAFE)
    expect(cafe).toMatchObject({ amount: '525.500 kr.', organisation: 'Café Broen' })

    const year = await callRoute(
      adminList.loader,
      getRequest('/admin/partnerships?year=2021', fAdmin),
    )
    expect(year.data.partnerships.map((p: any) => p.id)).toEqual([CAFE])

    const rodovre = await callRoute(adminList.loader, getRequest('/admin/partnerships', rAdmin))
    expect(rodovre.data.partnerships.map((p: any) => p.title)).toEqual(['Gå-sammen hver onsdag'])
    const forged = await callRoute(
      adminList.loader,
      getRequest(`/admin/partnerships?municipality=${F}`, rAdmin),
    )
    expect(forged.status).toBe(403)
  })

  it('does not show or change a Frederiksberg partnership for a Rødovre administrator', async () => {
    expect((await adminPage(rAdmin, CAFE)).status).toBe(404)
    const page = await adminPage(fAdmin, CAFE)
    const manual = criterion(page, 'Omkring 20 borgere hver gang')
    const attempts: Record<string, string>[] = [
      { intent: 'progress', criterionId: manual.id, value: '99' },
      {
        intent: 'outreach',
        contactedOn: '2021-05-05',
        institutionType: 'other',
        institution: 'Forsøg udefra',
      },
    ]
    for (const fields of attempts) expect((await adminPost(rAdmin, CAFE, fields)).status).toBe(404)
    const edit = await adminPage(fAdmin, CAFE, '?edit=1')
    expect(
      (await adminPost(rAdmin, CAFE, { intent: 'update', ...edit.data.edit.values })).status,
    ).toBe(404)
    expect(criterion(await adminPage(fAdmin, CAFE), 'Omkring 20 borgere hver gang').value).toBe(18)
  })

  it('keeps another organisation’s coordinator out (403 for the organisation, 404 for the partnership)', async () => {
    expect((await orgPage(footballCoordinator, DEMO.org.cafe, CAFE)).status).toBe(403)
    expect((await orgPage(footballCoordinator, DEMO.org.streetFootball, CAFE)).status).toBe(404)
    const outreach = {
      intent: 'outreach',
      contactedOn: '2021-05-05',
      institutionType: 'other',
      institution: 'Forsøg fra et andet hold',
    }
    expect((await orgPost(footballCoordinator, DEMO.org.cafe, CAFE, outreach)).status).toBe(403)
    expect(
      (await orgPost(footballCoordinator, DEMO.org.streetFootball, CAFE, outreach)).status,
    ).toBe(404)
    expect((await adminPage(footballCoordinator, CAFE)).status).toBe(403)
    const list = await callRoute(
      orgList.loader,
      getRequest(`/org/${DEMO.org.streetFootball}/partnerships`, footballCoordinator),
      { orgId: DEMO.org.streetFootball },
    )
    expect(list.data.partnerships.map((p: any) => p.id)).toEqual([DEMO_PARTNERSHIPS.streetFootball])
  })
})

describe('the organisation keeps the outreach log', () => {
  it('logs outreach by the organisation’s staff, and the administrator sees it', async () => {
    const page = await orgPage(cafeStaff.cookie, DEMO.org.cafe, CAFE)
    expect(page.status).toBe(200)
    expect(page.data.canRecordProgress).toBe(false)
    const result = await orgPost(cafeStaff.cookie, DEMO.org.cafe, CAFE, {
      intent: 'outreach',
      entryId: page.data.entryIds.outreach,
      contactedOn: '2022-11-02',
      institutionType: 'supported_housing',
      institution: 'Bostedet Egely',
      outcome: 'Aftale om besøg i januar',
    })
    expect(result.status).toBe(302)
    expect(result.location).toBe(`${orgDetailUrl(DEMO.org.cafe, CAFE)}?done=outreach`)
    // The same form sent twice is one line in the log.
    await orgPost(cafeStaff.cookie, DEMO.org.cafe, CAFE, {
      intent: 'outreach',
      entryId: page.data.entryIds.outreach,
      contactedOn: '2022-11-02',
      institutionType: 'supported_housing',
      institution: 'Bostedet Egely',
    })

    const admin = await adminPage(fAdmin, CAFE)
    const logged = admin.data.outreach.filter((r: any) => r.institution === 'Bostedet Egely')
    expect(logged).toEqual([
      expect.objectContaining({
        loggedBy: 'Sami Medarbejder',
        outcome: 'Aftale om besøg i januar',
        inPeriod: true,
      }),
    ])
    expect(criterion(admin, 'Opsøgning på mindst 10 væresteder og herberger').value).toBe(9)
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['municipality_id', 'actor_person_id'])
      .where('action', '=', 'partnership.outreachAdded')
      .where('actor_person_id', '=', cafeStaff.id)
      .execute()
    expect(audit).toEqual([{ municipality_id: F, actor_person_id: cafeStaff.id }])
  })

  it('lets the coordinator, not the staff, record a manual figure', async () => {
    const page = await orgPage(cafeCoordinator, DEMO.org.cafe, CAFE)
    expect(page.data.canRecordProgress).toBe(true)
    const manual = criterion(page, 'Omkring 20 borgere hver gang')
    const outreach = criterion(page, 'Opsøgning på mindst 10 væresteder og herberger')

    const byStaff = await orgPost(cafeStaff.cookie, DEMO.org.cafe, CAFE, {
      intent: 'progress',
      criterionId: manual.id,
      value: '25',
    })
    expect(byStaff.status).toBe(403)

    const notManual = await orgPost(cafeCoordinator, DEMO.org.cafe, CAFE, {
      intent: 'progress',
      criterionId: outreach.id,
      value: '10',
    })
    expect(notManual.status).toBe(400)
    expect(notManual.data.errors).toEqual({ criterionId: [`${O}.criterionNotManual`] })

    const empty = await orgPost(cafeCoordinator, DEMO.org.cafe, CAFE, {
      intent: 'progress',
      criterionId: manual.id,
      value: '',
      note: 'Glemte tallet',
    })
    expect(empty.status).toBe(400)
    expect(empty.data.errors).toEqual({ value: [`${O}.valueRequired`] })
    expect(empty.data.values.note).toBe('Glemte tallet')

    const ok = await orgPost(cafeCoordinator, DEMO.org.cafe, CAFE, {
      intent: 'progress',
      criterionId: manual.id,
      value: '21',
      note: 'Julefrokost',
    })
    expect(ok.status).toBe(302)
    const admin = await adminPage(fAdmin, CAFE)
    expect(criterion(admin, 'Omkring 20 borgere hver gang')).toMatchObject({
      value: 21,
      percent: 105,
      status: 'reached',
      latestNote: 'Julefrokost',
    })
  })

  it('answers a broken or unknown form with 400, and an unknown partnership with 404', async () => {
    const unknown = await orgPost(cafeCoordinator, DEMO.org.cafe, CAFE, { intent: 'delete' })
    expect(unknown.status).toBe(400)
    expect((await orgPage(cafeCoordinator, DEMO.org.cafe, 'not-a-uuid')).status).toBe(404)
    expect(
      (await orgPage(cafeCoordinator, DEMO.org.cafe, '00000000-0000-4000-8018-0000000009ff'))
        .status,
    ).toBe(404)
    const progress = await adminPost(fAdmin, 'x', {
      intent: 'progress',
      criterionId: '00000000-0000-4000-8018-000000000102',
      value: '3',
    })
    expect(progress.status).toBe(404)
  })

  it('lists the organisation’s partnerships with their progress', async () => {
    const list = await callRoute(
      orgList.loader,
      getRequest(`/org/${DEMO.org.cafe}/partnerships`, cafeStaff.cookie),
      { orgId: DEMO.org.cafe },
    )
    expect(list.status).toBe(200)
    expect(list.data.partnerships).toHaveLength(1)
    expect(list.data.partnerships[0]).toMatchObject({
      title: 'Følgevenner fra Café Broen',
      municipality: 'Frederiksberg Kommune',
      amount: '525.500 kr.',
    })
    expect(list.data.partnerships[0].criteria.map((c: any) => `${c.value}/${c.target}`)).toEqual([
      '9/10',
      '21/20',
    ])
  })
})

describe('the demo seed', () => {
  it('runs again without adding rows or undoing what people changed', async () => {
    const count = async (table: 'partnership' | 'success_criterion' | 'outreach_log') =>
      (await database.db.selectFrom(table).select('id').execute()).length
    const before = [
      await count('partnership'),
      await count('success_criterion'),
      await count('outreach_log'),
    ]
    await seedDemoPartnerships(database.db)
    expect([
      await count('partnership'),
      await count('success_criterion'),
      await count('outreach_log'),
    ]).toEqual(before)
    const football = await adminPage(fAdmin, DEMO_PARTNERSHIPS.streetFootball)
    expect(football.data.criteria.map((c: any) => c.description)).toEqual([
      'Mindst 25 forskellige spillere i løbet af et år',
      'Træning tre gange om ugen',
    ])
  })
})
