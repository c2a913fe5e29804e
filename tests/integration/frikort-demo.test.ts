import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { seedDemoAccounts } from '~/modules/identity/demo-accounts.server'
import { DEMO_FRIKORT, seedDemoFrikort } from '../../db/seed/demo-frikort.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { createTestDatabase } from '../setup/database.ts'
import { giveConsent } from '../setup/frikort-fixtures.ts'

// The frikort demo data: it waits for the citizens' seed, then gives decisions, a pipeline in
// every state and one citizen at 85 % of this year's cap; running it twice changes nothing.

const CITIZEN = (n: number) => `00000000-0000-4000-8005-${String(n).padStart(12, '0')}`

let database: Database

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db)
  await seedDemoAccounts(database.db)
})

describe('the frikort demo seed', () => {
  it('skips what needs the citizens’ seed while those citizens do not exist', async () => {
    await seedDemoFrikort(database.db)
    const decisions = await database.db.selectFrom('frikort_decision').select('id').execute()
    expect(decisions).toEqual([])
    const jobs = await database.db.selectFrom('job').select('organisation_id').execute()
    expect(new Set(jobs.map((j) => j.organisation_id))).toEqual(
      new Set([DEMO.org.cafe, DEMO.org.laundry, DEMO.org.bakery, DEMO_FRIKORT.bikeWorkshop]),
    )
    const lars = await database.db
      .selectFrom('citizen')
      .select(['chosen_name', 'municipality_id'])
      .where('id', '=', DEMO_FRIKORT.lars.citizenId)
      .executeTakeFirstOrThrow()
    expect(lars).toEqual({ chosen_name: 'Lars', municipality_id: DEMO.rodovre })
  })

  it('fills in decisions, every matchmaking state and one citizen at 85 % once they do', async () => {
    for (const n of [7, 8, 9, 10]) {
      await database.db
        .insertInto('citizen')
        .values({ id: CITIZEN(n), municipality_id: DEMO.rodovre, chosen_name: `Borger ${n}` })
        .execute()
      await giveConsent(database.db, CITIZEN(n), [DEMO.org.laundry, DEMO.org.bakery])
    }
    const now = new Date()
    await seedDemoFrikort(database.db, now)
    await seedDemoFrikort(database.db, now)
    const decisions = await database.db.selectFrom('frikort_decision').select('id').execute()
    expect(decisions).toHaveLength(4)
    const states = await database.db.selectFrom('frikort_match').select('state').execute()
    expect(new Set(states.map((s) => s.state))).toEqual(
      new Set(['suggested', 'interested', 'trial', 'hired', 'ended']),
    )
    const year = now.toISOString().slice(0, 4)
    const today = now.toISOString().slice(0, 10)
    const { total } = await database.db
      .selectFrom('frikort_earning')
      .select(sql<number>`sum(amount_ore)::int`.as('total'))
      .where('citizen_id', '=', CITIZEN(7))
      .where('paid_on', '>=', `${year}-01-01`)
      .executeTakeFirstOrThrow()
    const cap = await database.db
      .selectFrom('frikort_cap')
      .select('amount_ore')
      .where('valid_from', '<=', today)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
      .executeTakeFirstOrThrow()
    expect(Math.round((Number(total) * 100) / cap.amount_ore)).toBe(85)
  })
})
