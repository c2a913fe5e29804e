import { sql } from 'kysely'
import type { Executor } from '~/db.server'
import { addDays } from '../activities/schedule'
import type { Period } from './filters'
import { CLOSE_REASONS, type CloseReason } from './vocab'

// Courses (forløb, app/modules/matching) and the social free card (socialt frikort,
// app/modules/frikort) as counts for the municipal dashboard. Raw and unsuppressed: report.ts
// decides what may be shown.

export interface CourseCounts {
  started: number
  active: number
  closed: number
  closedByReason: Record<CloseReason, number>
  /** Median length in days of the courses closed in the period; null without any. */
  medianDays: number | null
  anchored: number
  followUpPlanned: number
  followUpReached: number
}

export interface FrikortCounts {
  decisions: number
  activeDecisions: number
  inJob: number
  earners: number
  earningsOere: number
  funnel: { suggested: number; interested: number; trial: number; hired: number }
  firstJobs: number
  medianDaysToFirstJob: number | null
}

const num = (v: unknown) => Number(v ?? 0)
// The period's first and day-after-last midnights in Copenhagen time, whatever the session's zone.
const bounds = (period: Pick<Period, 'from' | 'to'>) => ({
  fromTs: sql`(${period.from}::date::timestamp at time zone 'Europe/Copenhagen')`,
  toTs: sql`(${addDays(period.to, 1)}::date::timestamp at time zone 'Europe/Copenhagen')`,
})

export async function countCourses(
  db: Executor,
  municipalityId: string,
  period: Pick<Period, 'from' | 'to'>,
): Promise<CourseCounts> {
  const { fromTs, toTs } = bounds(period)
  const summary = await sql<Record<string, unknown>>`
    with c as (
      select id, state, started_at, closed_at, close_reason, anchoring_activity_id, follow_up
      from course where municipality_id = ${municipalityId}
    ),
    closed as (select * from c where state = 'closed' and closed_at >= ${fromTs} and closed_at < ${toTs})
    select
      (select count(*) from c where started_at >= ${fromTs} and started_at < ${toTs}) as started,
      (select count(*) from c where state in ('active', 'paused', 'closing') and started_at < ${toTs}) as active,
      (select count(*) from closed) as closed,
      (select percentile_cont(0.5) within group (order by extract(epoch from (closed_at - started_at)) / 86400)
        from closed where started_at is not null) as median_days,
      (select count(*) from closed where anchoring_activity_id is not null) as anchored,
      (select count(*) from closed where follow_up) as follow_up_planned,
      (select count(distinct cl.id) from closed cl
        join task t on t.course_id = cl.id and t.kind = 'follow_up_call' and t.done_at is not null
        where cl.follow_up) as follow_up_reached`.execute(db)
  const reasons = await sql<{ close_reason: string; n: unknown }>`
    select close_reason, count(*) as n from course
    where municipality_id = ${municipalityId} and state = 'closed'
      and closed_at >= ${fromTs} and closed_at < ${toTs}
    group by close_reason`.execute(db)
  const s = summary.rows[0] ?? {}
  const closedByReason = Object.fromEntries(CLOSE_REASONS.map((r) => [r, 0])) as Record<
    CloseReason,
    number
  >
  for (const r of reasons.rows)
    if ((CLOSE_REASONS as readonly string[]).includes(r.close_reason))
      closedByReason[r.close_reason as CloseReason] += num(r.n)
  return {
    started: num(s.started),
    active: num(s.active),
    closed: num(s.closed),
    closedByReason,
    medianDays: s.median_days === null || s.median_days === undefined ? null : num(s.median_days),
    anchored: num(s.anchored),
    followUpPlanned: num(s.follow_up_planned),
    followUpReached: num(s.follow_up_reached),
  }
}

export async function countFrikort(
  db: Executor,
  municipalityId: string,
  period: Pick<Period, 'from' | 'to'>,
): Promise<FrikortCounts> {
  const { fromTs, toTs } = bounds(period)
  const result = await sql<Record<string, unknown>>`
    with cit as (select id from citizen where municipality_id = ${municipalityId}),
    m as (
      select fm.citizen_id, fm.state, fm.created_at, fm.interested_at, fm.trial_at, fm.hired_at, fm.ended_at
      from frikort_match fm where fm.citizen_id in (select id from cit)
    ),
    earned as (
      select e.citizen_id, e.amount_ore from frikort_earning e
      where e.citizen_id in (select id from cit)
        and e.paid_on between ${period.from} and ${period.to}
    ),
    first_hire as (
      select m.citizen_id, min(m.hired_at) as hired_at from m where m.hired_at is not null
      group by m.citizen_id
    ),
    first_jobs as (
      select fh.citizen_id,
        extract(epoch from (fh.hired_at - (d.decided_on::timestamp at time zone 'Europe/Copenhagen'))) / 86400 as days
      from first_hire fh
      join lateral (
        select decided_on from frikort_decision
        where citizen_id = fh.citizen_id and decided_on <= fh.hired_at::date
        order by decided_on desc limit 1
      ) d on true
      where fh.hired_at >= ${fromTs} and fh.hired_at < ${toTs}
    )
    select
      (select count(*) from frikort_decision where municipality_id = ${municipalityId}
        and decided_on between ${period.from} and ${period.to}) as decisions,
      (select count(*) from frikort_decision where municipality_id = ${municipalityId}
        and status = 'active' and decided_on <= ${period.to}) as active_decisions,
      (select count(distinct citizen_id) from m where hired_at < ${toTs}
        and (ended_at is null or ended_at >= ${fromTs})) as in_job,
      (select count(distinct citizen_id) from earned) as earners,
      (select coalesce(sum(amount_ore), 0) from earned) as earnings,
      (select count(*) from m where created_at >= ${fromTs} and created_at < ${toTs}) as suggested,
      (select count(*) from m where created_at >= ${fromTs} and created_at < ${toTs} and interested_at is not null) as interested,
      (select count(*) from m where created_at >= ${fromTs} and created_at < ${toTs} and trial_at is not null) as trial,
      (select count(*) from m where created_at >= ${fromTs} and created_at < ${toTs} and hired_at is not null) as hired,
      (select count(*) from first_jobs) as first_jobs,
      (select percentile_cont(0.5) within group (order by days) from first_jobs) as median_days`.execute(
    db,
  )
  const r = result.rows[0] ?? {}
  return {
    decisions: num(r.decisions),
    activeDecisions: num(r.active_decisions),
    inJob: num(r.in_job),
    earners: num(r.earners),
    earningsOere: num(r.earnings),
    funnel: {
      suggested: num(r.suggested),
      interested: num(r.interested),
      trial: num(r.trial),
      hired: num(r.hired),
    },
    firstJobs: num(r.first_jobs),
    medianDaysToFirstJob:
      r.median_days === null || r.median_days === undefined ? null : num(r.median_days),
  }
}
