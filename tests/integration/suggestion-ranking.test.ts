import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { suggestionQuery } from '~/modules/matching/suggestions.server'
import { volunteerIsEligible } from '~/modules/volunteers/eligibility.server'
import { INTERESTS, LANGUAGES } from '~/modules/volunteers/vocab'
import { createTestDatabase } from '../setup/database.ts'
import {
  createNetwork,
  createVolunteer,
  createWaitingCitizen,
  setWish,
  type Network,
} from '../setup/matching-fixtures.ts'

// What the database keeps for the buddy ranking (migration 0600, ADR 020): the date until which
// an application meets its organisation's requirements, kept by triggers through every kind of
// change; interests and languages as bits in the vocabulary's order; and the ranking statement
// prepared once per connection.

const DAY = 86_400_000
const NOW = new Date()
const day = (offset: number) => new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10)

let database: Database
let net: Network

beforeAll(async () => {
  database = await createTestDatabase()
  net = await createNetwork(database.db)
})

async function validUntil(applicationId: string): Promise<string> {
  const row = await database.db
    .selectFrom('volunteer_application')
    .select(sql<string>`requirements_valid_until::text`.as('until'))
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  return row.until
}

async function eligible(applicationId: string, at = NOW): Promise<boolean> {
  const row = await database.db
    .selectFrom('volunteer_application as va')
    .select(volunteerIsEligible('va', at).as('ok'))
    .where('va.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  return row.ok
}

describe('the date until which an application meets its requirements', () => {
  it('follows records being added, renewed, corrected and removed', async () => {
    const { applicationId } = await createVolunteer(database.db, net.organisationId, {
      name: 'Rikke Regel',
      requirements: 'missing',
    })
    // The interview is missing: not met from the start.
    expect(await validUntil(applicationId)).toBe('-infinity')
    expect(await eligible(applicationId)).toBe(false)

    await database.db
      .insertInto('volunteer_requirement')
      .values({ application_id: applicationId, kind: 'interview', checked_on: day(-1) })
      .execute()
    // The criminal-record check from the fixture runs out in 600 days; the interview never.
    expect(await validUntil(applicationId)).toBe(day(600))
    expect(await eligible(applicationId)).toBe(true)
    expect(await eligible(applicationId, new Date(NOW.getTime() + 601 * DAY))).toBe(false)

    // A renewal is a new row; the latest expiry per kind counts.
    await database.db
      .insertInto('volunteer_requirement')
      .values({
        application_id: applicationId,
        kind: 'criminal_record',
        checked_on: day(0),
        expires_on: day(730),
      })
      .execute()
    expect(await validUntil(applicationId)).toBe(day(730))

    // A corrected expiry date.
    await database.db
      .updateTable('volunteer_requirement')
      .set({ expires_on: day(5) })
      .where('application_id', '=', applicationId)
      .where('kind', '=', 'criminal_record')
      .execute()
    expect(await validUntil(applicationId)).toBe(day(5))

    await database.db
      .deleteFrom('volunteer_requirement')
      .where('application_id', '=', applicationId)
      .where('kind', '=', 'interview')
      .execute()
    expect(await validUntil(applicationId)).toBe('-infinity')
    expect(await eligible(applicationId)).toBe(false)
  })

  it('follows the organisation adding and dropping a requirement', async () => {
    const other = await createNetwork(database.db, 'Café Regel')
    const a = await createVolunteer(database.db, other.organisationId, { name: 'Anders Krav' })
    const b = await createVolunteer(database.db, other.organisationId, { name: 'Bente Krav' })
    expect(await eligible(a.applicationId)).toBe(true)

    await database.db
      .insertInto('organisation_requirement')
      .values({
        organisation_id: other.organisationId,
        kind: 'confidentiality',
        valid_months: null,
      })
      .execute()
    expect(await eligible(a.applicationId)).toBe(false)
    expect(await eligible(b.applicationId)).toBe(false)

    await database.db
      .deleteFrom('organisation_requirement')
      .where('organisation_id', '=', other.organisationId)
      .execute()
    expect(await validUntil(a.applicationId)).toBe('infinity')
    expect(await eligible(b.applicationId)).toBe(true)
    // Another organisation's volunteers are not touched.
    const mine = await createVolunteer(database.db, net.organisationId, { name: 'Carl Uberørt' })
    expect(await validUntil(mine.applicationId)).toBe(day(600))
  })

  it('cannot be written by hand', async () => {
    const { applicationId } = await createVolunteer(database.db, net.organisationId, {
      name: 'Dorte Hånd',
      requirements: 'expired',
    })
    await sql`update volunteer_application set requirements_valid_until = 'infinity'
      where id = ${applicationId}`.execute(database.db)
    expect(await eligible(applicationId)).toBe(false)
  })
})

describe('interests and languages as bits', () => {
  it('numbers every code of the shared vocabulary in its order, on profiles and wishes', async () => {
    const { personId } = await createVolunteer(database.db, net.organisationId, { name: 'Bit' })
    const citizen = await createWaitingCitizen(database.db, net, { name: 'Bitte' })
    for (const [i, code] of INTERESTS.entries()) {
      await setWish(database.db, citizen.referralId, { interests: [code] })
      const profile = await database.db
        .updateTable('volunteer_profile')
        .set({ interests: [code] })
        .where('person_id', '=', personId)
        .returning('interest_bits')
        .executeTakeFirstOrThrow()
      const wish = await database.db
        .selectFrom('buddy_wish')
        .select('interest_bits')
        .where('referral_id', '=', citizen.referralId)
        .executeTakeFirstOrThrow()
      expect([code, profile.interest_bits, wish.interest_bits]).toEqual([code, 1 << i, 1 << i])
    }
    for (const [i, code] of LANGUAGES.entries()) {
      const profile = await database.db
        .updateTable('volunteer_profile')
        .set({ languages: [code, 'xx'] })
        .where('person_id', '=', personId)
        .returning('language_bits')
        .executeTakeFirstOrThrow()
      expect([code, profile.language_bits]).toEqual([code, 1 << i])
    }
  })
})

describe('the ranking statement', () => {
  it('is prepared once on the connection and gives the same answer again', async () => {
    const citizen = await createWaitingCitizen(database.db, net, { name: 'Preben Parat' })
    await createVolunteer(database.db, net.organisationId, { name: 'Frida Først' })
    await database.db.transaction().execute(async (trx) => {
      const first = await suggestionQuery(net.organisationId, citizen.referralId, NOW).execute(trx)
      const again = await suggestionQuery(net.organisationId, citizen.referralId, NOW).execute(trx)
      expect(first.rows.length).toBeGreaterThan(0)
      expect(again.rows).toEqual(first.rows)
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements
        where name like 'suggestions_%'`.execute(trx)
      expect(prepared.rows).toHaveLength(1)
    })
  })
})
