import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { utcToZoned } from './schedule'
import { materialiseSessions } from './sessions.server'
import { expireOffers } from './signups.server'

// The activities' recurring housekeeping. Each job is one exported function, idempotent (safe to
// run twice, or late), and returns how many rows it made or changed. Add a job by writing it
// here and listing it in DAILY_JOBS.

export type DailyJob = (db: Kysely<DB>, now: Date) => Promise<number>

/** Activities materialised per transaction: short transactions keep the app responsive. */
export const MATERIALISE_BATCH = 100

/** Keeps a session row for every occurrence of every published activity up to the horizon. */
export async function materialiseAllSessions(
  db: Kysely<DB>,
  now: Date,
  batchSize = MATERIALISE_BATCH,
): Promise<number> {
  const today = utcToZoned(now).date
  let created = 0
  let after: string | null = null
  for (;;) {
    let query = db
      .selectFrom('activity')
      .select('id')
      .where('status', '=', 'published')
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
      .orderBy('id')
      .limit(batchSize)
    if (after) query = query.where('id', '>', after)
    const batch = await query.execute()
    if (batch.length === 0) break
    created += await db.transaction().execute(async (trx) => {
      let n = 0
      for (const activity of batch) n += await materialiseSessions(trx, activity.id, now)
      return n
    })
    after = batch[batch.length - 1]!.id
    if (batch.length < batchSize) break
  }
  return created
}

export const DAILY_JOBS: Record<string, DailyJob> = {
  materialiseSessions: materialiseAllSessions,
  // Also run hourly from lifecycle.server.ts: a 48-hour offer should pass on within the hour.
  expireWaitlistOffers: async (db, now) => (await expireOffers(db, now)).expired,
}

/**
 * Runs every daily job once. One failing job does not stop the others; the failures are thrown
 * together at the end so the caller logs them.
 */
export async function runDailyActivityJobs(
  db: Kysely<DB>,
  now: Date,
  jobs: Record<string, DailyJob> = DAILY_JOBS,
): Promise<Record<string, number>> {
  const results: Record<string, number> = {}
  const failures: unknown[] = []
  for (const [name, job] of Object.entries(jobs)) {
    try {
      results[name] = await job(db, now)
    } catch (error) {
      failures.push(new Error(`daily job ${name} failed`, { cause: error }))
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'daily activity jobs failed')
  return results
}
