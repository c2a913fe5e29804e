import { sql } from 'kysely'
import {
  addDays,
  occurrences,
  sessionTimes,
  utcToZoned,
} from '../../app/modules/activities/schedule.ts'
import type { Generator } from './types.ts'
import { benchId, benchIdPrefix, countRows, insertInBatches, seededRandom } from './util.ts'

const KIND = 4
const ACTIVITY_KIND = 3
/** Far enough ahead that a monthly series still has its share of sessions. */
const HORIZON_DAYS = 3 * 365

/**
 * Upcoming session rows for the generated, published activities, from today: the size is
 * shared out evenly (~10 each at the defaults); a one-off has one session, and the activities
 * after it take up the difference. About 1 % are cancelled.
 */
export const sessions: Generator = {
  name: 'sessions',
  defaultSize: 50_000,
  async generate(trx, size) {
    const activities = await trx
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
      ])
      .where(sql<boolean>`id::text like ${benchIdPrefix(ACTIVITY_KIND) + '%'}`)
      .where('status', '=', 'published')
      .orderBy('id')
      .execute()
    const today = utcToZoned(new Date()).date
    const random = seededRandom(KIND)
    const rows: {
      id: string
      activity_id: string
      starts_at: Date
      ends_at: Date
      local_date: string
      capacity: number | null
      status: 'scheduled' | 'cancelled'
    }[] = []
    let remaining = size
    activities.forEach((a, i) => {
      const want = Math.round(remaining / (activities.length - i))
      if (want <= 0) return
      const schedule = {
        freq: a.freq,
        interval: a.interval,
        byday: a.byday,
        bysetpos: a.bysetpos,
        dtstart: a.dtstart,
        until: a.until,
        startTime: a.start_time,
        endTime: a.end_time,
        timezone: a.timezone,
      }
      const dates = occurrences(schedule, today, addDays(today, HORIZON_DAYS)).slice(0, want)
      for (const s of sessionTimes(schedule, dates)) {
        rows.push({
          id: benchId(KIND, rows.length),
          activity_id: a.id,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          local_date: s.localDate,
          capacity: a.capacity,
          status: random() < 0.01 ? 'cancelled' : 'scheduled',
        })
      }
      remaining -= dates.length
    })
    const inserted = await insertInBatches(trx, 'activity_session', rows.length, (i) => rows[i]!)
    // Planner statistics for the new rows: the embedded database has no autovacuum to gather them.
    await sql`analyze activity_session`.execute(trx)
    return {
      inserted,
      generated: await countRows(trx, 'activity_session', benchIdPrefix(KIND)),
      tableRows: await countRows(trx, 'activity_session'),
    }
  },
}
