import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { seedDemoAccounts } from '~/modules/identity/demo-accounts.server'
import { DEMO_MATCHING, seedDemoMatching } from '../../db/seed/demo-matching.ts'
import { seedDemoCases } from '../../db/seed/demo-cases.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { listSuggestions } from '~/modules/matching/suggestions.server'
import { createTestDatabase } from '../setup/database.ts'
import { ctxFor } from '../setup/matching-fixtures.ts'

// The demo's matching data: it seeds without failing whatever other seeds exist, twice without
// change, and leaves Mikkel waiting at the café with at least one buddy to suggest.

let database: Database

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db)
  await seedDemoAccounts(database.db)
  await seedDemoCases(database.db)
})

describe('the demo matching data', () => {
  it('is idempotent', async () => {
    const count = async () =>
      (await database.db.selectFrom('course').select('id').execute()).length +
      (await database.db.selectFrom('task').select('id').execute()).length
    const before = await count()
    await seedDemoMatching(database.db)
    expect(await count()).toBe(before)
  })

  it('leaves Mikkel waiting for a buddy at the café, with someone to suggest', async () => {
    const ctx = await ctxFor(database.db, '00000000-0000-4000-8003-000000000006')
    const found = await listSuggestions(ctx, DEMO.org.cafe, DEMO_MATCHING.mikkelReferral)
    expect(found?.referral.citizenName).toBe('Mikkel')
    expect(found!.suggestions.length).toBeGreaterThan(0)
    // His consents are his own: to the match, and to contact after the course.
    const consents = await database.db
      .selectFrom('consent')
      .select('purpose')
      .where('citizen_id', '=', found!.referral.citizenId)
      .where('id', 'in', [DEMO_MATCHING.mikkelConsent, DEMO_MATCHING.mikkelFollowUpConsent])
      .execute()
    expect(consents.map((c) => c.purpose).sort()).toEqual(['buddy_match', 'contact_after_course'])
  })

  it('gives courses in every state, with meetings, assessments, a concern and both closures', async () => {
    await standInsForTheOtherSeeds()
    await seedDemoMatching(database.db)
    const states = await database.db.selectFrom('course').select('state').distinct().execute()
    expect(states.map((r) => r.state).sort()).toEqual(
      ['active', 'closed', 'closing', 'declined', 'paused', 'proposed'].sort(),
    )
    const closed = await database.db
      .selectFrom('course')
      .select(['anchoring_activity_id', 'anchoring_none_reason'])
      .where('state', '=', 'closed')
      .execute()
    expect(closed.some((c) => c.anchoring_activity_id !== null)).toBe(true)
    expect(closed.some((c) => c.anchoring_none_reason !== null)).toBe(true)
    for (const table of ['course_meeting', 'course_assessment', 'course_concern'] as const)
      expect((await database.db.selectFrom(table).select('id').execute()).length).toBeGreaterThan(0)
  })
})

const V = (n: number) => `00000000-0000-4000-8004-${String(n).padStart(12, '0')}`
const C = (n: number) => `00000000-0000-4000-8005-${String(n).padStart(12, '0')}`

/** Volunteers 01–08 and citizens 01–04 as the contract describes, where their seeds are absent. */
async function standInsForTheOtherSeeds() {
  const db = database.db
  for (let n = 1; n <= 8; n++) {
    await db
      .insertInto('person')
      .values({ id: V(n), display_name: `Frivillig ${n}`, email: `frivillig${n}@example.dk` })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await db
      .insertInto('volunteer_profile')
      .values({ person_id: V(n), capacity: 3 })
      .onConflict((oc) => oc.column('person_id').doNothing())
      .execute()
    await db
      .insertInto('volunteer_application')
      .values({
        person_id: V(n),
        organisation_id: DEMO.org.cafe,
        roles: ['buddy'],
        state: 'active',
      })
      .onConflict((oc) => oc.columns(['person_id', 'organisation_id']).doNothing())
      .execute()
  }
  for (let n = 1; n <= 4; n++) {
    const exists = await db
      .selectFrom('citizen')
      .select('id')
      .where('id', '=', C(n))
      .executeTakeFirst()
    if (exists) continue
    await db
      .insertInto('citizen')
      .values({ id: C(n), municipality_id: DEMO.frederiksberg, chosen_name: `Borger ${n}` })
      .execute()
    const consent = await db
      .insertInto('consent')
      .values({
        citizen_id: C(n),
        purpose: 'buddy_match',
        data_categories: ['name'],
        wording_version: 't',
        channel: 'digital',
        expires_at: new Date(Date.now() + 86_400_000 * 300),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('consent_recipient')
      .values({ consent_id: consent.id, organisation_id: DEMO.org.cafe })
      .execute()
    await db
      .insertInto('referral')
      .values({
        citizen_id: C(n),
        municipality_id: DEMO.frederiksberg,
        to_organisation_id: DEMO.org.cafe,
        kind: 'buddy',
        consent_id: consent.id,
        state: 'accepted',
        deadline_at: new Date(Date.now() + 86_400_000),
      })
      .execute()
  }
}
