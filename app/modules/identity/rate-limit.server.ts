import type { Executor } from '~/db.server'
import type { AuthAttemptKind } from '../../../db/schema.ts'

export const WINDOW_MS = 15 * 60_000
export const MAX_FAILURES = 5
/** Many people share one IP at a drop-in café or a municipal office: its limit is higher. */
export const MAX_FAILURES_PER_IP = 30

export const accountKey = (identifier: string) => `account:${identifier.trim().toLowerCase()}`
export const ipKey = (ipHash: string) => `ip:${ipHash}`

export interface Keys {
  account?: string | null
  ip?: string | null
}

/**
 * True when this account or IP has had too many failures in the last 15 minutes (failures
 * before the account's last success do not count). The ledger is a table, so the limit holds
 * across every app instance.
 */
export async function isLocked(db: Executor, keys: Keys, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS)
  for (const [key, max] of [
    [keys.account ? accountKey(keys.account) : null, MAX_FAILURES],
    [keys.ip ? ipKey(keys.ip) : null, MAX_FAILURES_PER_IP],
  ] as const) {
    if (!key) continue
    const lastSuccess = await db
      .selectFrom('auth_attempt')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('key', '=', key)
      .where('ok', '=', true)
      .where('at', '>=', since)
      .executeTakeFirst()
    const from =
      lastSuccess?.at && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since
    const row = await db
      .selectFrom('auth_attempt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('ok', '=', false)
      .where('at', '>', from)
      .executeTakeFirstOrThrow()
    if (Number(row.n) >= max) return true
  }
  return false
}

export async function recordAttempt(
  db: Executor,
  kind: AuthAttemptKind,
  keys: Keys,
  ok: boolean,
  now: Date,
): Promise<void> {
  const rows = [
    ...(keys.account ? [{ kind, key: accountKey(keys.account), ok, at: now }] : []),
    ...(keys.ip ? [{ kind, key: ipKey(keys.ip), ok, at: now }] : []),
  ]
  if (rows.length) await db.insertInto('auth_attempt').values(rows).execute()
}

/** Requests (not failures) for e-mail based flows: at most 5 per account and 30 per IP in 15 minutes. */
export async function tooManyRequests(
  db: Executor,
  kind: AuthAttemptKind,
  keys: Keys,
  now: Date,
): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS)
  for (const [key, max] of [
    [keys.account ? accountKey(keys.account) : null, MAX_FAILURES],
    [keys.ip ? ipKey(keys.ip) : null, MAX_FAILURES_PER_IP],
  ] as const) {
    if (!key) continue
    const row = await db
      .selectFrom('auth_attempt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('kind', '=', kind)
      .where('at', '>', since)
      .executeTakeFirstOrThrow()
    if (Number(row.n) >= max) return true
  }
  return false
}
