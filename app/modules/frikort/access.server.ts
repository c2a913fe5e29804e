import { sql } from 'kysely'
import type { Executor } from '~/db.server'
import { activeConsentCovers } from '../consent/scope.server'
import { forbidden, requireOrgRole, type Ctx } from '../identity/guards.server'
import { municipalitiesWhere } from '../identity/policy'

// Who may see which citizen's frikort data. Municipal staff: their own municipality's citizens.
// An organisation (employer or matchmaker): only with an active consent that names it and covers
// the 'frikort' category. The citizen: themselves.

/** The caseworker's municipalities; 403 for anyone who is no caseworker. */
export function requireCaseworker(ctx: Ctx): string[] {
  const ids = municipalitiesWhere(ctx.actor, ['caseworker'])
  if (ids.length === 0) forbidden()
  return ids
}

export async function isMatchmaker(db: Executor, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('frikort_matchmaker')
    .select('organisation_id')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  return row !== undefined
}

/** The organisation's people, when it is a designated matchmaker; 403 otherwise. */
export async function requireMatchmaker(ctx: Ctx, organisationId: string): Promise<void> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  if (!(await isMatchmaker(ctx.db, organisationId))) forbidden()
}

/** `exists` an active consent of the citizen (by column) that lets this organisation see frikort. */
export function consentForFrikort(citizenColumn: string, organisationId: string, now: Date) {
  return sql<boolean>`exists (select 1 from consent fc
    where fc.citizen_id = ${sql.ref(citizenColumn)}
      and ${activeConsentCovers('fc', organisationId, now, 'frikort')})`
}

/** Whether the same consent also covers the citizen's name. */
export function consentForName(citizenColumn: string, organisationId: string, now: Date) {
  return sql<boolean>`exists (select 1 from consent nc
    where nc.citizen_id = ${sql.ref(citizenColumn)}
      and ${activeConsentCovers('nc', organisationId, now, 'frikort')}
      and 'name' = any(nc.data_categories))`
}

/**
 * "Has a frikort: yes/no" for an organisation that is no employer or matchmaker of the citizen:
 * null without a consent naming it that covers 'frikort' (then it may not even ask).
 */
export async function hasActiveFrikort(
  ctx: Pick<Ctx, 'db' | 'now'>,
  citizenId: string,
  organisationId: string,
): Promise<boolean | null> {
  const row = await ctx.db
    .selectFrom('citizen as c')
    .select((eb) => [
      consentForFrikort('c.id', organisationId, ctx.now).as('allowed'),
      eb
        .exists(
          eb
            .selectFrom('frikort_decision as d')
            .select('d.id')
            .whereRef('d.citizen_id', '=', 'c.id')
            .where('d.status', '=', 'active'),
        )
        .as('active'),
    ])
    .where('c.id', '=', citizenId)
    .executeTakeFirst()
  if (!row?.allowed) return null
  return Boolean(row.active)
}
