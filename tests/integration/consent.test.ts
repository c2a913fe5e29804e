import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { runReferralJobs } from '~/modules/referrals/jobs.server'
import * as newConsent from '~/routes/case.citizens.$citizenId.consents.new'
import * as caseReceipt from '~/routes/case.citizens.$citizenId.consents.$consentId._index'
import * as caseWithdraw from '~/routes/case.citizens.$citizenId.consents.$consentId.withdraw'
import * as meConsents from '~/routes/me.consents._index'
import * as meReceipt from '~/routes/me.consents.$consentId._index'
import * as meWithdraw from '~/routes/me.consents.$consentId.withdraw'
import * as meReferrals from '~/routes/me.referrals'
import * as meLog from '~/routes/me.log'
import * as orgReferral from '~/routes/org.$orgId.referrals.$referralId'
import { DEMO } from '../../db/seed/demo.ts'
import { callRoute, formRequest, getRequest, sessionCookieFor } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'
import {
  makeWorld,
  recordConsent,
  refer,
  registerCitizen,
  type World,
} from './citizens-fixtures.ts'

// Consent as a first-class, revocable record: recorded by staff with the citizen present,
// never edited, printable, and withdrawn in one transaction that stops the organisation's access,
// cancels open referrals with the reason "consent withdrawn" and tells everyone affected.

const DAY = 86_400_000
const CAFE = DEMO.org.cafe

let database: Database
let w: World

beforeAll(async () => {
  database = await createTestDatabase()
  w = await makeWorld(database)
})

async function citizenWithReferral(name: string, extra: Record<string, string> = {}) {
  const citizenId = await registerCitizen(w.karin.cookie, { chosenName: name, ...extra })
  const consentId = await recordConsent(w.karin.cookie, citizenId)
  const referralId = await refer(w.karin.cookie, { citizenId, organisationId: CAFE, consentId })
  const person = await database.db
    .selectFrom('citizen')
    .select('person_id')
    .where('id', '=', citizenId)
    .executeTakeFirstOrThrow()
  const cookie = await sessionCookieFor(database.db, person.person_id!)
  return { citizenId, consentId, referralId, cookie }
}

const orgPage = (cookie: string, referralId: string) =>
  callRoute(orgReferral.loader, getRequest(`/org/${CAFE}/referrals/${referralId}`, cookie), {
    orgId: CAFE,
    referralId,
  })

describe('recording a consent', () => {
  it('keeps the input and names every problem on a bad submit', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, { chosenName: 'Arne' })
    const res = await callRoute(
      newConsent.action,
      formRequest(
        `/case/citizens/${citizenId}/consents/new`,
        { purpose: 'referral' },
        w.karin.cookie,
      ),
      { citizenId },
    )
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.errors).sort()).toEqual([
      'categories',
      'channel',
      'confirmed',
      'recipients',
    ])
    expect(res.data.values.purpose).toBe('referral')
  })

  it('says who assisted, and the printable receipt shows it; another municipality gets 404', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, { chosenName: 'Bente' })
    const consentId = await recordConsent(w.karin.cookie, citizenId)
    const row = await database.db
      .selectFrom('consent')
      .select(['channel', 'assisted_by', 'recorded_by', 'given_at', 'expires_at'])
      .where('id', '=', consentId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      channel: 'assisted',
      assisted_by: w.karin.id,
      recorded_by: w.karin.id,
    })
    const months =
      (new Date(row.expires_at).getTime() - new Date(row.given_at).getTime()) / (30.4 * DAY)
    expect(Math.round(months)).toBe(12)
    const receipt = await callRoute(
      caseReceipt.loader,
      getRequest(`/case/citizens/${citizenId}/consents/${consentId}`, w.karin.cookie),
      { citizenId, consentId },
    )
    expect(receipt.data.consent).toMatchObject({
      assistedBy: 'Karin Sagsbehandler',
      recipients: ['Café Broen'],
      status: 'active',
    })
    const foreign = await callRoute(
      caseReceipt.loader,
      getRequest(`/case/citizens/${citizenId}/consents/${consentId}`, w.rasmus.cookie),
      { citizenId, consentId },
    )
    expect(foreign.status).toBe(404)
  })

  it('is never edited: the database refuses a change, and a withdrawal only once', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, { chosenName: 'Carl' })
    const consentId = await recordConsent(w.karin.cookie, citizenId)
    await expect(
      database.db
        .updateTable('consent')
        .set({ data_categories: ['name', 'contact'] })
        .where('id', '=', consentId)
        .execute(),
    ).rejects.toThrow(/never edited/)
    await expect(
      database.db
        .updateTable('consent')
        .set({ withdrawn_at: new Date(), expires_at: new Date(Date.now() + 900 * DAY) })
        .where('id', '=', consentId)
        .execute(),
    ).rejects.toThrow(/never edited/)
    await database.db
      .updateTable('consent')
      .set({ withdrawn_at: new Date(), withdrawal_channel: 'oral' })
      .where('id', '=', consentId)
      .execute()
    await expect(
      database.db
        .updateTable('consent')
        .set({ withdrawn_at: sql`now() + interval '1 day'` })
        .where('id', '=', consentId)
        .execute(),
    ).rejects.toThrow(/never edited/)
  })
})

describe('the citizen withdraws a consent on Mine sider', () => {
  it('says what will happen first, then in one step stops access, cancels the referral and tells everyone', async () => {
    const { consentId, referralId, cookie } = await citizenWithReferral('Dina', {
      contactPreference: 'email',
      email: 'dina@example.dk',
    })
    // The coordinator reads the referral: the citizen sees that read in her log.
    expect((await orgPage(w.camilla.cookie, referralId)).status).toBe(200)
    const log = await callRoute(meLog.loader, getRequest('/me/log', cookie))
    const read = log.data.entries.find((e: { place: string }) => e.place === 'orgReferral')
    expect(read).toMatchObject({ who: 'Camilla Koordinator', where: 'Café Broen', change: false })
    expect(JSON.stringify(log.data)).not.toMatch(/ip_?hash/i)

    const list = await callRoute(meConsents.loader, getRequest('/me/consents', cookie))
    expect(list.data.consents).toHaveLength(1)
    const receipt = await callRoute(
      meReceipt.loader,
      getRequest(`/me/consents/${consentId}`, cookie),
      { consentId },
    )
    expect(receipt.data.consent.status).toBe('active')
    const confirm = await callRoute(
      meWithdraw.loader,
      getRequest(`/me/consents/${consentId}/withdraw`, cookie),
      { consentId },
    )
    expect(confirm.data).toMatchObject({ active: true, organisations: 'Café Broen' })

    const done = await callRoute(
      meWithdraw.action,
      formRequest(`/me/consents/${consentId}/withdraw`, {}, cookie),
      { consentId },
    )
    expect(done.location).toBe(`/me/consents/${consentId}?done=withdrawn`)
    const consent = await database.db
      .selectFrom('consent')
      .select(['withdrawn_at', 'withdrawal_channel', 'withdrawn_by'])
      .where('id', '=', consentId)
      .executeTakeFirstOrThrow()
    expect(consent.withdrawn_at).not.toBeNull()
    expect(consent.withdrawal_channel).toBe('digital')
    const referral = await database.db
      .selectFrom('referral')
      .select(['state', 'state_reason'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow()
    expect(referral).toEqual({ state: 'cancelled', state_reason: 'consent_withdrawn' })
    // The same address is now a 404 for the organisation.
    expect((await orgPage(w.camilla.cookie, referralId)).status).toBe(404)
    const mine = await callRoute(meReferrals.loader, getRequest('/me/referrals', cookie))
    expect(mine.data.referrals[0].stateKey).toBe('common.referral.reasons.consent_withdrawn')

    const mails = await database.db
      .selectFrom('outbox_message')
      .select(['to_address', 'subject'])
      .where('template', '=', 'consentWithdrawn')
      .where('dedupe_key', 'like', `consent-withdrawn:${consentId}:%`)
      .execute()
    const camillaEmail = (
      await database.db
        .selectFrom('person')
        .select('email')
        .where('id', '=', w.camilla.id)
        .executeTakeFirstOrThrow()
    ).email
    const karinEmail = (
      await database.db
        .selectFrom('person')
        .select('email')
        .where('id', '=', w.karin.id)
        .executeTakeFirstOrThrow()
    ).email
    expect(mails.map((m) => m.to_address).sort()).toEqual(
      [camillaEmail, karinEmail, 'dina@example.dk'].sort(),
    )
    // A second press changes nothing and sends nothing more.
    await callRoute(
      meWithdraw.action,
      formRequest(`/me/consents/${consentId}/withdraw`, {}, cookie),
      { consentId },
    )
    expect(
      await database.db
        .selectFrom('outbox_message')
        .select('id')
        .where('dedupe_key', 'like', `consent-withdrawn:${consentId}:%`)
        .execute(),
    ).toHaveLength(3)
    const events = await database.db
      .selectFrom('event')
      .select('type')
      .where('entity_id', 'in', [consentId, referralId])
      .where('type', 'in', ['consent.withdrawn', 'referral.cancelled'])
      .execute()
    expect(events.map((e) => e.type).sort()).toEqual(['consent.withdrawn', 'referral.cancelled'])
  })

  it('does not e-mail a citizen who is reached through their caseworker, and nobody else’s consent can be withdrawn', async () => {
    const a = await citizenWithReferral('Eva')
    const b = await citizenWithReferral('Finn')
    const other = await callRoute(
      meWithdraw.action,
      formRequest(`/me/consents/${a.consentId}/withdraw`, {}, b.cookie),
      { consentId: a.consentId },
    )
    expect(other.status).toBe(404)
    expect(
      (
        await callRoute(meReceipt.loader, getRequest(`/me/consents/${a.consentId}`, b.cookie), {
          consentId: a.consentId,
        })
      ).status,
    ).toBe(404)
    await callRoute(
      meWithdraw.action,
      formRequest(`/me/consents/${a.consentId}/withdraw`, {}, a.cookie),
      { consentId: a.consentId },
    )
    const audiences = await database.db
      .selectFrom('outbox_message')
      .select('dedupe_key')
      .where('dedupe_key', 'like', `consent-withdrawn:${a.consentId}:%`)
      .execute()
    expect(audiences.map((m) => m.dedupe_key!.split(':')[2]).sort()).toEqual([
      'caseworker',
      'organisation',
    ])
  })
})

describe('the caseworker withdraws on the citizen’s word', () => {
  it('records the channel and who did it; another municipality cannot', async () => {
    const { citizenId, consentId, referralId } = await citizenWithReferral('Gert')
    const foreign = await callRoute(
      caseWithdraw.action,
      formRequest(
        `/case/citizens/${citizenId}/consents/${consentId}/withdraw`,
        { channel: 'oral' },
        w.rasmus.cookie,
      ),
      { citizenId, consentId },
    )
    expect(foreign.status).toBe(404)
    const res = await callRoute(
      caseWithdraw.action,
      formRequest(
        `/case/citizens/${citizenId}/consents/${consentId}/withdraw`,
        { channel: 'oral' },
        w.karin.cookie,
      ),
      { citizenId, consentId },
    )
    expect(res.status).toBe(302)
    const consent = await database.db
      .selectFrom('consent')
      .select(['withdrawn_by', 'withdrawal_channel'])
      .where('id', '=', consentId)
      .executeTakeFirstOrThrow()
    expect(consent).toEqual({ withdrawn_by: w.karin.id, withdrawal_channel: 'oral' })
    expect((await orgPage(w.camilla.cookie, referralId)).status).toBe(404)
  })
})

describe('consent expiry warnings', () => {
  it('warn the caseworker 30 days ahead, once', async () => {
    const citizenId = await registerCitizen(w.karin.cookie, { chosenName: 'Hilda' })
    const consentId = await recordConsent(w.karin.cookie, citizenId)
    const expires = (
      await database.db
        .selectFrom('consent')
        .select('expires_at')
        .where('id', '=', consentId)
        .executeTakeFirstOrThrow()
    ).expires_at
    const at = (daysBefore: number) => new Date(new Date(expires).getTime() - daysBefore * DAY)
    const warnings = () =>
      database.db
        .selectFrom('outbox_message')
        .select(['subject', 'text_body'])
        .where('dedupe_key', 'like', `consent-expiring:${consentId}:%`)
        .execute()
    await runReferralJobs(database.db, at(31))
    expect(await warnings()).toHaveLength(0)
    await runReferralJobs(database.db, at(29))
    await runReferralJobs(database.db, at(28))
    const sent = await warnings()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.text_body).not.toContain('Hilda')
  })
})
