import type { Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import { recordAudit } from '../audit/audit.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { loadActor } from './actor.server'
import { normaliseAccessCode, normaliseRecoveryCode } from './codes'
import { decryptSecret, randomToken, sha256 } from './crypto.server'
import { hashPassword, verifyPassword } from './passwords.server'
import { isStaff, secondFactorRequired } from './policy'
import { isLocked, recordAttempt, tooManyRequests } from './rate-limit.server'
import { createSession, revokeSession, type NewSession } from './sessions.server'
import { verifyTotp } from './totp'

export const MAGIC_LINK_MINUTES = 15
export const PASSWORD_RESET_MINUTES = 60

export interface RequestInfo {
  now: Date
  ipHash: string | null
  userAgent: string | null
  /** The session the browser had before (rotated away at login). */
  previousSessionId: string | null
}

export type LoginResult =
  | { ok: true; session: NewSession; next: 'done' | 'totp' | 'enrol' }
  | { ok: false; reason: 'invalid' | 'locked' }

/** After any successful first factor: a new session (old one revoked), second factor if needed. */
async function startSession(
  db: Executor,
  personId: string,
  info: RequestInfo,
  method: string,
): Promise<LoginResult> {
  const actor = await loadActor(db, personId, { id: '', mfaVerified: false })
  if (!actor) return { ok: false, reason: 'invalid' }
  if (info.previousSessionId)
    await revokeSession(db, info.previousSessionId, 'rotated at login', info.now)
  const mfa = secondFactorRequired(actor)
  const session = await createSession(db, {
    personId,
    isStaff: isStaff(actor),
    mfaVerified: !mfa,
    userAgent: info.userAgent,
    ipHash: info.ipHash,
    now: info.now,
  })
  await recordAudit(db, {
    action: mfa ? 'auth.first_factor' : 'auth.login',
    actorPersonId: personId,
    ipHash: info.ipHash,
    details: { method },
    now: info.now,
  })
  return { ok: true, session, next: mfa ? (actor.totpEnabled ? 'totp' : 'enrol') : 'done' }
}

async function failed(
  db: Executor,
  kind: 'password' | 'pin' | 'access_code' | 'totp',
  account: string | null,
  personId: string | null,
  info: RequestInfo,
) {
  await recordAttempt(db, kind, { account, ip: info.ipHash }, false, info.now)
  await recordAudit(db, {
    action: 'auth.login_failed',
    actorPersonId: personId,
    ipHash: info.ipHash,
    details: { method: kind },
    now: info.now,
  })
}

export async function loginWithPassword(
  db: Executor,
  email: string,
  password: string,
  info: RequestInfo,
): Promise<LoginResult> {
  const account = email.trim().toLowerCase()
  if (await isLocked(db, { account, ip: info.ipHash }, info.now))
    return { ok: false, reason: 'locked' }
  const person = await db
    .selectFrom('person')
    .select(['id', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', account))
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  const ok = await verifyPassword(person?.password_hash, password)
  if (!ok || !person) {
    await failed(db, 'password', account, person?.id ?? null, info)
    // The attempt that reaches the limit is already answered as locked.
    return {
      ok: false,
      reason: (await isLocked(db, { account, ip: info.ipHash }, info.now)) ? 'locked' : 'invalid',
    }
  }
  await recordAttempt(db, 'password', { account, ip: info.ipHash }, true, info.now)
  return startSession(db, person.id, info, 'password')
}

/** The second step for staff: a TOTP code, or one of the ten recovery codes. */
export async function verifySecondFactor(
  db: Executor,
  sessionId: string,
  personId: string,
  code: string,
  info: RequestInfo,
): Promise<{ ok: true } | { ok: false; reason: 'invalid' | 'locked' }> {
  const account = `person:${personId}`
  if (await isLocked(db, { account, ip: info.ipHash }, info.now))
    return { ok: false, reason: 'locked' }
  const person = await db
    .selectFrom('person')
    .select(['totp_secret_enc', 'totp_last_step'])
    .where('id', '=', personId)
    .executeTakeFirst()
  let ok = false
  const clean = code.replace(/\s/g, '')
  if (person?.totp_secret_enc && /^\d{6}$/.test(clean)) {
    const step = verifyTotp(
      decryptSecret(person.totp_secret_enc),
      clean,
      info.now,
      person.totp_last_step,
    )
    if (step !== null) {
      // Only one login per code: the step is recorded and an older or equal one is refused.
      const updated = await db
        .updateTable('person')
        .set({ totp_last_step: step })
        .where('id', '=', personId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst()
      ok = Number(updated.numUpdatedRows) === 1
    }
  } else if (clean.length >= 10) {
    const used = await db
      .updateTable('recovery_code')
      .set({ used_at: info.now })
      .where('person_id', '=', personId)
      .where('code_hash', '=', sha256(normaliseRecoveryCode(clean)))
      .where('used_at', 'is', null)
      .executeTakeFirst()
    ok = Number(used.numUpdatedRows) === 1
    if (ok)
      await recordAudit(db, {
        action: 'auth.recovery_code_used',
        actorPersonId: personId,
        ipHash: info.ipHash,
        now: info.now,
      })
  }
  if (!ok) {
    await failed(db, 'totp', account, personId, info)
    return {
      ok: false,
      reason: (await isLocked(db, { account, ip: info.ipHash }, info.now)) ? 'locked' : 'invalid',
    }
  }
  await recordAttempt(db, 'totp', { account, ip: info.ipHash }, true, info.now)
  await db
    .updateTable('session')
    .set({ mfa_verified_at: info.now })
    .where('id', '=', sessionId)
    .execute()
  await recordAudit(db, {
    action: 'auth.login',
    actorPersonId: personId,
    ipHash: info.ipHash,
    details: { method: 'totp' },
    now: info.now,
  })
  return { ok: true }
}

const LINKS = {
  magic_link: { template: 'magicLink', path: '/login/magic/', minutes: MAGIC_LINK_MINUTES },
  password_reset: {
    template: 'passwordReset',
    path: '/password/reset/',
    minutes: PASSWORD_RESET_MINUTES,
  },
} as const

/**
 * E-mails a single-use link (sign-in or password reset) if the address has an account. The
 * answer is the same either way, so the form does not reveal who is registered.
 */
async function sendLinkByEmail(
  db: Executor,
  purpose: keyof typeof LINKS,
  email: string,
  info: RequestInfo & { origin: string },
): Promise<{ ok: true } | { ok: false; reason: 'locked' }> {
  const account = email.trim().toLowerCase()
  if (await tooManyRequests(db, purpose, { account, ip: info.ipHash }, info.now))
    return { ok: false, reason: 'locked' }
  await recordAttempt(db, purpose, { account, ip: info.ipHash }, true, info.now)
  const person = await db
    .selectFrom('person')
    .select(['id', 'display_name', 'language', 'email'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', account))
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!person?.email) return { ok: true }
  const link = LINKS[purpose]
  const token = randomToken()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_token')
      .values({
        token_hash: sha256(token),
        purpose,
        person_id: person.id,
        expires_at: new Date(info.now.getTime() + link.minutes * 60_000),
      })
      .execute()
    await enqueueEmail(trx, {
      to: person.email!,
      toName: person.display_name,
      language: person.language as Language,
      template: link.template,
      data: {
        name: person.display_name,
        url: `${info.origin}${link.path}${token}`,
        minutes: link.minutes,
      },
    })
  })
  return { ok: true }
}

export function requestMagicLink(
  db: Executor,
  email: string,
  info: RequestInfo & { origin: string },
) {
  return sendLinkByEmail(db, 'magic_link', email, info)
}

export function requestPasswordReset(
  db: Executor,
  email: string,
  info: RequestInfo & { origin: string },
) {
  return sendLinkByEmail(db, 'password_reset', email, info)
}

/** Marks a single-use token used (atomically) and returns its person, or null. */
async function consumeToken(
  db: Executor,
  token: string,
  purpose: 'magic_link' | 'password_reset',
  now: Date,
) {
  const row = await db
    .updateTable('login_token')
    .set({ used_at: now })
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('person_id')
    .executeTakeFirst()
  return row?.person_id ?? null
}

export async function isUsableToken(
  db: Executor,
  token: string,
  purpose: 'magic_link' | 'password_reset',
  now: Date,
) {
  const row = await db
    .selectFrom('login_token')
    .select('id')
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row !== undefined
}

export async function loginWithMagicLink(
  db: Executor,
  token: string,
  info: RequestInfo,
): Promise<LoginResult> {
  const personId = await consumeToken(db, token, 'magic_link', info.now)
  if (!personId) return { ok: false, reason: 'invalid' }
  await db
    .updateTable('person')
    .set({ email_verified_at: info.now })
    .where('id', '=', personId)
    .where('email_verified_at', 'is', null)
    .execute()
  return startSession(db, personId, info, 'magic_link')
}

/** A one-time code a caseworker handed over: single use, 14 days, rate-limited per IP. */
export async function loginWithAccessCode(
  db: Executor,
  code: string,
  info: RequestInfo,
): Promise<LoginResult> {
  if (await isLocked(db, { ip: info.ipHash }, info.now)) return { ok: false, reason: 'locked' }
  const clean = normaliseAccessCode(code)
  const row = await db
    .updateTable('access_code')
    .set({ used_at: info.now })
    .where('code_hash', '=', sha256(clean))
    .where('used_at', 'is', null)
    .where('expires_at', '>', info.now)
    .returning('person_id')
    .executeTakeFirst()
  if (!row) {
    await failed(db, 'access_code', null, null, info)
    return {
      ok: false,
      reason: (await isLocked(db, { ip: info.ipHash }, info.now)) ? 'locked' : 'invalid',
    }
  }
  return startSession(db, row.person_id, info, 'access_code')
}

/** PIN on a phone the citizen set up: the device cookie names the person, the PIN proves it. */
export async function loginWithPin(
  db: Executor,
  deviceToken: string,
  pin: string,
  info: RequestInfo,
): Promise<LoginResult> {
  const device = await db
    .selectFrom('device_credential')
    .select(['id', 'person_id', 'pin_hash'])
    .where('token_hash', '=', sha256(deviceToken))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!device) return { ok: false, reason: 'invalid' }
  const account = `person:${device.person_id}`
  if (await isLocked(db, { account, ip: info.ipHash }, info.now))
    return { ok: false, reason: 'locked' }
  if (!(await verifyPassword(device.pin_hash, pin))) {
    await failed(db, 'pin', account, device.person_id, info)
    return {
      ok: false,
      reason: (await isLocked(db, { account, ip: info.ipHash }, info.now)) ? 'locked' : 'invalid',
    }
  }
  await recordAttempt(db, 'pin', { account, ip: info.ipHash }, true, info.now)
  await db
    .updateTable('device_credential')
    .set({ last_used_at: info.now })
    .where('id', '=', device.id)
    .execute()
  return startSession(db, device.person_id, info, 'pin')
}

export async function deviceOwnerName(db: Executor, deviceToken: string): Promise<string | null> {
  const row = await db
    .selectFrom('device_credential as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .select('p.display_name')
    .where('d.token_hash', '=', sha256(deviceToken))
    .where('d.revoked_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  return row?.display_name ?? null
}

/** Sets the new password, ends every session of the person, and logs it. */
export async function resetPassword(
  db: Executor,
  token: string,
  password: string,
  info: RequestInfo,
): Promise<boolean> {
  const hash = await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    const personId = await consumeToken(trx, token, 'password_reset', info.now)
    if (!personId) return false
    await trx
      .updateTable('person')
      .set({ password_hash: hash, updated_at: info.now })
      .where('id', '=', personId)
      .execute()
    await trx
      .updateTable('session')
      .set({ revoked_at: info.now, revoked_reason: 'password reset' })
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .execute()
    await recordAudit(trx, {
      action: 'auth.password_reset',
      actorPersonId: personId,
      ipHash: info.ipHash,
      now: info.now,
    })
    return true
  })
}
