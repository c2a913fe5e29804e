import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { runReferralJobs } from '~/modules/referrals/jobs.server'
import { listIncomingReferrals } from '~/modules/referrals/referrals.server'
import type { Ctx } from '~/modules/identity/guards.server'
import { loadActor } from '~/modules/identity/actor.server'
import * as newReferral from '~/routes/case.referrals.new'
import * as caseReferral from '~/routes/case.referrals.$referralId'
import * as workspace from '~/routes/case._index'
import * as inbox from '~/routes/org.$orgId.referrals._index'
import * as orgReferral from '~/routes/org.$orgId.referrals.$referralId'
import { DEMO } from '../../db/seed/demo.ts'
import { callRoute, formRequest, getRequest } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'
import {
  makeWorld,
  recordConsent,
  refer,
  referralRequest,
  registerCitizen,
  type World,
} from './citizens-fixtures.ts'

// Referrals as a closed loop: made in one form by the caseworker, answered by the organisation's
// coordinator, reminded and expired by the hourly job, and never readable by the organisation
// without an active consent that names it and covers what it shows.

const DAY = 86_400_000
const CAFE: string = DEMO.org.cafe

let database: Database
let w: World

beforeAll(async () => {
  database = await createTestDatabase()
  w = await makeWorld(database)
})

const orgPage = (cookie: string, referralId: string, orgId = CAFE) =>
  callRoute(orgReferral.loader, getRequest(`/org/${orgId}/referrals/${referralId}`, cookie), {
    orgId,
    referralId,
  })
const orgAnswer = (
  cookie: string,
  referralId: string,
  fields: Record<string, string>,
  orgId = CAFE,
) =>
  callRoute(
    orgReferral.action,
    formRequest(`/org/${orgId}/referrals/${referralId}`, fields, cookie),
    { orgId, referralId },
  )
const referralRow = (id: string) =>
  database.db
    .selectFrom('referral')
    .select([
      'state',
      'state_reason',
      'answered_at',
      'closed_at',
      'reminded_7_at',
      'reminded_12_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
const outbox = (template: string, to?: string) =>
  database.db
    .selectFrom('outbox_message')
    .select(['to_address', 'subject', 'text_body', 'dedupe_key'])
    .where('template', '=', template)
    .$if(to !== undefined, (q) => q.where('to_address', '=', to!))
    .execute()
const emailOf = async (personId: string) =>
  (
    await database.db
      .selectFrom('person')
      .select('email')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow()
  ).email!

async function freshReferral(name: string, categories = ['name', 'area']) {
  const citizenId = await registerCitizen(w.karin.cookie, { chosenName: name, birthYear: '1980' })
  const consentId = await recordConsent(w.karin.cookie, citizenId)
  const referralId = await refer(
    w.karin.cookie,
    { citizenId, organisationId: CAFE, consentId, note: 'Kan lide kaffe' },
    categories,
  )
  return { citizenId, consentId, referralId }
}

describe('making a referral', () => {
  it('sends it to the organisation, tells its coordinators, and records the history', async () => {
    const { referralId, citizenId } = await freshReferral('Alma')
    const row = await referralRow(referralId)
    expect(row.state).toBe('sent')
    const mails = await outbox('referralReceived', await emailOf(w.camilla.id))
    expect(mails.some((m) => m.dedupe_key?.includes(referralId))).toBe(true)
    // No citizen name in any e-mail.
    expect(mails.every((m) => !m.text_body.includes('Alma') && !m.subject.includes('Alma'))).toBe(
      true,
    )
    const page = await callRoute(
      caseReferral.loader,
      getRequest(`/case/referrals/${referralId}`, w.karin.cookie),
      { referralId },
    )
    expect(page.status).toBe(200)
    expect(page.data.referral.citizenId).toBe(citizenId)
    expect(page.data.history.map((h: { state: string }) => h.state)).toEqual(['sent'])
  })

  it('refuses a consent that does not name the organisation, and categories it does not cover', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, { chosenName: 'Bodil' })
    const consentId = await recordConsent(w.karin.cookie, citizenId, {
      recipients: [DEMO.org.streetFootball],
      categories: ['name'],
    })
    const wrongOrg = await callRoute(
      newReferral.action,
      referralRequest(w.karin.cookie, { citizenId, organisationId: CAFE, consentId }, ['name']),
    )
    expect(wrongOrg.status).toBe(400)
    expect(wrongOrg.data.errors.consentId).toEqual([
      'pages.case.referral.errors.consentNotCovering',
    ])
    const tooMuch = await callRoute(
      newReferral.action,
      referralRequest(
        w.karin.cookie,
        { citizenId, organisationId: DEMO.org.streetFootball, consentId, kind: 'organisation' },
        ['name', 'contact'],
      ),
    )
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.data.errors.categories).toEqual([
      'pages.case.referral.errors.categoriesNotCovered',
    ])
    expect(
      await database.db
        .selectFrom('referral')
        .select('id')
        .where('citizen_id', '=', citizenId)
        .execute(),
    ).toEqual([])
  })

  it('records the consent on the same page, and a double submit makes one referral', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, { chosenName: 'Cecilie' })
    const fields = {
      citizenId,
      organisationId: CAFE,
      consentId: 'new',
      newConsentChannel: 'assisted',
      assisted: 'yes',
    }
    const first = await callRoute(newReferral.action, referralRequest(w.karin.cookie, fields))
    const second = await callRoute(newReferral.action, referralRequest(w.karin.cookie, fields))
    expect(first.status).toBe(302)
    expect(second.location).toMatch(/done=existing$/)
    const rows = await database.db
      .selectFrom('referral')
      .select(['id', 'assisted_by'])
      .where('citizen_id', '=', citizenId)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.assisted_by).toBe(w.karin.id)
    const consents = await database.db
      .selectFrom('consent')
      .select(['purpose', 'channel', 'assisted_by', 'data_categories'])
      .where('citizen_id', '=', citizenId)
      .execute()
    expect(consents).toEqual([
      {
        purpose: 'buddy_match',
        channel: 'assisted',
        assisted_by: w.karin.id,
        data_categories: ['name', 'area'],
      },
    ])
  })

  it('answers 400 with the input kept on bad input, and 404 for another municipality’s citizen', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, { chosenName: 'Dorthe' })
    const bad = await callRoute(
      newReferral.action,
      referralRequest(w.karin.cookie, { citizenId, organisationId: 'nope', consentId: 'new' }, []),
    )
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.errors).sort()).toEqual(
      ['categories', 'newConsentChannel', 'organisationId'].sort(),
    )
    const foreign = await callRoute(
      newReferral.action,
      referralRequest(w.rasmus.cookie, {
        citizenId,
        organisationId: CAFE,
        consentId: 'new',
        newConsentChannel: 'oral',
      }),
    )
    expect(foreign.status).toBe(404)
    const page = await callRoute(
      newReferral.loader,
      getRequest(`/case/referrals/new?citizenId=${citizenId}`, w.rasmus.cookie),
    )
    expect(page.status).toBe(404)
  })
})

describe('the organisation answers', () => {
  it('lets the coordinator accept, start and complete; every other move is refused', async () => {
    const { referralId } = await freshReferral('Erik')
    expect((await orgAnswer(w.camilla.cookie, referralId, { intent: 'start' })).status).toBe(409)
    expect((await orgAnswer(w.camilla.cookie, referralId, { intent: 'complete' })).status).toBe(409)
    expect(
      (await orgAnswer(w.camilla.cookie, referralId, { intent: 'cancel', reason: 'x' })).status,
    ).toBe(409)
    const accepted = await orgAnswer(w.camilla.cookie, referralId, { intent: 'accept' })
    expect(accepted.location).toBe(`/org/${CAFE}/referrals/${referralId}?done=accepted`)
    expect((await referralRow(referralId)).answered_at).not.toBeNull()
    // A second click finds it already answered.
    expect((await orgAnswer(w.camilla.cookie, referralId, { intent: 'accept' })).status).toBe(409)
    expect(
      (await orgAnswer(w.camilla.cookie, referralId, { intent: 'decline', reason: 'x' })).status,
    ).toBe(409)
    expect((await orgAnswer(w.camilla.cookie, referralId, { intent: 'start' })).status).toBe(302)
    expect((await orgAnswer(w.camilla.cookie, referralId, { intent: 'complete' })).status).toBe(302)
    const row = await referralRow(referralId)
    expect(row.state).toBe('completed')
    expect(row.closed_at).not.toBeNull()
    const page = await orgPage(w.camilla.cookie, referralId)
    expect(page.data.history.map((h: { state: string }) => h.state)).toEqual([
      'sent',
      'accepted',
      'in_progress',
      'completed',
    ])
    expect(page.data.actions).toEqual([])
    const told = await outbox('referralAnswered', await emailOf(w.karin.id))
    expect(told.filter((m) => m.dedupe_key?.includes(referralId))).toHaveLength(3)
  })

  it('requires a reason to decline, and shows it to the caseworker', async () => {
    const { referralId } = await freshReferral('Frida')
    const empty = await orgAnswer(w.camilla.cookie, referralId, { intent: 'decline', reason: ' ' })
    expect(empty.status).toBe(400)
    expect(empty.data.errors.reason).toEqual(['pages.orgReferrals.errors.declineReasonRequired'])
    await orgAnswer(w.camilla.cookie, referralId, {
      intent: 'decline',
      reason: 'Ingen ledige følgevenner',
    })
    const page = await callRoute(
      caseReferral.loader,
      getRequest(`/case/referrals/${referralId}`, w.karin.cookie),
      { referralId },
    )
    expect(page.data.referral.stateKey).toBe('common.referral.states.declined')
    expect(page.data.referral.reason).toBe('Ingen ledige følgevenner')
    const mail = (await outbox('referralAnswered')).find((m) => m.dedupe_key?.includes(referralId))
    expect(mail?.text_body).toContain('Ingen ledige følgevenner')
  })

  it('lets staff read but not answer, and another organisation neither', async () => {
    const { referralId } = await freshReferral('Gustav')
    expect((await orgPage(w.jonas.cookie, referralId)).status).toBe(200)
    expect((await orgPage(w.jonas.cookie, referralId)).data.actions).toEqual([])
    expect((await orgAnswer(w.jonas.cookie, referralId, { intent: 'accept' })).status).toBe(403)
    expect((await orgPage(w.ahmed.cookie, referralId)).status).toBe(403)
    // Through their own organisation's address, the café's referral does not exist.
    expect((await orgPage(w.ahmed.cookie, referralId, DEMO.org.streetFootball)).status).toBe(404)
    expect(
      (await orgAnswer(w.ahmed.cookie, referralId, { intent: 'accept' }, DEMO.org.streetFootball))
        .status,
    ).toBe(404)
    expect((await referralRow(referralId)).state).toBe('sent')
  })

  it('lets the caseworker cancel with a reason and tells the organisation', async () => {
    const { referralId } = await freshReferral('Hanne')
    const noReason = await callRoute(
      caseReferral.action,
      formRequest(
        `/case/referrals/${referralId}`,
        { intent: 'cancel', reason: '' },
        w.karin.cookie,
      ),
      { referralId },
    )
    expect(noReason.status).toBe(400)
    const done = await callRoute(
      caseReferral.action,
      formRequest(
        `/case/referrals/${referralId}`,
        { intent: 'cancel', reason: 'Flyttet til anden kommune' },
        w.karin.cookie,
      ),
      { referralId },
    )
    expect(done.status).toBe(302)
    expect((await referralRow(referralId)).state).toBe('cancelled')
    const foreign = await callRoute(
      caseReferral.action,
      formRequest(
        `/case/referrals/${referralId}`,
        { intent: 'cancel', reason: 'x' },
        w.rasmus.cookie,
      ),
      { referralId },
    )
    expect(foreign.status).toBe(404)
    const mails = await outbox('referralCancelled', await emailOf(w.camilla.id))
    expect(mails.some((m) => m.dedupe_key?.includes(referralId))).toBe(true)
  })
})

describe('what the organisation sees', () => {
  it('is exactly the shared categories the consent covers, and each read is logged', async () => {
    const { referralId, citizenId } = await freshReferral('Ib', ['name', 'referral_note'])
    const page = await orgPage(w.camilla.cookie, referralId)
    expect(page.status).toBe(200)
    expect(page.data.referral.citizen).toMatchObject({
      name: 'Ib',
      birthYear: null, // registered, but neither shared nor consented
      area: null,
      phone: null,
    })
    expect(page.data.referral.note).toBe('Kan lide kaffe')
    const log = await database.db
      .selectFrom('audit_log')
      .select(['actor_person_id', 'details', 'page'])
      .where('subject_citizen_id', '=', citizenId)
      .where('actor_person_id', '=', w.camilla.id)
      .execute()
    expect(log).toHaveLength(1)
    expect(log[0]!.details).toEqual({ organisationId: CAFE })
    expect(log[0]!.page).toBe(`/org/${CAFE}/referrals/${referralId}`)
  })

  it('hides contact details of a citizen with the safety flag even when shared', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, {
      chosenName: 'Jytte',
      contactPreference: 'phone',
      phone: '12345678',
      safetyFlag: 'yes',
    })
    const consentId = await recordConsent(w.karin.cookie, citizenId, {
      categories: ['name', 'contact'],
    })
    const referralId = await refer(w.karin.cookie, { citizenId, organisationId: CAFE, consentId }, [
      'name',
      'contact',
    ])
    const page = await orgPage(w.camilla.cookie, referralId)
    expect(page.data.referral.citizen).toMatchObject({
      name: 'Jytte',
      phone: null,
      contactPreference: null,
      contactWithheld: true,
    })
    const mail = (await outbox('referralReceived')).find((m) => m.dedupe_key?.includes(referralId))
    expect(mail?.subject).toBe('Ny henvisning på Brobygger')
    expect(mail?.text_body).not.toContain('Café')
  })
})

describe('no query path returns a citizen to an organisation without an active covering consent', () => {
  // Each case builds a referral, then breaks its consent directly in the database the way time
  // or the citizen would: the inbox, the page and the answer must all stop naming the citizen.
  const orgCtx = async (personId: string): Promise<Ctx> => ({
    db: database.db,
    actor: (await loadActor(database.db, personId, { id: 's', mfaVerified: true }))!,
    now: new Date(),
    ipHash: null,
  })

  async function insertReferral(consent: {
    recipients: string[]
    categories: string[]
    expiresInDays?: number
    withdrawn?: boolean
  }) {
    const citizenId = await registerCitizen(w.karin.cookie, {
      chosenName: `Skjult ${Math.random()}`,
    })
    const now = Date.now()
    const k = await database.db
      .insertInto('consent')
      .values({
        citizen_id: citizenId,
        purpose: 'referral',
        data_categories: consent.categories as ['name'],
        wording_version: 'test',
        channel: 'oral',
        assisted_by: w.karin.id,
        given_at: new Date(now - 400 * DAY),
        expires_at: new Date(now + (consent.expiresInDays ?? 100) * DAY),
        withdrawn_at: consent.withdrawn ? new Date(now - DAY) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const o of consent.recipients)
      await database.db
        .insertInto('consent_recipient')
        .values({ consent_id: k.id, organisation_id: o })
        .execute()
    const r = await database.db
      .insertInto('referral')
      .values({
        citizen_id: citizenId,
        municipality_id: DEMO.frederiksberg,
        caseworker_id: w.karin.id,
        to_organisation_id: CAFE,
        kind: 'organisation',
        consent_id: k.id,
        shared_categories: ['name', 'area'],
        deadline_at: new Date(now + 14 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { referralId: r.id, citizenId }
  }

  const cases: [string, Parameters<typeof insertReferral>[0]][] = [
    ['no consent naming anyone', { recipients: [], categories: ['name', 'area'] }],
    [
      'a consent not naming the organisation',
      { recipients: [DEMO.org.streetFootball], categories: ['name', 'area'] },
    ],
    ['an expired consent', { recipients: [CAFE], categories: ['name', 'area'], expiresInDays: -1 }],
    ['a withdrawn consent', { recipients: [CAFE], categories: ['name', 'area'], withdrawn: true }],
  ]
  for (const [label, consent] of cases)
    it(`gives nothing with ${label}`, async () => {
      const { referralId, citizenId } = await insertReferral(consent)
      expect((await orgPage(w.camilla.cookie, referralId)).status).toBe(404)
      expect((await orgAnswer(w.camilla.cookie, referralId, { intent: 'accept' })).status).toBe(404)
      const list = await callRoute(
        inbox.loader,
        getRequest(`/org/${CAFE}/referrals`, w.camilla.cookie),
        {
          orgId: CAFE,
        },
      )
      const row = list.data.fresh.find((r: { id: string }) => r.id === referralId)
      expect(row).toMatchObject({ name: null, visible: false })
      const rows = await listIncomingReferrals(await orgCtx(w.camilla.id), CAFE)
      expect(rows.find((r) => r.id === referralId)?.citizenName).toBeNull()
      expect(
        await database.db
          .selectFrom('audit_log')
          .select('id')
          .where('subject_citizen_id', '=', citizenId)
          .where('actor_person_id', '=', w.camilla.id)
          .execute(),
      ).toEqual([])
      expect((await referralRow(referralId)).state).toBe('sent')
    })

  it('shows only the name when the consent lacks the other shared category', async () => {
    const { referralId } = await insertReferral({ recipients: [CAFE], categories: ['name'] })
    const page = await orgPage(w.camilla.cookie, referralId)
    expect(page.status).toBe(200)
    expect(page.data.referral.citizen.name).toMatch(/^Skjult/)
    expect(page.data.referral.citizen.area).toBeNull()
    const { referralId: noName } = await insertReferral({
      recipients: [CAFE],
      categories: ['area'],
    })
    const list = await listIncomingReferrals(await orgCtx(w.camilla.id), CAFE)
    expect(list.find((r) => r.id === noName)).toMatchObject({ citizenName: null, visible: true })
  })
})

describe('the hourly job', () => {
  it('reminds the organisation at 7 and 12 days, once each, and expires the referral after the deadline', async () => {
    const { referralId } = await freshReferral('Kaj')
    const sent = (
      await database.db
        .selectFrom('referral')
        .select('sent_at')
        .where('id', '=', referralId)
        .executeTakeFirstOrThrow()
    ).sent_at
    const at = (days: number) => new Date(new Date(sent).getTime() + days * DAY + 60_000)
    const reminders = async () =>
      (await outbox('referralReminder')).filter((m) => m.dedupe_key?.includes(referralId))

    await runReferralJobs(database.db, at(6))
    expect(await reminders()).toHaveLength(0)
    await runReferralJobs(database.db, at(7))
    await runReferralJobs(database.db, at(7.5))
    expect((await reminders()).map((m) => m.dedupe_key?.split(':')[0])).toEqual([
      'referral-reminder-7',
    ])
    expect((await referralRow(referralId)).reminded_7_at).not.toBeNull()
    await runReferralJobs(database.db, at(12))
    await runReferralJobs(database.db, at(13))
    expect((await reminders()).map((m) => m.dedupe_key?.split(':')[0]).sort()).toEqual([
      'referral-reminder-12',
      'referral-reminder-7',
    ])
    expect((await referralRow(referralId)).state).toBe('sent')

    const result = await runReferralJobs(database.db, at(14))
    expect(result.expired).toBeGreaterThanOrEqual(1)
    const row = await referralRow(referralId)
    expect(row.state).toBe('expired')
    expect(row.closed_at).not.toBeNull()
    const expiredMail = (await outbox('referralAnswered', await emailOf(w.karin.id))).filter((m) =>
      m.dedupe_key?.startsWith(`referral-expired:${referralId}`),
    )
    expect(expiredMail).toHaveLength(1)
    // Running again changes nothing and sends nothing.
    await runReferralJobs(database.db, at(15))
    expect(await reminders()).toHaveLength(2)
    const events = await database.db
      .selectFrom('event')
      .select('type')
      .where('entity_id', '=', referralId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['referral.sent', 'referral.expired'])
  })
})

describe('the caseworker workspace', () => {
  it('lists my citizens and referrals, what is overdue, and what changed since I last looked', async () => {
    const { referralId } = await freshReferral('Lis')
    await orgAnswer(w.camilla.cookie, referralId, { intent: 'accept' })
    const page = await callRoute(workspace.loader, getRequest('/case', w.karin.cookie))
    expect(page.status).toBe(200)
    expect(page.data.citizens.map((c: { chosenName: string }) => c.chosenName)).toContain('Lis')
    expect(page.data.changes.some((c: { referralId: string }) => c.referralId === referralId)).toBe(
      true,
    )
    const seen = await callRoute(workspace.action, formRequest('/case', {}, w.karin.cookie))
    expect(seen.location).toBe('/case')
    const after = await callRoute(workspace.loader, getRequest('/case', w.karin.cookie))
    expect(
      after.data.changes.filter((c: { referralId: string }) => c.referralId === referralId),
    ).toEqual([])
    // A colleague who is not one of Lis's caseworkers has none of this.
    const colleague = await callRoute(workspace.loader, getRequest('/case', w.karin2.cookie))
    expect(colleague.data.citizens).toEqual([])
    const rodovre = await callRoute(workspace.loader, getRequest('/case', w.rasmus.cookie))
    expect(rodovre.data.open).toEqual([])
  })
})
