import { inTransaction } from '~/db.server'
import { recordAudit } from '../audit/audit.server'
import { forbidden, type Ctx } from '../identity/guards.server'
import { municipalitiesWhere } from '../identity/policy'
import { listCaps } from './balance.server'
import type { Cap } from './rules'
import type { CapInput } from './schemas'

// The yearly caps are the same in every municipality (set by law, indexed each 1 January), so
// any administrator in the network may enter the next year's figure.

const S = 'pages.staff.frikort.errors'

export function requireAdministrator(ctx: Ctx): void {
  if (municipalitiesWhere(ctx.actor, ['administrator']).length === 0) forbidden()
}

export async function listCapsForAdmin(ctx: Ctx): Promise<Cap[]> {
  requireAdministrator(ctx)
  return listCaps(ctx.db)
}

export type CapResult = { ok: true } | { ok: false; errors: Record<string, string[]> }

/** Adds a cap for a date range; a range that overlaps another is refused. */
export async function addCap(ctx: Ctx, input: CapInput): Promise<CapResult> {
  requireAdministrator(ctx)
  const overlapping: CapResult = { ok: false, errors: { validFrom: [`${S}.capOverlap`] } }
  try {
    return await insertCap(ctx, input, overlapping)
  } catch (error) {
    // Two administrators at once: the exclusion constraint refuses the second range.
    if ((error as { code?: string }).code === '23P01') return overlapping
    throw error
  }
}

async function insertCap(ctx: Ctx, input: CapInput, overlapping: CapResult): Promise<CapResult> {
  return inTransaction(ctx.db, async (trx) => {
    const overlap = await trx
      .selectFrom('frikort_cap')
      .select('id')
      .where((eb) =>
        eb.and([
          eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', input.validFrom)]),
          ...(input.validTo ? [eb('valid_from', '<=', input.validTo)] : []),
        ]),
      )
      .executeTakeFirst()
    if (overlap) return overlapping
    const row = await trx
      .insertInto('frikort_cap')
      .values({
        valid_from: input.validFrom,
        valid_to: input.validTo,
        amount_ore: input.amount,
        entered_by: ctx.actor.personId,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      action: 'frikort.cap.added',
      actorPersonId: ctx.actor.personId,
      recordType: 'frikort_cap',
      recordId: row.id,
      ipHash: ctx.ipHash,
      details: { ...input },
      now: ctx.now,
    })
    return { ok: true }
  })
}
