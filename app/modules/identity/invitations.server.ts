import { data } from '@remix-run/node'
import { inTransaction, type Executor } from '~/db.server'
import { isUniqueViolation } from '~/db-utils.server'
import type { Language } from '~/i18n/config'
import type { InvitationRole, MunicipalRole, OrgRole } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { loadActor } from './actor.server'
import { INVITATION_DAYS } from './constants'
import { randomToken, sha256 } from './crypto.server'
import { forbidden, requireMunicipalRole, type Ctx } from './guards.server'
import { isUuid } from './invitation-schemas'
import type { RequestInfo } from './login.server'
import { hashPassword } from './passwords.server'
import { hasMunicipalRole, hasOrgRole, isStaff, secondFactorRequired } from './policy'
import { createSession, revokeAllSessions, revokeSession, type NewSession } from './sessions.server'

// Invitations (invitationer) are how every staff account begins: a municipal administrator
// invites caseworkers, administrators and council viewers; an organisation's coordinator (or
// the administrator of its home municipality) invites coordinators and staff. The link is the
// only copy of the token; the database keeps its sha256.

export function notFound(): never {
  throw data({ message: 'not found' }, { status: 404 })
}

const lower = (email: string) => email.trim().toLowerCase()
const invitationUrl = (origin: string, token: string) => `${origin}/invitations/${token}`

type Place =
  | { municipalityId: string; organisationId?: never }
  | { organisationId: string; municipalityId?: never }

/**
 * Writes the invitation row (and revokes older open invitations for the same address and place,
 * so only the newest link works). No permission check: callers in this module and the
 * organisations module check first. Returns the token for the e-mail, the only place it lives.
 */
export async function createInvitation(
  trx: Executor,
  input: Place & {
    email: string
    name: string | null
    role: InvitationRole
    invitedBy: string | null
    now: Date
  },
): Promise<{ id: string; token: string; url: (origin: string) => string }> {
  const email = input.email.trim()
  let older = trx
    .updateTable('invitation')
    .set({ revoked_at: input.now })
    .where((eb) => eb(eb.fn('lower', ['email']), '=', lower(email)))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
  older = input.municipalityId
    ? older.where('municipality_id', '=', input.municipalityId)
    : older.where('organisation_id', '=', input.organisationId!)
  await older.execute()
  const token = randomToken()
  const row = await trx
    .insertInto('invitation')
    .values({
      token_hash: sha256(token),
      email,
      display_name: input.name,
      municipality_id: input.municipalityId ?? null,
      organisation_id: input.organisationId ?? null,
      role: input.role,
      invited_by: input.invitedBy,
      expires_at: new Date(input.now.getTime() + INVITATION_DAYS * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, token, url: (origin) => invitationUrl(origin, token) }
}

/** The language of an existing account with this address, else Danish. */
export async function languageFor(db: Executor, email: string): Promise<Language> {
  const person = await db
    .selectFrom('person')
    .select('language')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', lower(email)))
    .executeTakeFirst()
  return (person?.language as Language | undefined) ?? 'da'
}

export interface InviteInput {
  email: string
  name: string
  origin: string
}

export type InviteResult =
  | { ok: true; invitationId: string }
  | { ok: false; reason: 'alreadyHasRole' | 'organisationSuspended' }

export async function inviteToMunicipality(
  ctx: Ctx,
  input: InviteInput & { municipalityId: string; role: MunicipalRole },
): Promise<InviteResult> {
  const municipalityId = requireMunicipalRole(ctx, ['administrator'], input.municipalityId)
  const municipality = await ctx.db
    .selectFrom('municipality')
    .select(['id', 'name'])
    .where('id', '=', municipalityId)
    .executeTakeFirst()
  if (!municipality) notFound()
  const holds = await ctx.db
    .selectFrom('municipal_role as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select('r.id')
    .where('r.municipality_id', '=', municipalityId)
    .where('r.role', '=', input.role)
    .where((eb) => eb(eb.fn('lower', ['p.email']), '=', lower(input.email)))
    .executeTakeFirst()
  if (holds) return { ok: false, reason: 'alreadyHasRole' }
  const language = await languageFor(ctx.db, input.email)
  return inTransaction(ctx.db, async (trx) => {
    const invitation = await createInvitation(trx, {
      municipalityId,
      email: input.email,
      name: input.name,
      role: input.role,
      invitedBy: ctx.actor.personId,
      now: ctx.now,
    })
    await enqueueEmail(trx, {
      to: input.email,
      toName: input.name,
      language,
      template: 'invitation',
      data: {
        name: input.name,
        inviter: ctx.actor.displayName,
        roleKey: input.role,
        place: municipality.name,
        url: invitation.url(input.origin),
        days: INVITATION_DAYS,
      },
    })
    await recordAudit(trx, {
      action: 'invitation.sent',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'invitation',
      recordId: invitation.id,
      ipHash: ctx.ipHash,
      page: '/admin/people',
      details: { role: input.role, email: input.email },
      now: ctx.now,
    })
    return { ok: true as const, invitationId: invitation.id }
  })
}

/** The organisation if the actor is its coordinator or the administrator of its home municipality. */
async function requireOrganisationManager(ctx: Ctx, organisationId: string) {
  if (!isUuid(organisationId)) notFound()
  const organisation = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name', 'status', 'home_municipality_id'])
    .where('id', '=', organisationId)
    .executeTakeFirst()
  const allowed =
    hasOrgRole(ctx.actor, organisationId, ['coordinator']) ||
    (organisation?.home_municipality_id != null &&
      hasMunicipalRole(ctx.actor, ['administrator'], organisation.home_municipality_id))
  if (!allowed) forbidden()
  if (!organisation) notFound()
  return organisation
}

export async function inviteToOrganisation(
  ctx: Ctx,
  organisationId: string,
  input: InviteInput & { role: OrgRole; page?: string },
): Promise<InviteResult> {
  const organisation = await requireOrganisationManager(ctx, organisationId)
  if (organisation.status === 'suspended') return { ok: false, reason: 'organisationSuspended' }
  const member = await ctx.db
    .selectFrom('organisation_membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select('m.role')
    .where('m.organisation_id', '=', organisation.id)
    .where((eb) => eb(eb.fn('lower', ['p.email']), '=', lower(input.email)))
    .executeTakeFirst()
  // One membership per person and organisation: staff can be invited up to coordinator.
  if (member && (member.role === input.role || member.role === 'coordinator'))
    return { ok: false, reason: 'alreadyHasRole' }
  const language = await languageFor(ctx.db, input.email)
  return inTransaction(ctx.db, async (trx) => {
    const invitation = await createInvitation(trx, {
      organisationId: organisation.id,
      email: input.email,
      name: input.name,
      role: input.role,
      invitedBy: ctx.actor.personId,
      now: ctx.now,
    })
    await enqueueEmail(trx, {
      to: input.email,
      toName: input.name,
      language,
      template: 'invitation',
      data: {
        name: input.name,
        inviter: ctx.actor.displayName,
        roleKey: input.role,
        place: organisation.name,
        url: invitation.url(input.origin),
        days: INVITATION_DAYS,
      },
    })
    await recordAudit(trx, {
      action: 'invitation.sent',
      actorPersonId: ctx.actor.personId,
      municipalityId: organisation.home_municipality_id,
      recordType: 'invitation',
      recordId: invitation.id,
      ipHash: ctx.ipHash,
      page: input.page ?? `/org/${organisation.id}/staff`,
      details: { role: input.role, email: input.email, organisationId: organisation.id },
      now: ctx.now,
    })
    return { ok: true as const, invitationId: invitation.id }
  })
}

export interface InvitationView {
  id: string
  email: string
  displayName: string | null
  role: InvitationRole
  municipalityId: string | null
  organisationId: string | null
  place: string
  inviterName: string | null
  expiresAt: Date
}

/** An invitation that can still be taken, or null (unknown, expired, taken or revoked). */
export async function getInvitation(
  db: Executor,
  token: string,
  now: Date,
): Promise<InvitationView | null> {
  if (!token) return null
  const row = await db
    .selectFrom('invitation as i')
    .leftJoin('municipality as m', 'm.id', 'i.municipality_id')
    .leftJoin('organisation as o', 'o.id', 'i.organisation_id')
    .leftJoin('person as inviter', 'inviter.id', 'i.invited_by')
    .select([
      'i.id',
      'i.email',
      'i.display_name',
      'i.role',
      'i.municipality_id',
      'i.organisation_id',
      'i.expires_at',
      'm.name as municipality_name',
      'o.name as organisation_name',
      'inviter.display_name as inviter_name',
    ])
    .where('i.token_hash', '=', sha256(token))
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    municipalityId: row.municipality_id,
    organisationId: row.organisation_id,
    place: row.municipality_name ?? row.organisation_name ?? '',
    inviterName: row.inviter_name,
    expiresAt: new Date(row.expires_at),
  }
}

/** Whether an account with this address exists (the invitee owns the address, so this leaks nothing). */
export async function accountExists(db: Executor, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', lower(email)))
    .executeTakeFirst()
  return row !== undefined
}

export type AcceptInput =
  { name: string; password: string; language?: Language } | { existingPersonId: string }
export type AcceptResult =
  | { ok: true; personId: string; role: InvitationRole }
  | { ok: false; reason: 'unusable' | 'emailTaken' | 'wrongPerson' }

class AcceptRefused extends Error {
  constructor(readonly reason: 'unusable' | 'emailTaken' | 'wrongPerson') {
    super(reason)
  }
}

/**
 * Takes the invitation: marks it accepted (once, atomically), creates the person or uses the
 * logged-in one whose address matches, and grants the role — all in one transaction, so a
 * refused step leaves the invitation usable.
 */
export async function acceptInvitation(
  db: Executor,
  token: string,
  input: AcceptInput,
  now: Date,
  info: { ipHash?: string | null } = {},
): Promise<AcceptResult> {
  // argon2 is slow on purpose: hash before the transaction takes the connection.
  const passwordHash = 'password' in input ? await hashPassword(input.password) : null
  try {
    return await inTransaction(db, async (trx) => {
      const invitation = await trx
        .updateTable('invitation')
        .set({ accepted_at: now })
        .where('token_hash', '=', sha256(token))
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['id', 'email', 'role', 'municipality_id', 'organisation_id', 'invited_by'])
        .executeTakeFirst()
      if (!invitation) throw new AcceptRefused('unusable')

      let personId: string
      if ('existingPersonId' in input) {
        const person = await trx
          .selectFrom('person')
          .select(['id', 'email'])
          .where('id', '=', input.existingPersonId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()
        if (!person?.email || lower(person.email) !== lower(invitation.email))
          throw new AcceptRefused('wrongPerson')
        personId = person.id
        await trx
          .updateTable('person')
          .set({ email_verified_at: now })
          .where('id', '=', personId)
          .where('email_verified_at', 'is', null)
          .execute()
      } else {
        if (await accountExists(trx, invitation.email)) throw new AcceptRefused('emailTaken')
        const person = await trx
          .insertInto('person')
          .values({
            email: invitation.email,
            display_name: input.name,
            password_hash: passwordHash,
            // The link reached this address, so the address is verified.
            email_verified_at: now,
            language: input.language ?? 'da',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        personId = person.id
      }
      await trx
        .updateTable('invitation')
        .set({ accepted_person_id: personId })
        .where('id', '=', invitation.id)
        .execute()

      let municipalityId = invitation.municipality_id
      if (invitation.municipality_id) {
        await trx
          .insertInto('municipal_role')
          .values({
            person_id: personId,
            municipality_id: invitation.municipality_id,
            role: invitation.role as MunicipalRole,
            granted_by: invitation.invited_by,
            granted_at: now,
          })
          .onConflict((oc) => oc.columns(['person_id', 'municipality_id', 'role']).doNothing())
          .execute()
      } else {
        const organisationId = invitation.organisation_id!
        const role = invitation.role as OrgRole
        // One membership per organisation: a coordinator invitation lifts staff to coordinator,
        // a staff invitation never lowers a coordinator.
        await trx
          .insertInto('organisation_membership')
          .values({
            person_id: personId,
            organisation_id: organisationId,
            role,
            granted_by: invitation.invited_by,
            granted_at: now,
          })
          .onConflict((oc) =>
            role === 'coordinator'
              ? oc.columns(['person_id', 'organisation_id']).doUpdateSet({
                  role: 'coordinator',
                  granted_by: invitation.invited_by,
                  granted_at: now,
                })
              : oc.columns(['person_id', 'organisation_id']).doNothing(),
          )
          .execute()
        const organisation = await trx
          .selectFrom('organisation')
          .select('home_municipality_id')
          .where('id', '=', organisationId)
          .executeTakeFirst()
        municipalityId = organisation?.home_municipality_id ?? null
      }

      const base = {
        actorPersonId: personId,
        municipalityId,
        ipHash: info.ipHash ?? null,
        page: '/invitations',
        now,
      }
      await recordAudit(trx, {
        ...base,
        action: 'invitation.accepted',
        recordType: 'invitation',
        recordId: invitation.id,
        details: { role: invitation.role },
      })
      await recordAudit(trx, {
        ...base,
        action: 'role.granted',
        recordType: 'person',
        recordId: personId,
        details: {
          role: invitation.role,
          via: 'invitation',
          grantedBy: invitation.invited_by,
          ...(invitation.organisation_id ? { organisationId: invitation.organisation_id } : {}),
        },
      })
      return { ok: true as const, personId, role: invitation.role }
    })
  } catch (error) {
    if (error instanceof AcceptRefused) return { ok: false, reason: error.reason }
    // Two people taking the same address at the same moment: the unique index decides.
    if (isUniqueViolation(error, 'person_email_key')) return { ok: false, reason: 'emailTaken' }
    throw error
  }
}

/**
 * A fresh session for the person who just took an invitation (the old one is revoked: the
 * person's privileges changed). Two-factor counts as done only if the old session had really
 * done it; otherwise staff who need it are sent to enter or set up their second factor.
 */
export async function startSessionAfterInvitation(
  db: Executor,
  personId: string,
  info: RequestInfo,
  options: { secondFactorDone?: boolean } = {},
): Promise<{ session: NewSession; redirectTo: string }> {
  const actor = await loadActor(db, personId, { id: '', mfaVerified: false })
  if (!actor) throw new Error('The person who accepted the invitation was not found')
  if (info.previousSessionId)
    await revokeSession(db, info.previousSessionId, 'rotated at invitation', info.now)
  const mfa = secondFactorRequired(actor)
  const verified = !mfa || options.secondFactorDone === true
  const session = await createSession(db, {
    personId,
    isStaff: isStaff(actor),
    mfaVerified: verified,
    userAgent: info.userAgent,
    ipHash: info.ipHash,
    now: info.now,
  })
  await recordAudit(db, {
    action: verified ? 'auth.login' : 'auth.first_factor',
    actorPersonId: personId,
    ipHash: info.ipHash,
    details: { method: 'invitation' },
    now: info.now,
  })
  const redirectTo = verified
    ? '/account'
    : actor.totpEnabled
      ? `/login/totp?redirectTo=${encodeURIComponent('/account')}`
      : '/account/two-factor'
  return { session, redirectTo }
}

export async function revokeInvitation(
  ctx: Ctx,
  invitationId: string,
  page?: string,
): Promise<boolean> {
  if (!isUuid(invitationId)) notFound()
  const invitation = await ctx.db
    .selectFrom('invitation as i')
    .leftJoin('organisation as o', 'o.id', 'i.organisation_id')
    .select(['i.id', 'i.municipality_id', 'i.organisation_id', 'o.home_municipality_id'])
    .where('i.id', '=', invitationId)
    .executeTakeFirst()
  if (!invitation) notFound()
  if (invitation.municipality_id) {
    requireMunicipalRole(ctx, ['administrator'], invitation.municipality_id)
  } else {
    const allowed =
      hasOrgRole(ctx.actor, invitation.organisation_id!, ['coordinator']) ||
      (invitation.home_municipality_id != null &&
        hasMunicipalRole(ctx.actor, ['administrator'], invitation.home_municipality_id))
    if (!allowed) forbidden()
  }
  return inTransaction(ctx.db, async (trx) => {
    const revoked = await trx
      .updateTable('invitation')
      .set({ revoked_at: ctx.now })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!revoked) return false
    await recordAudit(trx, {
      action: 'invitation.revoked',
      actorPersonId: ctx.actor.personId,
      municipalityId: invitation.municipality_id ?? invitation.home_municipality_id,
      recordType: 'invitation',
      recordId: invitation.id,
      ipHash: ctx.ipHash,
      page: page ?? null,
      now: ctx.now,
    })
    return true
  })
}

export interface PendingInvitation {
  id: string
  email: string
  displayName: string | null
  role: InvitationRole
  inviterName: string | null
  createdAt: Date
  expiresAt: Date
}

/** Open invitations (not taken, not revoked, not expired) to a municipality or an organisation. */
export async function listPendingInvitations(ctx: Ctx, place: Place): Promise<PendingInvitation[]> {
  if (place.municipalityId) requireMunicipalRole(ctx, ['administrator'], place.municipalityId)
  else await requireOrganisationManager(ctx, place.organisationId!)
  let query = ctx.db
    .selectFrom('invitation as i')
    .leftJoin('person as inviter', 'inviter.id', 'i.invited_by')
    .select([
      'i.id',
      'i.email',
      'i.display_name',
      'i.role',
      'i.created_at',
      'i.expires_at',
      'inviter.display_name as inviter_name',
    ])
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', ctx.now)
  query = place.municipalityId
    ? query.where('i.municipality_id', '=', place.municipalityId)
    : query.where('i.organisation_id', '=', place.organisationId!)
  const rows = await query.orderBy('i.expires_at').execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    inviterName: r.inviter_name,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
  }))
}

export interface StaffMember {
  personId: string
  name: string
  email: string | null
  roles: MunicipalRole[]
}

/** Everyone holding a role in the municipality, with their roles there (administrators only). */
export async function listMunicipalStaff(ctx: Ctx, municipalityId: string): Promise<StaffMember[]> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const rows = await ctx.db
    .selectFrom('municipal_role as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['p.id', 'p.display_name', 'p.email', 'r.role'])
    .where('r.municipality_id', '=', municipalityId)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.display_name')
    .orderBy('p.id')
    .orderBy('r.role')
    .execute()
  const people = new Map<string, StaffMember>()
  for (const row of rows) {
    const member = people.get(row.id) ?? {
      personId: row.id,
      name: row.display_name,
      email: row.email,
      roles: [],
    }
    member.roles.push(row.role)
    people.set(row.id, member)
  }
  return [...people.values()]
}

/** 404 unless the person holds a role in the municipality: administrators manage their own staff only. */
async function requireStaffOf(
  db: Executor,
  municipalityId: string,
  personId: string,
): Promise<void> {
  if (!isUuid(personId)) notFound()
  const row = await db
    .selectFrom('municipal_role as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select('r.id')
    .where('r.municipality_id', '=', municipalityId)
    .where('r.person_id', '=', personId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row) notFound()
}

export interface RoleChange {
  municipalityId: string
  personId: string
  role: MunicipalRole
}

/** Adds a role to someone who already works for the municipality (new people are invited). */
export async function grantMunicipalRole(ctx: Ctx, change: RoleChange): Promise<boolean> {
  const municipalityId = requireMunicipalRole(ctx, ['administrator'], change.municipalityId)
  await requireStaffOf(ctx.db, municipalityId, change.personId)
  return inTransaction(ctx.db, async (trx) => {
    const inserted = await trx
      .insertInto('municipal_role')
      .values({
        person_id: change.personId,
        municipality_id: municipalityId,
        role: change.role,
        granted_by: ctx.actor.personId,
        granted_at: ctx.now,
      })
      .onConflict((oc) => oc.columns(['person_id', 'municipality_id', 'role']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) return false
    await recordAudit(trx, {
      action: 'role.granted',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'person',
      recordId: change.personId,
      ipHash: ctx.ipHash,
      page: '/admin/people',
      details: { role: change.role },
      now: ctx.now,
    })
    return true
  })
}

export type RemoveRoleResult = { ok: true } | { ok: false; reason: 'lastAdministrator' | 'notHeld' }

/** Removes a role. The municipality always keeps at least one administrator. */
export async function removeMunicipalRole(ctx: Ctx, change: RoleChange): Promise<RemoveRoleResult> {
  const municipalityId = requireMunicipalRole(ctx, ['administrator'], change.municipalityId)
  await requireStaffOf(ctx.db, municipalityId, change.personId)
  return inTransaction(ctx.db, async (trx) => {
    if (change.role === 'administrator') {
      // Locking every administrator row serialises two administrators removing each other.
      const admins = await trx
        .selectFrom('municipal_role')
        .select('person_id')
        .where('municipality_id', '=', municipalityId)
        .where('role', '=', 'administrator')
        .where('person_id', 'in', (eb) =>
          eb.selectFrom('person').select('id').where('deleted_at', 'is', null),
        )
        .forUpdate()
        .execute()
      if (admins.length <= 1 && admins.some((a) => a.person_id === change.personId)) {
        return { ok: false as const, reason: 'lastAdministrator' as const }
      }
    }
    const removed = await trx
      .deleteFrom('municipal_role')
      .where('municipality_id', '=', municipalityId)
      .where('person_id', '=', change.personId)
      .where('role', '=', change.role)
      .returning('id')
      .executeTakeFirst()
    if (!removed) return { ok: false as const, reason: 'notHeld' as const }
    await recordAudit(trx, {
      action: 'role.removed',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'person',
      recordId: change.personId,
      ipHash: ctx.ipHash,
      page: '/admin/people',
      details: { role: change.role },
      now: ctx.now,
    })
    return { ok: true as const }
  })
}

/**
 * Logs a member of staff out everywhere (a lost phone, a person leaving). Only people with a role
 * in the administrator's municipality; an administrator doing it to themselves keeps this session.
 */
export async function revokePersonSessions(
  ctx: Ctx,
  target: { municipalityId: string; personId: string },
): Promise<number> {
  const municipalityId = requireMunicipalRole(ctx, ['administrator'], target.municipalityId)
  await requireStaffOf(ctx.db, municipalityId, target.personId)
  return inTransaction(ctx.db, async (trx) => {
    const count = await revokeAllSessions(
      trx,
      target.personId,
      'revoked by administrator',
      ctx.now,
      target.personId === ctx.actor.personId ? ctx.actor.sessionId : undefined,
    )
    await recordAudit(trx, {
      action: 'session.revoked_by_admin',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'person',
      recordId: target.personId,
      ipHash: ctx.ipHash,
      page: '/admin/people',
      details: { sessions: count },
      now: ctx.now,
    })
    return count
  })
}
