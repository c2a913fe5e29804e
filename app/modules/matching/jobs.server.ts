import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { addDays, utcToZoned, zonedTimeToUtc } from '../activities/schedule'
import { currentCheckin, END_WINDOW_DAYS, midpoint } from './course-rules'
import { closeCoursesWithoutConsent } from './courses.server'

// The hourly housekeeping of courses (registered in app/jobs.server.ts): the coordinator's
// check-in task every interval, the midway and end self-assessment prompts, and the stop of
// courses whose consent or referral has ended. Idempotent: tasks carry a dedupe key.

export async function runMatchingJobs(db: Kysely<DB>, now: Date) {
  const closed = await closeCoursesWithoutConsent(db, now)
  const running = await db
    .selectFrom('course')
    .select([
      'id',
      'organisation_id',
      'started_at',
      'planned_end',
      'checkin_interval_days',
      'state',
    ])
    .where('state', 'in', ['active', 'closing'])
    .where('started_at', 'is not', null)
    .execute()
  const today = utcToZoned(now).date
  const tasks: {
    kind: 'checkin' | 'self_assessment'
    course_id: string
    organisation_id: string
    due_at: Date
    dedupe_key: string
  }[] = []
  for (const c of running) {
    const checkin = currentCheckin(c.started_at!, c.checkin_interval_days, now)
    if (checkin && c.state === 'active')
      tasks.push({
        kind: 'checkin',
        course_id: c.id,
        organisation_id: c.organisation_id,
        due_at: checkin.dueAt,
        dedupe_key: `checkin:${c.id}:${checkin.n}`,
      })
    if (!c.planned_end) continue
    const start = utcToZoned(c.started_at!).date
    const mid = midpoint(start, c.planned_end)
    if (today >= mid)
      tasks.push({
        kind: 'self_assessment',
        course_id: c.id,
        organisation_id: c.organisation_id,
        due_at: zonedTimeToUtc(addDays(mid, 14), '12:00'),
        dedupe_key: `assessment:${c.id}:midway`,
      })
    if (today >= addDays(c.planned_end, -END_WINDOW_DAYS) || c.state === 'closing')
      tasks.push({
        kind: 'self_assessment',
        course_id: c.id,
        organisation_id: c.organisation_id,
        due_at: zonedTimeToUtc(c.planned_end, '12:00'),
        dedupe_key: `assessment:${c.id}:end`,
      })
  }
  let created = 0
  // A self-assessment already given needs no prompt.
  const given = new Set(
    (
      await db
        .selectFrom('course_assessment')
        .select(['course_id', 'stage'])
        .where(
          'course_id',
          'in',
          running.length ? running.map((c) => c.id) : ['00000000-0000-0000-0000-000000000000'],
        )
        .execute()
    ).map((a) => `assessment:${a.course_id}:${a.stage}`),
  )
  const wanted = tasks.filter((t) => !given.has(t.dedupe_key))
  for (let i = 0; i < wanted.length; i += 500) {
    const result = await db
      .insertInto('task')
      .values(wanted.slice(i, i + 500))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst()
    created += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return { courseTasks: created, coursesStopped: closed }
}
