import { inTransaction } from '~/db.server'
import type { OrgRole, OrganisationStatus } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { notFound } from '../identity/invitations.server'

// The people who work for an organisation (coordinators and staff), managed by its coordinators.

export interface OrganisationHeader {
  id: string
  name: string
  status: OrganisationStatus
  homeMunicipalityId: string | null
}

/** The organisation, for its coordinators only (403 for everybody else, before any query: the
 * actor's own roles name the organisations they coordinate, so a malformed id never reaches SQL). */
export async function getOrganisationForCoordinator(
  ctx: Ctx,
  organisationId: string,
): Promise<OrganisationHeader> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  const row = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name', 'status', 'home_municipality_id'])
    .where('id', '=', organisationId)
    .executeTakeFirst()
  if (!row) notFound()
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    homeMunicipalityId: row.home_municipality_id,
  }
}

export interface OrganisationMember {
  personId: string
  name: string
  email: string | null
  role: OrgRole
  since: Date
}

export async function listOrganisationMembers(
  ctx: Ctx,
  organisationId: string,
): Promise<OrganisationMember[]> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  const rows = await ctx.db
    .selectFrom('organisation_membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.display_name', 'p.email', 'm.role', 'm.granted_at'])
    .where('m.organisation_id', '=', organisationId)
    .where('p.deleted_at', 'is', null)
    .orderBy('m.role')
    .orderBy('p.display_name')
    .execute()
  return rows.map((r) => ({
    personId: r.id,
    name: r.display_name,
    email: r.email,
    role: r.role,
    since: new Date(r.granted_at),
  }))
}

export type RemoveMemberResult =
  { ok: true; removedSelf: boolean } | { ok: false; reason: 'lastCoordinator' | 'notMember' }

/** Ends a membership. The last coordinator cannot leave: the organisation would have nobody to manage it. */
export async function removeOrganisationMember(
  ctx: Ctx,
  organisationId: string,
  personId: string,
): Promise<RemoveMemberResult> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  if (!isUuid(personId)) notFound()
  return inTransaction(ctx.db, async (trx) => {
    // Locking every membership of the organisation serialises two coordinators removing each other.
    const members = await trx
      .selectFrom('organisation_membership')
      .select(['person_id', 'role'])
      .where('organisation_id', '=', organisationId)
      .forUpdate()
      .execute()
    const target = members.find((m) => m.person_id === personId)
    if (!target) return { ok: false as const, reason: 'notMember' as const }
    const coordinators = members.filter((m) => m.role === 'coordinator')
    if (target.role === 'coordinator' && coordinators.length <= 1)
      return { ok: false as const, reason: 'lastCoordinator' as const }
    await trx
      .deleteFrom('organisation_membership')
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .execute()
    const organisation = await trx
      .selectFrom('organisation')
      .select('home_municipality_id')
      .where('id', '=', organisationId)
      .executeTakeFirst()
    await recordAudit(trx, {
      action: 'role.removed',
      actorPersonId: ctx.actor.personId,
      municipalityId: organisation?.home_municipality_id ?? null,
      recordType: 'person',
      recordId: personId,
      ipHash: ctx.ipHash,
      page: `/org/${organisationId}/staff`,
      details: { role: target.role, organisationId },
      now: ctx.now,
    })
    return { ok: true as const, removedSelf: personId === ctx.actor.personId }
  })
}
