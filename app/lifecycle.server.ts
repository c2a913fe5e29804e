import { env, isDemo, isProduction } from './env.server'
import { sql } from 'kysely'
import { startDatabase, stopDatabase, getDb, getDatabase } from './db.server'
import { createTransport } from './modules/notifications/transport.server'
import { startOutboxWorker, type OutboxWorker } from './modules/notifications/worker.server'
import { seedDemo } from '../db/seed/demo.ts'
import { seedDemoCases } from '../db/seed/demo-cases.ts'
import { log } from './log.server'
import { enqueueEmail } from './modules/notifications/outbox.server'
import { seedDemoAccounts, type DemoLogin } from './modules/identity/demo-accounts.server'
import { runDailyActivityJobs } from './modules/activities/jobs.server'
import { expireOffers } from './modules/activities/signups.server'
import { HOURLY_JOBS } from './jobs.server'
import { clearPublicCache } from './public-cache.server'

let worker: OutboxWorker | undefined

// Sessions are materialised 12 weeks ahead; every 6 hours keeps the horizon moving even on a
// server that runs for weeks, and soon after a restart at any time of day.
const ACTIVITY_JOBS_EVERY_MS = 6 * 3_600_000
let activityJobsTimer: ReturnType<typeof setInterval> | undefined
let activityJobsRun: Promise<void> | undefined

function runActivityJobs(): Promise<void> {
  activityJobsRun ??= (async () => {
    try {
      const database = await getDatabase()
      const results = await runDailyActivityJobs(database.db, new Date())
      // PGlite runs no autovacuum, so nothing refreshes the planner's statistics unless we do;
      // without them catalogue queries pick slow plans (ADR 012). PostgreSQL does it itself.
      if (database.engine === 'pglite') await sql`analyze`.execute(database.db)
      clearPublicCache()
      log('info', 'daily activity jobs done', results)
    } catch (error) {
      log('error', 'daily activity jobs failed', { error: String(error) })
    } finally {
      activityJobsRun = undefined
    }
  })()
  return activityJobsRun
}

// A waitlist offer gives 48 hours to answer; checking every hour passes an unanswered place on
// to the next person within the hour, not at the next daily run.
const OFFER_EXPIRY_EVERY_MS = 3_600_000
let offerExpiryTimer: ReturnType<typeof setInterval> | undefined
let offerExpiryRun: Promise<void> | undefined

function runOfferExpiry(): Promise<void> {
  offerExpiryRun ??= (async () => {
    try {
      const { expired } = await expireOffers(await getDb(), new Date())
      if (expired > 0) {
        log('info', 'waitlist offers expired', { expired })
        kickOutbox()
      }
    } catch (error) {
      log('error', 'waitlist offer expiry failed', { error: String(error) })
    } finally {
      offerExpiryRun = undefined
    }
  })()
  return offerExpiryRun
}

// Volunteer expiry, referral deadlines, consent warnings, retention and the other hourly jobs
// (app/jobs.server.ts). One failing job does not stop the others.
const HOURLY_JOBS_EVERY_MS = 3_600_000
let hourlyJobsTimer: ReturnType<typeof setInterval> | undefined
let hourlyJobsRun: Promise<void> | undefined

function runHourlyJobs(): Promise<void> {
  hourlyJobsRun ??= (async () => {
    try {
      const db = await getDb()
      let sent = false
      for (const [name, job] of Object.entries(HOURLY_JOBS)) {
        try {
          const result = await job(db, new Date())
          if (Object.values(result).some((n) => n > 0)) {
            sent = true
            log('info', `hourly job ${name} done`, result)
          }
        } catch (error) {
          log('error', `hourly job ${name} failed`, { error: String(error) })
        }
      }
      clearPublicCache()
      if (sent) kickOutbox()
    } finally {
      hourlyJobsRun = undefined
    }
  })()
  return hourlyJobsRun
}

let startupJobsDone = false

/**
 * Whether the jobs started with the server (session materialisation, the hourly jobs) have
 * finished. They run in the background while requests are served; the load benchmark waits
 * for them (`/bench/ready`) so they do not take CPU from the first pages it measures.
 */
export function startupJobsFinished(): boolean {
  return startupJobsDone
}

/** Everything the app process does once before it takes requests. */
export async function startApp(): Promise<{ engine: string; demoLogins?: DemoLogin[] }> {
  const config = env()
  const database = await startDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.PGLITE_DIR,
    migrate: !config.DATABASE_URL,
  })
  let demoLogins: DemoLogin[] | undefined
  if (isDemo()) {
    if (isProduction()) throw new Error('Demo data is never loaded in production.')
    await seedDemo(database.db)
    demoLogins = await seedDemoAccounts(database.db)
    await seedDemoCases(database.db)
    // One message, once, so /dev/mail shows what an e-mail from the platform looks like.
    await enqueueEmail(database.db, {
      to: 'demo@brobygger.local',
      toName: 'Demo',
      language: 'da',
      template: 'test',
      data: { name: 'Demo' },
      dedupeKey: 'demo-test-message',
    })
  }
  // In the background: the server takes requests at once (new activities make their own
  // sessions in their transaction); stopApp waits for a run in progress.
  startupJobsDone = false
  void Promise.allSettled([runActivityJobs(), runHourlyJobs()]).then(() => {
    startupJobsDone = true
  })
  activityJobsTimer = setInterval(() => void runActivityJobs(), ACTIVITY_JOBS_EVERY_MS)
  activityJobsTimer.unref()
  offerExpiryTimer = setInterval(() => void runOfferExpiry(), OFFER_EXPIRY_EVERY_MS)
  offerExpiryTimer.unref()
  hourlyJobsTimer = setInterval(() => void runHourlyJobs(), HOURLY_JOBS_EVERY_MS)
  hourlyJobsTimer.unref()
  worker = startOutboxWorker({
    getDb,
    transport: createTransport({ smtpUrl: config.SMTP_URL, mailDir: config.MAIL_DIR }),
    from: config.MAIL_FROM,
    intervalMs: config.OUTBOX_POLL_MS,
    onError: (error) => log('error', 'outbox pass failed', { error: String(error) }),
  })
  return { engine: database.engine, demoLogins }
}

export function kickOutbox(): void {
  void worker?.kick()
}

export async function stopApp(): Promise<void> {
  clearInterval(activityJobsTimer)
  activityJobsTimer = undefined
  await activityJobsRun
  clearInterval(offerExpiryTimer)
  offerExpiryTimer = undefined
  await offerExpiryRun
  clearInterval(hourlyJobsTimer)
  hourlyJobsTimer = undefined
  await hourlyJobsRun
  await worker?.stop()
  worker = undefined
  await stopDatabase()
}
