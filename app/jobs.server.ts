import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { runFrikortJobs } from './modules/frikort/reminders.server'
import { runMatchingJobs } from './modules/matching/jobs.server'
import { runReferralJobs } from './modules/referrals/jobs.server'
import { runVolunteerJobs } from './modules/volunteers/jobs.server'
import { runReportingJobs } from './modules/reporting/status-reports.server'

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
HOURLY_JOBS['volunteers'] = runVolunteerJobs
HOURLY_JOBS['referrals'] = runReferralJobs
HOURLY_JOBS['matching'] = runMatchingJobs
HOURLY_JOBS['frikort'] = runFrikortJobs
HOURLY_JOBS['reporting'] = runReportingJobs
