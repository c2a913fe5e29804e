import QRCode from 'qrcode'
import { inTransaction, type Executor } from '~/db.server'
import { recordAudit } from '../audit/audit.server'
import { generateRecoveryCode, normaliseRecoveryCode } from './codes'
import { decryptSecret, encryptSecret, sha256 } from './crypto.server'
import { forbidden, type Ctx } from './guards.server'
import { needsMfa } from './policy'
import { isLocked, recordAttempt } from './rate-limit.server'
import { markSessionMfaVerified } from './sessions.server'
import { generateTotpSecret, otpauthUrl, verifyTotp } from './totp'

// Two-factor (TOTP) for the person asking: enrolment, recovery codes, turning it off.

export const RECOVERY_CODE_COUNT = 10

export interface TwoFactorStatus {
  enabled: boolean
  enabledAt: Date | null
  unusedRecoveryCodes: number
}

export async function getTwoFactorStatus(ctx: Ctx): Promise<TwoFactorStatus> {
  const [person, codes] = await Promise.all([
    ctx.db
      .selectFrom('person')
      .select('totp_enabled_at')
      .where('id', '=', ctx.actor.personId)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('recovery_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', ctx.actor.personId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ])
  return {
    enabled: person.totp_enabled_at !== null,
    enabledAt: person.totp_enabled_at ? new Date(person.totp_enabled_at) : null,
    unusedRecoveryCodes: Number(codes.n),
  }
}

export interface Enrolment {
  /** Base32 secret for typing by hand. */
  secret: string
  /** The QR code as an SVG data URL (the CSP allows data: images, nothing is fetched). */
  qrDataUrl: string
}

/**
 * The secret being set up. It is kept (encrypted) across reloads, so a person who scanned the
 * code and then reloaded the page still has the right one in their app.
 */
export async function getOrCreateEnrolment(ctx: Ctx): Promise<Enrolment> {
  const person = await ctx.db
    .selectFrom('person')
    .select('totp_pending_secret_enc')
    .where('id', '=', ctx.actor.personId)
    .executeTakeFirstOrThrow()
  let secret: string
  if (person.totp_pending_secret_enc) {
    secret = decryptSecret(person.totp_pending_secret_enc)
  } else {
    secret = generateTotpSecret()
    // Two tabs at once: the first secret stored wins and both show it.
    const stored = await ctx.db
      .updateTable('person')
      .set({ totp_pending_secret_enc: encryptSecret(secret) })
      .where('id', '=', ctx.actor.personId)
      .where('totp_pending_secret_enc', 'is', null)
      .executeTakeFirst()
    if (Number(stored.numUpdatedRows) !== 1) return getOrCreateEnrolment(ctx)
  }
  const url = otpauthUrl(secret, ctx.actor.email ?? ctx.actor.displayName)
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

async function replaceRecoveryCodes(trx: Executor, personId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode)
  await trx.deleteFrom('recovery_code').where('person_id', '=', personId).execute()
  await trx
    .insertInto('recovery_code')
    .values(
      codes.map((code) => ({
        person_id: personId,
        code_hash: sha256(normaliseRecoveryCode(code)),
        created_at: now,
      })),
    )
    .execute()
  return codes
}

export type CodeResult =
  { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'invalid' | 'locked' | 'notPending' }

// Wrong codes count in the same ledger as the sign-in's second step: 5 in 15 minutes locks both.
const ledgerKey = (ctx: Ctx) => ({ account: `person:${ctx.actor.personId}`, ip: ctx.ipHash })

async function failedCode(ctx: Ctx): Promise<{ ok: false; reason: 'invalid' | 'locked' }> {
  await recordAttempt(ctx.db, 'totp', ledgerKey(ctx), false, ctx.now)
  return {
    ok: false,
    reason: (await isLocked(ctx.db, ledgerKey(ctx), ctx.now)) ? 'locked' : 'invalid',
  }
}

/**
 * The first code from the app proves it holds the secret: two-factor is on, this session counts
 * as verified, and ten recovery codes are made. They are returned once and only their hashes kept.
 */
export async function confirmEnrolment(ctx: Ctx, code: string): Promise<CodeResult> {
  if (await isLocked(ctx.db, ledgerKey(ctx), ctx.now)) return { ok: false, reason: 'locked' }
  const person = await ctx.db
    .selectFrom('person')
    .select(['totp_pending_secret_enc', 'totp_enabled_at'])
    .where('id', '=', ctx.actor.personId)
    .executeTakeFirstOrThrow()
  if (person.totp_enabled_at || !person.totp_pending_secret_enc)
    return { ok: false, reason: 'notPending' }
  const step = verifyTotp(decryptSecret(person.totp_pending_secret_enc), code, ctx.now)
  if (step === null) return failedCode(ctx)
  const recoveryCodes = await inTransaction(ctx.db, async (trx) => {
    const enabled = await trx
      .updateTable('person')
      .set({
        totp_secret_enc: person.totp_pending_secret_enc,
        totp_pending_secret_enc: null,
        totp_enabled_at: ctx.now,
        totp_last_step: step,
        updated_at: ctx.now,
      })
      .where('id', '=', ctx.actor.personId)
      .where('totp_enabled_at', 'is', null)
      .where('totp_pending_secret_enc', '=', person.totp_pending_secret_enc)
      .executeTakeFirst()
    if (Number(enabled.numUpdatedRows) !== 1) return null
    await markSessionMfaVerified(trx, ctx.actor.sessionId, ctx.now)
    const codes = await replaceRecoveryCodes(trx, ctx.actor.personId, ctx.now)
    await recordAudit(trx, {
      action: 'account.totp_enabled',
      actorPersonId: ctx.actor.personId,
      recordType: 'person',
      recordId: ctx.actor.personId,
      ipHash: ctx.ipHash,
      now: ctx.now,
    })
    return codes
  })
  if (!recoveryCodes) return { ok: false, reason: 'notPending' }
  await recordAttempt(ctx.db, 'totp', ledgerKey(ctx), true, ctx.now)
  return { ok: true, recoveryCodes }
}

/**
 * Checks a current code from the app (never one already used) or an unused recovery code (used
 * up by this). Someone who lost their phone can still act with a recovery code.
 */
async function acceptCurrentCode(
  trx: Executor,
  personId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const person = await trx
    .selectFrom('person')
    .select(['totp_secret_enc', 'totp_last_step'])
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const clean = code.replace(/\s/g, '')
  if (/^\d{6}$/.test(clean)) {
    if (!person.totp_secret_enc) return false
    const step = verifyTotp(
      decryptSecret(person.totp_secret_enc),
      clean,
      now,
      person.totp_last_step,
    )
    if (step === null) return false
    await trx
      .updateTable('person')
      .set({ totp_last_step: step })
      .where('id', '=', personId)
      .execute()
    return true
  }
  const used = await trx
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('person_id', '=', personId)
    .where('code_hash', '=', sha256(normaliseRecoveryCode(clean)))
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(used.numUpdatedRows) === 1
}

/** Ten new recovery codes (the old ones stop working), shown once. */
export async function regenerateRecoveryCodes(ctx: Ctx, code: string): Promise<CodeResult> {
  if (await isLocked(ctx.db, ledgerKey(ctx), ctx.now)) return { ok: false, reason: 'locked' }
  const codes = await inTransaction(ctx.db, async (trx) => {
    if (!(await acceptCurrentCode(trx, ctx.actor.personId, code, ctx.now))) return null
    const fresh = await replaceRecoveryCodes(trx, ctx.actor.personId, ctx.now)
    await recordAudit(trx, {
      action: 'account.recovery_codes_replaced',
      actorPersonId: ctx.actor.personId,
      recordType: 'person',
      recordId: ctx.actor.personId,
      ipHash: ctx.ipHash,
      now: ctx.now,
    })
    return fresh
  })
  if (!codes) return failedCode(ctx)
  await recordAttempt(ctx.db, 'totp', ledgerKey(ctx), true, ctx.now)
  return { ok: true, recoveryCodes: codes }
}

/** Only for people whose roles do not require two-factor (403 for the others). */
export async function disableTwoFactor(
  ctx: Ctx,
  code: string,
): Promise<{ ok: true } | { ok: false; reason: 'invalid' | 'locked' }> {
  if (needsMfa(ctx.actor)) forbidden()
  if (await isLocked(ctx.db, ledgerKey(ctx), ctx.now)) return { ok: false, reason: 'locked' }
  const done = await inTransaction(ctx.db, async (trx) => {
    if (!(await acceptCurrentCode(trx, ctx.actor.personId, code, ctx.now))) return false
    await trx
      .updateTable('person')
      .set({
        totp_secret_enc: null,
        totp_pending_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        updated_at: ctx.now,
      })
      .where('id', '=', ctx.actor.personId)
      .execute()
    await trx.deleteFrom('recovery_code').where('person_id', '=', ctx.actor.personId).execute()
    await recordAudit(trx, {
      action: 'account.totp_disabled',
      actorPersonId: ctx.actor.personId,
      recordType: 'person',
      recordId: ctx.actor.personId,
      ipHash: ctx.ipHash,
      now: ctx.now,
    })
    return true
  })
  if (!done) return failedCode(ctx)
  await recordAttempt(ctx.db, 'totp', ledgerKey(ctx), true, ctx.now)
  return { ok: true }
}
