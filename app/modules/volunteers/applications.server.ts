import { sql } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import type { RequirementKind, VolunteerRole, VolunteerState } from '../../../db/schema.ts'
import { utcToZoned } from '../activities/schedule'
import { recordAudit } from '../audit/audit.server'
import { randomToken, sha256 } from '../identity/crypto.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { loginWithMagicLink, type LoginResult, type RequestInfo } from '../identity/login.server'
import { recordAttempt, tooManyRequests } from '../identity/rate-limit.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { coordinatorsOf, originOr, volunteerPagePath } from './notify.server'
import { requirementLines, requirementsMet, type RequirementLine } from './requirements'
import type { VolunteerProfileInput, VolunteerSignupInput } from './schemas'
import { checkTransition, type Transition, type TransitionBy } from './transitions'
import { CONSENT_VERSION } from './vocab'

// Volunteer applications (ansøgninger): the public sign-up, the e-mail confirmation and every
// change of screening state. A state change locks the row, checks the transition table, and
// writes the state, an event, the e-mails and the audit entry in one transaction.

const V = 'pages.volunteer.errors'
/** A confirmation link from the sign-up form stays usable this long. */
export const CONFIRM_HOURS = 48
export const MY_PAGE = '/volunteer/me'

export type FieldErrors = Record<string, string[]>

// --- requirements, read for many applications at once ----------------------------------

/** Each application's requirement lines (the organisation's kinds, newest record of each). */
export async function requirementLinesFor(
  db: Executor,
  applications: { id: string; organisationId: string }[],
  today: string,
): Promise<Map<string, RequirementLine[]>> {
  const result = new Map<string, RequirementLine[]>()
  if (applications.length === 0) return result
  const orgIds = [...new Set(applications.map((a) => a.organisationId))]
  const [required, records] = await Promise.all([
    db
      .selectFrom('organisation_requirement')
      .select(['organisation_id', 'kind'])
      .where('organisation_id', 'in', orgIds)
      .execute(),
    db
      .selectFrom('volunteer_requirement')
      .select(['application_id', 'kind', 'checked_on', 'expires_on'])
      .where(
        'application_id',
        'in',
        applications.map((a) => a.id),
      )
      .execute(),
  ])
  for (const a of applications) {
    const kinds = required.filter((r) => r.organisation_id === a.organisationId).map((r) => r.kind)
    const mine = records
      .filter((r) => r.application_id === a.id)
      .map((r) => ({ kind: r.kind, checkedOn: r.checked_on, expiresOn: r.expires_on }))
    result.set(a.id, requirementLines(kinds, mine, today))
  }
  return result
}

export const todayIn = (now: Date) => utcToZoned(now).date

// --- state changes ----------------------------------------------------------------------

export type TransitionResult =
  | { ok: true; state: VolunteerState }
  | { ok: false; reason: 'notFound' | 'notAllowed' | 'requirementsMissing' }

interface TransitionInput {
  applicationId: string
  transition: Transition
  by: TransitionBy
  actorPersonId: string | null
  reason?: string | null
  now: Date
  ipHash?: string | null
  origin?: string
  /** Narrows the row: the coordinator's organisation or the volunteer's own person id. */
  organisationId?: string
  personId?: string
}

/** The one place a volunteer application changes state. */
export async function applyTransition(
  db: Executor,
  input: TransitionInput,
): Promise<TransitionResult> {
  return inTransaction(db, async (trx): Promise<TransitionResult> => {
    let query = trx
      .selectFrom('volunteer_application')
      .select(['id', 'state', 'person_id', 'organisation_id', 'confirmed_at'])
      .where('id', '=', input.applicationId)
    if (input.organisationId) query = query.where('organisation_id', '=', input.organisationId)
    if (input.personId) query = query.where('person_id', '=', input.personId)
    const app = await query.forUpdate().executeTakeFirst()
    if (!app || app.confirmed_at === null) return { ok: false, reason: 'notFound' }
    const lines = (
      await requirementLinesFor(
        trx,
        [{ id: app.id, organisationId: app.organisation_id }],
        todayIn(input.now),
      )
    ).get(app.id)!
    const check = checkTransition(app.state, input.transition, input.by, requirementsMet(lines))
    if (!check.ok) return check
    await trx
      .updateTable('volunteer_application')
      .set({
        state: check.to,
        state_changed_at: input.now,
        state_reason: input.reason ?? null,
      })
      .where('id', '=', app.id)
      .execute()
    const org = await trx
      .selectFrom('organisation')
      .select(['name', 'home_municipality_id'])
      .where('id', '=', app.organisation_id)
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('event')
      .values({
        municipality_id: org.home_municipality_id,
        actor_person_id: input.actorPersonId,
        entity_type: 'volunteer_application',
        entity_id: app.id,
        type: `volunteer.${input.transition}`,
        data: JSON.stringify({
          from: app.state,
          to: check.to,
          by: input.by,
          reason: input.reason ?? null,
          ...(input.transition === 'expire'
            ? {
                kinds: lines
                  .filter((l) => l.status === 'expired' || l.status === 'missing')
                  .map((l) => l.kind),
              }
            : {}),
        }),
        occurred_at: input.now,
      })
      .execute()
    await recordAudit(trx, {
      action: 'volunteer.transition',
      actorPersonId: input.actorPersonId,
      municipalityId: org.home_municipality_id,
      recordType: 'volunteer_application',
      recordId: app.id,
      ipHash: input.ipHash ?? null,
      details: { transition: input.transition, from: app.state, to: check.to },
      now: input.now,
    })
    await notifyTransition(trx, {
      applicationId: app.id,
      personId: app.person_id,
      organisationId: app.organisation_id,
      organisation: org.name,
      transition: input.transition,
      by: input.by,
      lines,
      origin: originOr(input.origin),
      now: input.now,
    })
    return { ok: true, state: check.to }
  })
}

async function notifyTransition(
  trx: Executor,
  n: {
    applicationId: string
    personId: string
    organisationId: string
    organisation: string
    transition: Transition
    by: TransitionBy
    lines: RequirementLine[]
    origin: string
    now: Date
  },
) {
  const volunteer = await trx
    .selectFrom('person')
    .select(['email', 'display_name', 'language'])
    .where('id', '=', n.personId)
    .executeTakeFirstOrThrow()
  const mine = `${n.origin}${MY_PAGE}`
  const theirs = `${n.origin}${volunteerPagePath(n.organisationId, n.applicationId)}`
  const key = `volunteer:${n.applicationId}:${n.transition}:${n.now.toISOString()}`
  const toVolunteer = volunteer.email
    ? { to: volunteer.email, toName: volunteer.display_name, language: volunteer.language }
    : null
  const about = { organisation: n.organisation, volunteer: volunteer.display_name }
  if (n.transition === 'approve' && toVolunteer)
    await enqueueEmail(trx, {
      ...toVolunteer,
      template: 'volunteerApproved',
      data: { name: volunteer.display_name, organisation: n.organisation, url: mine },
      dedupeKey: key,
    })
  if (n.transition === 'pause') {
    if (n.by === 'coordinator' && toVolunteer)
      await enqueueEmail(trx, {
        ...toVolunteer,
        template: 'volunteerPaused',
        data: { ...about, name: volunteer.display_name, audience: 'volunteer', url: mine },
        dedupeKey: key,
      })
    if (n.by === 'volunteer')
      for (const c of await coordinatorsOf(trx, n.organisationId))
        await enqueueEmail(trx, {
          to: c.email,
          toName: c.name,
          language: c.language,
          template: 'volunteerPaused',
          data: { ...about, name: c.name, audience: 'coordinator', url: theirs },
          dedupeKey: `${key}:${c.email}`,
        })
  }
  if (n.transition === 'expire') {
    const kinds: RequirementKind[] = n.lines
      .filter((l) => l.status === 'expired' || l.status === 'missing')
      .map((l) => l.kind)
    if (toVolunteer)
      await enqueueEmail(trx, {
        ...toVolunteer,
        template: 'volunteerBackToScreening',
        data: { ...about, name: volunteer.display_name, kinds, audience: 'volunteer', url: mine },
        dedupeKey: key,
      })
    for (const c of await coordinatorsOf(trx, n.organisationId))
      await enqueueEmail(trx, {
        to: c.email,
        toName: c.name,
        language: c.language,
        template: 'volunteerBackToScreening',
        data: { ...about, name: c.name, kinds, audience: 'coordinator', url: theirs },
        dedupeKey: `${key}:${c.email}`,
      })
  }
}

/** A coordinator of the organisation moves one of its applications on. */
export async function transitionAsCoordinator(
  ctx: Ctx,
  organisationId: string,
  applicationId: string,
  transition: Exclude<Transition, 'expire'>,
  options: { reason?: string | null; origin?: string } = {},
): Promise<TransitionResult> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  return applyTransition(ctx.db, {
    applicationId,
    transition,
    by: 'coordinator',
    actorPersonId: ctx.actor.personId,
    reason: options.reason,
    now: ctx.now,
    ipHash: ctx.ipHash,
    origin: options.origin,
    organisationId,
  })
}

/** The volunteer pauses, resumes or ends their own volunteering at one organisation. */
export async function transitionOwn(
  ctx: Ctx,
  applicationId: string,
  transition: 'pause' | 'resume' | 'end',
  options: { origin?: string } = {},
): Promise<TransitionResult> {
  return applyTransition(ctx.db, {
    applicationId,
    transition,
    by: 'volunteer',
    actorPersonId: ctx.actor.personId,
    now: ctx.now,
    ipHash: ctx.ipHash,
    origin: options.origin,
    personId: ctx.actor.personId,
  })
}

// --- sign-up ----------------------------------------------------------------------------

export interface VolunteerOrganisation {
  id: string
  name: string
  municipality: string | null
  roles: VolunteerRole[]
}

/** Approved organisations that take volunteers, with the roles each takes. */
export async function listVolunteerOrganisations(db: Executor): Promise<VolunteerOrganisation[]> {
  const rows = await db
    .selectFrom('organisation_volunteering as ov')
    .innerJoin('organisation as o', 'o.id', 'ov.organisation_id')
    .leftJoin('municipality as m', 'm.id', 'o.home_municipality_id')
    .select(['o.id', 'o.name', 'm.name as municipality', 'ov.roles'])
    .where('o.status', '=', 'approved')
    .where(sql<boolean>`cardinality(ov.roles) > 0`)
    .orderBy('o.name')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, municipality: r.municipality, roles: r.roles }))
}

export type ApplyResult =
  | { ok: true; signedIn: true; created: number }
  | { ok: true; signedIn: false }
  | { ok: false; errors: FieldErrors; status: 400 | 429 }

/** The roles a person asked for that the organisation takes; empty when none. */
const rolesAt = (org: VolunteerOrganisation, roles: VolunteerRole[]) =>
  roles.filter((r) => org.roles.includes(r))

function profileValues(input: VolunteerProfileInput, now: Date) {
  return {
    interests: input.interests,
    interest_words: input.interestWords,
    languages: input.languages,
    area_id: input.areaId,
    availability: input.availability,
    prefers_gender: input.prefersGender,
    prefers_age_min: input.prefersAgeMin,
    prefers_age_max: input.prefersAgeMax,
    capacity: input.capacity,
    lived_experience: input.livedExperience,
    motivation: input.motivation,
    consent_version: CONSENT_VERSION,
    consent_given_at: now,
    updated_at: now,
  }
}

async function checkOrganisations(
  db: Executor,
  input: VolunteerProfileInput,
): Promise<{ ok: true; orgs: VolunteerOrganisation[] } | { ok: false; errors: FieldErrors }> {
  const all = await listVolunteerOrganisations(db)
  const orgs = [...new Set(input.organisationIds)].map((id) => all.find((o) => o.id === id))
  if (orgs.some((o) => !o))
    return { ok: false, errors: { organisationIds: [`${V}.organisationUnknown`] } }
  if (input.areaId) {
    const area = await db
      .selectFrom('area')
      .select('id')
      .where('id', '=', input.areaId)
      .executeTakeFirst()
    if (!area) return { ok: false, errors: { areaId: [`${V}.areaUnknown`] } }
  }
  const without = (orgs as VolunteerOrganisation[]).filter(
    (o) => rolesAt(o, input.roles).length === 0,
  )
  if (without.length > 0) return { ok: false, errors: { roles: [`${V}.roleNotTaken`] } }
  return { ok: true, orgs: orgs as VolunteerOrganisation[] }
}

async function insertApplications(
  trx: Executor,
  personId: string,
  orgs: VolunteerOrganisation[],
  roles: VolunteerRole[],
  confirmedAt: Date | null,
  now: Date,
) {
  const created = await trx
    .insertInto('volunteer_application')
    .values(
      orgs.map((o) => ({
        person_id: personId,
        organisation_id: o.id,
        roles: rolesAt(o, roles),
        confirmed_at: confirmedAt,
        state_changed_at: now,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['person_id', 'organisation_id']).doNothing())
    .returning(['id', 'organisation_id', 'roles'])
    .execute()
  for (const app of created)
    await trx
      .insertInto('event')
      .values({
        municipality_id: null,
        actor_person_id: personId,
        entity_type: 'volunteer_application',
        entity_id: app.id,
        type: 'volunteer.applied',
        data: JSON.stringify({ roles: app.roles }),
        occurred_at: now,
      })
      .execute()
  return created
}

/** Tells the volunteer their application has arrived and each organisation's coordinators. */
async function announceApplications(
  trx: Executor,
  personId: string,
  applications: { id: string; organisation_id: string; roles: VolunteerRole[] }[],
  origin: string,
) {
  if (applications.length === 0) return
  const person = await trx
    .selectFrom('person')
    .select(['email', 'display_name', 'language'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  const orgs = await trx
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      applications.map((a) => a.organisation_id),
    )
    .orderBy('name')
    .execute()
  if (person.email)
    await enqueueEmail(trx, {
      to: person.email,
      toName: person.display_name,
      language: person.language,
      template: 'volunteerReceived',
      data: {
        name: person.display_name,
        organisations: orgs.map((o) => o.name),
        url: `${origin}${MY_PAGE}`,
      },
      dedupeKey: `volunteer-received:${applications
        .map((a) => a.id)
        .sort()
        .join(',')}`,
    })
  for (const app of applications) {
    const organisation = orgs.find((o) => o.id === app.organisation_id)!.name
    for (const c of await coordinatorsOf(trx, app.organisation_id))
      await enqueueEmail(trx, {
        to: c.email,
        toName: c.name,
        language: c.language,
        template: 'volunteerNewApplicant',
        data: {
          name: c.name,
          volunteer: person.display_name,
          organisation,
          roles: app.roles,
          url: `${origin}${volunteerPagePath(app.organisation_id, app.id)}`,
        },
        dedupeKey: `volunteer-new:${app.id}:${c.email}`,
      })
  }
}

/** A signed-in person applies: their account is who they are, so no confirmation is needed. */
export async function applySignedIn(
  ctx: Ctx,
  input: VolunteerProfileInput,
  options: { origin?: string } = {},
): Promise<ApplyResult> {
  const checked = await checkOrganisations(ctx.db, input)
  if (!checked.ok) return { ok: false, errors: checked.errors, status: 400 }
  const personId = ctx.actor.personId
  return inTransaction(ctx.db, async (trx) => {
    const values = profileValues(input, ctx.now)
    await trx
      .insertInto('volunteer_profile')
      .values({ person_id: personId, ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
      .execute()
    const created = await insertApplications(
      trx,
      personId,
      checked.orgs,
      input.roles,
      ctx.now,
      ctx.now,
    )
    await announceApplications(trx, personId, created, originOr(options.origin))
    return { ok: true as const, signedIn: true as const, created: created.length }
  })
}

/**
 * Someone not signed in applies. The answer is the same whether or not the address has an
 * account; the e-mail holds a link that confirms the address, the applications and signs in.
 * An existing account's profile is not overwritten by a form anyone could have sent.
 */
export async function applyWithEmail(
  db: Executor,
  input: VolunteerSignupInput,
  info: { now: Date; ipHash: string | null; language: Language; origin?: string },
): Promise<ApplyResult> {
  const checked = await checkOrganisations(db, input)
  if (!checked.ok) return { ok: false, errors: checked.errors, status: 400 }
  const account = input.email.toLowerCase()
  if (await tooManyRequests(db, 'magic_link', { account, ip: info.ipHash }, info.now))
    return { ok: false, errors: { email: [`${V}.tooMany`] }, status: 429 }
  await recordAttempt(db, 'magic_link', { account, ip: info.ipHash }, true, info.now)
  return inTransaction(db, async (trx) => {
    const findPerson = () =>
      trx
        .selectFrom('person')
        .select(['id', 'display_name', 'language', 'email', 'deleted_at'])
        .where((eb) => eb(eb.fn('lower', ['email']), '=', account))
        .executeTakeFirst()
    let person = await findPerson()
    const existing = person !== undefined
    if (!person) {
      await trx
        .insertInto('person')
        .values({
          email: input.email,
          display_name: input.name,
          phone: input.phone,
          language: info.language,
          contact_preference: 'email',
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
      person = await findPerson()
    }
    if (!person || person.deleted_at) return { ok: true as const, signedIn: false as const }
    const values = profileValues(input, info.now)
    await trx
      .insertInto('volunteer_profile')
      .values({ person_id: person.id, ...values })
      .onConflict((oc) => oc.column('person_id').doNothing())
      .execute()
    await insertApplications(trx, person.id, checked.orgs, input.roles, null, info.now)
    const token = randomToken()
    await trx
      .insertInto('login_token')
      .values({
        token_hash: sha256(token),
        purpose: 'magic_link',
        person_id: person.id,
        expires_at: new Date(info.now.getTime() + CONFIRM_HOURS * 3_600_000),
      })
      .execute()
    const language = existing ? person.language : info.language
    await enqueueEmail(trx, {
      to: person.email!,
      toName: existing ? person.display_name : input.name,
      language,
      template: 'volunteerConfirm',
      data: {
        name: existing ? person.display_name : input.name,
        organisations: checked.orgs.map((o) => o.name),
        url: `${originOr(info.origin)}/volunteer/confirm/${token}`,
        hours: CONFIRM_HOURS,
        existing,
      },
    })
    return { ok: true as const, signedIn: false as const }
  })
}

/** Whether a confirmation link can still be used (the page shows a button, not a form post). */
export async function isUsableConfirmation(db: Executor, token: string, now: Date) {
  const row = await db
    .selectFrom('login_token')
    .select('person_id')
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', 'magic_link')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row?.person_id ?? null
}

/** The link in the e-mail: confirms the address and the applications, and signs in. */
export async function confirmVolunteerEmail(
  db: Executor,
  token: string,
  info: RequestInfo & { origin?: string },
): Promise<LoginResult> {
  const personId = await isUsableConfirmation(db, token, info.now)
  if (!personId) return { ok: false, reason: 'invalid' }
  const result = await loginWithMagicLink(db, token, info)
  if (!result.ok) return result
  await confirmApplications(db, personId, info.now, info.origin)
  return result
}

/** Marks a person's unconfirmed applications confirmed and announces them. */
export async function confirmApplications(
  db: Executor,
  personId: string,
  now: Date,
  origin?: string,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const confirmed = await trx
      .updateTable('volunteer_application')
      .set({ confirmed_at: now, state_changed_at: now })
      .where('person_id', '=', personId)
      .where('confirmed_at', 'is', null)
      .returning(['id', 'organisation_id', 'roles'])
      .execute()
    await announceApplications(trx, personId, confirmed, originOr(origin))
    return confirmed.length
  })
}
