import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

// The monthly rollup behind the dashboard (ADR 018): per activity and closed month, the sessions
// held, their head counts and named check-ins. A year of a big municipality is half a million
// sessions; the rollup is a few tens of thousands of rows. The current month, and the ragged
// edges of a custom period, are always counted live. No `~` imports: the demo seed and the
// bench generator call it with plain Node.

type Db = Kysely<DB> | Transaction<DB>

/** 'YYYY-MM-01' of a local date. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7)) - 1 + n
  const year = y + Math.floor(m / 12)
  const mm = ((m % 12) + 12) % 12
  return `${year}-${String(mm + 1).padStart(2, '0')}-01`
}

/** The last day of a month ('YYYY-MM-01' → 'YYYY-MM-DD'). */
export function lastDayOf(month: string): string {
  const next = new Date(`${addMonths(month, 1)}T00:00:00Z`)
  next.setUTCDate(0)
  return next.toISOString().slice(0, 10)
}

/**
 * How a period (local dates, both included) splits: whole months before the current month come
 * from the rollup; the rest (a partial first or last month, the current month) is counted live.
 */
export function splitPeriod(
  from: string,
  to: string,
  today: string,
): { months: string[]; live: { from: string; to: string }[] } {
  const open = monthOf(today)
  const months: string[] = []
  const live: { from: string; to: string }[] = []
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) {
    const start = m < from ? from : m
    const end = lastDayOf(m) > to ? to : lastDayOf(m)
    if (start === m && end === lastDayOf(m) && m < open) {
      months.push(m)
      continue
    }
    const last = live.at(-1)
    // adjacent live pieces (the last days of a month and the open month after it) join up
    if (last && last.to === lastDayOf(addMonths(m, -1)) && start === m) last.to = end
    else live.push({ from: start, to: end })
  }
  return { months, live }
}

/** Recomputes the rollup rows of these months (sessions already begun at `now`). */
export async function refreshMonths(db: Db, months: string[], now: Date): Promise<number> {
  if (months.length === 0) return 0
  const sorted = [...new Set(months)].sort()
  const first = sorted[0]!
  const end = addMonths(sorted.at(-1)!, 1)
  await db.deleteFrom('report_activity_month').where('month', 'in', sorted).execute()
  const result = await sql`
    insert into report_activity_month (activity_id, month, sessions, anonymous, named_visits, refreshed_at)
    select s.activity_id, date_trunc('month', s.local_date)::date, count(*),
      coalesce(sum(sa.anonymous_count), 0),
      coalesce(sum(n.named), 0),
      ${now}
    from activity_session s
    left join session_attendance sa on sa.session_id = s.id
    left join (
      select g.session_id, count(*) as named from signup g
      join activity_session gs on gs.id = g.session_id
      where g.state = 'attended' and gs.local_date >= ${first} and gs.local_date < ${end}
      group by g.session_id
    ) n on n.session_id = s.id
    where s.status = 'scheduled' and s.starts_at < ${now}
      and s.local_date >= ${first} and s.local_date < ${end}
      and date_trunc('month', s.local_date)::date = any(${sql.val(sorted)}::date[])
    group by 1, 2`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/**
 * Hourly: refreshes every closed month whose sessions, head counts or named check-ins changed
 * since the last run, and always the month that just closed. The first run refreshes every
 * month there is.
 */
export async function refreshChangedMonths(db: Db, now: Date, today: string): Promise<number> {
  const state = await db.selectFrom('report_rollup_state').select('refreshed_at').executeTakeFirst()
  const since = state ? new Date(state.refreshed_at) : null
  const open = monthOf(today)
  const changed = since
    ? await sql<{ month: string }>`
        select distinct to_char(s.local_date, 'YYYY-MM-01') as month
        from activity_session s
        where s.local_date < ${open} and (
          s.created_at >= ${since}
          or s.id in (select session_id from session_attendance where updated_at >= ${since})
          or s.id in (select session_id from signup where state = 'attended' and updated_at >= ${since})
        )`.execute(db)
    : await sql<{ month: string }>`
        select distinct to_char(local_date, 'YYYY-MM-01') as month
        from activity_session where local_date < ${open}`.execute(db)
  const months = [...changed.rows.map((r) => r.month), addMonths(open, -1)]
  const n = await refreshMonths(db, months, now)
  await db
    .insertInto('report_rollup_state')
    .values({ id: true, refreshed_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ refreshed_at: now }))
    .execute()
  return n
}
