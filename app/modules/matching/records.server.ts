import { sql } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import type {
  AssessmentStage,
  CourseState,
  DataCategory,
  MatchAnswer,
  MeetingType,
  TaskKind,
} from '../../../db/schema.ts'
import { utcToZoned } from '../activities/schedule'
import { defaultOrigin } from '../activities/signups.server'
import { recordAccess, recordAudit } from '../audit/audit.server'
import { activeConsentCovers } from '../consent/scope.server'
import { forbidden, requireOrgRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { hasOrgRole } from '../identity/policy'
import { enqueueEmail } from '../notifications/outbox.server'
import { dueAssessmentStage } from './course-rules'
import { firstName } from './courses.server'
import type { MeetingInput } from './schemas'
import { MATCHABLE_REFERRAL_STATES } from './suggestions.server'
import { HOLDS_CAPACITY, RUNNING } from './transitions'

// What each side sees of a course, and what they add to it: the coordinator's board and course
// page, the buddy's list and page (only what the consent covers, only while it is active), the
// citizen's own page; meetings, self-assessments, concerns and tasks.

const consentOk = (now: Date) => activeConsentCovers('cs', sql.ref('c.organisation_id'), now)

function courseBase(db: Executor) {
  return db
    .selectFrom('course as c')
    .innerJoin('referral as r', 'r.id', 'c.referral_id')
    .innerJoin('consent as cs', 'cs.id', 'r.consent_id')
    .innerJoin('citizen as ci', 'ci.id', 'c.citizen_id')
    .innerJoin('person as v', 'v.id', 'c.volunteer_person_id')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .innerJoin('municipality as mu', 'mu.id', 'c.municipality_id')
    .leftJoin('area as ar', 'ar.id', 'ci.area_id')
    .leftJoin('activity as an', 'an.id', 'c.anchoring_activity_id')
    .select([
      'c.id',
      'c.referral_id',
      'c.citizen_id',
      'c.organisation_id',
      'c.municipality_id',
      'c.volunteer_person_id',
      'c.state',
      'c.volunteer_answer',
      'c.citizen_answer',
      'c.volunteer_decline_reason',
      'c.citizen_assisted_by',
      'c.proposed_at',
      'c.started_at',
      'c.planned_end',
      'c.course_type',
      'c.goals',
      'c.checkin_interval_days',
      'c.closed_at',
      'c.close_reason',
      'c.close_note',
      'c.anchoring_activity_id',
      'c.anchoring_none_reason',
      'c.follow_up',
      'c.reopened_from_course_id',
      'cs.data_categories',
      'ci.chosen_name',
      'ci.birth_year',
      'ci.language as citizen_language',
      'ar.name as citizen_area',
      'v.display_name as volunteer_name',
      'v.email as volunteer_email',
      'v.phone as volunteer_phone',
      'o.name as organisation_name',
      'o.phone as organisation_phone',
      'o.email as organisation_email',
      'mu.social_emergency_phone',
      'mu.name as municipality_name',
      'an.title as anchoring_title',
    ])
}

type CourseRow = Awaited<ReturnType<ReturnType<typeof courseBase>['execute']>>[number]

/** The citizen as the organisation's people may see them: only the categories consented to. */
export interface CitizenView {
  name: string | null
  birthYear: number | null
  area: string | null
  language: string | null
}

function citizenView(row: CourseRow): CitizenView {
  const has = (c: DataCategory) => row.data_categories.includes(c)
  return {
    name: has('name') ? row.chosen_name : null,
    birthYear: has('birth_year') ? row.birth_year : null,
    area: has('area') ? row.citizen_area : null,
    language: has('language') ? row.citizen_language : null,
  }
}

export interface CourseView {
  id: string
  referralId: string
  organisationId: string
  state: CourseState
  volunteerAnswer: MatchAnswer
  citizenAnswer: MatchAnswer
  volunteerDeclineReason: string | null
  citizenAssisted: boolean
  proposedAt: Date
  startedAt: Date | null
  plannedEnd: string | null
  courseType: string
  goals: string | null
  checkinIntervalDays: number
  closedAt: Date | null
  closeReason: string | null
  closeNote: string | null
  anchoringTitle: string | null
  anchoringNoneReason: string | null
  followUp: boolean
  reopenedFrom: string | null
  citizen: CitizenView
  volunteer: { name: string; firstName: string; email: string | null; phone: string | null }
  organisation: { name: string; phone: string | null; email: string | null }
  municipality: { name: string; emergencyPhone: string | null }
}

function courseView(r: CourseRow): CourseView {
  return {
    id: r.id,
    referralId: r.referral_id,
    organisationId: r.organisation_id,
    state: r.state,
    volunteerAnswer: r.volunteer_answer,
    citizenAnswer: r.citizen_answer,
    volunteerDeclineReason: r.volunteer_decline_reason,
    citizenAssisted: r.citizen_assisted_by !== null,
    proposedAt: r.proposed_at,
    startedAt: r.started_at,
    plannedEnd: r.planned_end,
    courseType: r.course_type,
    goals: r.goals,
    checkinIntervalDays: r.checkin_interval_days,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    closeNote: r.close_note,
    anchoringTitle: r.anchoring_title,
    anchoringNoneReason: r.anchoring_none_reason,
    followUp: r.follow_up,
    reopenedFrom: r.reopened_from_course_id,
    citizen: citizenView(r),
    volunteer: {
      name: r.volunteer_name,
      firstName: firstName(r.volunteer_name),
      email: r.volunteer_email,
      phone: r.volunteer_phone,
    },
    organisation: {
      name: r.organisation_name,
      phone: r.organisation_phone,
      email: r.organisation_email,
    },
    municipality: { name: r.municipality_name, emergencyPhone: r.social_emergency_phone },
  }
}

export interface MeetingView {
  id: string
  metOn: string
  type: MeetingType
  minutes: number
  note: string | null
}

async function meetingsOf(db: Executor, courseId: string): Promise<MeetingView[]> {
  const rows = await db
    .selectFrom('course_meeting')
    .select(['id', 'met_on', 'type', 'minutes', 'note'])
    .where('course_id', '=', courseId)
    .orderBy('met_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((m) => ({
    id: m.id,
    metOn: m.met_on,
    type: m.type,
    minutes: m.minutes,
    note: m.note,
  }))
}

export interface AssessmentView {
  stage: AssessmentStage
  ownGoals: number
  peopleAround: number
  assisted: boolean
  recordedAt: Date
}

async function assessmentsOf(db: Executor, courseId: string): Promise<AssessmentView[]> {
  const rows = await db
    .selectFrom('course_assessment')
    .select(['stage', 'own_goals', 'people_around', 'assisted_by', 'recorded_at'])
    .where('course_id', '=', courseId)
    .orderBy('recorded_at')
    .execute()
  return rows.map((a) => ({
    stage: a.stage,
    ownGoals: a.own_goals,
    peopleAround: a.people_around,
    assisted: a.assisted_by !== null,
    recordedAt: a.recorded_at,
  }))
}

export interface TaskView {
  id: string
  kind: TaskKind
  courseId: string | null
  dueAt: Date
  doneAt: Date | null
  /** Due now or past due. */
  due: boolean
  citizenName: string | null
}

const startDate = (c: Pick<CourseView, 'startedAt'>) =>
  c.startedAt ? utcToZoned(c.startedAt).date : null

export function assessmentDue(
  course: Pick<CourseView, 'state' | 'startedAt' | 'plannedEnd'>,
  done: AssessmentView[],
  now: Date,
) {
  return dueAssessmentStage(
    { state: course.state, startDate: startDate(course), plannedEnd: course.plannedEnd },
    done.map((a) => a.stage),
    utcToZoned(now).date,
  )
}

// ---------------------------------------------------------------------------------------------
// The coordinator
// ---------------------------------------------------------------------------------------------

export interface BoardCourse {
  id: string
  state: CourseState
  citizenName: string | null
  volunteerName: string
  volunteerAnswer: string
  citizenAnswer: string
  proposedAt: Date
  startedAt: Date | null
  plannedEnd: string | null
  closedAt: Date | null
  overdueCheckin: boolean
}

export interface WaitingReferral {
  id: string
  citizenName: string | null
  sentAt: Date
  answeredAt: Date | null
}

/** The coordinator's board: citizens waiting for a buddy, courses by state, tasks. */
export async function getBoard(ctx: Ctx, organisationId: string) {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const now = ctx.now
  const [waiting, courses, tasks] = await Promise.all([
    ctx.db
      .selectFrom('referral as r')
      .innerJoin('consent as cs', 'cs.id', 'r.consent_id')
      .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
      .select(['r.id', 'r.sent_at', 'r.answered_at', 'ci.chosen_name', 'cs.data_categories'])
      .where('r.to_organisation_id', '=', organisationId)
      .where('r.kind', '=', 'buddy')
      .where('r.state', 'in', MATCHABLE_REFERRAL_STATES)
      .where('ci.anonymised_at', 'is', null)
      .where(activeConsentCovers('cs', organisationId, now))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('course as c')
              .select('c.id')
              .whereRef('c.referral_id', '=', 'r.id')
              .where('c.state', '<>', 'declined'),
          ),
        ),
      )
      .orderBy('r.sent_at')
      .limit(200)
      .execute(),
    courseBase(ctx.db)
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('task as t')
              .select('t.id')
              .whereRef('t.course_id', '=', 'c.id')
              .where('t.kind', '=', 'checkin')
              .where('t.done_at', 'is', null)
              .where('t.due_at', '<', now),
          )
          .as('overdue_checkin'),
      )
      .where('c.organisation_id', '=', organisationId)
      .where(consentOk(now))
      .orderBy('c.proposed_at', 'desc')
      .limit(500)
      .execute(),
    listOrganisationTasks(ctx, organisationId),
  ])
  return {
    waiting: waiting.map((w): WaitingReferral => ({
      id: w.id,
      citizenName: w.data_categories.includes('name') ? w.chosen_name : null,
      sentAt: w.sent_at,
      answeredAt: w.answered_at,
    })),
    courses: courses.map((c): BoardCourse => ({
      id: c.id,
      state: c.state,
      citizenName: citizenView(c).name,
      volunteerName: c.volunteer_name,
      volunteerAnswer: c.volunteer_answer,
      citizenAnswer: c.citizen_answer,
      proposedAt: c.proposed_at,
      startedAt: c.started_at,
      plannedEnd: c.planned_end,
      closedAt: c.closed_at,
      overdueCheckin: Boolean(c.overdue_checkin),
    })),
    tasks,
  }
}

/** The organisation's open tasks, soonest first; `due` once their time has come. */
export async function listOrganisationTasks(ctx: Ctx, organisationId: string): Promise<TaskView[]> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const rows = await ctx.db
    .selectFrom('task as t')
    .innerJoin('course as c', 'c.id', 't.course_id')
    .innerJoin('referral as r', 'r.id', 'c.referral_id')
    .innerJoin('consent as cs', 'cs.id', 'r.consent_id')
    .innerJoin('citizen as ci', 'ci.id', 'c.citizen_id')
    .select([
      't.id',
      't.kind',
      't.course_id',
      't.due_at',
      't.done_at',
      'ci.chosen_name',
      'cs.data_categories',
      'c.state',
    ])
    .where('t.organisation_id', '=', organisationId)
    .where('t.done_at', 'is', null)
    .where((eb) =>
      eb.or([
        // Follow-up after the course rests on its own consent ('contact_after_course').
        eb('t.kind', 'in', ['follow_up_call', 'follow_up_invite']),
        consentOk(ctx.now),
      ]),
    )
    .orderBy('t.due_at')
    .limit(200)
    .execute()
  return rows.map((t) => ({
    id: t.id,
    kind: t.kind,
    courseId: t.course_id,
    dueAt: t.due_at,
    doneAt: t.done_at,
    due: t.due_at.getTime() <= ctx.now.getTime(),
    citizenName: t.data_categories.includes('name') ? t.chosen_name : null,
  }))
}

/** One course with everything on its page; the read is logged (recordAccess). */
export async function getCourseForCoordinator(ctx: Ctx, organisationId: string, courseId: string) {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  if (!isUuid(courseId)) return null
  const row = await courseBase(ctx.db)
    .where('c.id', '=', courseId)
    .where('c.organisation_id', '=', organisationId)
    .where(consentOk(ctx.now))
    .executeTakeFirst()
  if (!row) return null
  const course = courseView(row)
  const [meetings, assessments, concerns, tasks] = await Promise.all([
    meetingsOf(ctx.db, course.id),
    assessmentsOf(ctx.db, course.id),
    ctx.db
      .selectFrom('course_concern as cc')
      .leftJoin('person as p', 'p.id', 'cc.raised_by')
      .select(['cc.id', 'cc.text', 'cc.raised_at', 'cc.handled_at', 'p.display_name'])
      .where('cc.course_id', '=', course.id)
      .orderBy('cc.raised_at', 'desc')
      .execute(),
    ctx.db
      .selectFrom('task')
      .select(['id', 'kind', 'due_at', 'done_at', 'assignee_person_id'])
      .where('course_id', '=', course.id)
      .orderBy('due_at', 'desc')
      .execute(),
  ])
  await recordAccess(ctx, {
    citizenId: row.citizen_id,
    municipalityId: row.municipality_id,
    recordType: 'course',
    recordId: course.id,
    page: `/org/${organisationId}/courses/${course.id}`,
  })
  return {
    course,
    meetings,
    assessments,
    assessmentDue: assessmentDue(course, assessments, ctx.now),
    concerns: concerns.map((c) => ({
      id: c.id,
      text: c.text,
      raisedAt: c.raised_at,
      raisedBy: c.display_name,
      handledAt: c.handled_at,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      dueAt: t.due_at,
      doneAt: t.done_at,
      forCaseworker: t.assignee_person_id !== null,
      due: t.due_at.getTime() <= ctx.now.getTime(),
    })),
  }
}

/** Published activities to anchor in: the organisation's own first, then the municipality's. */
export async function listAnchoringActivities(ctx: Ctx, organisationId: string) {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  const rows = await ctx.db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.title', 'o.name', 'a.organisation_id'])
    .where('a.status', '=', 'published')
    .where('o.status', '=', 'approved')
    .orderBy(sql`a.organisation_id = ${organisationId}`, 'desc')
    .orderBy('o.name')
    .orderBy('a.title')
    .limit(300)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    organisation: r.name,
    own: r.organisation_id === organisationId,
  }))
}

export async function completeTask(ctx: Ctx, organisationId: string, taskId: string) {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  if (!isUuid(taskId)) return false
  const row = await ctx.db
    .updateTable('task')
    .set({ done_at: ctx.now, done_by: ctx.actor.personId })
    .where('id', '=', taskId)
    .where('organisation_id', '=', organisationId)
    .where('done_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export async function markConcernHandled(ctx: Ctx, organisationId: string, concernId: string) {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  if (!isUuid(concernId)) return false
  const row = await ctx.db
    .updateTable('course_concern as cc')
    .set({ handled_at: ctx.now, handled_by: ctx.actor.personId })
    .where('cc.id', '=', concernId)
    .where('cc.handled_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('course as c')
          .select('c.id')
          .whereRef('c.id', '=', 'cc.course_id')
          .where('c.organisation_id', '=', organisationId),
      ),
    )
    .returning('cc.id')
    .executeTakeFirst()
  return row !== undefined
}

// ---------------------------------------------------------------------------------------------
// The buddy (volunteer)
// ---------------------------------------------------------------------------------------------

/** The volunteer's own matches: proposals waiting for them and running courses. */
export async function listMyBuddies(ctx: Ctx) {
  const rows = await courseBase(ctx.db)
    .where('c.volunteer_person_id', '=', ctx.actor.personId)
    .where((eb) =>
      eb.or([
        eb('c.state', 'in', RUNNING),
        eb.and([eb('c.state', '=', 'proposed'), eb('c.volunteer_answer', '=', 'pending')]),
        eb.and([eb('c.state', '=', 'proposed'), eb('c.volunteer_answer', '=', 'yes')]),
      ]),
    )
    .where(consentOk(ctx.now))
    .orderBy('c.proposed_at', 'desc')
    .execute()
  return rows.map(courseView)
}

async function buddyCourse(ctx: Ctx, courseId: string) {
  if (!isUuid(courseId)) return null
  const row = await courseBase(ctx.db)
    .where('c.id', '=', courseId)
    .where('c.volunteer_person_id', '=', ctx.actor.personId)
    .where('c.state', 'in', [...HOLDS_CAPACITY])
    .where(consentOk(ctx.now))
    .executeTakeFirst()
  return row ?? null
}

export async function getMyBuddyCourse(ctx: Ctx, courseId: string) {
  const row = await buddyCourse(ctx, courseId)
  if (!row) return null
  const course = courseView(row)
  const meetings = await meetingsOf(ctx.db, course.id)
  await recordAccess(ctx, {
    citizenId: row.citizen_id,
    municipalityId: row.municipality_id,
    recordType: 'course',
    recordId: course.id,
    page: `/volunteer/buddies/${course.id}`,
  })
  return { course, meetings }
}

export type RecordResult = { ok: true } | { ok: false; errors: Record<string, string[]> }
const notFoundError: RecordResult = { ok: false, errors: { '': ['pages.courses.errors.notFound'] } }

/** The buddy logs a meeting. The form's own id makes a double submit one meeting. */
export async function logMeeting(
  ctx: Ctx,
  courseId: string,
  input: MeetingInput,
): Promise<RecordResult> {
  const row = await buddyCourse(ctx, courseId)
  if (!row || !RUNNING.includes(row.state)) return notFoundError
  const today = utcToZoned(ctx.now).date
  if (input.metOn > today)
    return { ok: false, errors: { metOn: ['pages.courses.errors.metOnFuture'] } }
  if (row.started_at && input.metOn < utcToZoned(row.started_at).date)
    return { ok: false, errors: { metOn: ['pages.courses.errors.metOnBeforeStart'] } }
  await ctx.db
    .insertInto('course_meeting')
    .values({
      id: input.entryId,
      course_id: row.id,
      met_on: input.metOn,
      type: input.type,
      minutes: input.minutes,
      note: input.note,
      logged_by: ctx.actor.personId,
      created_at: ctx.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  return { ok: true }
}

/**
 * A buddy's concern goes to the referring caseworker as a task, with an e-mail. The buddy does
 * not take over responsibility; the page says so and gives the emergency numbers.
 */
export async function raiseConcern(
  ctx: Ctx,
  courseId: string,
  text: string,
): Promise<RecordResult> {
  const row = await buddyCourse(ctx, courseId)
  if (!row || !RUNNING.includes(row.state)) return notFoundError
  await inTransaction(ctx.db, async (trx) => {
    const concern = await trx
      .insertInto('course_concern')
      .values({ course_id: row.id, raised_by: ctx.actor.personId, text, raised_at: ctx.now })
      .returning('id')
      .executeTakeFirstOrThrow()
    const caseworker = await trx
      .selectFrom('referral as r')
      .innerJoin('person as p', 'p.id', 'r.caseworker_id')
      .select(['p.id', 'p.email', 'p.display_name', 'p.language'])
      .where('r.id', '=', row.referral_id)
      .where('p.deleted_at', 'is', null)
      .executeTakeFirst()
    await trx
      .insertInto('task')
      .values({
        kind: 'concern',
        course_id: row.id,
        concern_id: concern.id,
        // Without a caseworker on the referral the organisation's coordinators get it.
        ...(caseworker
          ? { assignee_person_id: caseworker.id }
          : { organisation_id: row.organisation_id }),
        due_at: ctx.now,
        dedupe_key: `concern:${concern.id}`,
      })
      .execute()
    await trx
      .insertInto('event')
      .values({
        occurred_at: ctx.now,
        municipality_id: row.municipality_id,
        actor_person_id: ctx.actor.personId,
        entity_type: 'course',
        entity_id: row.id,
        type: 'concern',
        data: JSON.stringify({ concernId: concern.id }),
      })
      .execute()
    if (caseworker?.email) {
      await enqueueEmail(trx, {
        to: caseworker.email,
        toName: caseworker.display_name,
        language: caseworker.language as Language,
        template: 'courseConcern',
        data: {
          name: firstName(caseworker.display_name),
          citizen: row.chosen_name,
          buddy: firstName(row.volunteer_name),
          organisation: row.organisation_name,
          organisationPhone: row.organisation_phone,
          text,
          url: `${defaultOrigin()}/case`,
        },
        dedupeKey: `concern:${concern.id}`,
      })
    }
  })
  return { ok: true }
}

/**
 * A caseworker's open tasks: concerns buddies raised about citizens they referred. Only tasks
 * assigned to them; reading a concern's text is logged as a read of the citizen's data.
 */
export async function listCaseworkerTasks(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('task as t')
    .innerJoin('course as c', 'c.id', 't.course_id')
    .innerJoin('citizen as ci', 'ci.id', 'c.citizen_id')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .leftJoin('course_concern as cc', 'cc.id', 't.concern_id')
    .select([
      't.id',
      't.kind',
      't.due_at',
      'ci.id as citizen_id',
      'ci.chosen_name',
      'c.municipality_id',
      'o.name as organisation_name',
      'o.phone as organisation_phone',
      'cc.text',
      'cc.raised_at',
    ])
    .where('t.assignee_person_id', '=', ctx.actor.personId)
    .where('t.done_at', 'is', null)
    .where('ci.anonymised_at', 'is', null)
    .orderBy('t.due_at')
    .execute()
  for (const row of rows)
    await recordAccess(ctx, {
      citizenId: row.citizen_id,
      municipalityId: row.municipality_id,
      recordType: 'task',
      recordId: row.id,
      page: '/case',
    })
  return rows
}

/** The caseworker says a concern is taken care of; false when the task is not theirs. */
export async function handleCaseworkerTask(ctx: Ctx, taskId: string): Promise<boolean> {
  if (!isUuid(taskId)) return false
  return inTransaction(ctx.db, async (trx) => {
    const task = await trx
      .updateTable('task')
      .set({ done_at: ctx.now, done_by: ctx.actor.personId })
      .where('id', '=', taskId)
      .where('assignee_person_id', '=', ctx.actor.personId)
      .where('done_at', 'is', null)
      .returning(['id', 'concern_id', 'course_id'])
      .executeTakeFirst()
    if (!task) {
      // Handled already (a second click): the same answer; someone else's task: none.
      const mine = await trx
        .selectFrom('task')
        .select('id')
        .where('id', '=', taskId)
        .where('assignee_person_id', '=', ctx.actor.personId)
        .executeTakeFirst()
      return mine !== undefined
    }
    if (task.concern_id)
      await trx
        .updateTable('course_concern')
        .set({ handled_at: ctx.now, handled_by: ctx.actor.personId })
        .where('id', '=', task.concern_id)
        .where('handled_at', 'is', null)
        .execute()
    await recordAudit(trx, {
      action: 'task.done',
      actorPersonId: ctx.actor.personId,
      recordType: 'task',
      recordId: task.id,
      details: { course: task.course_id },
      now: ctx.now,
    })
    return true
  })
}

// ---------------------------------------------------------------------------------------------
// The citizen
// ---------------------------------------------------------------------------------------------

/** The citizen's own page: a proposal to answer, the running course, or the last one. */
export async function getMyBuddy(ctx: Ctx) {
  const citizen = ctx.actor.citizen
  if (!citizen) forbidden()
  const rows = await courseBase(ctx.db)
    .where('c.citizen_id', '=', citizen.id)
    .where('c.state', '<>', 'declined')
    .orderBy('c.proposed_at', 'desc')
    .limit(10)
    .execute()
  const current =
    rows.find((r) => r.state === 'proposed' || RUNNING.includes(r.state)) ?? rows[0] ?? null
  if (!current) return null
  const course = courseView(current)
  const [meetings, assessments] = await Promise.all([
    meetingsOf(ctx.db, course.id),
    assessmentsOf(ctx.db, course.id),
  ])
  return {
    course,
    meetings: course.state === 'proposed' ? [] : meetings,
    assessments,
    assessmentDue: assessmentDue(course, assessments, ctx.now),
  }
}

/**
 * A self-assessment for the stage due now, by the citizen on their own page or with the
 * coordinator beside them (assisted). Saying it again for the same stage replaces it.
 */
export async function recordAssessment(
  ctx: Ctx,
  courseId: string,
  input: { stage: AssessmentStage; ownGoals: number; peopleAround: number },
  as: { assistedFor?: string },
): Promise<RecordResult> {
  if (!isUuid(courseId)) return notFoundError
  const row = await courseBase(ctx.db).where('c.id', '=', courseId).executeTakeFirst()
  if (!row) return notFoundError
  const assisted = as.assistedFor !== undefined
  if (assisted) {
    if (row.organisation_id !== as.assistedFor) return notFoundError
    if (!hasOrgRole(ctx.actor, row.organisation_id, ['coordinator'])) forbidden()
  } else if (ctx.actor.citizen?.id !== row.citizen_id) return notFoundError
  const course = courseView(row)
  const done = await assessmentsOf(ctx.db, course.id)
  const due = assessmentDue(course, done, ctx.now)
  const again = done.some((a) => a.stage === input.stage)
  if (input.stage !== due && !again)
    return { ok: false, errors: { stage: ['pages.courses.errors.stageNotDue'] } }
  await ctx.db
    .insertInto('course_assessment')
    .values({
      course_id: course.id,
      stage: input.stage,
      own_goals: input.ownGoals,
      people_around: input.peopleAround,
      assisted_by: assisted ? ctx.actor.personId : null,
      recorded_at: ctx.now,
    })
    .onConflict((oc) =>
      oc.columns(['course_id', 'stage']).doUpdateSet({
        own_goals: input.ownGoals,
        people_around: input.peopleAround,
        assisted_by: assisted ? ctx.actor.personId : null,
        recorded_at: ctx.now,
      }),
    )
    .execute()
  await ctx.db
    .updateTable('task')
    .set({ done_at: ctx.now })
    .where('course_id', '=', course.id)
    .where('kind', '=', 'self_assessment')
    .where('dedupe_key', '=', `assessment:${course.id}:${input.stage}`)
    .where('done_at', 'is', null)
    .execute()
  return { ok: true }
}
