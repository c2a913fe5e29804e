import { inTransaction, type Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import type { FieldErrors } from '~/ui/forms'
import type { OrganisationStatus } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { notFound } from '../identity/invitations.server'
import { enqueueEmail } from '../notifications/outbox.server'
import {
  addDays,
  occurrences,
  sessionTimes,
  TIMEZONE,
  utcToZoned,
  zonedTimeToUtc,
  type Schedule,
} from './schedule'
import type { ActivityInput, StoredActivity } from './schemas'
import { HORIZON_DAYS, materialiseSessions, scheduleOf } from './sessions.server'

// Activities (aktiviteter) posted by an organisation's staff. Coordinators and staff may post
// and change them; only an approved organisation publishes, a pending one keeps drafts. Every
// change brings the materialised session rows in line in the same transaction, and everyone
// signed up to a session that goes away is told.

export const STAFF_ROLES = ['coordinator', 'staff'] as const
const E = 'pages.orgActivities.errors'

/** Sign-ups that hold or wait for a place: the people to tell when a session goes. */
const ACTIVE_SIGNUP = ['confirmed', 'waitlisted', 'offered'] as const

export interface ChangeReport {
  /** Sessions with sign-ups that were cancelled (the people were told). */
  sessionsCancelled: number
  /** Sessions without sign-ups that were simply removed. */
  sessionsRemoved: number
  /** E-mails enqueued. */
  notified: number
  /** Signed-up people we could not e-mail (a guest with only a phone number, …): call them. */
  notNotified: number
}

const NO_CHANGE: ChangeReport = {
  sessionsCancelled: 0,
  sessionsRemoved: 0,
  notified: 0,
  notNotified: 0,
}

export type SaveResult =
  { ok: true; activityId: string; report: ChangeReport } | { ok: false; errors: FieldErrors }

export interface StaffOrganisation {
  id: string
  name: string
  status: OrganisationStatus
  homeMunicipalityId: string | null
  phone: string | null
}

/** The organisation, for its coordinators and staff (403 for everybody else, before any query). */
export async function getOrganisationForStaff(
  ctx: Ctx,
  organisationId: string,
): Promise<StaffOrganisation> {
  requireOrgRole(ctx, organisationId, STAFF_ROLES)
  const row = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name', 'status', 'home_municipality_id', 'phone'])
    .where('id', '=', organisationId)
    .executeTakeFirst()
  if (!row) notFound()
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    homeMunicipalityId: row.home_municipality_id,
    phone: row.phone,
  }
}

export interface ActivityFormOptions {
  areas: { id: string; name: string }[]
  goals: { id: string; framework: string; titleDa: string; titleEn: string }[]
  targetGroups: { id: string; nameDa: string; nameEn: string }[]
}

/** The choices the activity form offers: the home municipality's areas and goal framework. */
export async function getActivityFormOptions(
  ctx: Ctx,
  organisationId: string,
): Promise<ActivityFormOptions> {
  const organisation = await getOrganisationForStaff(ctx, organisationId)
  const municipalityId = organisation.homeMunicipalityId
  const [areas, goals, targetGroups] = await Promise.all([
    municipalityId
      ? ctx.db
          .selectFrom('area')
          .select(['id', 'name'])
          .where('municipality_id', '=', municipalityId)
          .orderBy('name')
          .execute()
      : [],
    municipalityId
      ? ctx.db
          .selectFrom('goal as g')
          .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
          .select(['g.id', 'f.name as framework', 'g.title_da', 'g.title_en'])
          .where('f.municipality_id', '=', municipalityId)
          .orderBy('f.name')
          .orderBy('g.position')
          .execute()
      : [],
    ctx.db
      .selectFrom('target_group')
      .select(['id', 'name_da', 'name_en'])
      .orderBy('name_da')
      .execute(),
  ])
  return {
    areas,
    goals: goals.map((g) => ({
      id: g.id,
      framework: g.framework,
      titleDa: g.title_da,
      titleEn: g.title_en,
    })),
    targetGroups: targetGroups.map((g) => ({ id: g.id, nameDa: g.name_da, nameEn: g.name_en })),
  }
}

/** Area and goals must be the home municipality's; target groups must exist. */
async function referenceErrors(
  db: Executor,
  municipalityId: string | null,
  input: ActivityInput,
): Promise<FieldErrors | null> {
  const errors: FieldErrors = {}
  const invalid = [`${E}.invalidChoice`]
  if (input.areaId) {
    const area = municipalityId
      ? await db
          .selectFrom('area')
          .select('id')
          .where('id', '=', input.areaId)
          .where('municipality_id', '=', municipalityId)
          .executeTakeFirst()
      : undefined
    if (!area) errors.areaId = invalid
  }
  if (input.goalIds.length > 0) {
    const found = municipalityId
      ? await db
          .selectFrom('goal as g')
          .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
          .select('g.id')
          .where('g.id', 'in', input.goalIds)
          .where('f.municipality_id', '=', municipalityId)
          .execute()
      : []
    if (found.length !== input.goalIds.length) errors.goals = invalid
  }
  if (input.targetGroupIds.length > 0) {
    const found = await db
      .selectFrom('target_group')
      .select('id')
      .where('id', 'in', input.targetGroupIds)
      .execute()
    if (found.length !== input.targetGroupIds.length) errors.targetGroups = invalid
  }
  return Object.keys(errors).length > 0 ? errors : null
}

function activityColumns(input: ActivityInput) {
  return {
    title: input.title,
    description: input.description,
    category: input.category,
    location_name: input.locationName,
    street_address: input.streetAddress,
    postal_code: input.postalCode,
    city: input.city,
    area_id: input.areaId,
    phone: input.phone,
    email: input.email,
    price_oere: input.priceOere,
    capacity: input.capacity,
    accessibility_note: input.accessibilityNote,
    adaptation_note: input.adaptationNote,
    open_no_referral: input.openNoReferral,
    no_membership: input.noMembership,
    roles_offered: input.rolesOffered,
    freq: input.schedule.freq,
    interval: input.schedule.interval,
    byday: input.schedule.byday,
    bysetpos: input.schedule.bysetpos,
    dtstart: input.schedule.dtstart,
    until: input.schedule.until,
    start_time: input.schedule.startTime,
    end_time: input.schedule.endTime,
    status: input.publish ? ('published' as const) : ('draft' as const),
  }
}

async function replaceTags(trx: Executor, activityId: string, input: ActivityInput) {
  await trx.deleteFrom('activity_goal').where('activity_id', '=', activityId).execute()
  await trx.deleteFrom('activity_target_group').where('activity_id', '=', activityId).execute()
  if (input.goalIds.length > 0)
    await trx
      .insertInto('activity_goal')
      .values(input.goalIds.map((goal_id) => ({ activity_id: activityId, goal_id })))
      .execute()
  if (input.targetGroupIds.length > 0)
    await trx
      .insertInto('activity_target_group')
      .values(
        input.targetGroupIds.map((target_group_id) => ({
          activity_id: activityId,
          target_group_id,
        })),
      )
      .execute()
}

/** The same activity posted twice by the same person within this time is one activity. */
const DOUBLE_SUBMIT_MS = 10 * 60_000

const publishRefused = (): SaveResult => ({
  ok: false,
  errors: { saveAs: [`${E}.notApproved`] },
})

/** A new activity; its sessions for the next 12 weeks exist when the transaction commits. */
export async function createActivity(
  ctx: Ctx,
  organisationId: string,
  input: ActivityInput,
): Promise<SaveResult> {
  const organisation = await getOrganisationForStaff(ctx, organisationId)
  if (input.publish && organisation.status !== 'approved') return publishRefused()
  const errors = await referenceErrors(ctx.db, organisation.homeMunicipalityId, input)
  if (errors) return { ok: false, errors }
  return inTransaction(ctx.db, async (trx) => {
    // A double submit (two clicks, a reload) gives one activity: the organisation row is the
    // lock, so the second request waits and then finds the first one's activity.
    await trx
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', organisation.id)
      .forUpdate()
      .execute()
    const duplicate = await trx
      .selectFrom('activity')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .where('created_by', '=', ctx.actor.personId)
      .where('title', '=', input.title)
      .where('dtstart', '=', input.schedule.dtstart)
      .where('start_time', '=', input.schedule.startTime)
      .where('byday', 'is not distinct from', input.schedule.byday)
      .where('created_at', '>', new Date(ctx.now.getTime() - DOUBLE_SUBMIT_MS))
      .executeTakeFirst()
    if (duplicate) return { ok: true as const, activityId: duplicate.id, report: NO_CHANGE }
    const row = await trx
      .insertInto('activity')
      .values({
        ...activityColumns(input),
        organisation_id: organisation.id,
        created_by: ctx.actor.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await replaceTags(trx, row.id, input)
    const sessions = await materialiseSessions(trx, row.id, ctx.now)
    await recordAudit(trx, {
      action: 'activity.created',
      actorPersonId: ctx.actor.personId,
      municipalityId: organisation.homeMunicipalityId,
      recordType: 'activity',
      recordId: row.id,
      ipHash: ctx.ipHash,
      page: `/org/${organisation.id}/activities/new`,
      details: { organisationId: organisation.id, status: activityColumns(input).status, sessions },
      now: ctx.now,
    })
    return { ok: true as const, activityId: row.id, report: NO_CHANGE }
  })
}

interface ActivityHeader {
  id: string
  organisationId: string
}

/** 404 for an id that is not an activity; 403 unless the actor works for its organisation. */
async function requireActivityStaff(ctx: Ctx, activityId: string): Promise<ActivityHeader> {
  if (!isUuid(activityId)) notFound()
  const row = await ctx.db
    .selectFrom('activity')
    .select(['id', 'organisation_id'])
    .where('id', '=', activityId)
    .executeTakeFirst()
  if (!row) notFound()
  requireOrgRole(ctx, row.organisation_id, STAFF_ROLES)
  return { id: row.id, organisationId: row.organisation_id }
}

const SCHEDULE_COLUMNS = [
  'a.id',
  'a.title',
  'a.status',
  'a.freq',
  'a.interval',
  'a.byday',
  'a.bysetpos',
  'a.dtstart',
  'a.until',
  'a.start_time',
  'a.end_time',
  'a.timezone',
  'a.capacity',
  'a.phone',
  'o.name as organisation_name',
  'o.phone as organisation_phone',
  'o.home_municipality_id',
] as const

async function lockActivity(trx: Executor, activityId: string) {
  return trx
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(SCHEDULE_COLUMNS)
    .where('a.id', '=', activityId)
    .forUpdate('a')
    .executeTakeFirstOrThrow()
}

type LockedActivity = Awaited<ReturnType<typeof lockActivity>>

/** "tirsdag den 24. november 2026 kl. 17.00" in the recipient's language. */
function emailWhen(startsAt: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIMEZONE,
  }).format(startsAt)
}

/**
 * E-mails everyone with a live sign-up to these (just cancelled) sessions, in the language they
 * signed up in. People without an e-mail address we may use — a guest who left only a phone
 * number, a person who asked to be reached through their caseworker — are counted, not skipped
 * silently: staff call them (the session page lists them).
 */
async function notifySignups(
  trx: Executor,
  activity: LockedActivity,
  sessionIds: string[],
  message: { reason: string | null; scheduleChanged: boolean },
): Promise<{ notified: number; notNotified: number }> {
  if (sessionIds.length === 0) return { notified: 0, notNotified: 0 }
  const rows = await trx
    .selectFrom('signup as g')
    .innerJoin('activity_session as s', 's.id', 'g.session_id')
    .leftJoin('person as p', 'p.id', 'g.person_id')
    .select([
      'g.id',
      'g.language',
      'g.person_id',
      'g.guest_name',
      'g.guest_email',
      's.starts_at',
      'p.email as person_email',
      'p.display_name',
      'p.contact_preference',
      'p.deleted_at',
    ])
    .where('g.session_id', 'in', sessionIds)
    .where('g.state', 'in', ACTIVE_SIGNUP)
    .orderBy('s.starts_at')
    .orderBy('g.created_at')
    .execute()
  let notified = 0
  let notNotified = 0
  for (const row of rows) {
    const viaPerson = row.person_id !== null
    const to = viaPerson
      ? row.deleted_at === null && row.contact_preference !== 'via_caseworker'
        ? row.person_email
        : null
      : row.guest_email
    if (!to) {
      notNotified++
      continue
    }
    const language = row.language as Language
    await enqueueEmail(trx, {
      to,
      toName: viaPerson ? row.display_name : row.guest_name,
      language,
      template: 'sessionCancelled',
      data: {
        name: viaPerson ? row.display_name : row.guest_name,
        activity: activity.title,
        organisation: activity.organisation_name,
        when: emailWhen(new Date(row.starts_at), language),
        reason: message.reason,
        scheduleChanged: message.scheduleChanged,
        phone: activity.phone ?? activity.organisation_phone,
      },
      // One sign-up is for one session, and a cancelled session stays cancelled.
      dedupeKey: `sessionCancelled:${row.id}`,
    })
    notified++
  }
  return { notified, notNotified }
}

/**
 * Brings the future sessions in line with the activity as it now is. A session the schedule no
 * longer has is removed when nobody signed up, and cancelled (the people told) when somebody did.
 * A changed end time or capacity is written to the sessions that stay. Past and started
 * sessions are history and never touched.
 */
async function reconcileFutureSessions(
  trx: Executor,
  activity: LockedActivity,
  now: Date,
  message: { reason: string | null; scheduleChanged: boolean },
): Promise<ChangeReport> {
  const future = await trx
    .selectFrom('activity_session')
    .select(['id', 'starts_at', 'ends_at', 'local_date'])
    .where('activity_id', '=', activity.id)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    // Waits for sign-ups being made to these sessions right now, so none is removed unseen.
    .forUpdate()
    .execute()
  if (future.length === 0) return NO_CHANGE
  const wanted = new Map<number, Date>()
  if (activity.status === 'published') {
    const exceptions = await trx
      .selectFrom('activity_exception')
      .select('on_date')
      .where('activity_id', '=', activity.id)
      .execute()
    const today = utcToZoned(now, activity.timezone).date
    const horizon = addDays(today, HORIZON_DAYS)
    const last = future.reduce((max, s) => (s.local_date > max ? s.local_date : max), horizon)
    const schedule = scheduleOf(activity)
    const dates = occurrences(
      schedule,
      today,
      last,
      exceptions.map((e) => e.on_date),
    )
    for (const s of sessionTimes(schedule, dates)) wanted.set(s.startsAt.getTime(), s.endsAt)
  }
  const stale = future.filter((s) => !wanted.has(new Date(s.starts_at).getTime()))
  const kept = future.filter((s) => wanted.has(new Date(s.starts_at).getTime()))
  for (const s of kept) {
    const endsAt = wanted.get(new Date(s.starts_at).getTime())!
    await trx
      .updateTable('activity_session')
      .set({ ends_at: endsAt, capacity: activity.capacity })
      .where('id', '=', s.id)
      .execute()
  }
  if (stale.length === 0) return NO_CHANGE
  const staleIds = stale.map((s) => s.id)
  const withSignups = new Set(
    (
      await trx
        .selectFrom('signup')
        .select('session_id')
        .distinct()
        .where('session_id', 'in', staleIds)
        .where('state', '<>', 'cancelled')
        .execute()
    ).map((r) => r.session_id),
  )
  const toRemove = staleIds.filter((id) => !withSignups.has(id))
  const toCancel = staleIds.filter((id) => withSignups.has(id))
  if (toRemove.length > 0)
    await trx.deleteFrom('activity_session').where('id', 'in', toRemove).execute()
  if (toCancel.length > 0)
    await trx
      .updateTable('activity_session')
      .set({ status: 'cancelled', cancelled_reason: message.reason })
      .where('id', 'in', toCancel)
      .execute()
  const told = await notifySignups(trx, activity, toCancel, message)
  return { sessionsCancelled: toCancel.length, sessionsRemoved: toRemove.length, ...told }
}

/** Saves the form over the activity; sessions follow the new schedule in the same transaction. */
export async function updateActivity(
  ctx: Ctx,
  activityId: string,
  input: ActivityInput,
): Promise<SaveResult> {
  const header = await requireActivityStaff(ctx, activityId)
  const organisation = await getOrganisationForStaff(ctx, header.organisationId)
  if (input.publish && organisation.status !== 'approved') return publishRefused()
  const errors = await referenceErrors(ctx.db, organisation.homeMunicipalityId, input)
  if (errors) return { ok: false, errors }
  return inTransaction(ctx.db, async (trx) => {
    const before = await lockActivity(trx, activityId)
    const columns = activityColumns(input)
    await trx
      .updateTable('activity')
      .set({ ...columns, updated_at: ctx.now })
      .where('id', '=', activityId)
      .execute()
    await replaceTags(trx, activityId, input)
    const after = await lockActivity(trx, activityId)
    const scheduleChanged = SCHEDULE_FIELDS.some((f) => before[f] !== after[f])
    const report = await reconcileFutureSessions(trx, after, ctx.now, {
      reason: null,
      // Unpublishing is a cancellation, not a new timetable.
      scheduleChanged: after.status === 'published',
    })
    await materialiseSessions(trx, activityId, ctx.now)
    await recordAudit(trx, {
      action: 'activity.updated',
      actorPersonId: ctx.actor.personId,
      municipalityId: organisation.homeMunicipalityId,
      recordType: 'activity',
      recordId: activityId,
      ipHash: ctx.ipHash,
      page: `/org/${organisation.id}/activities/${activityId}`,
      details: { status: columns.status, scheduleChanged, ...report },
      now: ctx.now,
    })
    return { ok: true as const, activityId, report }
  })
}

const SCHEDULE_FIELDS = [
  'freq',
  'interval',
  'byday',
  'bysetpos',
  'dtstart',
  'until',
  'start_time',
  'end_time',
  'status',
] as const satisfies readonly (keyof LockedActivity)[]

export type ExceptionResult =
  { ok: true; alreadyCancelled: boolean; report: ChangeReport } | { ok: false; errors: FieldErrors }

/**
 * One date of the series does not happen (EXDATE). Its session is cancelled and everyone signed
 * up is told. The same date twice is one exception and one message each (a double submit).
 */
export async function addException(
  ctx: Ctx,
  activityId: string,
  date: string,
  reason: string,
): Promise<ExceptionResult> {
  const header = await requireActivityStaff(ctx, activityId)
  return inTransaction(ctx.db, async (trx) => {
    const activity = await lockActivity(trx, activityId)
    if (occurrences(scheduleOf(activity), date, date).length === 0)
      return { ok: false as const, errors: { date: [`${E}.notAnOccurrence`] } }
    if (zonedTimeToUtc(date, activity.start_time, activity.timezone) <= ctx.now)
      return { ok: false as const, errors: { date: [`${E}.dateInPast`] } }
    const inserted = await trx
      .insertInto('activity_exception')
      .values({ activity_id: activityId, on_date: date, reason, created_by: ctx.actor.personId })
      .onConflict((oc) => oc.columns(['activity_id', 'on_date']).doNothing())
      .returning('on_date')
      .executeTakeFirst()
    if (!inserted) return { ok: true as const, alreadyCancelled: true, report: NO_CHANGE }
    await trx
      .selectFrom('activity_session')
      .select('id')
      .where('activity_id', '=', activityId)
      .where('local_date', '=', date)
      .forUpdate()
      .execute()
    const cancelled = await trx
      .updateTable('activity_session')
      .set({ status: 'cancelled', cancelled_reason: reason })
      .where('activity_id', '=', activityId)
      .where('local_date', '=', date)
      .where('status', '=', 'scheduled')
      .returning('id')
      .execute()
    const ids = cancelled.map((s) => s.id)
    const told = await notifySignups(trx, activity, ids, { reason, scheduleChanged: false })
    const report = { ...NO_CHANGE, sessionsCancelled: ids.length, ...told }
    await recordAudit(trx, {
      action: 'activity.exception_added',
      actorPersonId: ctx.actor.personId,
      municipalityId: activity.home_municipality_id,
      recordType: 'activity',
      recordId: activityId,
      ipHash: ctx.ipHash,
      page: `/org/${header.organisationId}/activities/${activityId}`,
      details: { date, ...report },
      now: ctx.now,
    })
    return { ok: true as const, alreadyCancelled: false, report }
  })
}

/** The whole activity stops: every future session goes, and the people signed up are told. */
export async function cancelActivity(
  ctx: Ctx,
  activityId: string,
  reason: string,
): Promise<ChangeReport> {
  const header = await requireActivityStaff(ctx, activityId)
  return inTransaction(ctx.db, async (trx) => {
    const before = await lockActivity(trx, activityId)
    if (before.status === 'cancelled') return NO_CHANGE
    await trx
      .updateTable('activity')
      .set({ status: 'cancelled', updated_at: ctx.now })
      .where('id', '=', activityId)
      .execute()
    const report = await reconcileFutureSessions(trx, { ...before, status: 'cancelled' }, ctx.now, {
      reason,
      scheduleChanged: false,
    })
    await recordAudit(trx, {
      action: 'activity.cancelled',
      actorPersonId: ctx.actor.personId,
      municipalityId: before.home_municipality_id,
      recordType: 'activity',
      recordId: activityId,
      ipHash: ctx.ipHash,
      page: `/org/${header.organisationId}/activities/${activityId}`,
      details: { reason, ...report },
      now: ctx.now,
    })
    return report
  })
}

export interface OrgActivityListItem {
  id: string
  title: string
  status: 'draft' | 'published' | 'cancelled'
  schedule: Schedule
  nextSession: Date | null
}

/** The organisation's activities with their next session, live ones first. */
export async function listOrgActivities(
  ctx: Ctx,
  organisationId: string,
): Promise<OrgActivityListItem[]> {
  requireOrgRole(ctx, organisationId, STAFF_ROLES)
  const rows = await ctx.db
    .selectFrom('activity as a')
    .select((eb) => [
      'a.id',
      'a.title',
      'a.status',
      'a.freq',
      'a.interval',
      'a.byday',
      'a.bysetpos',
      'a.dtstart',
      'a.until',
      'a.start_time',
      'a.end_time',
      'a.timezone',
      'a.capacity',
      eb
        .selectFrom('activity_session as s')
        .select((e) => e.fn.min('s.starts_at').as('first'))
        .whereRef('s.activity_id', '=', 'a.id')
        .where('s.status', '=', 'scheduled')
        .where('s.starts_at', '>', ctx.now)
        .as('next_starts_at'),
    ])
    .where('a.organisation_id', '=', organisationId)
    .orderBy((eb) => eb.case().when('a.status', '=', 'cancelled').then(1).else(0).end())
    .orderBy('a.title')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    schedule: scheduleOf(r),
    nextSession: r.next_starts_at ? new Date(r.next_starts_at) : null,
  }))
}

export interface StaffSession {
  id: string
  startsAt: Date
  endsAt: Date
  localDate: string
  capacity: number | null
  status: 'scheduled' | 'cancelled'
  cancelledReason: string | null
  signedUp: number
  waitlisted: number
}

export interface StaffActivity {
  id: string
  organisationId: string
  status: 'draft' | 'published' | 'cancelled'
  stored: StoredActivity
  schedule: Schedule
  exceptions: { date: string; reason: string | null }[]
  sessions: StaffSession[]
}

/** Everything staff see and edit about one activity, with its next 12 sessions. */
export async function getActivityForStaff(
  ctx: Ctx,
  activityId: string,
  sessionCount = 12,
): Promise<StaffActivity> {
  const header = await requireActivityStaff(ctx, activityId)
  const a = await ctx.db
    .selectFrom('activity')
    .select([
      'id',
      'organisation_id',
      'title',
      'description',
      'category',
      'location_name',
      'street_address',
      'postal_code',
      'city',
      'area_id',
      'phone',
      'email',
      'price_oere',
      'capacity',
      'accessibility_note',
      'adaptation_note',
      'open_no_referral',
      'no_membership',
      'roles_offered',
      'freq',
      'interval',
      'byday',
      'bysetpos',
      'dtstart',
      'until',
      'start_time',
      'end_time',
      'timezone',
      'status',
    ])
    .where('id', '=', header.id)
    .executeTakeFirstOrThrow()
  const today = utcToZoned(ctx.now).date
  const [goals, targetGroups, exceptions, sessions] = await Promise.all([
    ctx.db.selectFrom('activity_goal').select('goal_id').where('activity_id', '=', a.id).execute(),
    ctx.db
      .selectFrom('activity_target_group')
      .select('target_group_id')
      .where('activity_id', '=', a.id)
      .execute(),
    ctx.db
      .selectFrom('activity_exception')
      .select(['on_date', 'reason'])
      .where('activity_id', '=', a.id)
      .where('on_date', '>=', today)
      .orderBy('on_date')
      .execute(),
    ctx.db
      .selectFrom('activity_session as s')
      .select((eb) => [
        's.id',
        's.starts_at',
        's.ends_at',
        's.local_date',
        's.capacity',
        's.status',
        's.cancelled_reason',
        eb
          .selectFrom('signup as g')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('g.session_id', '=', 's.id')
          .where('g.state', 'in', ['confirmed', 'attended', 'no_show'])
          .as('signed_up'),
        eb
          .selectFrom('signup as g')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('g.session_id', '=', 's.id')
          .where('g.state', 'in', ['waitlisted', 'offered'])
          .as('waitlisted'),
      ])
      .where('s.activity_id', '=', a.id)
      .where('s.ends_at', '>', ctx.now)
      .orderBy('s.starts_at')
      .limit(sessionCount)
      .execute(),
  ])
  const stored: StoredActivity = {
    title: a.title,
    description: a.description,
    category: a.category,
    freq: a.freq,
    interval: a.interval,
    byday: a.byday,
    bysetpos: a.bysetpos,
    dtstart: a.dtstart,
    until: a.until,
    startTime: a.start_time,
    endTime: a.end_time,
    locationName: a.location_name,
    streetAddress: a.street_address,
    postalCode: a.postal_code,
    city: a.city,
    areaId: a.area_id,
    priceOere: a.price_oere,
    capacity: a.capacity,
    accessibilityNote: a.accessibility_note,
    adaptationNote: a.adaptation_note,
    openNoReferral: a.open_no_referral,
    noMembership: a.no_membership,
    rolesOffered: a.roles_offered,
    goalIds: goals.map((g) => g.goal_id),
    targetGroupIds: targetGroups.map((g) => g.target_group_id),
    phone: a.phone,
    email: a.email,
  }
  return {
    id: a.id,
    organisationId: a.organisation_id,
    status: a.status,
    stored,
    schedule: scheduleOf(a),
    exceptions: exceptions.map((e) => ({ date: e.on_date, reason: e.reason })),
    sessions: sessions.map((s) => ({
      id: s.id,
      startsAt: new Date(s.starts_at),
      endsAt: new Date(s.ends_at),
      localDate: s.local_date,
      capacity: s.capacity,
      status: s.status,
      cancelledReason: s.cancelled_reason,
      signedUp: Number(s.signed_up ?? 0),
      waitlisted: Number(s.waitlisted ?? 0),
    })),
  }
}
