import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { ANONYMISED_NAME, anonymiseDueCitizens } from '~/modules/citizens/retention.server'
import * as newCitizen from '~/routes/case.citizens.new'
import * as search from '~/routes/case.citizens._index'
import * as record from '~/routes/case.citizens.$citizenId._index'
import * as accountDelete from '~/routes/account.delete'
import * as meHome from '~/routes/me._index'
import * as orgReferral from '~/routes/org.$orgId.referrals.$referralId'
import { DEMO, targetGroups } from '../../db/seed/demo.ts'
import { callRoute, formRequest, getRequest, sessionCookieFor } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'
import {
  makeWorld,
  recordConsent,
  refer,
  registerCitizen,
  type World,
} from './citizens-fixtures.ts'

// The citizen record: registered by a caseworker with only what the work needs, found and opened
// only inside the caseworker's own municipality, its contact hidden by the safety flag, and
// anonymised after the retention time or on the citizen's erasure request with every count kept.

const DAY = 86_400_000
const CAFE = DEMO.org.cafe

let database: Database
let w: World

beforeAll(async () => {
  database = await createTestDatabase()
  w = await makeWorld(database)
})

const open = (cookie: string, citizenId: string) =>
  callRoute(record.loader, getRequest(`/case/citizens/${citizenId}`, cookie), { citizenId })

describe('registering a citizen', () => {
  it('keeps what was typed and names the problems on a bad submit', async () => {
    const res = await callRoute(
      newCitizen.action,
      formRequest(
        '/case/citizens/new',
        { chosenName: ' ', birthYear: '12', contactPreference: 'sms', email: 'nope' },
        w.karin.cookie,
      ),
    )
    expect(res.status).toBe(400)
    expect(res.data.errors).toMatchObject({
      chosenName: ['pages.case.citizens.errors.nameRequired'],
      birthYear: ['pages.case.citizens.errors.birthYearInvalid'],
      email: ['common.form.invalidEmail'],
    })
    expect(res.data.values.birthYear).toBe('12')
  })

  it('stores the record with target groups for staff only, and makes the caseworker one of its own', async () => {
    const tg = await database.db
      .selectFrom('target_group')
      .select('id')
      .where('code', '=', targetGroups[1]![0])
      .executeTakeFirstOrThrow()
    const area = await database.db
      .selectFrom('area')
      .select('id')
      .where('municipality_id', '=', DEMO.frederiksberg)
      .executeTakeFirstOrThrow()
    const id = await registerCitizen(w.karin.cookie, {
      chosenName: 'Anja',
      birthYear: '1985',
      areaId: area.id,
      contactPreference: 'sms',
      phone: '+45 12 34 56 78',
      targetGroups: tg.id,
    })
    const page = await open(w.karin.cookie, id)
    expect(page.status).toBe(200)
    expect(page.data.citizen).toMatchObject({
      chosenName: 'Anja',
      birthYear: 1985,
      phone: '+45 12 34 56 78',
      isOwnCaseworker: true,
      caseworkers: ['Karin Sagsbehandler'],
      targetGroups: [targetGroups[1]![1]],
    })
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'citizen'`.execute(
      database.db,
    )
    expect(columns.rows.map((c) => c.column_name).filter((c) => /cpr/i.test(c))).toEqual([])
  })
})

describe('another municipality', () => {
  it('can never find or open the record', async () => {
    const id = await registerCitizen(w.karin.cookie, { chosenName: 'Hemmelige Henny' })
    const found = await callRoute(
      search.loader,
      getRequest('/case/citizens?q=Henny', w.rasmus.cookie),
    )
    expect(found.data.citizens).toEqual([])
    expect((await open(w.rasmus.cookie, id)).status).toBe(404)
    const own = await callRoute(search.loader, getRequest('/case/citizens?q=Henny', w.karin.cookie))
    expect(own.data.citizens.map((c: { id: string }) => c.id)).toEqual([id])
    // The coordinator and the citizen role have no way in at all.
    expect((await open(w.camilla.cookie, id)).status).toBe(403)
  })
})

describe('the safety flag', () => {
  it('hides address and contact from a colleague who is not the citizen’s caseworker', async () => {
    const id = await registerCitizen(w.karin.cookie, {
      chosenName: 'Gitte',
      contactPreference: 'phone',
      phone: '87654321',
      address: 'Et sted 1',
      safetyFlag: 'yes',
    })
    const own = await open(w.karin.cookie, id)
    expect(own.data.citizen).toMatchObject({
      phone: '87654321',
      address: 'Et sted 1',
      contactHidden: false,
    })
    const colleague = await open(w.karin2.cookie, id)
    expect(colleague.data.citizen).toMatchObject({
      phone: null,
      address: null,
      contactHidden: true,
    })
  })
})

async function counts() {
  const referrals = await database.db
    .selectFrom('referral')
    .select(['municipality_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['municipality_id', 'state'])
    .orderBy('municipality_id')
    .orderBy('state')
    .execute()
  const consents = await database.db
    .selectFrom('consent')
    .select(['purpose', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('purpose')
    .orderBy('purpose')
    .execute()
  const citizens = await database.db
    .selectFrom('citizen')
    .select(['municipality_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('municipality_id')
    .orderBy('municipality_id')
    .execute()
  return { referrals, consents, citizens }
}

describe('retention', () => {
  it('anonymises a citizen 24 months after the last closed referral, keeping every count', async () => {
    const id = await registerCitizen(w.karin.cookie, {
      chosenName: 'Ruth',
      birthYear: '1950',
      contactPreference: 'email',
      email: 'ruth@example.dk',
    })
    const consentId = await recordConsent(w.karin.cookie, id)
    const referralId = await refer(w.karin.cookie, {
      citizenId: id,
      organisationId: CAFE,
      consentId,
      note: 'Ruth kan lide kaffe',
    })
    // Open work holds the clock.
    const farFuture = new Date(Date.now() + 40 * 30 * DAY)
    await anonymiseDueCitizens(database.db, farFuture)
    const stillThere = await database.db
      .selectFrom('citizen')
      .select(['chosen_name', 'anonymised_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(stillThere).toEqual({ chosen_name: 'Ruth', anonymised_at: null })

    await database.db
      .updateTable('referral')
      .set({ state: 'declined', state_reason: 'Ruth er flyttet', closed_at: new Date() })
      .where('id', '=', referralId)
      .execute()
    const before = await counts()
    await anonymiseDueCitizens(database.db, new Date(Date.now() + 23 * 30 * DAY))
    expect(
      (
        await database.db
          .selectFrom('citizen')
          .select('anonymised_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).anonymised_at,
    ).toBeNull()
    const done = await anonymiseDueCitizens(database.db, new Date(Date.now() + 25 * 30 * DAY))
    expect(done).toBeGreaterThanOrEqual(1)
    const after = await database.db
      .selectFrom('citizen')
      .select(['chosen_name', 'birth_year', 'email', 'person_id', 'anonymised_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(after).toMatchObject({
      chosen_name: ANONYMISED_NAME,
      birth_year: null,
      email: null,
      person_id: null,
    })
    const referral = await database.db
      .selectFrom('referral')
      .select(['note', 'state_reason', 'state'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow()
    expect(referral).toEqual({ note: null, state_reason: 'removed', state: 'declined' })
    // Counts a report uses are the same; the consent row was not touched (the trigger allows no edit).
    expect(await counts()).toEqual(before)
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_citizen_id', '=', id)
      .where('action', '=', 'citizen.anonymised')
      .execute()
    expect(audit).toHaveLength(1)
  })
})

describe('an erasure request', () => {
  it('is recorded by the citizen, carried out by the caseworker and logged, keeping the counts', async () => {
    const id = await registerCitizen(w.karin.cookie, { chosenName: 'Tove' })
    const consentId = await recordConsent(w.karin.cookie, id)
    const referralId = await refer(w.karin.cookie, {
      citizenId: id,
      organisationId: CAFE,
      consentId,
    })
    const person = await database.db
      .selectFrom('citizen')
      .select('person_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const cookie = await sessionCookieFor(database.db, person.person_id!)
    expect((await callRoute(meHome.loader, getRequest('/me', cookie))).status).toBe(200)
    const asked = await callRoute(
      accountDelete.action,
      formRequest('/account/delete', { confirm: 'yes' }, cookie),
    )
    expect([200, 302]).toContain(asked.status)
    const page = await open(w.karin.cookie, id)
    expect(page.data.citizen.openErasureDue).not.toBeNull()
    const before = await counts()
    const foreign = await callRoute(
      record.action,
      formRequest(`/case/citizens/${id}`, { intent: 'erase' }, w.rasmus.cookie),
      { citizenId: id },
    )
    expect(foreign.status).toBe(404)
    const res = await callRoute(
      record.action,
      formRequest(`/case/citizens/${id}`, { intent: 'erase' }, w.karin.cookie),
      { citizenId: id },
    )
    expect(res.location).toBe(`/case/citizens/${id}?done=erased`)
    const referral = await database.db
      .selectFrom('referral')
      .select(['state', 'state_reason'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow()
    expect(referral).toEqual({ state: 'cancelled', state_reason: 'consent_withdrawn' })
    const after = await counts()
    expect(after.consents).toEqual(before.consents)
    expect(after.citizens).toEqual(before.citizens)
    expect(after.referrals.reduce((s, r) => s + Number(r.n), 0)).toBe(
      before.referrals.reduce((s, r) => s + Number(r.n), 0),
    )
    const request = await database.db
      .selectFrom('erasure_request')
      .select(['completed_at', 'completed_by'])
      .where('citizen_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(request.completed_by).toBe(w.karin.id)
    const actions = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_citizen_id', '=', id)
      .where('action', 'in', ['citizen.erasure_requested', 'citizen.erased'])
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual(['citizen.erasure_requested', 'citizen.erased'])
    // The citizen's login is gone, and the organisation sees nothing.
    expect((await callRoute(meHome.loader, getRequest('/me', cookie))).status).toBe(302)
    expect(
      (
        await callRoute(
          orgReferral.loader,
          getRequest(`/org/${CAFE}/referrals/${referralId}`, w.camilla.cookie),
          { orgId: CAFE, referralId },
        )
      ).status,
    ).toBe(404)
  })
})

describe('the demo data', () => {
  it('has citizens in every referral state, runs twice without change, and keeps the inbox consent-scoped', async () => {
    const { seedDemoAccounts } = await import('~/modules/identity/demo-accounts.server')
    const { seedDemoCitizens, DEMO_CITIZENS } = await import('../../db/seed/demo-citizens.ts')
    await seedDemoAccounts(database.db)
    await seedDemoCitizens(database.db)
    const first = await counts()
    await seedDemoCitizens(database.db)
    expect(await counts()).toEqual(first)
    const states = await database.db
      .selectFrom('referral')
      .select('state')
      .where('citizen_id', 'in', Object.values(DEMO_CITIZENS))
      .distinct()
      .execute()
    expect(states.map((s) => s.state).sort()).toEqual(
      ['accepted', 'cancelled', 'declined', 'in_progress', 'sent'].sort(),
    )
    const coordinator = await sessionCookieFor(database.db, '00000000-0000-4000-8003-000000000006')
    const withdrawn = '00000000-0000-4000-8007-000000000012'
    expect(
      (
        await callRoute(
          orgReferral.loader,
          getRequest(`/org/${CAFE}/referrals/${withdrawn}`, coordinator),
          { orgId: CAFE, referralId: withdrawn },
        )
      ).status,
    ).toBe(404)
    const open5 = '00000000-0000-4000-8007-000000000005'
    const page = await callRoute(
      orgReferral.loader,
      getRequest(`/org/${CAFE}/referrals/${open5}`, coordinator),
      { orgId: CAFE, referralId: open5 },
    )
    expect(page.data.referral.citizen.name).toBe('Tobias')
  })
})
