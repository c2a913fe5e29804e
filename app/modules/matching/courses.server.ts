import { sql, type Transaction } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import type {
  CloseReason,
  CourseState,
  DB,
  MatchAnswer,
  VolunteerDeclineReason,
} from '../../../db/schema.ts'
import { utcToZoned } from '../activities/schedule'
import { defaultOrigin } from '../activities/signups.server'
import { recordAudit } from '../audit/audit.server'
import { activeConsentCovers } from '../consent/scope.server'
import { randomToken, sha256 } from '../identity/crypto.server'
import { hasMunicipalRole, hasOrgRole } from '../identity/policy'
import { forbidden, requireOrgRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { enqueueEmail } from '../notifications/outbox.server'
import { latestEnd } from './course-rules'
import { FOLLOW_UP_DAYS, MAX_COURSE_MONTHS, DEFAULT_CHECKIN_DAYS } from './scoring'
import type { CloseInput, DetailsInput } from './schemas'
import { getMatchReferral, suggestionQuery } from './suggestions.server'
import { volunteerIsEligible } from '../volunteers/eligibility.server'
import { transition, HOLDS_CAPACITY, type CourseEvent } from './transitions'

// The match and the course (forløb): every change of state goes through `applyEvent`, which
// locks the course row, asks the transition table, and writes the state, an event row, the
// audit entry and any e-mail in the caller's one transaction.

type Trx = Transaction<DB>
const DAY_MS = 86_400_000

export const volunteerAnswerPath = (token: string) => `/volunteer/buddies/answer/${token}`
export const firstName = (name: string | null | undefined) =>
  (name ?? '').trim().split(/\s+/)[0] ?? ''

export interface MailOptions {
  origin?: string
}

interface LockedCourse {
  id: string
  referral_id: string
  citizen_id: string
  municipality_id: string
  organisation_id: string
  volunteer_application_id: string
  volunteer_person_id: string
  state: CourseState
  volunteer_answer: MatchAnswer
  citizen_answer: MatchAnswer
  started_at: Date | null
  course_type: 'coordination_companionship' | 'network_building'
  goals: string | null
  checkin_interval_days: number
}

function lockCourse(trx: Trx, courseId: string) {
  return trx
    .selectFrom('course')
    .select([
      'id',
      'referral_id',
      'citizen_id',
      'municipality_id',
      'organisation_id',
      'volunteer_application_id',
      'volunteer_person_id',
      'state',
      'volunteer_answer',
      'citizen_answer',
      'started_at',
      'course_type',
      'goals',
      'checkin_interval_days',
    ])
    .where('id', '=', courseId)
    .forUpdate()
    .executeTakeFirst() as Promise<LockedCourse | undefined>
}

async function settingsOf(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom('match_settings')
    .select(['course_months', 'checkin_interval_days'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  return {
    months: row?.course_months ?? MAX_COURSE_MONTHS,
    checkinDays: row?.checkin_interval_days ?? DEFAULT_CHECKIN_DAYS,
  }
}

async function writeEvent(
  trx: Trx,
  course: Pick<LockedCourse, 'id' | 'municipality_id' | 'citizen_id'>,
  type: string,
  actorPersonId: string | null,
  now: Date,
  data: Record<string, unknown> = {},
) {
  await trx
    .insertInto('event')
    .values({
      occurred_at: now,
      municipality_id: course.municipality_id,
      actor_person_id: actorPersonId,
      entity_type: 'course',
      entity_id: course.id,
      type,
      data: JSON.stringify(data),
    })
    .execute()
  await recordAudit(trx, {
    action: `course.${type}`,
    actorPersonId,
    municipalityId: course.municipality_id,
    recordType: 'course',
    recordId: course.id,
    subjectCitizenId: course.citizen_id,
    details: data,
    now,
  })
}

export type EventResult =
  | { ok: true; state: CourseState; started: boolean }
  | { ok: false; reason: 'notFound' | 'notAllowed' | 'alreadyAnswered' | 'full' | 'noConsent' }

/**
 * The one place a course changes state. `who` must already have been checked against the
 * course by the caller's `authorise`, which runs on the locked row.
 */
async function applyEvent(
  db: Executor,
  courseId: string,
  event: CourseEvent,
  options: {
    actorPersonId: string | null
    now: Date
    authorise: (course: LockedCourse) => boolean
    patch?: (
      course: LockedCourse,
      trx: Trx,
    ) => Record<string, unknown> | Promise<Record<string, unknown>>
    after?: (trx: Trx, course: LockedCourse, started: boolean) => Promise<void>
    data?: Record<string, unknown>
  },
): Promise<EventResult> {
  if (!isUuid(courseId)) return { ok: false, reason: 'notFound' }
  return inTransaction(db, async (trx) => {
    const course = await lockCourse(trx, courseId)
    if (!course || !options.authorise(course)) return { ok: false, reason: 'notFound' }
    const result = transition(
      {
        state: course.state,
        volunteerAnswer: course.volunteer_answer,
        citizenAnswer: course.citizen_answer,
      },
      event,
    )
    if (!result.ok) return { ok: false, reason: result.reason }
    const now = options.now
    const { months } = result.started
      ? await settingsOf(trx, course.organisation_id)
      : { months: 0 }
    const today = utcToZoned(now).date
    await trx
      .updateTable('course')
      .set({
        state: result.to.state,
        volunteer_answer: result.to.volunteerAnswer,
        citizen_answer: result.to.citizenAnswer,
        ...(result.started ? { started_at: now, planned_end: latestEnd(today, months) } : {}),
        ...((await options.patch?.(course, trx)) ?? {}),
        updated_at: now,
      })
      .where('id', '=', course.id)
      .execute()
    await writeEvent(trx, course, event, options.actorPersonId, now, {
      from: course.state,
      to: result.to.state,
      ...options.data,
    })
    if (result.started) await onStarted(trx, course, now)
    await options.after?.(trx, course, result.started)
    return { ok: true, state: result.to.state, started: result.started }
  })
}

/** Both said yes: the referral is now in progress, and both sides hear it. */
async function onStarted(trx: Trx, course: LockedCourse, now: Date) {
  const referral = await trx
    .updateTable('referral')
    .set({ state: 'in_progress', updated_at: now })
    .where('id', '=', course.referral_id)
    .where('state', '=', 'accepted')
    .returning(['id'])
    .executeTakeFirst()
  if (referral) {
    await trx
      .insertInto('event')
      .values({
        occurred_at: now,
        municipality_id: course.municipality_id,
        entity_type: 'referral',
        entity_id: referral.id,
        type: 'in_progress',
        data: JSON.stringify({ courseId: course.id }),
      })
      .execute()
  }
  const people = await trx
    .selectFrom('person as v')
    .innerJoin('organisation as o', (j) => j.on('o.id', '=', course.organisation_id))
    .select(['v.email', 'v.display_name', 'v.language', 'o.name as organisation'])
    .where('v.id', '=', course.volunteer_person_id)
    .executeTakeFirst()
  if (people?.email) {
    await enqueueEmail(trx, {
      to: people.email,
      toName: people.display_name,
      language: people.language as Language,
      template: 'courseStarted',
      data: {
        name: firstName(people.display_name),
        organisation: people.organisation,
        url: `${defaultOrigin()}/volunteer/buddies/${course.id}`,
      },
      dedupeKey: `course:${course.id}:started`,
    })
  }
}

async function lockVolunteer(trx: Trx, personId: string) {
  return trx
    .selectFrom('volunteer_profile')
    .select(['person_id', 'capacity'])
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst()
}

async function openCourses(trx: Trx, personId: string) {
  const row = await trx
    .selectFrom('course')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('volunteer_person_id', '=', personId)
    .where('state', 'in', HOLDS_CAPACITY)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export type ProposeResult =
  | { ok: true; courseId: string }
  | { ok: false; reason: 'notFound' | 'notCandidate' | 'full' | 'alreadyOpen' }

/**
 * The coordinator proposes a volunteer. The volunteer's profile row is locked and their open
 * matches counted again under the lock, so two coordinators proposing the same volunteer at the
 * same moment queue here and the second sees the first: capacity is never exceeded.
 */
export async function proposeMatch(
  ctx: Ctx,
  organisationId: string,
  referralId: string,
  applicationId: string,
  options: MailOptions = {},
): Promise<ProposeResult> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  if (!isUuid(applicationId)) return { ok: false, reason: 'notCandidate' }
  const result = await inTransaction(ctx.db, async (trx): Promise<ProposeResult> => {
    const referral = await getMatchReferral(trx, organisationId, referralId, ctx.now)
    if (!referral || !['accepted', 'in_progress'].includes(referral.state))
      return { ok: false, reason: 'notFound' }
    await trx
      .selectFrom('referral')
      .select('id')
      .where('id', '=', referral.id)
      .forUpdate()
      .execute()
    const application = await trx
      .selectFrom('volunteer_application')
      .select(['id', 'person_id'])
      .where('id', '=', applicationId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst()
    if (!application) return { ok: false, reason: 'notCandidate' }
    const profile = await lockVolunteer(trx, application.person_id)
    if (!profile) return { ok: false, reason: 'notCandidate' }
    const open = await trx
      .selectFrom('course')
      .select('id')
      .where('referral_id', '=', referral.id)
      .where('state', 'in', HOLDS_CAPACITY)
      .executeTakeFirst()
    if (open) return { ok: false, reason: 'alreadyOpen' }
    if ((await openCourses(trx, application.person_id)) >= profile.capacity)
      return { ok: false, reason: 'full' }
    // The same rules as the list: eligible now, preferences respected, not declined before.
    const candidate = await suggestionQuery(
      organisationId,
      referral.id,
      ctx.now,
      1,
      application.id,
    ).execute(trx)
    if (candidate.rows.length === 0) return { ok: false, reason: 'notCandidate' }
    const { checkinDays } = await settingsOf(trx, organisationId)
    const token = randomToken()
    const course = await trx
      .insertInto('course')
      .values({
        referral_id: referral.id,
        citizen_id: referral.citizenId,
        municipality_id: referral.municipalityId,
        organisation_id: organisationId,
        volunteer_application_id: application.id,
        volunteer_person_id: application.person_id,
        volunteer_token_hash: sha256(token),
        proposed_by: ctx.actor.personId,
        proposed_at: ctx.now,
        checkin_interval_days: checkinDays,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeEvent(
      trx,
      { id: course.id, municipality_id: referral.municipalityId, citizen_id: referral.citizenId },
      'proposed',
      ctx.actor.personId,
      ctx.now,
      { volunteerPersonId: application.person_id },
    )
    await mailProposal(trx, course.id, token, options)
    return { ok: true, courseId: course.id }
  }).catch((error: unknown) => {
    // The partial unique index: another coordinator proposed for this referral at the same time.
    if ((error as { code?: string }).code === '23505')
      return { ok: false, reason: 'alreadyOpen' } as const
    throw error
  })
  return result
}

async function mailProposal(trx: Trx, courseId: string, token: string, options: MailOptions) {
  const row = await trx
    .selectFrom('course as c')
    .innerJoin('person as v', 'v.id', 'c.volunteer_person_id')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .innerJoin('citizen as ci', 'ci.id', 'c.citizen_id')
    .leftJoin('person as cp', 'cp.id', 'ci.person_id')
    .select([
      'v.email as volunteer_email',
      'v.display_name as volunteer_name',
      'v.language as volunteer_language',
      'o.name as organisation',
      'ci.chosen_name',
      'ci.email as citizen_email',
      'ci.language as citizen_language',
      'ci.contact_preference',
      'ci.safety_flag',
      'cp.email as person_email',
    ])
    .where('c.id', '=', courseId)
    .executeTakeFirstOrThrow()
  const origin = options.origin ?? defaultOrigin()
  if (row.volunteer_email) {
    await enqueueEmail(trx, {
      to: row.volunteer_email,
      toName: row.volunteer_name,
      language: row.volunteer_language as Language,
      template: 'matchProposal',
      data: {
        name: firstName(row.volunteer_name),
        organisation: row.organisation,
        url: `${origin}${volunteerAnswerPath(token)}`,
      },
      dedupeKey: `course:${courseId}:proposal`,
    })
  }
  // A citizen who chose "via my caseworker" is never e-mailed directly (PRODUCT.md §3.8).
  const citizenEmail = row.person_email ?? row.citizen_email
  if (citizenEmail && row.contact_preference === 'email') {
    await enqueueEmail(trx, {
      to: citizenEmail,
      toName: row.chosen_name,
      language: row.citizen_language as Language,
      template: 'matchProposalCitizen',
      data: {
        name: row.chosen_name,
        buddy: firstName(row.volunteer_name),
        organisation: row.organisation,
        url: `${origin}/me/buddy`,
        discreet: row.safety_flag,
      },
      dedupeKey: `course:${courseId}:proposal-citizen`,
    })
  }
}

/** The proposal behind an e-mail link, while it still waits for the volunteer's answer. */
export async function getProposalByToken(db: Executor, token: string, now: Date) {
  if (!token || token.length > 200) return null
  return db
    .selectFrom('course as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .innerJoin('referral as r', 'r.id', 'c.referral_id')
    .innerJoin('consent as cs', 'cs.id', 'r.consent_id')
    .innerJoin('person as v', 'v.id', 'c.volunteer_person_id')
    .select(['c.id', 'c.state', 'c.volunteer_answer', 'o.name as organisation', 'v.display_name'])
    .where('c.volunteer_token_hash', '=', sha256(token))
    .where(activeConsentCovers('cs', sql.ref('c.organisation_id'), now))
    .executeTakeFirst()
}

export async function answerByToken(
  db: Executor,
  token: string,
  now: Date,
  answer: { yes: boolean; reason: VolunteerDeclineReason | null },
): Promise<EventResult> {
  const found = await getProposalByToken(db, token, now)
  if (!found) return { ok: false, reason: 'notFound' }
  const hash = sha256(token)
  return applyEvent(db, found.id, answer.yes ? 'volunteerYes' : 'volunteerNo', {
    actorPersonId: null,
    now,
    authorise: () => true,
    patch: () => ({
      volunteer_answered_at: now,
      volunteer_decline_reason: answer.yes ? null : answer.reason,
      volunteer_token_hash: null,
    }),
    data: { via: 'link', reason: answer.reason, tokenHash: hash.slice(0, 8) },
  })
}

/** The signed-in volunteer answers on /volunteer/buddies/<id>. */
export async function answerAsVolunteer(
  ctx: Ctx,
  courseId: string,
  answer: { yes: boolean; reason: VolunteerDeclineReason | null },
): Promise<EventResult> {
  return applyEvent(ctx.db, courseId, answer.yes ? 'volunteerYes' : 'volunteerNo', {
    actorPersonId: ctx.actor.personId,
    now: ctx.now,
    authorise: (c) => c.volunteer_person_id === ctx.actor.personId,
    patch: () => ({
      volunteer_answered_at: ctx.now,
      volunteer_decline_reason: answer.yes ? null : answer.reason,
      volunteer_token_hash: null,
    }),
    data: { reason: answer.reason },
  })
}

/** The citizen answers on their own page; no reason is asked for. */
export async function answerAsCitizen(ctx: Ctx, courseId: string, yes: boolean) {
  const citizen = ctx.actor.citizen
  if (!citizen) forbidden()
  return applyEvent(ctx.db, courseId, yes ? 'citizenYes' : 'citizenNo', {
    actorPersonId: ctx.actor.personId,
    now: ctx.now,
    authorise: (c) => c.citizen_id === citizen.id,
    patch: () => ({ citizen_answered_at: ctx.now }),
  })
}

/**
 * Assisted mode: the citizen answers with a staff member beside them — the organisation's
 * coordinator, or a caseworker of the citizen's municipality. Recorded as "assisted by".
 */
export async function answerForCitizen(ctx: Ctx, courseId: string, yes: boolean) {
  return applyEvent(ctx.db, courseId, yes ? 'citizenYes' : 'citizenNo', {
    actorPersonId: ctx.actor.personId,
    now: ctx.now,
    authorise: (c) => mayAssist(ctx, c),
    patch: () => ({ citizen_answered_at: ctx.now, citizen_assisted_by: ctx.actor.personId }),
    data: { assisted: true },
  })
}

const mayAssist = (ctx: Ctx, c: Pick<LockedCourse, 'organisation_id' | 'municipality_id'>) =>
  hasOrgRole(ctx.actor, c.organisation_id, ['coordinator']) ||
  hasMunicipalRole(ctx.actor, ['caseworker'], c.municipality_id)

const coordinates = (ctx: Ctx, organisationId: string) => (c: LockedCourse) =>
  c.organisation_id === organisationId && hasOrgRole(ctx.actor, organisationId, ['coordinator'])

/** Pause, resume, begin closing, or withdraw a proposal: the coordinator's simple steps. */
export async function changeCourseState(
  ctx: Ctx,
  organisationId: string,
  courseId: string,
  event: 'pause' | 'resume' | 'beginClosing' | 'cancel',
): Promise<EventResult> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  return applyEvent(ctx.db, courseId, event, {
    actorPersonId: ctx.actor.personId,
    now: ctx.now,
    authorise: coordinates(ctx, organisationId),
    patch: () => (event === 'cancel' ? { volunteer_token_hash: null } : {}),
  })
}

export async function saveCourseDetails(
  ctx: Ctx,
  organisationId: string,
  courseId: string,
  input: DetailsInput,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string[]> }> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  if (!isUuid(courseId)) return { ok: false, errors: { '': ['pages.courses.errors.notFound'] } }
  type Saved = { ok: true } | { ok: false; errors: Record<string, string[]> }
  return inTransaction(ctx.db, async (trx): Promise<Saved> => {
    const course = await lockCourse(trx, courseId)
    if (!course || course.organisation_id !== organisationId)
      return { ok: false, errors: { '': ['pages.courses.errors.notFound'] } }
    const { months } = await settingsOf(trx, organisationId)
    const start = course.started_at ? utcToZoned(course.started_at).date : utcToZoned(ctx.now).date
    if (input.plannedEnd < start || input.plannedEnd > latestEnd(start, months))
      return {
        ok: false,
        errors: { plannedEnd: ['pages.courses.errors.plannedEndRange'] },
      }
    await trx
      .updateTable('course')
      .set({
        goals: input.goals,
        course_type: input.courseType,
        planned_end: input.plannedEnd,
        checkin_interval_days: input.checkinIntervalDays,
        updated_at: ctx.now,
      })
      .where('id', '=', course.id)
      .execute()
    await writeEvent(trx, course, 'details', ctx.actor.personId, ctx.now, {
      courseType: input.courseType,
      plannedEnd: input.plannedEnd,
    })
    return { ok: true }
  })
}

/** Is there an active "contact after the course" consent naming this organisation? */
async function hasFollowUpConsent(
  db: Executor,
  citizenId: string,
  organisationId: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('consent as c')
    .select('c.id')
    .where('c.citizen_id', '=', citizenId)
    .where('c.purpose', '=', 'contact_after_course')
    .where(activeConsentCovers('c', organisationId, now))
    .executeTakeFirst()
  return row !== undefined
}

/** Open tasks of a course that lose their point once it is closed. */
async function settleOpenTasks(trx: Trx, courseId: string, now: Date) {
  await trx
    .updateTable('task')
    .set({ done_at: now })
    .where('course_id', '=', courseId)
    .where('kind', 'in', ['checkin', 'self_assessment'])
    .where('done_at', 'is', null)
    .execute()
}

async function closeWith(
  trx: Trx,
  course: LockedCourse,
  input: {
    reason: CloseReason
    note: string | null
    activityId: string | null
    noneReason: string | null
  },
  actorPersonId: string | null,
  now: Date,
) {
  const followUp = await hasFollowUpConsent(trx, course.citizen_id, course.organisation_id, now)
  await settleOpenTasks(trx, course.id, now)
  if (followUp) {
    await trx
      .insertInto('task')
      .values([
        {
          kind: 'follow_up_call',
          course_id: course.id,
          organisation_id: course.organisation_id,
          due_at: new Date(now.getTime() + FOLLOW_UP_DAYS * DAY_MS),
          dedupe_key: `follow_up_call:${course.id}:${now.toISOString()}`,
        },
        {
          kind: 'follow_up_invite',
          course_id: course.id,
          organisation_id: course.organisation_id,
          due_at: new Date(now.getTime() + 7 * DAY_MS),
          dedupe_key: `follow_up_invite:${course.id}:${now.toISOString()}`,
        },
      ])
      .execute()
  }
  return {
    closed_at: now,
    closed_by: actorPersonId,
    close_reason: input.reason,
    close_note: input.note,
    anchoring_activity_id: input.activityId,
    anchoring_none_reason: input.activityId ? null : input.noneReason,
    follow_up: followUp,
  }
}

export type CloseResult = EventResult | { ok: false; reason: 'activityNotFound' }

/** Closing: a reason and the anchoring step (an activity from the catalogue, or "none yet"). */
export async function closeCourse(
  ctx: Ctx,
  organisationId: string,
  courseId: string,
  input: CloseInput,
): Promise<CloseResult> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  if (input.anchoring === 'activity' && input.activityId) {
    const activity = await ctx.db
      .selectFrom('activity')
      .select('id')
      .where('id', '=', input.activityId)
      .where('status', '=', 'published')
      .executeTakeFirst()
    if (!activity) return { ok: false, reason: 'activityNotFound' }
  }
  const activityId = input.anchoring === 'activity' ? input.activityId : null
  return applyEvent(ctx.db, courseId, 'close', {
    actorPersonId: ctx.actor.personId,
    now: ctx.now,
    authorise: coordinates(ctx, organisationId),
    patch: (course, trx) =>
      closeWith(
        trx,
        course,
        { reason: input.reason, note: input.note, activityId, noneReason: input.noneReason },
        ctx.actor.personId,
        ctx.now,
      ),
    data: { reason: input.reason, anchored: activityId !== null },
  })
}

export type ReopenResult =
  | { ok: true; courseId: string }
  | { ok: false; reason: 'notFound' | 'notAllowed' | 'full' | 'alreadyOpen' | 'notCandidate' }

/**
 * A closed course is re-opened as a new active period with the same buddy (a new row that
 * points back at the closed one). The volunteer must still be eligible and have a free place.
 */
export async function reopenCourse(
  ctx: Ctx,
  organisationId: string,
  courseId: string,
): Promise<ReopenResult> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  if (!isUuid(courseId)) return { ok: false, reason: 'notFound' }
  return inTransaction(ctx.db, async (trx): Promise<ReopenResult> => {
    const course = await lockCourse(trx, courseId)
    if (!course || course.organisation_id !== organisationId)
      return { ok: false, reason: 'notFound' }
    const step = transition(
      {
        state: course.state,
        volunteerAnswer: course.volunteer_answer,
        citizenAnswer: course.citizen_answer,
      },
      'reopen',
    )
    if (!step.ok) return { ok: false, reason: 'notAllowed' }
    const referral = await getMatchReferral(trx, organisationId, course.referral_id, ctx.now)
    if (!referral) return { ok: false, reason: 'notFound' }
    const profile = await lockVolunteer(trx, course.volunteer_person_id)
    if (!profile) return { ok: false, reason: 'notCandidate' }
    if ((await openCourses(trx, course.volunteer_person_id)) >= profile.capacity)
      return { ok: false, reason: 'full' }
    const eligible = await trx
      .selectFrom('volunteer_application as va')
      .select('va.id')
      .where('va.id', '=', course.volunteer_application_id)
      .where(volunteerEligible(ctx.now))
      .executeTakeFirst()
    if (!eligible) return { ok: false, reason: 'notCandidate' }
    const { months } = await settingsOf(trx, organisationId)
    const today = utcToZoned(ctx.now).date
    const row = await trx
      .insertInto('course')
      .values({
        referral_id: course.referral_id,
        citizen_id: course.citizen_id,
        municipality_id: course.municipality_id,
        organisation_id: course.organisation_id,
        volunteer_application_id: course.volunteer_application_id,
        volunteer_person_id: course.volunteer_person_id,
        state: 'active',
        volunteer_answer: 'yes',
        citizen_answer: 'yes',
        proposed_by: ctx.actor.personId,
        proposed_at: ctx.now,
        started_at: ctx.now,
        planned_end: latestEnd(today, months),
        course_type: course.course_type,
        goals: course.goals,
        checkin_interval_days: course.checkin_interval_days,
        reopened_from_course_id: course.id,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeEvent(trx, { ...course, id: row.id }, 'reopen', ctx.actor.personId, ctx.now, {
      from: course.id,
    })
    return { ok: true, courseId: row.id }
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === '23505')
      return { ok: false, reason: 'alreadyOpen' } as const
    throw error
  })
}

function volunteerEligible(now: Date) {
  return volunteerIsEligible('va', now)
}

/**
 * The hourly sweep: a course whose consent was withdrawn or expired, or whose referral was
 * cancelled, stops at once — a proposal is withdrawn, a running course closed with reason
 * 'consent_withdrawn' (or 'other' when the referral ended for another reason). The pages
 * already hide such courses (their queries check the consent); this makes the state say so.
 */
export async function closeCoursesWithoutConsent(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('course as c')
    .innerJoin('referral as r', 'r.id', 'c.referral_id')
    .innerJoin('consent as cs', 'cs.id', 'r.consent_id')
    .select(['c.id', 'c.state', 'r.state as referral_state'])
    .where('c.state', 'in', HOLDS_CAPACITY)
    .where((eb) =>
      eb.or([
        eb.not(activeConsentCovers('cs', sql.ref('c.organisation_id'), now)),
        eb('r.state', 'in', ['cancelled', 'declined', 'expired', 'completed']),
      ]),
    )
    .execute()
  let changed = 0
  for (const row of rows) {
    const consentGone = !['cancelled', 'declined', 'expired', 'completed'].includes(
      row.referral_state,
    )
    const reason: CloseReason = consentGone ? 'consent_withdrawn' : 'other'
    const result = await applyEvent(db, row.id, row.state === 'proposed' ? 'cancel' : 'close', {
      actorPersonId: null,
      now,
      authorise: () => true,
      patch: async (course, trx) =>
        row.state === 'proposed'
          ? { volunteer_token_hash: null }
          : {
              ...(await closeWith(
                trx,
                course,
                { reason, note: null, activityId: null, noneReason: null },
                null,
                now,
              )),
            },
      data: { reason, automatic: true },
    })
    if (result.ok) changed++
  }
  return changed
}
