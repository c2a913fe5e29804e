import { env, isDemo, isProduction } from './env.server'
import { startDatabase, stopDatabase, getDb } from './db.server'
import { createTransport } from './modules/notifications/transport.server'
import { startOutboxWorker, type OutboxWorker } from './modules/notifications/worker.server'
import { seedDemo } from '../db/seed/demo.ts'
import { log } from './log.server'
import { enqueueEmail } from './modules/notifications/outbox.server'
import { seedDemoAccounts, type DemoLogin } from './modules/identity/demo-accounts.server'

let worker: OutboxWorker | undefined

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
  await worker?.stop()
  worker = undefined
  await stopDatabase()
}
