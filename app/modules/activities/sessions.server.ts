import type { Executor } from '~/db.server'
import { addDays, occurrences, sessionTimes, utcToZoned, type Schedule } from './schedule'

/** How far ahead session rows exist, so people can sign up to them one by one. */
export const HORIZON_DAYS = 84

export interface ActivityScheduleRow {
  id: string
  freq: Schedule['freq']
  interval: number
  byday: Schedule['byday']
  bysetpos: number | null
  dtstart: string
  until: string | null
  start_time: string
  end_time: string
  timezone: string
  capacity: number | null
}

export function scheduleOf(row: ActivityScheduleRow): Schedule {
  return {
    freq: row.freq,
    interval: row.interval,
    byday: row.byday,
    bysetpos: row.bysetpos,
    dtstart: row.dtstart,
    until: row.until,
    startTime: row.start_time,
    endTime: row.end_time,
    timezone: row.timezone,
  }
}

/**
 * Makes sure a session row exists for every occurrence from today to the horizon, and that
 * exception dates are cancelled. Idempotent (unique activity + start); existing rows, their
 * sign-ups and attendance are never touched except to cancel an excepted date. Call it inside
 * the transaction that creates or changes the activity, and daily for every activity.
 */
export async function materialiseSessions(
  db: Executor,
  activityId: string,
  now: Date,
  horizonDays = HORIZON_DAYS,
): Promise<number> {
  const activity = await db
    .selectFrom('activity')
    .select([
      'id',
      'freq',
      'interval',
      'byday',
      'bysetpos',
      'dtstart',
      'until',
      'start_time',
      'end_time',
      'timezone',
      'capacity',
      'status',
    ])
    .where('id', '=', activityId)
    .executeTakeFirst()
  if (!activity || activity.status !== 'published') return 0
  const exceptions = await db
    .selectFrom('activity_exception')
    .select(['on_date', 'reason'])
    .where('activity_id', '=', activityId)
    .execute()
  const today = utcToZoned(now, activity.timezone).date
  const dates = occurrences(
    scheduleOf(activity),
    today,
    addDays(today, horizonDays),
    exceptions.map((e) => e.on_date),
  )
  const rows = sessionTimes(scheduleOf(activity), dates).map((s) => ({
    activity_id: activityId,
    starts_at: s.startsAt,
    ends_at: s.endsAt,
    local_date: s.localDate,
    capacity: activity.capacity,
  }))
  let created = 0
  for (let i = 0; i < rows.length; i += 200) {
    const result = await db
      .insertInto('activity_session')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['activity_id', 'starts_at']).doNothing())
      .returning('id')
      .execute()
    created += result.length
  }
  for (const exception of exceptions) {
    await db
      .updateTable('activity_session')
      .set({ status: 'cancelled', cancelled_reason: exception.reason ?? null })
      .where('activity_id', '=', activityId)
      .where('local_date', '=', exception.on_date)
      .where('status', '=', 'scheduled')
      .execute()
  }
  return created
}
