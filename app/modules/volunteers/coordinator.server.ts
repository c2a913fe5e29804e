import { sql } from 'kysely'
import { inTransaction } from '~/db.server'
import type { RequirementKind, VolunteerRole, VolunteerState } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { notFound } from '../identity/invitations.server'
import { isUuid } from '../identity/invitation-schemas'
import { enqueueEmail } from '../notifications/outbox.server'
import { applyTransition, MY_PAGE, requirementLinesFor, todayIn } from './applications.server'
import { activeBuddyCounts, openCapacity } from './capacity.server'
import { volunteerIsEligible } from './eligibility.server'
import { originOr } from './notify.server'
import { daysBetween, expiresOnFor, type RequirementLine } from './requirements'
import type { SettingsInput } from './schemas'
import { DEFAULT_VALID_MONTHS, REQUIREMENT_KINDS, VOLUNTEER_STATES } from './vocab'

// The organisation's side of volunteering: its settings (roles taken, requirements and how
// long each is valid), applicants by state, one volunteer's profile and history, the screening
// steps, bulk reminders and who has room for one more. Coordinators act; staff may read.

const O = 'pages.orgVolunteers.errors'
const readers = ['coordinator', 'staff'] as const

export interface VolunteerSettings {
  roles: VolunteerRole[]
  requirements: { kind: RequirementKind; enabled: boolean; validMonths: number | null }[]
}

export async function getVolunteerSettings(ctx: Ctx, orgId: string): Promise<VolunteerSettings> {
  requireOrgRole(ctx, orgId, readers)
  const [volunteering, required] = await Promise.all([
    ctx.db
      .selectFrom('organisation_volunteering')
      .select('roles')
      .where('organisation_id', '=', orgId)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('organisation_requirement')
      .select(['kind', 'valid_months'])
      .where('organisation_id', '=', orgId)
      .execute(),
  ])
  return {
    roles: volunteering?.roles ?? [],
    requirements: REQUIREMENT_KINDS.map((kind) => {
      const row = required.find((r) => r.kind === kind)
      return {
        kind,
        enabled: row !== undefined,
        validMonths: row ? row.valid_months : DEFAULT_VALID_MONTHS[kind],
      }
    }),
  }
}

export async function saveVolunteerSettings(
  ctx: Ctx,
  orgId: string,
  input: SettingsInput,
): Promise<void> {
  requireOrgRole(ctx, orgId, ['coordinator'])
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto('organisation_volunteering')
      .values({
        organisation_id: orgId,
        roles: input.roles,
        updated_by: ctx.actor.personId,
        updated_at: ctx.now,
      })
      .onConflict((oc) =>
        oc.column('organisation_id').doUpdateSet({
          roles: input.roles,
          updated_by: ctx.actor.personId,
          updated_at: ctx.now,
        }),
      )
      .execute()
    const chosen = REQUIREMENT_KINDS.filter((k) => input.requirements.includes(k))
    if (chosen.length < REQUIREMENT_KINDS.length)
      await trx
        .deleteFrom('organisation_requirement')
        .where('organisation_id', '=', orgId)
        .$if(chosen.length > 0, (q) => q.where('kind', 'not in', chosen))
        .execute()
    for (const kind of chosen) {
      const months = input[`months_${kind}`]
      await trx
        .insertInto('organisation_requirement')
        .values({ organisation_id: orgId, kind, valid_months: months })
        .onConflict((oc) =>
          oc.columns(['organisation_id', 'kind']).doUpdateSet({ valid_months: months }),
        )
        .execute()
    }
    await recordAudit(trx, {
      action: 'volunteer.settings',
      actorPersonId: ctx.actor.personId,
      recordType: 'organisation',
      recordId: orgId,
      ipHash: ctx.ipHash,
      details: { roles: input.roles, requirements: chosen },
      now: ctx.now,
    })
  })
}

export interface ApplicantRow {
  id: string
  name: string
  state: VolunteerState
  roles: VolunteerRole[]
  daysInState: number
  appliedAt: Date
  lines: RequirementLine[]
  /** Some requirement is missing or expired: a reminder makes sense. */
  missing: RequirementKind[]
}

export async function listApplicants(
  ctx: Ctx,
  orgId: string,
  state: VolunteerState | null,
): Promise<{ rows: ApplicantRow[]; counts: Record<VolunteerState, number>; unconfirmed: number }> {
  requireOrgRole(ctx, orgId, readers)
  const today = todayIn(ctx.now)
  const [rows, countRows] = await Promise.all([
    ctx.db
      .selectFrom('volunteer_application as va')
      .innerJoin('person as p', 'p.id', 'va.person_id')
      .select([
        'va.id',
        'p.display_name',
        'va.state',
        'va.roles',
        'va.state_changed_at',
        'va.created_at',
      ])
      .where('va.organisation_id', '=', orgId)
      .where('va.confirmed_at', 'is not', null)
      .$if(state !== null, (q) => q.where('va.state', '=', state!))
      .orderBy('va.state_changed_at')
      .limit(500)
      .execute(),
    ctx.db
      .selectFrom('volunteer_application')
      .select((eb) => [
        'state',
        sql<boolean>`confirmed_at is not null`.as('confirmed'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('organisation_id', '=', orgId)
      .groupBy(['state', sql`confirmed_at is not null`])
      .execute(),
  ])
  const lines = await requirementLinesFor(
    ctx.db,
    rows.map((r) => ({ id: r.id, organisationId: orgId })),
    today,
  )
  const counts = Object.fromEntries(VOLUNTEER_STATES.map((s) => [s, 0])) as Record<
    VolunteerState,
    number
  >
  let unconfirmed = 0
  for (const c of countRows) {
    if (c.confirmed) counts[c.state] += Number(c.n)
    else unconfirmed += Number(c.n)
  }
  return {
    counts,
    unconfirmed,
    rows: rows.map((r) => {
      const l = lines.get(r.id) ?? []
      return {
        id: r.id,
        name: r.display_name,
        state: r.state,
        roles: r.roles,
        appliedAt: r.created_at,
        daysInState: Math.max(0, daysBetween(todayIn(r.state_changed_at), today)),
        lines: l,
        missing: l
          .filter((x) => x.status === 'missing' || x.status === 'expired')
          .map((x) => x.kind),
      }
    }),
  }
}

export async function getVolunteerDetail(ctx: Ctx, orgId: string, applicationId: string) {
  requireOrgRole(ctx, orgId, readers)
  if (!isUuid(applicationId)) notFound()
  const app = await ctx.db
    .selectFrom('volunteer_application as va')
    .innerJoin('person as p', 'p.id', 'va.person_id')
    .innerJoin('volunteer_profile as vp', 'vp.person_id', 'va.person_id')
    .leftJoin('area as a', 'a.id', 'vp.area_id')
    .select([
      'va.id',
      'va.person_id',
      'va.state',
      'va.roles',
      'va.state_changed_at',
      'va.state_reason',
      'va.created_at',
      'va.confirmed_at',
      'p.display_name',
      'p.email',
      'p.phone',
      'vp.interests',
      'vp.interest_words',
      'vp.languages',
      'a.name as area',
      'vp.availability',
      'vp.prefers_gender',
      'vp.prefers_age_min',
      'vp.prefers_age_max',
      'vp.capacity',
      'vp.lived_experience',
      'vp.motivation',
      'vp.consent_version',
      'vp.consent_given_at',
    ])
    .where('va.id', '=', applicationId)
    .where('va.organisation_id', '=', orgId)
    .where('va.confirmed_at', 'is not', null)
    .executeTakeFirst()
  if (!app) notFound()
  const today = todayIn(ctx.now)
  const [lines, records, events, hours, eligible] = await Promise.all([
    requirementLinesFor(ctx.db, [{ id: app.id, organisationId: orgId }], today),
    ctx.db
      .selectFrom('volunteer_requirement as vr')
      .leftJoin('person as p', 'p.id', 'vr.recorded_by')
      .select([
        'vr.id',
        'vr.kind',
        'vr.checked_on',
        'vr.expires_on',
        'vr.recorded_at',
        'vr.note',
        'p.display_name as recorded_by',
      ])
      .where('vr.application_id', '=', app.id)
      .orderBy('vr.recorded_at', 'desc')
      .execute(),
    ctx.db
      .selectFrom('event as e')
      .leftJoin('person as p', 'p.id', 'e.actor_person_id')
      .select(['e.id', 'e.type', 'e.occurred_at', 'e.data', 'p.display_name as actor'])
      .where('e.entity_type', '=', 'volunteer_application')
      .where('e.entity_id', '=', app.id)
      .orderBy('e.occurred_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(100)
      .execute(),
    ctx.db
      .selectFrom('volunteer_hours as h')
      .leftJoin('activity_session as s', 's.id', 'h.session_id')
      .leftJoin('activity as ac', 'ac.id', 's.activity_id')
      .select([
        'h.id',
        'h.worked_on',
        'h.minutes',
        'h.approved_minutes',
        'h.state',
        'h.note',
        'ac.title as activity',
      ])
      .where('h.application_id', '=', app.id)
      .orderBy('h.worked_on', 'desc')
      .limit(100)
      .execute(),
    ctx.db
      .selectFrom('volunteer_application as va')
      .select('va.id')
      .where('va.id', '=', app.id)
      .where(volunteerIsEligible('va', ctx.now))
      .executeTakeFirst(),
  ])
  await recordAudit(ctx.db, {
    action: 'volunteer.read',
    actorPersonId: ctx.actor.personId,
    recordType: 'volunteer_application',
    recordId: app.id,
    ipHash: ctx.ipHash,
    page: `/org/${orgId}/volunteers/${app.id}`,
    now: ctx.now,
  })
  return {
    app,
    lines: lines.get(app.id) ?? [],
    records,
    events,
    hours,
    eligible: eligible !== undefined,
    daysInState: Math.max(0, daysBetween(todayIn(app.state_changed_at), today)),
  }
}

export type RecordResult = { ok: true } | { ok: false; errors: Record<string, string[]> }

/** A screening step seen by the coordinator: what, on which date, by whom (no documents). */
export async function recordRequirement(
  ctx: Ctx,
  orgId: string,
  applicationId: string,
  input: { kind: RequirementKind; checkedOn: string; note: string | null },
  options: { origin?: string } = {},
): Promise<RecordResult> {
  requireOrgRole(ctx, orgId, ['coordinator'])
  if (!isUuid(applicationId)) notFound()
  const today = todayIn(ctx.now)
  if (input.checkedOn > today) return { ok: false, errors: { checkedOn: [`${O}.dateFuture`] } }
  return inTransaction(ctx.db, async (trx): Promise<RecordResult> => {
    const app = await trx
      .selectFrom('volunteer_application')
      .select(['id', 'state'])
      .where('id', '=', applicationId)
      .where('organisation_id', '=', orgId)
      .where('confirmed_at', 'is not', null)
      .forUpdate()
      .executeTakeFirst()
    if (!app) notFound()
    if (app.state === 'ended') return { ok: false, errors: { kind: [`${O}.ended`] } }
    const required = await trx
      .selectFrom('organisation_requirement')
      .select('valid_months')
      .where('organisation_id', '=', orgId)
      .where('kind', '=', input.kind)
      .executeTakeFirst()
    if (!required) return { ok: false, errors: { kind: [`${O}.kindNotRequired`] } }
    const expiresOn = expiresOnFor(input.checkedOn, required.valid_months)
    const row = await trx
      .insertInto('volunteer_requirement')
      .values({
        application_id: app.id,
        kind: input.kind,
        checked_on: input.checkedOn,
        expires_on: expiresOn,
        recorded_by: ctx.actor.personId,
        recorded_at: ctx.now,
        note: input.note,
      })
      .onConflict((oc) => oc.columns(['application_id', 'kind', 'checked_on']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return { ok: true }
    await trx
      .insertInto('event')
      .values({
        actor_person_id: ctx.actor.personId,
        entity_type: 'volunteer_application',
        entity_id: app.id,
        type: 'volunteer.requirement',
        data: JSON.stringify({ kind: input.kind, checkedOn: input.checkedOn, expiresOn }),
        occurred_at: ctx.now,
      })
      .execute()
    await recordAudit(trx, {
      action: 'volunteer.requirement',
      actorPersonId: ctx.actor.personId,
      recordType: 'volunteer_application',
      recordId: app.id,
      ipHash: ctx.ipHash,
      details: { kind: input.kind, checkedOn: input.checkedOn },
      now: ctx.now,
    })
    // The first step recorded means screening has begun.
    if (app.state === 'applied')
      await applyTransition(trx, {
        applicationId: app.id,
        transition: 'startScreening',
        by: 'coordinator',
        actorPersonId: ctx.actor.personId,
        now: ctx.now,
        ipHash: ctx.ipHash,
        origin: options.origin,
        organisationId: orgId,
      })
    return { ok: true }
  })
}

/** One e-mail to each chosen applicant who still misses a requirement; once a day each. */
export async function sendReminders(
  ctx: Ctx,
  orgId: string,
  applicationIds: string[],
  options: { origin?: string } = {},
): Promise<number> {
  requireOrgRole(ctx, orgId, ['coordinator'])
  const rows = await ctx.db
    .selectFrom('volunteer_application as va')
    .innerJoin('person as p', 'p.id', 'va.person_id')
    .innerJoin('organisation as o', 'o.id', 'va.organisation_id')
    .select(['va.id', 'p.email', 'p.display_name', 'p.language', 'o.name as organisation'])
    .where('va.organisation_id', '=', orgId)
    .where('va.id', 'in', applicationIds)
    .where('va.confirmed_at', 'is not', null)
    .where('va.state', '<>', 'ended')
    .execute()
  const today = todayIn(ctx.now)
  const lines = await requirementLinesFor(
    ctx.db,
    rows.map((r) => ({ id: r.id, organisationId: orgId })),
    today,
  )
  let sent = 0
  await inTransaction(ctx.db, async (trx) => {
    for (const r of rows) {
      const missing = (lines.get(r.id) ?? [])
        .filter((l) => l.status === 'missing' || l.status === 'expired')
        .map((l) => l.kind)
      if (missing.length === 0 || !r.email) continue
      const id = await enqueueEmail(trx, {
        to: r.email,
        toName: r.display_name,
        language: r.language,
        template: 'volunteerReminder',
        data: {
          name: r.display_name,
          organisation: r.organisation,
          missing,
          url: `${originOr(options.origin)}${MY_PAGE}`,
        },
        dedupeKey: `volunteer-reminder:${r.id}:${today}`,
      })
      if (id) sent++
    }
    await recordAudit(trx, {
      action: 'volunteer.reminders',
      actorPersonId: ctx.actor.personId,
      recordType: 'organisation',
      recordId: orgId,
      ipHash: ctx.ipHash,
      details: { chosen: applicationIds.length, sent },
      now: ctx.now,
    })
  })
  return sent
}

export interface CapacityRow {
  id: string
  name: string
  state: VolunteerState
  roles: VolunteerRole[]
  capacity: number
  activeBuddies: number
  open: number
}

/** Eligible buddies and how many more people each can support, most room first. */
export async function listCapacity(ctx: Ctx, orgId: string): Promise<CapacityRow[]> {
  requireOrgRole(ctx, orgId, readers)
  const rows = await ctx.db
    .selectFrom('volunteer_application as va')
    .innerJoin('person as p', 'p.id', 'va.person_id')
    .innerJoin('volunteer_profile as vp', 'vp.person_id', 'va.person_id')
    .select(['va.id', 'va.person_id', 'p.display_name', 'va.state', 'va.roles', 'vp.capacity'])
    .where('va.organisation_id', '=', orgId)
    .where(sql<boolean>`'buddy' = any(va.roles)`)
    .where(volunteerIsEligible('va', ctx.now))
    .execute()
  const active = await activeBuddyCounts(
    ctx.db,
    rows.map((r) => r.person_id),
  )
  return rows
    .map((r) => {
      const activeBuddies = active.get(r.person_id) ?? 0
      return {
        id: r.id,
        name: r.display_name,
        state: r.state,
        roles: r.roles,
        capacity: r.capacity,
        activeBuddies,
        open: openCapacity(r.capacity, activeBuddies),
      }
    })
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name, 'da'))
}
