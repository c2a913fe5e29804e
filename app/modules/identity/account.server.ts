import { inTransaction } from '~/db.server'
import type { Language } from '~/i18n/config'
import type { ContactPreference } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server'
import { randomToken, sha256 } from './crypto.server'
import type { Ctx } from './guards.server'
import { hashPassword, verifyPassword } from './passwords.server'
import { isLocked, recordAttempt } from './rate-limit.server'
import { revokeAllSessions } from './sessions.server'
import { deviceLabel } from './user-agent'

// A person's own account: profile, password, sessions and the first setup after an access
// code. Every function acts on ctx.actor only; no id from a form can reach another person.

export interface Profile {
  displayName: string
  email: string | null
  language: Language
  contactPreference: ContactPreference
  phone: string | null
  hasPassword: boolean
}

export async function getProfile(ctx: Ctx): Promise<Profile> {
  const p = await ctx.db
    .selectFrom('person')
    .select(['display_name', 'email', 'language', 'contact_preference', 'phone', 'password_hash'])
    .where('id', '=', ctx.actor.personId)
    .executeTakeFirstOrThrow()
  return {
    displayName: p.display_name,
    email: p.email,
    language: p.language,
    contactPreference: p.contact_preference,
    phone: p.phone,
    hasPassword: p.password_hash !== null,
  }
}

export type ProfileInput = Pick<Profile, 'displayName' | 'language' | 'contactPreference' | 'phone'>

export async function updateProfile(
  ctx: Ctx,
  input: ProfileInput,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string[]> }> {
  if (input.contactPreference === 'email' && !ctx.actor.email) {
    return {
      ok: false,
      errors: { contactPreference: ['pages.accountPages.profile.errors.noEmail'] },
    }
  }
  await inTransaction(ctx.db, async (trx) => {
    const before = await trx
      .selectFrom('person')
      .select(['display_name', 'language', 'contact_preference', 'phone'])
      .where('id', '=', ctx.actor.personId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('person')
      .set({
        display_name: input.displayName,
        language: input.language,
        contact_preference: input.contactPreference,
        phone: input.phone,
        updated_at: ctx.now,
      })
      .where('id', '=', ctx.actor.personId)
      .execute()
    // Which fields changed, not their values: the trail must not become a copy of the profile.
    const changed = [
      before.display_name !== input.displayName && 'displayName',
      before.language !== input.language && 'language',
      before.contact_preference !== input.contactPreference && 'contactPreference',
      (before.phone ?? null) !== input.phone && 'phone',
    ].filter(Boolean)
    await recordAudit(trx, {
      action: 'account.profile_changed',
      actorPersonId: ctx.actor.personId,
      recordType: 'person',
      recordId: ctx.actor.personId,
      ipHash: ctx.ipHash,
      details: { changed },
      now: ctx.now,
    })
  })
  return { ok: true }
}

export type ChangePasswordResult =
  { ok: true; otherSessionsEnded: number } | { ok: false; reason: 'current' | 'locked' }

/**
 * Sets a new password. Someone who has a password must give it first (a borrowed, unlocked
 * phone is not enough), and every other session ends, in case the old one was known to others.
 */
export async function changePassword(
  ctx: Ctx,
  input: { currentPassword?: string | undefined; password: string },
): Promise<ChangePasswordResult> {
  const account = `password-change:${ctx.actor.personId}`
  const person = await ctx.db
    .selectFrom('person')
    .select('password_hash')
    .where('id', '=', ctx.actor.personId)
    .executeTakeFirstOrThrow()
  if (person.password_hash) {
    if (await isLocked(ctx.db, { account }, ctx.now)) return { ok: false, reason: 'locked' }
    if (!(await verifyPassword(person.password_hash, input.currentPassword ?? ''))) {
      await recordAttempt(ctx.db, 'password', { account }, false, ctx.now)
      return {
        ok: false,
        reason: (await isLocked(ctx.db, { account }, ctx.now)) ? 'locked' : 'current',
      }
    }
    await recordAttempt(ctx.db, 'password', { account }, true, ctx.now)
  }
  const hash = await hashPassword(input.password)
  const otherSessionsEnded = await inTransaction(ctx.db, async (trx) => {
    await trx
      .updateTable('person')
      .set({ password_hash: hash, updated_at: ctx.now })
      .where('id', '=', ctx.actor.personId)
      .execute()
    const ended = await revokeAllSessions(
      trx,
      ctx.actor.personId,
      'password changed',
      ctx.now,
      ctx.actor.sessionId,
    )
    await recordAudit(trx, {
      action: 'account.password_changed',
      actorPersonId: ctx.actor.personId,
      recordType: 'person',
      recordId: ctx.actor.personId,
      ipHash: ctx.ipHash,
      details: { firstPassword: !person.password_hash, otherSessionsEnded: ended },
      now: ctx.now,
    })
    return ended
  })
  return { ok: true, otherSessionsEnded }
}

export interface LiveSession {
  id: string
  createdAt: Date
  lastSeenAt: Date
  userAgent: string | null
  current: boolean
}

/** The person's sessions that still work: not revoked, not expired, not idle too long. */
export async function listLiveSessions(ctx: Ctx): Promise<LiveSession[]> {
  const rows = await ctx.db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'idle_timeout_seconds', 'user_agent'])
    .where('person_id', '=', ctx.actor.personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', ctx.now)
    .orderBy('last_seen_at', 'desc')
    .execute()
  return rows
    .filter(
      (r) => new Date(r.last_seen_at).getTime() + r.idle_timeout_seconds * 1000 > ctx.now.getTime(),
    )
    .map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at),
      lastSeenAt: new Date(r.last_seen_at),
      userAgent: r.user_agent,
      current: r.id === ctx.actor.sessionId,
    }))
}

/** Ends one of the person's own sessions; false when it is not theirs or already ended. */
export async function revokeOwnSession(ctx: Ctx, sessionId: string): Promise<boolean> {
  return inTransaction(ctx.db, async (trx) => {
    const result = await trx
      .updateTable('session')
      .set({ revoked_at: ctx.now, revoked_reason: 'ended by its owner' })
      .where('id', '=', sessionId)
      .where('person_id', '=', ctx.actor.personId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) return false
    await recordAudit(trx, {
      action: 'account.session_revoked',
      actorPersonId: ctx.actor.personId,
      ipHash: ctx.ipHash,
      // Session ids are hashes of the cookie, not uuids: a prefix is enough to tell them apart.
      details: { session: sessionId.slice(0, 12), current: sessionId === ctx.actor.sessionId },
      now: ctx.now,
    })
    return true
  })
}

export async function revokeOtherSessions(ctx: Ctx): Promise<number> {
  return inTransaction(ctx.db, async (trx) => {
    const ended = await revokeAllSessions(
      trx,
      ctx.actor.personId,
      'ended by its owner',
      ctx.now,
      ctx.actor.sessionId,
    )
    await recordAudit(trx, {
      action: 'account.other_sessions_revoked',
      actorPersonId: ctx.actor.personId,
      ipHash: ctx.ipHash,
      details: { ended },
      now: ctx.now,
    })
    return ended
  })
}

/**
 * A PIN for this phone: the device cookie carries a random token (only its hash is stored) and
 * the PIN proves the person holds the phone. A PIN this phone already had for the same person
 * is replaced.
 */
export async function createPinCredential(
  ctx: Ctx,
  input: { pin: string; userAgent: string | null; previousDeviceToken: string | null },
): Promise<{ token: string }> {
  const token = randomToken()
  const pinHash = await hashPassword(input.pin)
  await inTransaction(ctx.db, async (trx) => {
    if (input.previousDeviceToken) {
      await trx
        .updateTable('device_credential')
        .set({ revoked_at: ctx.now })
        .where('token_hash', '=', sha256(input.previousDeviceToken))
        .where('person_id', '=', ctx.actor.personId)
        .where('revoked_at', 'is', null)
        .execute()
    }
    const created = await trx
      .insertInto('device_credential')
      .values({
        person_id: ctx.actor.personId,
        token_hash: sha256(token),
        pin_hash: pinHash,
        label: deviceLabel(input.userAgent),
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      action: 'account.pin_created',
      actorPersonId: ctx.actor.personId,
      recordType: 'device_credential',
      recordId: created.id,
      ipHash: ctx.ipHash,
      now: ctx.now,
    })
  })
  return { token }
}

/**
 * E-mail and password for someone who came in with an access code. An address that belongs to
 * another account gives the same answer as any unusable address, so the form cannot be used to
 * find out who is registered.
 */
export async function addEmailAndPassword(
  ctx: Ctx,
  input: { email: string; password: string },
): Promise<{ ok: true } | { ok: false; reason: 'unavailable' | 'hasEmail' }> {
  const email = input.email.trim()
  const hash = await hashPassword(input.password)
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const me = await trx
        .selectFrom('person')
        .select('email')
        .where('id', '=', ctx.actor.personId)
        .forUpdate()
        .executeTakeFirstOrThrow()
      if (me.email) return { ok: false, reason: 'hasEmail' } as const
      const taken = await trx
        .selectFrom('person')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst()
      if (taken) return { ok: false, reason: 'unavailable' } as const
      await trx
        .updateTable('person')
        .set({ email, password_hash: hash, email_verified_at: null, updated_at: ctx.now })
        .where('id', '=', ctx.actor.personId)
        .execute()
      await recordAudit(trx, {
        action: 'account.email_password_added',
        actorPersonId: ctx.actor.personId,
        recordType: 'person',
        recordId: ctx.actor.personId,
        ipHash: ctx.ipHash,
        now: ctx.now,
      })
      return { ok: true } as const
    })
  } catch (error) {
    // Two accounts claiming the same address at the same moment: the unique index decides.
    if ((error as { code?: string }).code === '23505') return { ok: false, reason: 'unavailable' }
    throw error
  }
}

export async function hasDeviceCredential(ctx: Ctx, deviceToken: string | null): Promise<boolean> {
  if (!deviceToken) return false
  const row = await ctx.db
    .selectFrom('device_credential')
    .select('id')
    .where('token_hash', '=', sha256(deviceToken))
    .where('person_id', '=', ctx.actor.personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}
