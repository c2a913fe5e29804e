import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

// The hourly jobs of the capabilities that have deadlines: expiry, reminders, retention. Each
// job is idempotent (it records what it has done, e.g. `reminded_7_at`), so running it again
// within the hour, or on two app instances, sends nothing twice. Tests call a job directly with
// the time they want.

export interface JobResult {
  [count: string]: number
}

export type HourlyJob = (db: Kysely<DB>, now: Date) => Promise<JobResult>

/** name → job; each capability adds its own line. */
export const HOURLY_JOBS: Record<string, HourlyJob> = {}
