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

export interface ActiveSession {
  id: string
  person_id: string
  mfa_verified_at: Date | null
  created_at: Date
  last_seen_at: Date
}

/** The session if it is live: not revoked, not past its absolute end, not idle too long. */
export async function getActiveSession(
  db: Executor,
  id: string,
  now: Date,
): Promise<ActiveSession | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('person', 'person.id', 'session.person_id')
    .select([
      'session.id',
      'session.person_id',
      'session.mfa_verified_at',
      'session.created_at',
      'session.last_seen_at',
      'session.idle_timeout_seconds',
      'session.expires_at',
      'session.revoked_at',
    ])
    .where('session.id', '=', id)
    .where('person.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row || row.revoked_at) return null
  if (new Date(row.expires_at) <= now) return null
  if (new Date(row.last_seen_at).getTime() + row.idle_timeout_seconds * 1000 <= now.getTime())
    return null
  // Write at most once a minute: every page view must not become a database write.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute()
  }
  return row
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
