import type { Kysely } from 'kysely'
import type { DB } from '../schema.ts'
import { seedDemoCitizens } from './demo-citizens.ts'
import { seedDemoFrikort } from './demo-frikort.ts'
import { seedDemoMatching } from './demo-matching.ts'
import { seedDemoVolunteers } from './demo-volunteers.ts'
import { seedDemoReporting } from './demo-reporting.ts'

// The demo's people in motion: volunteers in every screening state, citizens with consents and
// referrals, courses, frikort decisions and earnings, reports. Runs after the demo accounts
// exist (app/modules/identity/demo-accounts.server.ts), in dependency order, each part
// idempotent with fixed ids. Like demo.ts it imports nothing through the `~` alias.
export async function seedDemoCases(db: Kysely<DB>, now = new Date()): Promise<void> {
  await seedDemoVolunteers(db, now)
  await seedDemoCitizens(db, now)
  await seedDemoMatching(db, now)
  await seedDemoFrikort(db, now)
  await seedDemoReporting(db, now)
}
