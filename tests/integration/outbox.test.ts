import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { simpleParser, type AddressObject } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Database } from '~/db.server'
import daEmails from '~/i18n/locales/da/emails.json'
import enEmails from '~/i18n/locales/en/emails.json'
import {
  backoffMs,
  deliverDueMessages,
  enqueueEmail,
  LEASE_MS,
} from '~/modules/notifications/outbox.server'
import {
  fileTransport,
  smtpTransport,
  type MailTransport,
} from '~/modules/notifications/transport.server'
import { createTestDatabase } from '../setup/database.ts'

// The outbox against a real SMTP server on loopback (smtp-server), read back with mailparser.
// Time is passed in as `now`, so backoff and leases are tested without waiting.

const FROM = 'Brobygger <no-reply@brobygger.test>'

interface ReceivedMail {
  messageId: string | undefined
  subject: string | undefined
  to: { address: string; name: string }[]
  envelopeTo: string[]
  text: string | undefined
  html: string | false | undefined
  contentLanguage: string | undefined
  raw: string
}

const received: ReceivedMail[] = []
let port = 0
let smtp: SMTPServer | null = null

function addresses(value: AddressObject | AddressObject[] | undefined) {
  return [value ?? []]
    .flat()
    .flatMap((o) => o.value.map((a) => ({ address: a.address ?? '', name: a.name })))
}

async function startSmtp(): Promise<void> {
  if (smtp) return
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        simpleParser(raw).then(
          (mail) => {
            const language = mail.headers.get('content-language')
            received.push({
              messageId: mail.messageId,
              subject: mail.subject,
              to: addresses(mail.to),
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              text: mail.text,
              html: mail.html,
              contentLanguage: typeof language === 'string' ? language : undefined,
              raw: raw.toString('utf8'),
            })
            // Accept only once the message is recorded: when the client's send resolves, it is here.
            callback()
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  smtp = server
}

async function stopSmtp(): Promise<void> {
  const server = smtp
  smtp = null
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
}

async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
  const { port: free } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return free
}

/** Fails with a clear message instead of the test timeout when the database is stuck. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

describe('the e-mail outbox with a real SMTP server', () => {
  let database: Database
  let transport: MailTransport

  /** A moment safely after the rows' database-side `now()` defaults, so enqueued mail is due. */
  const later = () => new Date(Date.now() + 5_000)
  const plus = (date: Date, ms: number) => new Date(date.getTime() + ms)

  const getRow = (id: string) =>
    database.db
      .selectFrom('outbox_message')
      .select(['status', 'attempts', 'next_attempt_at', 'locked_until', 'last_error', 'sent_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  const getAttempts = (id: string) =>
    database.db
      .selectFrom('outbox_attempt')
      .select(['ok', 'error'])
      .where('message_id', '=', id)
      .orderBy('id')
      .execute()

  const enqueueTest = async (input: {
    to: string
    name?: string
    language?: 'da' | 'en'
    key?: string
  }) => {
    const id = await enqueueEmail(database.db, {
      to: input.to,
      toName: input.name ?? null,
      language: input.language ?? 'da',
      template: 'test',
      data: { name: input.name ?? null },
      dedupeKey: input.key,
    })
    if (!id) throw new Error('enqueueEmail returned no id')
    return id
  }

  beforeAll(async () => {
    database = await createTestDatabase()
    port = await freePort()
    transport = smtpTransport(`smtp://127.0.0.1:${port}`)
  })

  afterAll(async () => {
    transport?.close()
    await stopSmtp()
  })

  beforeEach(async () => {
    await database.db.deleteFrom('outbox_message').execute()
    received.length = 0
  })

  it('keeps a message while the mail server is down, backs off, and sends it exactly once when it is back', async () => {
    await stopSmtp() // nothing listens on the port
    const id = await enqueueTest({ to: 'mette@example.dk', name: 'Mette Holm' })
    const t0 = later()

    const first = await deliverDueMessages(database.db, transport, { now: t0, from: FROM })
    expect(first).toEqual({ claimed: 1, sent: 0, failed: 1 })
    const afterFailure = await getRow(id)
    expect(afterFailure.status).toBe('pending')
    expect(afterFailure.attempts).toBe(1)
    expect(afterFailure.locked_until).toBeNull()
    expect(afterFailure.next_attempt_at.getTime()).toBe(t0.getTime() + backoffMs(1))
    expect(afterFailure.next_attempt_at.getTime()).toBeGreaterThan(t0.getTime())
    expect(afterFailure.last_error).toMatch(/ECONNREFUSED/)
    expect(await getAttempts(id)).toEqual([
      { ok: false, error: expect.stringMatching(/ECONNREFUSED/) },
    ])

    const tooEarly = await deliverDueMessages(database.db, transport, {
      now: plus(t0, backoffMs(1) - 1_000),
      from: FROM,
    })
    expect(tooEarly).toEqual({ claimed: 0, sent: 0, failed: 0 })
    expect((await getRow(id)).attempts).toBe(1)

    await startSmtp()
    const retryAt = plus(t0, backoffMs(1) + 1_000)
    const retry = await deliverDueMessages(database.db, transport, { now: retryAt, from: FROM })
    expect(retry).toEqual({ claimed: 1, sent: 1, failed: 0 })

    expect(received).toHaveLength(1)
    const mail = received[0]!
    expect(mail.messageId).toBe(`<${id}@brobygger>`)
    expect(mail.subject).toBe(daEmails.test.subject)
    expect(mail.to).toEqual([{ address: 'mette@example.dk', name: 'Mette Holm' }])
    expect(mail.envelopeTo).toEqual(['mette@example.dk'])
    expect(mail.text?.startsWith('Hej Mette Holm,')).toBe(true)
    expect(mail.text).toContain(daEmails.test.body)
    expect(mail.text).toContain('Venlig hilsen')
    expect(mail.contentLanguage).toBe('da')
    // Text first: in multipart/alternative the plain part comes before the HTML part.
    const textPart = mail.raw.indexOf('Content-Type: text/plain')
    const htmlPart = mail.raw.indexOf('Content-Type: text/html')
    expect(textPart).toBeGreaterThan(-1)
    expect(htmlPart).toBeGreaterThan(textPart)

    const sent = await getRow(id)
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 2,
      locked_until: null,
      last_error: null,
    })
    expect(sent.sent_at?.getTime()).toBe(retryAt.getTime())

    const again = await deliverDueMessages(database.db, transport, {
      now: plus(t0, 3_600_000),
      from: FROM,
    })
    expect(again).toEqual({ claimed: 0, sent: 0, failed: 0 })
    expect(received).toHaveLength(1)

    const attempts = await getAttempts(id)
    expect(attempts.map((a) => a.ok)).toEqual([false, true])
    expect(attempts[1]?.error).toBeNull()
  })

  it('resends with the same Message-ID when a worker dies between sending and marking, but only after its lease', async () => {
    await startSmtp()
    const id = await enqueueTest({ to: 'jonas@example.dk', name: 'Jonas' })
    const t0 = later()

    // The "crashed" worker: it really sends, then never returns, so deliverDueMessages never
    // reaches markSent — exactly what a process killed at that moment leaves behind.
    let crashedWorkerContinued = false
    const dying: MailTransport = {
      kind: 'smtp',
      async send(mail) {
        await transport.send(mail)
        await new Promise<never>(() => {})
      },
      close() {},
    }
    void deliverDueMessages(database.db, dying, { now: t0, from: FROM }).then(
      () => (crashedWorkerContinued = true),
      () => (crashedWorkerContinued = true),
    )
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 20 })

    // The claim's transaction committed before sending, so the abandoned call holds no
    // connection: on PGlite (one connection) anything else would hang here.
    const leased = await within(
      getRow(id),
      5_000,
      'Reading the outbox while a worker hangs in send()',
    )
    expect(leased.status).toBe('sending')
    expect(leased.attempts).toBe(1)
    expect(leased.sent_at).toBeNull()
    expect(leased.locked_until?.getTime()).toBe(t0.getTime() + LEASE_MS)
    expect(leased.locked_until!.getTime()).toBeGreaterThan(t0.getTime())
    expect(await getAttempts(id)).toEqual([])

    const duringLease = await within(
      deliverDueMessages(database.db, transport, { now: plus(t0, LEASE_MS / 2), from: FROM }),
      5_000,
      'A second worker during the lease',
    )
    expect(duringLease).toEqual({ claimed: 0, sent: 0, failed: 0 })
    expect(received).toHaveLength(1)

    const afterLease = plus(t0, LEASE_MS + 1_000)
    const takeover = await within(
      deliverDueMessages(database.db, transport, { now: afterLease, from: FROM }),
      5_000,
      'A second worker after the lease',
    )
    expect(takeover).toEqual({ claimed: 1, sent: 1, failed: 0 })

    // Never lost, at most duplicated — and the duplicate is recognisable by its Message-ID.
    expect(received).toHaveLength(2)
    expect(received.map((m) => m.messageId)).toEqual([`<${id}@brobygger>`, `<${id}@brobygger>`])
    expect(received[1]?.subject).toBe(received[0]?.subject)
    expect(received[1]?.text).toBe(received[0]?.text)

    const row = await getRow(id)
    expect(row).toMatchObject({ status: 'sent', attempts: 2, locked_until: null })
    expect(row.sent_at?.getTime()).toBe(afterLease.getTime())
    // The dead worker never recorded its attempt; only the takeover did.
    expect((await getAttempts(id)).map((a) => a.ok)).toEqual([true])
    expect(crashedWorkerContinued).toBe(false)
  })

  it('keeps one message per dedupe key', async () => {
    const first = await enqueueEmail(database.db, {
      to: 'anna@example.dk',
      language: 'da',
      template: 'test',
      data: { name: 'Anna' },
      dedupeKey: 'referral-42-received',
    })
    const second = await enqueueEmail(database.db, {
      to: 'anna@example.dk',
      language: 'da',
      template: 'test',
      data: { name: 'Anna igen' },
      dedupeKey: 'referral-42-received',
    })
    const other = await enqueueEmail(database.db, {
      to: 'anna@example.dk',
      language: 'da',
      template: 'test',
      data: { name: 'Anna' },
      dedupeKey: 'referral-43-received',
    })
    expect(first).toEqual(expect.any(String))
    expect(second).toBeNull()
    expect(other).toEqual(expect.any(String))
    expect(other).not.toBe(first)

    const rows = await database.db
      .selectFrom('outbox_message')
      .select(['id', 'text_body'])
      .where('dedupe_key', '=', 'referral-42-received')
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.id).toBe(first)
    expect(rows[0]?.text_body).toContain('Hej Anna,')
    expect(rows[0]?.text_body).not.toContain('Anna igen')
  })

  it('writes a message only if the transaction that makes the change commits', async () => {
    const rolledBack = database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisation')
        .values({ name: 'Rollback FC', type: 'association' })
        .execute()
      await enqueueEmail(trx, {
        to: 'rollback@example.dk',
        language: 'da',
        template: 'test',
        data: {},
      })
      throw new Error('the change failed')
    })
    await expect(rolledBack).rejects.toThrow('the change failed')

    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisation')
        .values({ name: 'Commit FC', type: 'association' })
        .execute()
      await enqueueEmail(trx, {
        to: 'commit@example.dk',
        language: 'da',
        template: 'test',
        data: {},
      })
    })

    const messages = await database.db.selectFrom('outbox_message').select('to_address').execute()
    expect(messages.map((m) => m.to_address)).toEqual(['commit@example.dk'])
    const organisations = await database.db
      .selectFrom('organisation')
      .select('name')
      .where('name', 'in', ['Rollback FC', 'Commit FC'])
      .execute()
    expect(organisations.map((o) => o.name)).toEqual(['Commit FC'])
  })

  it('never sends a message twice when two workers deliver at the same time', async () => {
    await startSmtp()
    const ids: string[] = []
    for (let i = 1; i <= 5; i++)
      ids.push(await enqueueTest({ to: `person${i}@example.dk`, name: `Person ${i}` }))
    const now = later()

    // Each worker's first send waits until the other worker is also sending, so the two passes
    // really overlap: the second claim happens while the first worker's rows are in flight.
    const inFlight = new Set<string>()
    let release!: () => void
    const bothSending = new Promise<void>((resolve) => (release = resolve))
    const giveUp = setTimeout(() => release(), 3_000)
    const sentBy: Record<string, string[]> = { A: [], B: [] }
    const workerTransport = (name: 'A' | 'B'): MailTransport => ({
      kind: 'smtp',
      async send(mail) {
        inFlight.add(name)
        if (inFlight.size === 2) release()
        await bothSending
        await transport.send(mail)
        sentBy[name]!.push(mail.outboxId)
      },
      close() {},
    })
    const worker = async (name: 'A' | 'B') => {
      for (;;) {
        const result = await deliverDueMessages(database.db, workerTransport(name), {
          now,
          batchSize: 2,
          from: FROM,
        })
        if (result.claimed === 0) return
      }
    }
    try {
      await within(Promise.all([worker('A'), worker('B')]), 15_000, 'Two concurrent workers')
    } finally {
      clearTimeout(giveUp)
    }

    const perMessageId = new Map<string, number>()
    for (const mail of received)
      perMessageId.set(mail.messageId ?? '', (perMessageId.get(mail.messageId ?? '') ?? 0) + 1)
    expect(Object.fromEntries(perMessageId)).toEqual(
      Object.fromEntries(ids.map((id) => [`<${id}@brobygger>`, 1])),
    )
    expect([...sentBy.A!, ...sentBy.B!].sort()).toEqual([...ids].sort())
    expect(sentBy.A!.length).toBeGreaterThan(0)
    expect(sentBy.B!.length).toBeGreaterThan(0)

    const rows = await database.db
      .selectFrom('outbox_message')
      .select(['status', 'attempts'])
      .execute()
    expect(rows).toHaveLength(5)
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
    const attempts = await database.db.selectFrom('outbox_attempt').select('ok').execute()
    expect(attempts.map((a) => a.ok)).toEqual([true, true, true, true, true])
  })

  it('sends in English to a recipient whose language is English', async () => {
    await startSmtp()
    const id = await enqueueTest({ to: 'sam@example.com', name: 'Sam', language: 'en' })
    const result = await deliverDueMessages(database.db, transport, { now: later(), from: FROM })
    expect(result).toEqual({ claimed: 1, sent: 1, failed: 0 })

    expect(received).toHaveLength(1)
    const mail = received[0]!
    expect(mail.messageId).toBe(`<${id}@brobygger>`)
    expect(mail.subject).toBe(enEmails.test.subject)
    expect(mail.subject).not.toBe(daEmails.test.subject)
    expect(mail.text?.startsWith('Hello Sam,')).toBe(true)
    expect(mail.text).toContain(enEmails.test.body)
    expect(mail.text).not.toContain(daEmails.test.body)
    expect(mail.html).toContain(enEmails.test.body)
    expect(mail.contentLanguage).toBe('en')
  })

  it('writes an .eml file named <stamp>_<id>.eml with the file transport', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'brobygger-mail-'))
    const files = fileTransport(path.join(dir, 'not-yet-created'))
    try {
      const id = await enqueueTest({ to: 'file@example.dk', name: 'Fil' })
      const result = await deliverDueMessages(database.db, files, { now: later(), from: FROM })
      expect(result).toEqual({ claimed: 1, sent: 1, failed: 0 })

      const written = await readdir(path.join(dir, 'not-yet-created'))
      expect(written).toHaveLength(1)
      const match = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)_([0-9a-f-]{36})\.eml$/.exec(
        written[0]!,
      )
      expect(match, `unexpected file name ${written[0]}`).not.toBeNull()
      expect(match![2]).toBe(id)
      const stamp = match![1]!.replace(/T(\d{2})-(\d{2})-(\d{2})/, 'T$1:$2:$3')
      expect(Number.isNaN(Date.parse(stamp))).toBe(false)

      const mail = await simpleParser(
        await readFile(path.join(dir, 'not-yet-created', written[0]!)),
      )
      expect(mail.messageId).toBe(`<${id}@brobygger>`)
      expect(mail.subject).toBe(daEmails.test.subject)
      expect(addresses(mail.to)).toEqual([{ address: 'file@example.dk', name: 'Fil' }])
      expect(mail.text).toContain(daEmails.test.body)
      expect(received).toHaveLength(0)
      expect((await getRow(id)).status).toBe('sent')
    } finally {
      files.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
