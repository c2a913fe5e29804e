import { inTransaction } from '~/db.server'
import { recordAudit } from '../audit/audit.server'
import { requireCitizen, type Ctx } from '../identity/guards.server'

/** An erasure request must be handled within a month (GDPR art. 12(3), PRODUCT.md §5). */
export const ERASURE_DAYS = 30

export interface ErasureRequest {
  id: string
  requestedAt: Date
  dueAt: Date
}

/** The citizen's own request that is not yet carried out, or null. */
export async function getOpenErasureRequest(ctx: Ctx): Promise<ErasureRequest | null> {
  const citizen = requireCitizen(ctx)
  const row = await ctx.db
    .selectFrom('erasure_request')
    .select(['id', 'requested_at', 'due_at'])
    .where('citizen_id', '=', citizen.id)
    .where('completed_at', 'is', null)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst()
  return row
    ? { id: row.id, requestedAt: new Date(row.requested_at), dueAt: new Date(row.due_at) }
    : null
}

/**
 * The citizen asks to have their data erased. The record is not deleted here: the caseworker
 * carries it out (with what the law says must be kept), so the request is recorded with a
 * deadline. Asking again while one is open changes nothing.
 */
export async function requestErasure(
  ctx: Ctx,
): Promise<ErasureRequest & { alreadyRequested: boolean }> {
  const citizen = requireCitizen(ctx)
  return inTransaction(ctx.db, async (trx) => {
    await trx
      .selectFrom('citizen')
      .select('id')
      .where('id', '=', citizen.id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const open = await trx
      .selectFrom('erasure_request')
      .select(['id', 'requested_at', 'due_at'])
      .where('citizen_id', '=', citizen.id)
      .where('completed_at', 'is', null)
      .executeTakeFirst()
    if (open)
      return {
        id: open.id,
        requestedAt: new Date(open.requested_at),
        dueAt: new Date(open.due_at),
        alreadyRequested: true,
      }
    const dueAt = new Date(ctx.now.getTime() + ERASURE_DAYS * 86_400_000)
    const created = await trx
      .insertInto('erasure_request')
      .values({
        citizen_id: citizen.id,
        requested_at: ctx.now,
        requested_by: ctx.actor.personId,
        due_at: dueAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      action: 'citizen.erasure_requested',
      actorPersonId: ctx.actor.personId,
      municipalityId: citizen.municipalityId,
      recordType: 'erasure_request',
      recordId: created.id,
      subjectCitizenId: citizen.id,
      ipHash: ctx.ipHash,
      details: { dueAt: dueAt.toISOString() },
      now: ctx.now,
    })
    return { id: created.id, requestedAt: ctx.now, dueAt, alreadyRequested: false }
  })
}
