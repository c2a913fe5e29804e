import { inTransaction } from '~/db.server'
import type { OrganisationStatus, OrganisationType } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { notFound } from '../identity/invitations.server'
import type { OrganisationProfileInput } from './profile-schemas'

// The organisation's public profile (beskrivelse, kontakt, adresse), kept by its coordinators.

export interface OrganisationProfile {
  id: string
  name: string
  type: OrganisationType
  cvr: string | null
  status: OrganisationStatus
  description: string | null
  phone: string | null
  email: string | null
  website: string | null
  streetAddress: string | null
  postalCode: string | null
  city: string | null
}

export async function getOrganisationProfile(
  ctx: Ctx,
  organisationId: string,
): Promise<OrganisationProfile> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  const row = await ctx.db
    .selectFrom('organisation')
    .select([
      'id',
      'name',
      'type',
      'cvr',
      'status',
      'description',
      'phone',
      'email',
      'website',
      'street_address',
      'postal_code',
      'city',
    ])
    .where('id', '=', organisationId)
    .executeTakeFirst()
  if (!row) notFound()
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    cvr: row.cvr,
    status: row.status,
    description: row.description,
    phone: row.phone,
    email: row.email,
    website: row.website,
    streetAddress: row.street_address,
    postalCode: row.postal_code,
    city: row.city,
  }
}

/** Saves the profile; the audit trail keeps which fields changed (not their values). */
export async function updateOrganisationProfile(
  ctx: Ctx,
  organisationId: string,
  input: OrganisationProfileInput,
): Promise<void> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  await inTransaction(ctx.db, async (trx) => {
    const before = await trx
      .selectFrom('organisation')
      .select([
        'description',
        'phone',
        'email',
        'website',
        'street_address',
        'postal_code',
        'city',
        'home_municipality_id',
      ])
      .where('id', '=', organisationId)
      .forUpdate()
      .executeTakeFirst()
    if (!before) notFound()
    const after = {
      description: input.description,
      phone: input.phone,
      email: input.email,
      website: input.website ?? null,
      street_address: input.streetAddress,
      postal_code: input.postalCode,
      city: input.city,
    }
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => before[k] !== after[k],
    )
    if (changed.length === 0) return
    await trx
      .updateTable('organisation')
      .set({ ...after, updated_at: ctx.now })
      .where('id', '=', organisationId)
      .execute()
    await recordAudit(trx, {
      action: 'organisation.profile_updated',
      actorPersonId: ctx.actor.personId,
      municipalityId: before.home_municipality_id,
      recordType: 'organisation',
      recordId: organisationId,
      ipHash: ctx.ipHash,
      page: `/org/${organisationId}/profile`,
      details: { changed },
      now: ctx.now,
    })
  })
}
