import { inTransaction } from '~/db.server'
import { getFixedT } from '~/i18n/i18n.server'
import { addDays } from '../activities/schedule'
import { recordAudit } from '../audit/audit.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { MY_PAGE, todayIn } from './applications.server'
import { dayText, durationText } from './format'
import { originOr } from './notify.server'
import type { LogHoursInput, ReviewHoursInput } from './schemas'
import { correctedMinutes } from './schemas'

// Hours as an activity helper: the volunteer logs them (a session of the organisation from the
// last 30 days, or a date), the coordinator approves, corrects or rejects them. Rejected hours
// stay on record (anchors.md: declined hours are not deleted).

const H = 'pages.volunteer.errors.hours'
const O = 'pages.orgVolunteers.errors'
export const SESSION_DAYS = 30
/** A date further back than this is too old to log. */
export const DATE_DAYS = 90
const LOGGING_STATES = ['approved', 'active'] as const

/** The applications a person may log hours for, each with its organisation's recent sessions. */
export async function listHelperChoices(ctx: Ctx) {
  const apps = await ctx.db
    .selectFrom('volunteer_application as va')
    .innerJoin('organisation as o', 'o.id', 'va.organisation_id')
    .select(['va.id', 'va.organisation_id', 'o.name'])
    .where('va.person_id', '=', ctx.actor.personId)
    .where('va.state', 'in', LOGGING_STATES)
    .where('va.confirmed_at', 'is not', null)
    .orderBy('o.name')
    .execute()
  if (apps.length === 0) return []
  const sessions = await ctx.db
    .selectFrom('activity_session as s')
    .innerJoin('activity as a', 'a.id', 's.activity_id')
    .select(['s.id', 's.starts_at', 's.ends_at', 'a.title', 'a.organisation_id'])
    .where(
      'a.organisation_id',
      'in',
      apps.map((a) => a.organisation_id),
    )
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '<=', ctx.now)
    .where('s.starts_at', '>=', new Date(ctx.now.getTime() - SESSION_DAYS * 86_400_000))
    .orderBy('s.starts_at', 'desc')
    .limit(100)
    .execute()
  return apps.map((a) => ({
    applicationId: a.id,
    organisation: a.name,
    sessions: sessions.filter((s) => s.organisation_id === a.organisation_id),
  }))
}

export type LogResult = { ok: true } | { ok: false; errors: Record<string, string[]> }

export async function logHours(ctx: Ctx, input: LogHoursInput): Promise<LogResult> {
  const today = todayIn(ctx.now)
  return inTransaction(ctx.db, async (trx): Promise<LogResult> => {
    const app = await trx
      .selectFrom('volunteer_application')
      .select(['id', 'organisation_id'])
      .where('id', '=', input.applicationId)
      .where('person_id', '=', ctx.actor.personId)
      .where('state', 'in', LOGGING_STATES)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst()
    if (!app) return { ok: false, errors: { applicationId: [`${H}.organisationRequired`] } }
    let workedOn = input.workedOn
    if (input.sessionId) {
      const session = await trx
        .selectFrom('activity_session as s')
        .innerJoin('activity as a', 'a.id', 's.activity_id')
        .select(['s.local_date'])
        .where('s.id', '=', input.sessionId)
        .where('a.organisation_id', '=', app.organisation_id)
        .where('s.starts_at', '<=', ctx.now)
        .where('s.starts_at', '>=', new Date(ctx.now.getTime() - SESSION_DAYS * 86_400_000))
        .executeTakeFirst()
      if (!session) return { ok: false, errors: { sessionId: [`${H}.sessionUnknown`] } }
      workedOn = session.local_date
    } else if (!workedOn || workedOn > today || workedOn < addDays(today, -DATE_DAYS)) {
      return { ok: false, errors: { workedOn: [`${H}.dateOutOfRange`] } }
    }
    const row = await trx
      .insertInto('volunteer_hours')
      .values({
        application_id: app.id,
        session_id: input.sessionId,
        worked_on: workedOn!,
        minutes: input.totalMinutes,
        note: input.note,
        submission_id: input.submissionId,
        created_at: ctx.now,
      })
      .onConflict((oc) => oc.column('submission_id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (row)
      await trx
        .insertInto('event')
        .values({
          actor_person_id: ctx.actor.personId,
          entity_type: 'volunteer_application',
          entity_id: app.id,
          type: 'volunteer.hours_logged',
          data: JSON.stringify({ hoursId: row.id, minutes: input.totalMinutes, workedOn }),
          occurred_at: ctx.now,
        })
        .execute()
    return { ok: true }
  })
}

export async function listOwnHours(ctx: Ctx) {
  return ctx.db
    .selectFrom('volunteer_hours as h')
    .innerJoin('volunteer_application as va', 'va.id', 'h.application_id')
    .innerJoin('organisation as o', 'o.id', 'va.organisation_id')
    .leftJoin('activity_session as s', 's.id', 'h.session_id')
    .leftJoin('activity as a', 'a.id', 's.activity_id')
    .select([
      'h.id',
      'h.worked_on',
      'h.minutes',
      'h.approved_minutes',
      'h.state',
      'h.note',
      'o.name as organisation',
      'a.title as activity',
    ])
    .where('va.person_id', '=', ctx.actor.personId)
    .orderBy('h.worked_on', 'desc')
    .orderBy('h.created_at', 'desc')
    .limit(100)
    .execute()
}

/** Hours waiting for the coordinator, oldest first, then the last 30 days' reviewed ones. */
export async function listHoursToReview(ctx: Ctx, orgId: string) {
  requireOrgRole(ctx, orgId, ['coordinator'])
  const base = ctx.db
    .selectFrom('volunteer_hours as h')
    .innerJoin('volunteer_application as va', 'va.id', 'h.application_id')
    .innerJoin('person as p', 'p.id', 'va.person_id')
    .leftJoin('activity_session as s', 's.id', 'h.session_id')
    .leftJoin('activity as a', 'a.id', 's.activity_id')
    .select([
      'h.id',
      'h.application_id',
      'h.worked_on',
      'h.minutes',
      'h.approved_minutes',
      'h.state',
      'h.note',
      'h.reviewed_at',
      'p.display_name as volunteer',
      'a.title as activity',
    ])
    .where('va.organisation_id', '=', orgId)
  const [waiting, reviewed] = await Promise.all([
    base
      .where('h.state', '=', 'submitted')
      .orderBy('h.worked_on')
      .orderBy('h.created_at')
      .limit(200)
      .execute(),
    base
      .where('h.state', '<>', 'submitted')
      .where('h.reviewed_at', '>=', new Date(ctx.now.getTime() - 30 * 86_400_000))
      .orderBy('h.reviewed_at', 'desc')
      .limit(100)
      .execute(),
  ])
  return { waiting, reviewed }
}

export type ReviewResult = { ok: true } | { ok: false; errors: Record<string, string[]> }

/** Approve as logged, approve with corrected minutes, or reject; only hours still waiting. */
export async function reviewHours(
  ctx: Ctx,
  orgId: string,
  input: ReviewHoursInput,
  options: { origin?: string } = {},
): Promise<ReviewResult> {
  requireOrgRole(ctx, orgId, ['coordinator'])
  let approvedMinutes: number | null = null
  if (input.intent === 'correct') {
    approvedMinutes = correctedMinutes(input.hours, input.minutes)
    if (approvedMinutes < 1 || approvedMinutes > 1440 || Number(input.minutes || 0) > 59)
      return { ok: false, errors: { [`hours-${input.hoursId}`]: [`${O}.durationInvalid`] } }
  }
  return inTransaction(ctx.db, async (trx): Promise<ReviewResult> => {
    const row = await trx
      .updateTable('volunteer_hours as h')
      .set({
        state: input.intent === 'reject' ? 'rejected' : 'approved',
        approved_minutes: approvedMinutes,
        reviewed_by: ctx.actor.personId,
        reviewed_at: ctx.now,
      })
      .where('h.id', '=', input.hoursId)
      .where('h.state', '=', 'submitted')
      .where((eb) =>
        eb(
          'h.application_id',
          'in',
          eb.selectFrom('volunteer_application').select('id').where('organisation_id', '=', orgId),
        ),
      )
      .returning(['h.id', 'h.application_id', 'h.worked_on', 'h.minutes'])
      .executeTakeFirst()
    // Already reviewed (a double submit, or a colleague was first): nothing more to do.
    if (!row) return { ok: true }
    const who = await trx
      .selectFrom('volunteer_application as va')
      .innerJoin('person as p', 'p.id', 'va.person_id')
      .innerJoin('organisation as o', 'o.id', 'va.organisation_id')
      .select(['p.email', 'p.display_name', 'p.language', 'o.name as organisation'])
      .where('va.id', '=', row.application_id)
      .executeTakeFirstOrThrow()
    const decision =
      input.intent === 'reject' ? 'rejected' : input.intent === 'correct' ? 'corrected' : 'approved'
    await trx
      .insertInto('event')
      .values({
        actor_person_id: ctx.actor.personId,
        entity_type: 'volunteer_application',
        entity_id: row.application_id,
        type: 'volunteer.hours_reviewed',
        data: JSON.stringify({ hoursId: row.id, decision, approvedMinutes }),
        occurred_at: ctx.now,
      })
      .execute()
    await recordAudit(trx, {
      action: 'volunteer.hours_reviewed',
      actorPersonId: ctx.actor.personId,
      recordType: 'volunteer_hours',
      recordId: row.id,
      ipHash: ctx.ipHash,
      details: { decision },
      now: ctx.now,
    })
    if (who.email)
      await enqueueEmail(trx, {
        to: who.email,
        toName: who.display_name,
        language: who.language,
        template: 'volunteerHoursReviewed',
        data: {
          name: who.display_name,
          organisation: who.organisation,
          date: dayText(row.worked_on, who.language),
          decision,
          duration: durationText(getFixedT(who.language), approvedMinutes ?? row.minutes),
          url: `${originOr(options.origin)}${MY_PAGE}/hours`,
        },
        dedupeKey: `volunteer-hours:${row.id}:reviewed`,
      })
    return { ok: true }
  })
}
