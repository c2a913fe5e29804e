import { sql } from 'kysely'
import type { Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import { getFixedT } from '~/i18n/i18n.server'
import { templates, type EmailTemplates } from '../../../emails/index.ts'
import type { MailTransport } from './transport.server'

export interface EnqueueInput<K extends keyof EmailTemplates> {
  to: string
  toName?: string | null
  language: Language
  template: K
  data: EmailTemplates[K]
  /** Same key twice → one message (double-submits, retried jobs). */
  dedupeKey?: string
}

/**
 * Renders the message in the recipient's language and writes it to the outbox. Call it with the
 * transaction that makes the change the message is about, so both land or neither does.
 */
export async function enqueueEmail<K extends keyof EmailTemplates>(
  db: Executor,
  input: EnqueueInput<K>,
): Promise<string | null> {
  const render = templates[input.template]
  const rendered = render(getFixedT(input.language), input.data)
  const row = await db
    .insertInto('outbox_message')
    .values({
      to_address: input.to,
      to_name: input.toName ?? null,
      language: input.language,
      template: input.template,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      dedupe_key: input.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

export const MAX_ATTEMPTS = 10
/** How long a claimed message is reserved for one worker before another may try it. */
export const LEASE_MS = 60_000

/** 30 s, 1 min, 2 min, … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000)
}

export interface DeliveryResult {
  claimed: number
  sent: number
  failed: number
}

/**
 * Claims due messages (FOR UPDATE SKIP LOCKED, so several app instances never take the same
 * row), sends each, and records the attempt. A worker that dies after sending but before
 * marking leaves the row leased; when the lease runs out it is sent again with the same
 * Message-ID: delivery is at least once, never lost, and receivers can drop the duplicate.
 */
export async function deliverDueMessages(
  db: Executor,
  transport: MailTransport,
  options: { now?: Date; batchSize?: number; from: string },
): Promise<DeliveryResult> {
  const now = options.now ?? new Date()
  const claimed = await claimDueMessages(db, now, options.batchSize ?? 20)
  let sent = 0
  let failed = 0
  for (const message of claimed) {
    try {
      await transport.send({
        messageId: `<${message.id}@brobygger>`,
        from: options.from,
        to: message.to_name
          ? { name: message.to_name, address: message.to_address }
          : message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body ?? undefined,
        language: message.language,
        outboxId: message.id,
      })
      await markSent(db, message.id, now)
      sent++
    } catch (error) {
      await markFailed(db, message.id, message.attempts, now, error)
      failed++
    }
  }
  return { claimed: claimed.length, sent, failed }
}

async function claimDueMessages(db: Executor, now: Date, limit: number) {
  const claim = async (trx: Executor) => {
    const due = await trx
      .selectFrom('outbox_message')
      .select('id')
      .where('status', 'in', ['pending', 'sending'])
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
    if (due.length === 0) return []
    return trx
      .updateTable('outbox_message')
      .set({
        status: 'sending',
        locked_until: new Date(now.getTime() + LEASE_MS),
        attempts: sql`attempts + 1`,
      })
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returning([
        'id',
        'to_address',
        'to_name',
        'language',
        'subject',
        'text_body',
        'html_body',
        'attempts',
      ])
      .execute()
  }
  // Claim in a short transaction of its own so the lease is visible to other workers at once.
  return db.isTransaction ? claim(db) : db.transaction().execute(claim)
}

async function markSent(db: Executor, id: string, now: Date) {
  await db
    .updateTable('outbox_message')
    .set({ status: 'sent', sent_at: now, locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute()
  await db.insertInto('outbox_attempt').values({ message_id: id, ok: true, error: null }).execute()
}

async function markFailed(db: Executor, id: string, attempts: number, now: Date, error: unknown) {
  const text = error instanceof Error ? error.message : String(error)
  const giveUp = attempts >= MAX_ATTEMPTS
  await db
    .updateTable('outbox_message')
    .set({
      status: giveUp ? 'failed' : 'pending',
      locked_until: null,
      next_attempt_at: new Date(now.getTime() + backoffMs(attempts)),
      last_error: text.slice(0, 1000),
    })
    .where('id', '=', id)
    .execute()
  await db
    .insertInto('outbox_attempt')
    .values({ message_id: id, ok: false, error: text.slice(0, 1000) })
    .execute()
}

export async function listRecentMessages(db: Executor, limit = 50) {
  return db
    .selectFrom('outbox_message')
    .select([
      'id',
      'to_address',
      'subject',
      'status',
      'attempts',
      'created_at',
      'sent_at',
      'language',
    ])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}

export async function getMessage(db: Executor, id: string) {
  return db
    .selectFrom('outbox_message')
    .select([
      'id',
      'to_address',
      'to_name',
      'subject',
      'text_body',
      'html_body',
      'status',
      'created_at',
      'sent_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}
