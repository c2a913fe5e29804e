import { inTransaction, type Executor } from '~/db.server'
import { isUniqueViolation } from '~/db-utils.server'
import type { Language } from '~/i18n/config'
import type { OrganisationStatus, OrganisationType } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server'
import { INVITATION_DAYS } from '../identity/constants'
import { requireMunicipalRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { createInvitation, languageFor, notFound } from '../identity/invitations.server'
import { enqueueEmail } from '../notifications/outbox.server'
import type { OrganisationDetails } from './schemas'

// Organisations (foreninger, væresteder, NGO'er, socialøkonomiske virksomheder, arbejdsgivere)
// register themselves and wait for their home municipality to approve them:
// pending → approved, or pending → suspended (rejected, with a reason).

/** Registrations allowed from one IP address per hour: enough for a shared office, not for a script. */
export const REGISTRATIONS_PER_IP_PER_HOUR = 5

export type RegisterResult =
  | { ok: true; organisationId: string }
  | { ok: false; reason: 'cvrTaken' | 'unknownMunicipality' | 'tooMany' }

interface OrganisationRow {
  id: string
  name: string
}

async function cvrTaken(db: Executor, cvr: string): Promise<boolean> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('cvr', '=', cvr)
    .executeTakeFirst()
  return row !== undefined
}

async function insertOrganisation(
  trx: Executor,
  input: OrganisationDetails,
  municipalityId: string,
  status: OrganisationStatus,
  now: Date,
): Promise<OrganisationRow> {
  return trx
    .insertInto('organisation')
    .values({
      name: input.name,
      type: input.type,
      cvr: input.cvr,
      phone: input.phone,
      website: input.website ?? null,
      street_address: input.streetAddress,
      postal_code: input.postalCode,
      city: input.city,
      home_municipality_id: municipalityId,
      status,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow()
}

async function recordEvent(
  trx: Executor,
  event: {
    municipalityId: string | null
    actorPersonId: string | null
    organisationId: string
    type: string
    data?: Record<string, unknown>
    now: Date
  },
) {
  await trx
    .insertInto('event')
    .values({
      municipality_id: event.municipalityId,
      actor_person_id: event.actorPersonId,
      entity_type: 'organisation',
      entity_id: event.organisationId,
      type: event.type,
      data: JSON.stringify(event.data ?? {}),
      occurred_at: event.now,
    })
    .execute()
}

/**
 * Public self-registration (no login): the organisation waits as 'pending', and the contact
 * person gets an invitation to become its coordinator in the same transaction.
 */
export async function registerOrganisation(
  db: Executor,
  input: OrganisationDetails & { municipalityId: string },
  info: { now: Date; ipHash: string | null; origin: string; language: Language },
): Promise<RegisterResult> {
  if (!isUuid(input.municipalityId)) return { ok: false, reason: 'unknownMunicipality' }
  const municipality = await db
    .selectFrom('municipality')
    .select(['id', 'name'])
    .where('id', '=', input.municipalityId)
    .executeTakeFirst()
  if (!municipality) return { ok: false, reason: 'unknownMunicipality' }
  if (info.ipHash) {
    // The audit trail already holds who registered from where; no separate ledger is needed.
    const recent = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'organisation.registered')
      .where('occurred_at', '>', new Date(info.now.getTime() - 3_600_000))
      .where('ip_hash', '=', info.ipHash)
      .executeTakeFirstOrThrow()
    if (Number(recent.n) >= REGISTRATIONS_PER_IP_PER_HOUR) return { ok: false, reason: 'tooMany' }
  }
  if (await cvrTaken(db, input.cvr)) return { ok: false, reason: 'cvrTaken' }
  try {
    return await inTransaction(db, async (trx) => {
      const organisation = await insertOrganisation(
        trx,
        input,
        municipality.id,
        'pending',
        info.now,
      )
      const invitation = await createInvitation(trx, {
        organisationId: organisation.id,
        email: input.contactEmail,
        name: input.contactName,
        role: 'coordinator',
        invitedBy: null,
        now: info.now,
      })
      await enqueueEmail(trx, {
        to: input.contactEmail,
        toName: input.contactName,
        language: info.language,
        template: 'organisationRegistered',
        data: {
          name: input.contactName,
          organisation: organisation.name,
          municipality: municipality.name,
          url: invitation.url(info.origin),
          days: INVITATION_DAYS,
        },
      })
      await recordEvent(trx, {
        municipalityId: municipality.id,
        actorPersonId: null,
        organisationId: organisation.id,
        type: 'organisation.registered',
        now: info.now,
      })
      await recordAudit(trx, {
        action: 'organisation.registered',
        municipalityId: municipality.id,
        recordType: 'organisation',
        recordId: organisation.id,
        ipHash: info.ipHash,
        page: '/organisations/register',
        details: { cvr: input.cvr, type: input.type, invitationId: invitation.id },
        now: info.now,
      })
      return { ok: true as const, organisationId: organisation.id }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'organisation_cvr_key')) return { ok: false, reason: 'cvrTaken' }
    throw error
  }
}

/** An administrator adds an organisation directly: approved at once, its contact invited as coordinator. */
export async function createOrganisation(
  ctx: Ctx,
  municipalityId: string,
  input: OrganisationDetails,
  origin: string,
): Promise<{ ok: true; organisationId: string } | { ok: false; reason: 'cvrTaken' }> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  if (await cvrTaken(ctx.db, input.cvr)) return { ok: false, reason: 'cvrTaken' }
  const language = await languageFor(ctx.db, input.contactEmail)
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const organisation = await insertOrganisation(trx, input, municipalityId, 'approved', ctx.now)
      const invitation = await createInvitation(trx, {
        organisationId: organisation.id,
        email: input.contactEmail,
        name: input.contactName,
        role: 'coordinator',
        invitedBy: ctx.actor.personId,
        now: ctx.now,
      })
      await enqueueEmail(trx, {
        to: input.contactEmail,
        toName: input.contactName,
        language,
        template: 'invitation',
        data: {
          name: input.contactName,
          inviter: ctx.actor.displayName,
          roleKey: 'coordinator',
          place: organisation.name,
          url: invitation.url(origin),
          days: INVITATION_DAYS,
        },
      })
      await recordEvent(trx, {
        municipalityId,
        actorPersonId: ctx.actor.personId,
        organisationId: organisation.id,
        type: 'organisation.created',
        now: ctx.now,
      })
      await recordAudit(trx, {
        action: 'organisation.created',
        actorPersonId: ctx.actor.personId,
        municipalityId,
        recordType: 'organisation',
        recordId: organisation.id,
        ipHash: ctx.ipHash,
        page: '/admin/organisations',
        details: { cvr: input.cvr, type: input.type, invitationId: invitation.id },
        now: ctx.now,
      })
      await recordAudit(trx, {
        action: 'invitation.sent',
        actorPersonId: ctx.actor.personId,
        municipalityId,
        recordType: 'invitation',
        recordId: invitation.id,
        ipHash: ctx.ipHash,
        page: '/admin/organisations',
        details: {
          role: 'coordinator',
          email: input.contactEmail,
          organisationId: organisation.id,
        },
        now: ctx.now,
      })
      return { ok: true as const, organisationId: organisation.id }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'organisation_cvr_key')) return { ok: false, reason: 'cvrTaken' }
    throw error
  }
}

export interface PendingOrganisation {
  id: string
  name: string
  type: OrganisationType
  cvr: string | null
  streetAddress: string | null
  postalCode: string | null
  city: string | null
  phone: string | null
  website: string | null
  contactName: string | null
  contactEmail: string | null
  registeredAt: Date
}

/** Organisations waiting for this municipality's decision, oldest first. */
export async function listPendingOrganisations(
  ctx: Ctx,
  municipalityId: string,
): Promise<PendingOrganisation[]> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const rows = await ctx.db
    .selectFrom('organisation as o')
    .select((eb) => {
      // The contact is whoever the first coordinator invitation went to (the registration form's).
      const firstCoordinatorInvitation = eb
        .selectFrom('invitation as i')
        .whereRef('i.organisation_id', '=', 'o.id')
        .where('i.role', '=', 'coordinator')
        .orderBy('i.created_at')
        .limit(1)
      return [
        'o.id',
        'o.name',
        'o.type',
        'o.cvr',
        'o.street_address',
        'o.postal_code',
        'o.city',
        'o.phone',
        'o.website',
        'o.created_at',
        firstCoordinatorInvitation.select('i.email').as('contact_email'),
        firstCoordinatorInvitation.select('i.display_name').as('contact_name'),
      ]
    })
    .where('o.home_municipality_id', '=', municipalityId)
    .where('o.status', '=', 'pending')
    .orderBy('o.created_at')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    cvr: r.cvr,
    streetAddress: r.street_address,
    postalCode: r.postal_code,
    city: r.city,
    phone: r.phone,
    website: r.website,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    registeredAt: new Date(r.created_at),
  }))
}

export interface ApprovedOrganisation {
  id: string
  name: string
  type: OrganisationType
  cvr: string | null
  city: string | null
  coordinators: number
}

export async function listApprovedOrganisations(
  ctx: Ctx,
  municipalityId: string,
): Promise<ApprovedOrganisation[]> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const rows = await ctx.db
    .selectFrom('organisation as o')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.type',
      'o.cvr',
      'o.city',
      eb
        .selectFrom('organisation_membership as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.organisation_id', '=', 'o.id')
        .where('m.role', '=', 'coordinator')
        .as('coordinators'),
    ])
    .where('o.home_municipality_id', '=', municipalityId)
    .where('o.status', '=', 'approved')
    .orderBy('o.name')
    .execute()
  return rows.map((r) => ({ ...r, coordinators: Number(r.coordinators ?? 0) }))
}

interface Recipient {
  email: string
  name: string | null
  language: Language
}

/** The organisation's coordinators with an e-mail address. */
async function coordinatorRecipients(db: Executor, organisationId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('organisation_membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.email', 'p.display_name', 'p.language'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.role', '=', 'coordinator')
    .where('p.deleted_at', 'is', null)
    .where('p.email', 'is not', null)
    .orderBy('p.display_name')
    .execute()
  return rows.map((r) => ({
    email: r.email!,
    name: r.display_name,
    language: r.language as Language,
  }))
}

/** The latest coordinator invitation that nobody took: the contact of an organisation without coordinators. */
async function latestContactInvitation(db: Executor, organisationId: string) {
  return db
    .selectFrom('invitation')
    .select(['email', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'coordinator')
    .where('accepted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

type DecisionResult = { ok: true } | { ok: false; reason: 'notPending' }

/** Locks a pending organisation of one of the actor's municipalities (403 for another municipality's). */
async function lockPending(ctx: Ctx, trx: Executor, organisationId: string) {
  if (!isUuid(organisationId)) notFound()
  const organisation = await trx
    .selectFrom('organisation as o')
    .leftJoin('municipality as mu', 'mu.id', 'o.home_municipality_id')
    .select([
      'o.id',
      'o.name',
      'o.status',
      'o.home_municipality_id',
      'mu.name as municipality_name',
    ])
    .where('o.id', '=', organisationId)
    .forUpdate('o')
    .executeTakeFirst()
  if (!organisation?.home_municipality_id) notFound()
  requireMunicipalRole(ctx, ['administrator'], organisation.home_municipality_id)
  return {
    ...organisation,
    home_municipality_id: organisation.home_municipality_id,
    municipality_name: organisation.municipality_name ?? '',
  }
}

/**
 * pending → approved. The coordinators hear about it; when nobody has taken the coordinator
 * invitation yet (it may have run out while the municipality decided), the contact gets the news
 * and a fresh invitation.
 */
export async function approveOrganisation(
  ctx: Ctx,
  organisationId: string,
  origin: string,
): Promise<DecisionResult> {
  return inTransaction(ctx.db, async (trx) => {
    const organisation = await lockPending(ctx, trx, organisationId)
    if (organisation.status !== 'pending')
      return { ok: false as const, reason: 'notPending' as const }
    await trx
      .updateTable('organisation')
      .set({ status: 'approved', updated_at: ctx.now })
      .where('id', '=', organisation.id)
      .execute()
    const municipalityId = organisation.home_municipality_id
    let recipients = await coordinatorRecipients(trx, organisation.id)
    let invitationId: string | null = null
    if (recipients.length === 0) {
      const contact = await latestContactInvitation(trx, organisation.id)
      if (contact) {
        const language = await languageFor(trx, contact.email)
        recipients = [{ email: contact.email, name: contact.display_name, language }]
        const invitation = await createInvitation(trx, {
          organisationId: organisation.id,
          email: contact.email,
          name: contact.display_name,
          role: 'coordinator',
          invitedBy: ctx.actor.personId,
          now: ctx.now,
        })
        invitationId = invitation.id
        await enqueueEmail(trx, {
          to: contact.email,
          toName: contact.display_name,
          language,
          template: 'invitation',
          data: {
            name: contact.display_name,
            inviter: ctx.actor.displayName,
            roleKey: 'coordinator',
            place: organisation.name,
            url: invitation.url(origin),
            days: INVITATION_DAYS,
          },
        })
      }
    }
    for (const recipient of recipients) {
      await enqueueEmail(trx, {
        to: recipient.email,
        toName: recipient.name,
        language: recipient.language,
        template: 'organisationApproved',
        data: {
          name: recipient.name,
          organisation: organisation.name,
          municipality: organisation.municipality_name,
          url: `${origin}/account`,
        },
        dedupeKey: `organisation-approved:${organisation.id}:${recipient.email.toLowerCase()}`,
      })
    }
    await recordEvent(trx, {
      municipalityId,
      actorPersonId: ctx.actor.personId,
      organisationId: organisation.id,
      type: 'organisation.approved',
      now: ctx.now,
    })
    await recordAudit(trx, {
      action: 'organisation.approved',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'organisation',
      recordId: organisation.id,
      ipHash: ctx.ipHash,
      page: '/admin/organisations',
      details: { notified: recipients.length, ...(invitationId ? { invitationId } : {}) },
      now: ctx.now,
    })
    return { ok: true as const }
  })
}

/**
 * pending → suspended, with the reason. Open invitations to the organisation are revoked so nobody
 * becomes staff of an organisation the municipality turned down; the contact is told why.
 */
export async function rejectOrganisation(
  ctx: Ctx,
  organisationId: string,
  reason: string,
): Promise<DecisionResult> {
  return inTransaction(ctx.db, async (trx) => {
    const organisation = await lockPending(ctx, trx, organisationId)
    if (organisation.status !== 'pending')
      return { ok: false as const, reason: 'notPending' as const }
    await trx
      .updateTable('organisation')
      .set({ status: 'suspended', updated_at: ctx.now })
      .where('id', '=', organisation.id)
      .execute()
    const municipalityId = organisation.home_municipality_id
    let recipients = await coordinatorRecipients(trx, organisation.id)
    if (recipients.length === 0) {
      const contact = await latestContactInvitation(trx, organisation.id)
      if (contact)
        recipients = [
          {
            email: contact.email,
            name: contact.display_name,
            language: await languageFor(trx, contact.email),
          },
        ]
    }
    await trx
      .updateTable('invitation')
      .set({ revoked_at: ctx.now })
      .where('organisation_id', '=', organisation.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute()
    for (const recipient of recipients) {
      await enqueueEmail(trx, {
        to: recipient.email,
        toName: recipient.name,
        language: recipient.language,
        template: 'organisationRejected',
        data: {
          name: recipient.name,
          organisation: organisation.name,
          municipality: organisation.municipality_name,
          reason,
        },
      })
    }
    await recordEvent(trx, {
      municipalityId,
      actorPersonId: ctx.actor.personId,
      organisationId: organisation.id,
      type: 'organisation.rejected',
      data: { reason },
      now: ctx.now,
    })
    await recordAudit(trx, {
      action: 'organisation.rejected',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'organisation',
      recordId: organisation.id,
      ipHash: ctx.ipHash,
      page: '/admin/organisations',
      details: { reason, notified: recipients.length },
      now: ctx.now,
    })
    return { ok: true as const }
  })
}
