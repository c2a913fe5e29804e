import { sql, type RawBuilder } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import { env } from '~/env.server'
import { recordAudit } from '../audit/audit.server'
import { addMonths } from '../consent/rules'
import { caseworkerMunicipalities } from './access-codes.server'
import type { Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { revokeAllSessions } from '../identity/sessions.server'
import { cancelReferralsForConsent } from '../referrals/referrals.server'
import { OPEN_STATES, REASON_CODES, REASON_REMOVED } from '../referrals/transitions'

// Retention (PRODUCT.md §5): a citizen's personal data is anonymised a configurable time after
// their last closed referral, when nothing is open. The rows stay so that every count (referrals
// by state, consents by purpose) is the same afterwards; only what names or reaches the person
// goes. Consent rows are not touched at all (the database refuses edits). An erasure request is
// carried out the same way, at once. Both are written to the audit trail.

export const ANONYMISED_NAME = 'Anonymiseret'

/** Something is still running for the citizen (alias `c`); later capabilities add theirs here. */
export function hasOpenWork(citizenAlias: string): RawBuilder<boolean> {
  const id = sql.ref(`${citizenAlias}.id`)
  return sql<boolean>`exists (select 1 from referral r where r.citizen_id = ${id}
    and r.state in (${sql.join(OPEN_STATES)}))`
}

/**
 * When the citizen's (alias `c`) last piece of work closed: the latest closed referral, or the
 * registration when there never was one. The retention clock runs from here.
 */
export function lastClosedAt(citizenAlias: string): RawBuilder<Date> {
  const c = (column: string) => sql.ref(`${citizenAlias}.${column}`)
  return sql<Date>`greatest(${c('created_at')},
    (select max(coalesce(r.closed_at, r.updated_at)) from referral r where r.citizen_id = ${c('id')}))`
}

export const retentionMonths = () => env().CITIZEN_RETENTION_MONTHS

/** Empties a citizen's record and their login, keeping the rows for counting. */
export async function anonymiseCitizen(
  trx: Executor,
  citizenId: string,
  now: Date,
  why: { reason: 'retention' | 'erasure'; actorPersonId: string | null; ipHash?: string | null },
): Promise<void> {
  const citizen = await trx
    .updateTable('citizen')
    .set({
      chosen_name: ANONYMISED_NAME,
      birth_year: null,
      phone: null,
      email: null,
      address: null,
      person_id: null,
      safety_flag: false,
      anonymised_at: now,
      updated_at: now,
    })
    .where('id', '=', citizenId)
    .returning(['municipality_id'])
    .executeTakeFirstOrThrow()
  await trx.deleteFrom('citizen_target_group').where('citizen_id', '=', citizenId).execute()
  await trx
    .updateTable('referral')
    .set({ note: null })
    .where('citizen_id', '=', citizenId)
    .execute()
  await trx
    .updateTable('referral')
    .set({ state_reason: REASON_REMOVED })
    .where('citizen_id', '=', citizenId)
    .where('state_reason', 'is not', null)
    .where('state_reason', 'not in', [...REASON_CODES])
    .execute()
  await recordAudit(trx, {
    action: why.reason === 'erasure' ? 'citizen.erased' : 'citizen.anonymised',
    actorPersonId: why.actorPersonId,
    municipalityId: citizen.municipality_id,
    recordType: 'citizen',
    recordId: citizenId,
    subjectCitizenId: citizenId,
    ipHash: why.ipHash ?? null,
    details: { reason: why.reason },
    now,
  })
}

async function scrubPerson(trx: Executor, personId: string, now: Date) {
  await trx
    .updateTable('person')
    .set({
      email: null,
      display_name: ANONYMISED_NAME,
      phone: null,
      password_hash: null,
      totp_secret_enc: null,
      totp_pending_secret_enc: null,
      totp_enabled_at: null,
      email_verified_at: null,
      deleted_at: now,
      updated_at: now,
    })
    .where('id', '=', personId)
    .execute()
  await trx
    .deleteFrom('access_code')
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .execute()
  await trx
    .updateTable('device_credential')
    .set({ revoked_at: now })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute()
  await revokeAllSessions(trx, personId, 'citizen anonymised', now)
}

/** Anonymises one citizen with their person row (which may hold other roles' history). */
async function anonymiseWithPerson(
  trx: Executor,
  citizenId: string,
  now: Date,
  why: Parameters<typeof anonymiseCitizen>[3],
) {
  const row = await trx
    .selectFrom('citizen as c')
    .select(['c.person_id'])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('municipal_role as mr')
            .select('mr.id')
            .whereRef('mr.person_id', '=', 'c.person_id'),
        )
        .as('is_staff'),
    ])
    .where('c.id', '=', citizenId)
    .executeTakeFirstOrThrow()
  await anonymiseCitizen(trx, citizenId, now, why)
  // A person who also works for a municipality keeps that account; only the link goes.
  if (row.person_id && !row.is_staff) await scrubPerson(trx, row.person_id, now)
}

/** The hourly retention run: citizens whose clock ran out, a batch at a time. */
export async function anonymiseDueCitizens(
  db: Executor,
  now: Date,
  months = retentionMonths(),
): Promise<number> {
  const cutoff = addMonths(now, -months)
  const due = await db
    .selectFrom('citizen as c')
    .select('c.id')
    .where('c.anonymised_at', 'is', null)
    .where(sql<boolean>`not ${hasOpenWork('c')}`)
    .where(lastClosedAt('c'), '<=', cutoff)
    .orderBy('c.id')
    .limit(200)
    .execute()
  let done = 0
  for (const { id } of due) {
    const changed = await inTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom('citizen as c')
        .select('c.id')
        .where('c.id', '=', id)
        .where('c.anonymised_at', 'is', null)
        .where(sql<boolean>`not ${hasOpenWork('c')}`)
        .where(lastClosedAt('c'), '<=', cutoff)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!row) return false
      await anonymiseWithPerson(trx, id, now, { reason: 'retention', actorPersonId: null })
      return true
    })
    if (changed) done++
  }
  return done
}

/**
 * A caseworker carries out a citizen's erasure request: active consents are withdrawn (their
 * open referrals cancelled), the record is anonymised and the request marked done. Null when
 * there is no open request for a citizen of the caseworker's municipalities.
 */
export async function carryOutErasure(ctx: Ctx, citizenId: string): Promise<boolean | null> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  if (!isUuid(citizenId)) return null
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await trx
      .selectFrom('citizen')
      .select(['id', 'anonymised_at'])
      .where('id', '=', citizenId)
      .where('municipality_id', 'in', municipalityIds)
      .forUpdate()
      .executeTakeFirst()
    if (!citizen) return null
    const request = await trx
      .selectFrom('erasure_request')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('completed_at', 'is', null)
      .executeTakeFirst()
    if (!request) return null
    const active = await trx
      .selectFrom('consent')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('withdrawn_at', 'is', null)
      .where('expires_at', '>', ctx.now)
      .execute()
    for (const k of active) {
      await trx
        .updateTable('consent')
        .set({
          withdrawn_at: ctx.now,
          withdrawn_by: ctx.actor.personId,
          withdrawal_channel: 'oral',
        })
        .where('id', '=', k.id)
        .execute()
      await cancelReferralsForConsent(
        trx,
        k.id,
        { personId: ctx.actor.personId, by: 'caseworker' },
        ctx.now,
      )
    }
    // Referrals under consents that had already expired are closed too: nothing stays open.
    const stillOpen = await trx
      .selectFrom('referral')
      .select(['consent_id'])
      .where('citizen_id', '=', citizen.id)
      .where('state', 'in', OPEN_STATES)
      .execute()
    for (const k of new Set(stillOpen.map((r) => r.consent_id)))
      await cancelReferralsForConsent(
        trx,
        k,
        { personId: ctx.actor.personId, by: 'caseworker' },
        ctx.now,
      )
    if (!citizen.anonymised_at)
      await anonymiseWithPerson(trx, citizen.id, ctx.now, {
        reason: 'erasure',
        actorPersonId: ctx.actor.personId,
        ipHash: ctx.ipHash,
      })
    await trx
      .updateTable('erasure_request')
      .set({ completed_at: ctx.now, completed_by: ctx.actor.personId })
      .where('id', '=', request.id)
      .execute()
    return true
  })
}
