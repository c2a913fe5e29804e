import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { deliverDueMessages } from './outbox.server'
import type { MailTransport } from './transport.server'

export interface OutboxWorker {
  /** Runs one pass now (used after enqueueing in demo mode, and by tests). */
  kick(): Promise<void>
  stop(): Promise<void>
}

/** Polls the outbox inside the app process. Passes never overlap; stop() waits for the current one. */
export function startOutboxWorker(options: {
  getDb: () => Promise<Kysely<DB>>
  transport: MailTransport
  from: string
  intervalMs: number
  onError?: (error: unknown) => void
}): OutboxWorker {
  let running: Promise<void> | null = null
  let stopped = false
  const pass = async () => {
    if (running) return running
    running = (async () => {
      try {
        const db = await options.getDb()
        // Drain in batches while there is work, then wait for the next tick.
        for (let i = 0; i < 10 && !stopped; i++) {
          const result = await deliverDueMessages(db, options.transport, { from: options.from })
          if (result.claimed === 0) break
        }
      } catch (error) {
        options.onError?.(error)
      } finally {
        running = null
      }
    })()
    return running
  }
  const timer = setInterval(() => void pass(), options.intervalMs)
  timer.unref()
  void pass()
  return {
    kick: pass,
    async stop() {
      stopped = true
      clearInterval(timer)
      if (running) await running
      options.transport.close()
    },
  }
}
