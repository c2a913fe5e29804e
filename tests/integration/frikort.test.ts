import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { runFrikortJobs } from '~/modules/frikort/reminders.server'
import * as adminCaps from '~/routes/admin.frikort.caps'
import * as caseDetail from '~/routes/case.frikort.$citizenId'
import * as caseList from '~/routes/case.frikort._index'
import * as jobDetail from '~/routes/jobs.$jobId'
import * as jobList from '~/routes/jobs._index'
import * as meFrikort from '~/routes/me.frikort'
import * as employeeCsv from '~/routes/org.$orgId.frikort.$citizenId.export[.]csv'
import * as employeePage from '~/routes/org.$orgId.frikort.$citizenId._index'
import * as orgFrikort from '~/routes/org.$orgId.frikort._index'
import * as board from '~/routes/org.$orgId.frikort.matchmaking'
import * as newJob from '~/routes/org.$orgId.jobs.new'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import {
  callRoute,
  createOrganisation,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
  type PersonOptions,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'
import {
  createCitizen,
  createJobRow,
  designateMatchmaker,
  giveConsent,
  hireAt,
  recordDecisionRow,
} from '../setup/frikort-fixtures.ts'

// The social free card through its routes: the caseworker's decision, caps by pay date, earnings
// across employers against the cap with the 80 %/100 % e-mails, reversing entries, the wage-
// subsidy refusal, matchmaking, and nobody seeing a citizen without the right to.

const LAUNDRY = DEMO.org.laundry
const BAKERY = DEMO.org.bakery
const R = DEMO.rodovre
const F = DEMO.frederiksberg
const YEAR = new Date().getUTCFullYear()

let database: Database
let rCaseworker: { id: string; cookie: string }
let fCaseworker: { id: string; cookie: string }
let laundryCoordinator: { id: string; cookie: string }
let bakeryCoordinator: { id: string; cookie: string }
let workshopCoordinator: { id: string; cookie: string }
let admin: { id: string; cookie: string }
let workshop: string

async function login(options: PersonOptions) {
  const person = await createPerson(database.db, options)
  return { id: person.id, cookie: await sessionCookieFor(database.db, person.id) }
}

const sid = () => crypto.randomUUID()
const employeeUrl = (org: string, citizen: string) => `/org/${org}/frikort/${citizen}`
const postEarning = (
  who: { cookie: string },
  org: string,
  citizen: string,
  fields: Record<string, string>,
) =>
  callRoute(
    employeePage.action,
    formRequest(
      employeeUrl(org, citizen),
      {
        intent: 'earning',
        submissionId: sid(),
        periodStart: fields.paidOn!,
        periodEnd: fields.paidOn!,
        ...fields,
      },
      who.cookie,
    ),
    { orgId: org, citizenId: citizen },
  )

async function total(citizenId: string, year: number) {
  const row = await database.db
    .selectFrom('frikort_earning')
    .select(sql<number>`coalesce(sum(amount_ore), 0)::int`.as('t'))
    .where('citizen_id', '=', citizenId)
    .where('paid_on', '>=', `${year}-01-01`)
    .where('paid_on', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow()
  return Number(row.t)
}

/** A Rødovre citizen with a decision, consent to the laundry and the bakery, hired at both. */
async function employedCitizen(
  name: string,
  options: { email?: string | null; contactPreference?: 'email' | 'via_caseworker' } = {},
) {
  const citizenId = await createCitizen(database.db, {
    municipalityId: R,
    name,
    email: options.email === undefined ? `${name.toLowerCase()}@example.dk` : options.email,
    contactPreference: options.contactPreference,
    caseworkerId: rCaseworker.id,
  })
  await giveConsent(database.db, citizenId, [LAUNDRY, BAKERY])
  await recordDecisionRow(database.db, citizenId, R, { decidedBy: rCaseworker.id })
  await hireAt(database.db, citizenId, LAUNDRY, LAUNDRY)
  await hireAt(database.db, citizenId, BAKERY, LAUNDRY)
  return citizenId
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db)
  await designateMatchmaker(database.db, LAUNDRY)
  workshop = await createOrganisation(database.db, 'Cykelværkstedet')
  // A cap for this year, so "this year's balance" has one whenever the tests run.
  await database.db
    .insertInto('frikort_cap')
    .values({ valid_from: `${YEAR}-01-01`, valid_to: `${YEAR}-12-31`, amount_ore: 4_400_000 })
    .onConflict((oc) => oc.doNothing())
    .execute()
  rCaseworker = await login({
    name: 'Rasmus',
    email: 'rasmus@rodovre.example.dk',
    municipalRoles: [{ municipalityId: R, role: 'caseworker' }],
  })
  fCaseworker = await login({
    name: 'Karin',
    email: 'karin@frederiksberg.example.dk',
    municipalRoles: [{ municipalityId: F, role: 'caseworker' }],
  })
  admin = await login({
    name: 'Rikke',
    municipalRoles: [{ municipalityId: R, role: 'administrator' }],
  })
  laundryCoordinator = await login({
    name: 'Birgit',
    orgRoles: [{ organisationId: LAUNDRY, role: 'coordinator' }],
  })
  bakeryCoordinator = await login({
    name: 'Peter',
    orgRoles: [{ organisationId: BAKERY, role: 'coordinator' }],
  })
  workshopCoordinator = await login({
    name: 'Jens',
    orgRoles: [{ organisationId: workshop, role: 'coordinator' }],
  })
})

describe('the caseworker’s decision', () => {
  it('is recorded once, controlled, and deactivated only with a reason', async () => {
    const citizenId = await createCitizen(database.db, { municipalityId: R, name: 'Ida' })
    const url = `/case/frikort/${citizenId}`
    const post = (fields: Record<string, string>) =>
      callRoute(caseDetail.action, formRequest(url, fields, rCaseworker.cookie), { citizenId })

    const tooLate = await post({
      intent: 'decide',
      decidedOn: '2026-02-01',
      nextControlDue: '2029-01-01',
    })
    expect(tooLate.status).toBe(400)
    expect(tooLate.data.errors.nextControlDue).toEqual([
      'pages.staff.frikort.errors.controlTooLate',
    ])

    const decided = await post({
      intent: 'decide',
      decidedOn: '2026-02-01',
      nextControlDue: '2027-02-01',
    })
    expect(decided.status).toBe(302)
    const again = await post({
      intent: 'decide',
      decidedOn: '2026-02-02',
      nextControlDue: '2027-02-01',
    })
    expect(again.status).toBe(400)
    expect(again.data.errors.decidedOn).toEqual(['pages.staff.frikort.errors.alreadyActive'])

    const page = await callRoute(caseDetail.loader, getRequest(url, rCaseworker.cookie), {
      citizenId,
    })
    expect(page.status).toBe(200)
    expect(page.data.active).toMatchObject({ decidedBy: 'Rasmus' })
    const decisionId = page.data.active.id

    const controlled = await post({
      intent: 'control',
      decisionId,
      controlOn: '2026-10-01',
      nextControlDue: '2028-12-31',
    })
    expect(controlled.status).toBe(302)

    const noReason = await post({ intent: 'deactivate', decisionId, reason: '' })
    expect(noReason.status).toBe(400)
    expect(noReason.data.errors.reason).toEqual(['pages.staff.frikort.errors.reasonRequired'])
    expect(
      (await post({ intent: 'deactivate', decisionId, reason: 'Flyttet til anden kommune' }))
        .status,
    ).toBe(302)
    const row = await database.db
      .selectFrom('frikort_decision')
      .select(['status', 'deactivated_reason', 'last_control_on', 'next_control_due'])
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: 'deactivated',
      deactivated_reason: 'Flyttet til anden kommune',
      last_control_on: '2026-10-01',
      next_control_due: '2028-12-31',
    })
    const events = await database.db
      .selectFrom('event')
      .select('type')
      .where('entity_id', '=', decisionId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'frikort.decision.recorded',
      'frikort.decision.controlled',
      'frikort.decision.deactivated',
    ])
  })

  it('is not found by a caseworker of another municipality, and reading it is logged', async () => {
    const citizenId = await employedCitizen('Ole')
    const other = await callRoute(
      caseDetail.loader,
      getRequest(`/case/frikort/${citizenId}`, fCaseworker.cookie),
      { citizenId },
    )
    expect(other.status).toBe(404)
    const otherPost = await callRoute(
      caseDetail.action,
      formRequest(
        `/case/frikort/${citizenId}`,
        { intent: 'decide', decidedOn: '2026-01-01', nextControlDue: '2027-01-01' },
        fCaseworker.cookie,
      ),
      { citizenId },
    )
    expect(otherPost.status).toBe(404)
    const list = await callRoute(caseList.loader, getRequest('/case/frikort', fCaseworker.cookie))
    expect(list.data.decisions.map((d: { citizenId: string }) => d.citizenId)).not.toContain(
      citizenId,
    )

    const own = await callRoute(caseList.loader, getRequest('/case/frikort', rCaseworker.cookie))
    expect(own.data.decisions.map((d: { citizenId: string }) => d.citizenId)).toContain(citizenId)
    await callRoute(
      caseDetail.loader,
      getRequest(`/case/frikort/${citizenId}`, rCaseworker.cookie),
      {
        citizenId,
      },
    )
    const logged = await database.db
      .selectFrom('audit_log')
      .select('actor_person_id')
      .where('subject_citizen_id', '=', citizenId)
      .where('action', '=', 'citizen.read')
      .execute()
    expect(logged.map((l) => l.actor_person_id)).toContain(rCaseworker.id)
  })
})

describe('the cap that applies', () => {
  it('is the one for the pay date, on each side of 1 July 2023', async () => {
    const citizenId = await employedCitizen('Anton', { email: null })
    // 25,000 kr. does not fit under the 20,000 kr. that applied until 30 June 2023 …
    const june = await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2023-06-30',
      amount: '25.000',
    })
    expect(june.status).toBe(400)
    expect(june.data.errors.amount).toEqual(['pages.frikort.errors.overCap'])
    expect(june.data.remaining).toBe('20.000 kr.')
    // … but fits under the 40,000 kr. from 1 July.
    const july = await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2023-07-01',
      amount: '25.000',
    })
    expect(july.status).toBe(302)
    // The year's total counts: a June payment now meets a total above June's cap.
    const lateJune = await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2023-06-15',
      amount: '1',
    })
    expect(lateJune.status).toBe(400)
    expect(lateJune.data.errors.amount).toEqual(['pages.frikort.errors.capReached'])
    expect(await total(citizenId, 2023)).toBe(2_500_000)
  })

  it('is the new year’s, with a fresh total, on each side of 1 January', async () => {
    const citizenId = await employedCitizen('Bodil', { email: null })
    const december = await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2024-12-31',
      amount: '41.280',
    })
    expect(december.status).toBe(302)
    const over = await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2024-12-31',
      amount: '0,01',
    })
    expect(over.status).toBe(400)
    expect(over.data.remaining).toBe('0 kr.')
    const january = await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2025-01-01',
      amount: '42.766',
    })
    expect(january.status).toBe(302)
    expect(await total(citizenId, 2024)).toBe(4_128_000)
    expect(await total(citizenId, 2025)).toBe(4_276_600)
  })

  it('is missing for a year nobody has entered, and the entry is refused with that reason', async () => {
    const citizenId = await employedCitizen('Carl', { email: null })
    const result = await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: `${YEAR + 3}-01-05`,
      amount: '100',
    })
    expect(result.status).toBe(400)
    expect(result.data.errors.paidOn).toEqual(['pages.frikort.errors.noCap'])
  })

  it('is entered by an administrator for a later year, never overlapping', async () => {
    const post = (fields: Record<string, string>) =>
      callRoute(adminCaps.action, formRequest('/admin/frikort/caps', fields, admin.cookie))
    expect(
      (
        await post({
          validFrom: `${YEAR + 1}-01-01`,
          validTo: `${YEAR + 1}-12-31`,
          amount: '45.000',
        })
      ).status,
    ).toBe(302)
    const overlap = await post({
      validFrom: `${YEAR + 1}-06-01`,
      validTo: `${YEAR + 1}-12-31`,
      amount: '46.000',
    })
    expect(overlap.status).toBe(400)
    expect(overlap.data.errors.validFrom).toEqual(['pages.staff.frikort.errors.capOverlap'])
    const page = await callRoute(adminCaps.loader, getRequest('/admin/frikort/caps', admin.cookie))
    expect(page.data.caps[0].amount).toBe('45.000 kr.')
    // The database refuses an overlap too, whoever writes it.
    await expect(
      database.db
        .insertInto('frikort_cap')
        .values({ valid_from: '2024-06-01', valid_to: '2024-06-30', amount_ore: 1 })
        .execute(),
    ).rejects.toThrow()
  })
})

describe('earnings across employers', () => {
  it('add up across two employers; an entry over the cap is refused with the remaining amount, and the part that fits can be recorded', async () => {
    const citizenId = await employedCitizen('Dorte', { email: null })
    expect(
      (
        await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
          paidOn: '2025-03-31',
          amount: '30.000',
        })
      ).status,
    ).toBe(302)
    expect(
      (
        await postEarning(bakeryCoordinator, BAKERY, citizenId, {
          paidOn: '2025-05-31',
          amount: '12.000',
        })
      ).status,
    ).toBe(302)
    expect(await total(citizenId, 2025)).toBe(4_200_000)

    const over = await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: '2025-06-30',
      amount: '1.000',
    })
    expect(over.status).toBe(400)
    expect(over.data.errors.amount).toEqual(['pages.frikort.errors.overCap'])
    expect(over.data.remaining).toBe('766 kr.')
    expect(over.data.partial).toMatchObject({ amount: '766', label: '766 kr.' })
    expect(await total(citizenId, 2025)).toBe(4_200_000)

    // The offered button posts the same entry with the amount that fits.
    const partial = await callRoute(
      employeePage.action,
      formRequest(
        employeeUrl(BAKERY, citizenId),
        { ...over.data.partial.values, amount: over.data.partial.amount },
        bakeryCoordinator.cookie,
      ),
      { orgId: BAKERY, citizenId },
    )
    expect(partial.status).toBe(302)
    expect(await total(citizenId, 2025)).toBe(4_276_600)
  })

  it('cannot pass the cap together when two employers record at the same time', async () => {
    const citizenId = await employedCitizen('Eik', { email: null })
    const [a, b] = await Promise.all([
      postEarning(laundryCoordinator, LAUNDRY, citizenId, {
        paidOn: '2025-08-01',
        amount: '30.000',
      }),
      postEarning(bakeryCoordinator, BAKERY, citizenId, { paidOn: '2025-08-01', amount: '30.000' }),
    ])
    expect([a.status, b.status].sort()).toEqual([302, 400])
    expect(await total(citizenId, 2025)).toBe(3_000_000)
  })

  it('show each employer the balance across all employers, but only its own entries', async () => {
    const citizenId = await employedCitizen('Frida', { email: null })
    await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: `${YEAR}-01-15`,
      amount: '2.000',
    })
    await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: `${YEAR}-01-20`,
      amount: '1.000',
    })
    const page = await callRoute(
      employeePage.loader,
      getRequest(employeeUrl(BAKERY, citizenId), bakeryCoordinator.cookie),
      { orgId: BAKERY, citizenId },
    )
    expect(page.status).toBe(200)
    expect(page.data.balance).toMatchObject({
      total: '3.000 kr.',
      cap: '44.000 kr.',
      remaining: '41.000 kr.',
    })
    expect(page.data.earnings.map((e: { amount: string }) => e.amount)).toEqual(['1.000 kr.'])
    const list = await callRoute(
      orgFrikort.loader,
      getRequest(`/org/${BAKERY}/frikort`, bakeryCoordinator.cookie),
      { orgId: BAKERY },
    )
    expect(
      list.data.employees.find((e: { citizenId: string }) => e.citizenId === citizenId),
    ).toMatchObject({
      name: 'Frida',
      hasFrikort: true,
    })
  })
})

describe('a correction', () => {
  it('is a reversing entry that lowers the total; the original is never changed', async () => {
    const citizenId = await employedCitizen('Gerda', { email: null })
    await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: '2025-02-28',
      amount: '5.000',
    })
    const original = await database.db
      .selectFrom('frikort_earning')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .executeTakeFirstOrThrow()
    const reverse = () =>
      callRoute(
        employeePage.action,
        formRequest(
          employeeUrl(BAKERY, citizenId),
          { intent: 'reverse', earningId: original.id },
          bakeryCoordinator.cookie,
        ),
        { orgId: BAKERY, citizenId },
      )
    expect((await reverse()).status).toBe(302)
    expect((await reverse()).status).toBe(302)
    const rows = await database.db
      .selectFrom('frikort_earning')
      .select(['amount_ore', 'reverses_earning_id', 'paid_on'])
      .where('citizen_id', '=', citizenId)
      .orderBy('recorded_at')
      .execute()
    expect(rows).toEqual([
      { amount_ore: 500_000, reverses_earning_id: null, paid_on: '2025-02-28' },
      { amount_ore: -500_000, reverses_earning_id: original.id, paid_on: '2025-02-28' },
    ])
    expect(await total(citizenId, 2025)).toBe(0)
    // Another employer cannot reverse the bakery's entry.
    const foreign = await callRoute(
      employeePage.action,
      formRequest(
        employeeUrl(LAUNDRY, citizenId),
        { intent: 'reverse', earningId: original.id },
        laundryCoordinator.cookie,
      ),
      { orgId: LAUNDRY, citizenId },
    )
    expect(foreign.status).toBe(400)
    await expect(
      database.db
        .updateTable('frikort_earning')
        .set({ amount_ore: 1 })
        .where('id', '=', original.id)
        .execute(),
    ).rejects.toThrow(/never changed/)
    await expect(
      database.db.deleteFrom('frikort_earning').where('id', '=', original.id).execute(),
    ).rejects.toThrow(/never changed/)
  })
})

describe('the 80 % and 100 % messages', () => {
  async function messages(to: string) {
    return database.db
      .selectFrom('outbox_message')
      .select(['template', 'subject'])
      .where('to_address', '=', to)
      .where('template', 'like', 'frikort%')
      .orderBy('created_at')
      .execute()
  }

  it('go to the citizen and the caseworker once per threshold and year', async () => {
    const citizenId = await employedCitizen('Hanne', { email: 'hanne@example.dk' })
    await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2025-04-01',
      amount: '30.000',
    })
    expect(await messages('hanne@example.dk')).toEqual([])
    await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: '2025-04-15',
      amount: '5.000',
    })
    expect(await messages('hanne@example.dk')).toEqual([
      { template: 'frikortThreshold', subject: 'Du har brugt 80 % af din frikort-grænse for 2025' },
    ])
    // Down below 80 % with a correction and up again: no second message.
    const last = await database.db
      .selectFrom('frikort_earning')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .where('employer_organisation_id', '=', BAKERY)
      .executeTakeFirstOrThrow()
    await callRoute(
      employeePage.action,
      formRequest(
        employeeUrl(BAKERY, citizenId),
        { intent: 'reverse', earningId: last.id },
        bakeryCoordinator.cookie,
      ),
      { orgId: BAKERY, citizenId },
    )
    await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: '2025-04-16',
      amount: '5.000',
    })
    await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: '2025-04-30',
      amount: '7.766',
    })
    expect((await messages('hanne@example.dk')).map((m) => m.subject)).toEqual([
      'Du har brugt 80 % af din frikort-grænse for 2025',
      'Du har nået din frikort-grænse for 2025',
    ])
    const toCaseworker = (await messages('rasmus@rodovre.example.dk')).filter((m) =>
      m.subject.startsWith('Hanne'),
    )
    expect(toCaseworker.map((m) => m.template)).toEqual([
      'frikortThresholdCaseworker',
      'frikortThresholdCaseworker',
    ])
  })

  it('go only to the caseworker when the citizen chose “via my caseworker”', async () => {
    const citizenId = await employedCitizen('Inge', {
      email: 'inge@example.dk',
      contactPreference: 'via_caseworker',
    })
    await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2025-09-01',
      amount: '40.000',
    })
    expect(await messages('inge@example.dk')).toEqual([])
    expect(
      (await messages('rasmus@rodovre.example.dk')).filter((m) => m.subject.startsWith('Inge')),
    ).toHaveLength(1)
  })
})

describe('an organisation without consent or employment', () => {
  it('sees nothing of the citizen: not in its list, 404 on the page and the export', async () => {
    const citizenId = await employedCitizen('Jonna', { email: null })
    // The workshop employed her too, but she never gave it consent.
    await hireAt(database.db, citizenId, workshop, LAUNDRY)
    const list = await callRoute(
      orgFrikort.loader,
      getRequest(`/org/${workshop}/frikort`, workshopCoordinator.cookie),
      { orgId: workshop },
    )
    expect(list.data.employees).toEqual([])
    const page = await callRoute(
      employeePage.loader,
      getRequest(employeeUrl(workshop, citizenId), workshopCoordinator.cookie),
      { orgId: workshop, citizenId },
    )
    expect(page.status).toBe(404)
    const entry = await postEarning(workshopCoordinator, workshop, citizenId, {
      paidOn: '2025-01-10',
      amount: '100',
    })
    expect(entry.status).toBe(404)
    const csv = await callRoute(
      employeeCsv.loader,
      getRequest(`${employeeUrl(workshop, citizenId)}/export.csv`, workshopCoordinator.cookie),
      { orgId: workshop, citizenId },
    )
    expect(csv.status).toBe(404)
  })

  it('loses sight of the citizen when the consent is withdrawn', async () => {
    const citizenId = await createCitizen(database.db, { municipalityId: R, name: 'Kim' })
    await giveConsent(database.db, citizenId, [LAUNDRY, BAKERY], { withdrawn: true })
    await hireAt(database.db, citizenId, BAKERY, LAUNDRY)
    const page = await callRoute(
      employeePage.loader,
      getRequest(employeeUrl(BAKERY, citizenId), bakeryCoordinator.cookie),
      { orgId: BAKERY, citizenId },
    )
    expect(page.status).toBe(404)
  })
})

describe('the CSV export for Socialtfrikort.dk', () => {
  it('holds the employer’s own entries in the period, with the plain statement first', async () => {
    const citizenId = await employedCitizen('Lone', { email: null })
    await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: '2025-03-10',
      amount: '1.250,50',
    })
    await postEarning(bakeryCoordinator, BAKERY, citizenId, { paidOn: '2025-05-10', amount: '800' })
    await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: '2025-03-12',
      amount: '999',
    })
    const csv = await callRoute(
      employeeCsv.loader,
      getRequest(
        `${employeeUrl(BAKERY, citizenId)}/export.csv?from=2025-03-01&to=2025-03-31`,
        bakeryCoordinator.cookie,
      ),
      { orgId: BAKERY, citizenId },
    )
    expect(csv.status).toBe(200)
    expect(csv.headers.get('Content-Type')).toContain('text/csv')
    const lines = String(csv.data).split('\r\n')
    expect(lines[0]).toContain('Socialtfrikort.dk')
    expect(lines.slice(2, -1)).toEqual(['Lone;2025-03-10;2025-03-10;2025-03-10;1250,50;'])
  })
})

describe('jobs', () => {
  it('are refused when marked both wage-subsidised and suitable for frikort', async () => {
    const fields = {
      submissionId: sid(),
      title: 'Hjælp i butikken',
      tasks: 'Fylde hylder op',
      hours: 'Fredage 10–13',
      place: 'Falkoner Allé 12',
      pay: '140',
      contact: 'Peter',
      suitableForFrikort: 'yes',
      wageSubsidised: 'yes',
    }
    const refused = await callRoute(
      newJob.action,
      formRequest(`/org/${BAKERY}/jobs/new`, fields, bakeryCoordinator.cookie),
      { orgId: BAKERY },
    )
    expect(refused.status).toBe(400)
    expect(refused.data.errors.wageSubsidised).toEqual(['pages.jobs.errors.wageSubsidised'])
    expect(refused.data.values.title).toBe('Hjælp i butikken')
    expect(
      await database.db
        .selectFrom('job')
        .select('id')
        .where('id', '=', fields.submissionId)
        .executeTakeFirst(),
    ).toBeUndefined()
    // The database says the same, whoever writes.
    await expect(
      database.db
        .insertInto('job')
        .values({
          organisation_id: BAKERY,
          title: 'x',
          tasks: 'x',
          hours: 'x',
          place: 'x',
          pay_per_hour_ore: 1,
          contact: 'x',
          suitable_for_frikort: true,
          wage_subsidised: true,
        })
        .execute(),
    ).rejects.toThrow()

    const created = await callRoute(
      newJob.action,
      formRequest(
        `/org/${BAKERY}/jobs/new`,
        { ...fields, wageSubsidised: '' },
        bakeryCoordinator.cookie,
      ),
      { orgId: BAKERY },
    )
    expect(created.status).toBe(302)
    // A double submit finds the first job.
    await callRoute(
      newJob.action,
      formRequest(
        `/org/${BAKERY}/jobs/new`,
        { ...fields, wageSubsidised: '' },
        bakeryCoordinator.cookie,
      ),
      { orgId: BAKERY },
    )
    const jobs = await database.db
      .selectFrom('job')
      .select('pay_per_hour_ore')
      .where('id', '=', fields.submissionId)
      .execute()
    expect(jobs).toEqual([{ pay_per_hour_ore: 14000 }])
  })

  it('are listed for a citizen with a decision, who can say “I’m interested”, but not for one without', async () => {
    const jobId = await createJobRow(database.db, BAKERY, 'Opvask om lørdagen')
    const person = await createPerson(database.db, { name: 'Mette', email: 'mette@example.dk' })
    const citizenId = await createCitizen(database.db, {
      municipalityId: R,
      name: 'Mette',
      personId: person.id,
    })
    const cookie = await sessionCookieFor(database.db, person.id)
    expect((await callRoute(jobList.loader, getRequest('/jobs', cookie))).status).toBe(403)
    await recordDecisionRow(database.db, citizenId, R)
    const list = await callRoute(jobList.loader, getRequest('/jobs', cookie))
    expect(list.data.jobs.map((j: { title: string }) => j.title)).toContain('Opvask om lørdagen')

    const say = () =>
      callRoute(jobDetail.action, formRequest(`/jobs/${jobId}`, {}, cookie), { jobId })
    const noConsent = await say()
    expect(noConsent.status).toBe(400)
    expect(noConsent.data.errors['']).toEqual(['pages.jobs.detail.errors.noMatchmaker'])
    await giveConsent(database.db, citizenId, [LAUNDRY])
    expect((await say()).status).toBe(302)
    expect((await say()).status).toBe(302)
    const matches = await database.db
      .selectFrom('frikort_match')
      .select(['state', 'matchmaker_organisation_id', 'employer_organisation_id'])
      .where('citizen_id', '=', citizenId)
      .execute()
    expect(matches).toEqual([
      {
        state: 'interested',
        matchmaker_organisation_id: LAUNDRY,
        employer_organisation_id: BAKERY,
      },
    ])
    const mine = await callRoute(meFrikort.loader, getRequest('/me/frikort', cookie))
    expect(mine.data.matches[0]).toMatchObject({ state: 'interested', job: 'Opvask om lørdagen' })
  })
})

describe('matchmaking', () => {
  it('moves a citizen from suggested to hired, one step at a time, with an event for each', async () => {
    const jobId = await createJobRow(database.db, BAKERY, 'Bagerjob til tavlen')
    const citizenId = await createCitizen(database.db, { municipalityId: R, name: 'Nanna' })
    await giveConsent(database.db, citizenId, [LAUNDRY, BAKERY])
    const url = `/org/${LAUNDRY}/frikort/matchmaking`
    const post = (fields: Record<string, string>) =>
      callRoute(board.action, formRequest(url, fields, laundryCoordinator.cookie), {
        orgId: LAUNDRY,
      })

    const noDecision = await post({ intent: 'suggest', citizenId, jobId })
    expect(noDecision.status).toBe(400)
    expect(noDecision.data.errors.citizenId).toEqual([
      'pages.frikort.errors.matchmaking.noDecision',
    ])
    await recordDecisionRow(database.db, citizenId, R)
    expect((await post({ intent: 'suggest', citizenId, jobId })).status).toBe(302)
    const again = await post({ intent: 'suggest', citizenId, jobId })
    expect(again.data.errors.jobId).toEqual(['pages.frikort.errors.matchmaking.alreadySuggested'])

    const page = await callRoute(board.loader, getRequest(url, laundryCoordinator.cookie), {
      orgId: LAUNDRY,
    })
    expect(page.data.candidates.map((c: { label: string }) => c.label)).toContain(
      'Nanna – har socialt frikort',
    )
    const match = page.data.board.find((m: { name: string }) => m.name === 'Nanna')
    expect(match).toMatchObject({ state: 'suggested', next: 'interested' })

    const skip = await post({ intent: 'move', matchId: match.id, to: 'hired' })
    expect(skip.status).toBe(400)
    expect(skip.data.errors['']).toEqual(['pages.frikort.errors.matchmaking.notAllowed'])
    for (const to of ['interested', 'trial', 'hired'])
      expect((await post({ intent: 'move', matchId: match.id, to })).status).toBe(302)
    const row = await database.db
      .selectFrom('frikort_match')
      .selectAll()
      .where('id', '=', match.id)
      .executeTakeFirstOrThrow()
    expect(row.state).toBe('hired')
    expect(row.suggested_at && row.interested_at && row.trial_at && row.hired_at).toBeTruthy()
    const events = await database.db
      .selectFrom('event')
      .select('type')
      .where('entity_id', '=', match.id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'frikort.match.suggested',
      'frikort.match.interested',
      'frikort.match.trial',
      'frikort.match.hired',
    ])
    // Now the bakery employs her and, with her consent, sees her.
    const employee = await callRoute(
      employeePage.loader,
      getRequest(employeeUrl(BAKERY, citizenId), bakeryCoordinator.cookie),
      { orgId: BAKERY, citizenId },
    )
    expect(employee.status).toBe(200)
    expect(employee.data.name).toBe('Nanna')
  })

  it('is closed to an organisation that is no matchmaker', async () => {
    const page = await callRoute(
      board.loader,
      getRequest(`/org/${BAKERY}/frikort/matchmaking`, bakeryCoordinator.cookie),
      { orgId: BAKERY },
    )
    expect(page.status).toBe(403)
  })
})

describe('the citizen’s own page', () => {
  it('shows this year’s balance across every employer', async () => {
    const person = await createPerson(database.db, { name: 'Otto', email: 'otto@example.dk' })
    const citizenId = await createCitizen(database.db, {
      municipalityId: R,
      name: 'Otto',
      personId: person.id,
    })
    await giveConsent(database.db, citizenId, [LAUNDRY, BAKERY])
    await recordDecisionRow(database.db, citizenId, R)
    await hireAt(database.db, citizenId, LAUNDRY, LAUNDRY)
    await hireAt(database.db, citizenId, BAKERY, LAUNDRY)
    await postEarning(laundryCoordinator, LAUNDRY, citizenId, {
      paidOn: `${YEAR}-01-05`,
      amount: '4.000',
    })
    await postEarning(bakeryCoordinator, BAKERY, citizenId, {
      paidOn: `${YEAR}-01-06`,
      amount: '400',
    })
    const cookie = await sessionCookieFor(database.db, person.id)
    const page = await callRoute(meFrikort.loader, getRequest('/me/frikort', cookie))
    expect(page.data.balance).toMatchObject({
      total: '4.400 kr.',
      remaining: '39.600 kr.',
      percent: 10,
    })
    expect(page.data.decision).toMatchObject({ active: true })
    expect(page.data.earnings.map((e: { employer: string }) => e.employer).sort()).toEqual([
      'Bageriet på Hjørnet ApS',
      'Det Sociale Vaskeri',
    ])
  })
})

describe('the control reminder', () => {
  it('tells the caseworker 30 days before, once for each due date', async () => {
    const citizenId = await createCitizen(database.db, {
      municipalityId: R,
      name: 'Pia',
      caseworkerId: rCaseworker.id,
    })
    await recordDecisionRow(database.db, citizenId, R, {
      decidedOn: '2025-01-10',
      nextControlDue: '2026-06-30',
    })
    const now = new Date('2026-06-05T10:00:00Z')
    const sent = async () =>
      (
        await database.db
          .selectFrom('outbox_message')
          .select('subject')
          .where('template', '=', 'frikortControlDue')
          .where('subject', 'like', '%Pia%')
          .execute()
      ).length
    await runFrikortJobs(database.db, new Date('2026-05-01T10:00:00Z'))
    expect(await sent()).toBe(0)
    await runFrikortJobs(database.db, now)
    await runFrikortJobs(database.db, now)
    expect(await sent()).toBe(1)
  })
})
