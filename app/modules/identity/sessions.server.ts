import type { Executor } from '~/db.server'
import { readCookie } from '~/cookies.server'
import { env, isProduction } from '~/env.server'
import { randomToken, sha256 } from './crypto.server'

export const SESSION_COOKIE = () => (isProduction() ? '__Host-bb_session' : 'bb_session')
export const DEVICE_COOKIE = () => (isProduction() ? '__Host-bb_device' : 'bb_device')

function cookie(name: string, value: string, maxAgeSeconds: number | null): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax']
  if (maxAgeSeconds !== null) parts.push(`Max-Age=${maxAgeSeconds}`)
  if (isProduction()) parts.push('Secure')
  return parts.join('; ')
}

export interface Timeouts {
  idleSeconds: number
  absoluteSeconds: number
}

/** Staff see citizens' data, so their sessions end sooner (PRODUCT.md §5). */
export function timeoutsFor(isStaff: boolean): Timeouts {
  const e = env()
  return isStaff
    ? {
        idleSeconds: e.SESSION_IDLE_STAFF_MINUTES * 60,
        absoluteSeconds: e.SESSION_ABSOLUTE_STAFF_HOURS * 3600,
      }
    : {
        idleSeconds: e.SESSION_IDLE_OTHER_DAYS * 86400,
        absoluteSeconds: e.SESSION_ABSOLUTE_OTHER_DAYS * 86400,
      }
}

export interface NewSession {
  token: string
  id: string
  setCookie: string
}

/** A fresh id at every login (no fixation); the token lives only in the cookie. */
export async function createSession(
  db: Executor,
  input: {
    personId: string
    isStaff: boolean
    mfaVerified: boolean
    userAgent?: string | null
    ipHash?: string | null
    now: Date
  },
): Promise<NewSession> {
  const token = randomToken()
  const id = sha256(token)
  const t = timeoutsFor(input.isStaff)
  await db
    .insertInto('session')
    .values({
      id,
      person_id: input.personId,
      created_at: input.now,
      last_seen_at: input.now,
      idle_timeout_seconds: t.idleSeconds,
      expires_at: new Date(input.now.getTime() + t.absoluteSeconds * 1000),
      mfa_verified_at: input.mfaVerified ? input.now : null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      ip_hash: input.ipHash ?? null,
    })
    .execute()
  return { token, id, setCookie: cookie(SESSION_COOKIE(), token, t.absoluteSeconds) }
}

export function clearSessionCookie(): string {
  return cookie(SESSION_COOKIE(), '', 0)
}

export function sessionIdFromRequest(request: Request): string | null {
  const token = readCookie(request, SESSION_COOKIE())
  return token ? sha256(token) : null
}

/** Not revoked, not past its absolute end, not idle too long. */
export function sessionIsLive(
  row: {
    revoked_at: Date | null
    expires_at: Date
    last_seen_at: Date
    idle_timeout_seconds: number
  },
  now: Date,
): boolean {
  if (row.revoked_at) return false
  if (new Date(row.expires_at) <= now) return false
  return new Date(row.last_seen_at).getTime() + row.idle_timeout_seconds * 1000 > now.getTime()
}

/** Records activity at most once a minute: every page view must not become a database write. */
export async function touchSession(
  db: Executor,
  id: string,
  lastSeenAt: Date,
  now: Date,
): Promise<void> {
  if (now.getTime() - new Date(lastSeenAt).getTime() > 60_000) {
    await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute()
  }
}

export async function markSessionMfaVerified(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ mfa_verified_at: now }).where('id', '=', id).execute()
}

export async function revokeSession(
  db: Executor,
  id: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('session')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
}

/** Ends every live session of a person, optionally keeping one (the one asking). */
export async function revokeAllSessions(
  db: Executor,
  personId: string,
  reason: string,
  now: Date,
  exceptId?: string,
): Promise<number> {
  let query = db
    .updateTable('session')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
  if (exceptId) query = query.where('id', '<>', exceptId)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function listSessions(db: Executor, personId: string, now: Date) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent', 'expires_at'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute()
}

export function deviceCookie(token: string): string {
  return cookie(DEVICE_COOKIE(), token, 365 * 86400)
}
export function clearDeviceCookie(): string {
  return cookie(DEVICE_COOKIE(), '', 0)
}
