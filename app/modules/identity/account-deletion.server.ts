import { inTransaction } from '~/db.server'
import { recordAudit } from '../audit/audit.server'
import { requestErasure } from '../citizens/erasure.server'
import { forbidden, type Ctx } from './guards.server'
import { can } from './policy'
import { revokeAllSessions } from './sessions.server'

export const DELETED_NAME = 'Slettet'

export type DeletionResult =
  { kind: 'deleted' } | { kind: 'erasureRequested'; dueAt: Date; alreadyRequested: boolean }

/**
 * "Delete my account" (PRODUCT.md §5). Staff accounts are closed by their administrator. A
 * citizen's record is erased by the municipality, so for a citizen this records an erasure
 * request. Anyone else (a volunteer) is anonymised at once: the row stays so that the history
 * others rely on (hours, matches) keeps its references, but nothing in it names the person.
 */
export async function deleteOwnAccount(ctx: Ctx): Promise<DeletionResult> {
  if (!can(ctx.actor, 'account.deleteSelf')) forbidden()
  if (ctx.actor.citizen) {
    const request = await requestErasure(ctx)
    return {
      kind: 'erasureRequested',
      dueAt: request.dueAt,
      alreadyRequested: request.alreadyRequested,
    }
  }
  const personId = ctx.actor.personId
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .updateTable('person')
      .set({
        email: null,
        display_name: DELETED_NAME,
        phone: null,
        password_hash: null,
        totp_secret_enc: null,
        totp_pending_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        email_verified_at: null,
        deleted_at: ctx.now,
        updated_at: ctx.now,
      })
      .where('id', '=', personId)
      .execute()
    await trx.deleteFrom('volunteer_profile').where('person_id', '=', personId).execute()
    await trx.deleteFrom('recovery_code').where('person_id', '=', personId).execute()
    await trx
      .deleteFrom('login_token')
      .where('person_id', '=', personId)
      .where('used_at', 'is', null)
      .execute()
    await trx
      .deleteFrom('access_code')
      .where('person_id', '=', personId)
      .where('used_at', 'is', null)
      .execute()
    await trx
      .updateTable('device_credential')
      .set({ revoked_at: ctx.now })
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .execute()
    await revokeAllSessions(trx, personId, 'account deleted', ctx.now)
    await recordAudit(trx, {
      action: 'account.deleted',
      actorPersonId: personId,
      recordType: 'person',
      recordId: personId,
      ipHash: ctx.ipHash,
      details: { volunteer: ctx.actor.isVolunteer },
      now: ctx.now,
    })
  })
  return { kind: 'deleted' }
}
