import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '~/db.server'
import type { ReferralKind, ReferralState } from '../../../db/schema.ts'
import { addDays, utcToZoned, zonedTimeToUtc } from '../activities/schedule'
import { forbidden, type Ctx } from '../identity/guards.server'
import { computeProgress } from '../partnerships/progress'
import type { Period } from './filters'
import { splitPeriod } from './rollup'
import { REFERRAL_KINDS, REFERRAL_STATES } from './vocab'
import {
  countCourses,
  countFrikort,
  type CourseCounts,
  type FrikortCounts,
} from './outcomes.server'

// The municipal dashboard's figures (Kommunens overblik), raw and unsuppressed: only
// app/modules/reporting/report.ts turns them into what may be shown. Each query is set-based and
// scoped to one municipality and one period; the period is compared in Copenhagen time.
//
// Who may ask: the municipality's administrators and council viewers (Udsatterådet). The
// queries return counts only, never a person.

export const REPORT_ROLES = ['administrator', 'council_viewer'] as const

export interface ReportScope {
  municipalityId: string
  municipalityName: string
  municipalities: { id: string; name: string }[]
  /** The strongest role the actor holds in this municipality. */
  role: 'administrator' | 'council_viewer'
}

/** The municipality a report is about: `?municipality=` among the actor's own, else the first. */
export function requireReportScope(ctx: Ctx, requested: string | null | undefined): ReportScope {
  const mine = ctx.actor.municipalRoles.filter((r) =>
    (REPORT_ROLES as readonly string[]).includes(r.role),
  )
  const municipalities = [
    ...new Map(
      mine.map((r) => [r.municipalityId, { id: r.municipalityId, name: r.municipalityName }]),
    ).values(),
  ]
  if (municipalities.length === 0) forbidden()
  const chosen = requested ? municipalities.find((m) => m.id === requested) : municipalities[0]
  if (!chosen) forbidden()
  const isAdmin = mine.some((r) => r.municipalityId === chosen.id && r.role === 'administrator')
  return {
    municipalityId: chosen.id,
    municipalityName: chosen.name,
    municipalities,
    role: isAdmin ? 'administrator' : 'council_viewer',
  }
}

export interface Totals {
  activities: number
  sessions: number
  /** Head counts at sessions (visits, not people). */
  anonymous: number
  /** Named check-ins (visits). */
  namedVisits: number
  /** Distinct people among the named check-ins (a guest sign-up counts once). */
  namedUnique: number
}

export interface DashboardRaw {
  period: Period
  goalId: string | null
  overview: Totals
  months: ({ month: string } & Omit<Totals, 'namedUnique' | 'activities'>)[]
  goals: ({ id: string; position: number; titleDa: string; titleEn: string } & Totals)[]
  targetGroups: {
    id: string
    code: string
    nameDa: string
    nameEn: string
    sensitive: boolean
    activities: number
    sessions: number
    anonymous: number
    referredCitizens: number
  }[]
  volunteers: { active: number; newInPeriod: number; minutes: number; contributors: number }
  referrals: {
    byReceiver: { organisationId: string; name: string; counts: Record<ReferralState, number> }[]
    byKind: Record<ReferralKind, number>
    answered: number
    medianAnswerHours: number | null
  }
  partnerships: {
    id: string
    title: string
    organisation: string
    amountOere: number
    periodStart: string
    periodEnd: string
    outreachInPeriod: number
    criteriaTotal: number
    criteriaReached: number
  }[]
  courses: CourseCounts | null
  frikort: FrikortCounts | null
}

/** The period as instants: [start of the first day, start of the day after the last). */
export function periodInstants(period: Pick<Period, 'from' | 'to'>) {
  return {
    fromTs: zonedTimeToUtc(period.from, '00:00'),
    toTs: zonedTimeToUtc(addDays(period.to, 1), '00:00'),
  }
}

/** An activity belongs to its area's municipality, or else to its organisation's (as the catalogue). */
export function activitiesOf(municipalityId: string, goalId: string | null): RawBuilder<unknown> {
  return sql`
    select a.id
    from activity a
    join organisation o on o.id = a.organisation_id
    left join area ar on ar.id = a.area_id
    where (ar.municipality_id = ${municipalityId}
        or (a.area_id is null and o.home_municipality_id = ${municipalityId}))
      ${goalId ? sql`and exists (select 1 from activity_goal ag where ag.activity_id = a.id and ag.goal_id = ${goalId})` : sql``}`
}

/**
 * The period's activity figures as a grid (activity, month, sessions, head counts, named
 * check-ins): closed months from the rollup (rollup.ts), the rest counted live from the
 * sessions already begun; and the named participants, one key per person: the account, else
 * the guest's e-mail or phone (used inside the query only, never returned).
 */
export function activityGrid(p: {
  municipalityId: string
  goalId: string | null
  period: Pick<Period, 'from' | 'to'>
  now: Date
}): RawBuilder<unknown> {
  const { fromTs, toTs } = periodInstants(p.period)
  const untilTs = toTs < p.now ? toTs : p.now
  const split = splitPeriod(p.period.from, p.period.to, utcToZoned(p.now).date)
  const ranges = split.live.map((r) => periodInstants(r))
  const liveWhere = ranges.length
    ? sql.join(
        ranges.map((r) => sql`(s.starts_at >= ${r.fromTs} and s.starts_at < ${r.toTs})`),
        sql` or `,
      )
    : sql`false`
  return sql`
    acts as (${activitiesOf(p.municipalityId, p.goalId)}),
    live_held as (
      select s.id, s.activity_id, s.local_date
      from acts
      join activity_session s on s.activity_id = acts.id
      where s.status = 'scheduled' and s.starts_at < ${untilTs} and (${liveWhere})
    ),
    grid as (
      select r.activity_id, r.month, r.sessions, r.anonymous, r.named_visits
      from report_activity_month r
      where r.activity_id in (select id from acts)
        and r.month = any(${sql.val(split.months)}::date[])
      union all
      select h.activity_id, date_trunc('month', h.local_date)::date, count(*),
        coalesce(sum(sa.anonymous_count), 0), coalesce(sum(n.named), 0)
      from live_held h
      left join session_attendance sa on sa.session_id = h.id
      left join lateral (
        select count(*) as named from signup g where g.session_id = h.id and g.state = 'attended'
      ) n on true
      group by 1, 2
    ),
    participants as (
      select distinct ${PERSON_KEY} as pkey, s.activity_id
      from signup g
      join activity_session s on s.id = g.session_id
      where g.state = 'attended' and s.status = 'scheduled'
        and s.starts_at >= ${fromTs} and s.starts_at < ${untilTs}
        and s.activity_id in (select id from acts)
    )`
}

/** One key per participant among named check-ins (inside queries only). */
export const PERSON_KEY = sql`coalesce(g.person_id::text, lower(g.guest_email), replace(g.guest_phone, ' ', ''), g.id::text)`

const num = (v: unknown) => Number(v ?? 0)

/** Every month the period touches, 'YYYY-MM', so a month without sessions shows as 0. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = []
  let y = Number(period.from.slice(0, 4))
  let m = Number(period.from.slice(5, 7))
  const endY = Number(period.to.slice(0, 4))
  const endM = Number(period.to.slice(5, 7))
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/** The municipality's goal frameworks that overlap the period, newest first, with their goals. */
export async function listReportGoals(db: Executor, municipalityId: string) {
  return db
    .selectFrom('goal as g')
    .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
    .select(['g.id', 'g.position', 'g.title_da', 'g.title_en', 'f.name as framework'])
    .where('f.municipality_id', '=', municipalityId)
    .orderBy('f.valid_from', 'desc')
    .orderBy('g.position')
    .execute()
}

/** The action-plan period: the newest goal framework's validity. */
export async function planPeriod(
  db: Executor,
  municipalityId: string,
): Promise<{ from: string; to: string } | null> {
  const f = await db
    .selectFrom('goal_framework')
    .select(['valid_from', 'valid_to'])
    .where('municipality_id', '=', municipalityId)
    .where('valid_from', 'is not', null)
    .where('valid_to', 'is not', null)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst()
  return f?.valid_from && f.valid_to ? { from: f.valid_from, to: f.valid_to } : null
}

/** Every figure of the dashboard for one municipality, period and (optional) goal. */
export async function loadDashboard(
  ctx: Ctx,
  scope: ReportScope,
  period: Period,
  goalId: string | null,
): Promise<DashboardRaw> {
  const db = ctx.db
  const m = scope.municipalityId
  const { fromTs, toTs } = periodInstants(period)
  const cte = activityGrid({ municipalityId: m, goalId, period, now: ctx.now })

  // One statement for every activity figure, so the grid is built once per request.
  const activitiesQ = sql<{
    overview: Record<string, unknown>
    named_unique: unknown
    months: Record<string, unknown>[]
    goals: Record<string, unknown>[]
    target_groups: Record<string, unknown>[]
  }>`
    with ${cte},
    per_activity as (
      select activity_id, sum(sessions) as sessions, sum(anonymous) as anonymous,
        sum(named_visits) as named_visits
      from grid group by activity_id
    ),
    referred as (
      select ctg.target_group_id, count(distinct r.citizen_id) as citizens
      from referral r
      join citizen_target_group ctg on ctg.citizen_id = r.citizen_id
      where r.municipality_id = ${m} and r.sent_at >= ${fromTs} and r.sent_at < ${toTs}
      group by ctg.target_group_id
    )
    select
      (select json_build_object(
          'activities', count(*) filter (where sessions > 0),
          'sessions', coalesce(sum(sessions), 0),
          'anonymous', coalesce(sum(anonymous), 0),
          'named_visits', coalesce(sum(named_visits), 0))
        from per_activity) as overview,
      (select count(distinct pkey) from participants) as named_unique,
      (select coalesce(json_agg(x order by x.month), '[]') from (
        select to_char(month, 'YYYY-MM') as month, sum(sessions) as sessions,
          sum(anonymous) as anonymous, sum(named_visits) as named_visits
        from grid group by 1) x) as months,
      (select coalesce(json_agg(x order by x.ord), '[]') from (
        select g.id, g.position, g.title_da, g.title_en,
          row_number() over (order by f.valid_from desc nulls last, g.position) as ord,
          count(pa.activity_id) filter (where pa.sessions > 0) as activities,
          coalesce(sum(pa.sessions), 0) as sessions,
          coalesce(sum(pa.anonymous), 0) as anonymous,
          coalesce(sum(pa.named_visits), 0) as named_visits,
          (select count(distinct p.pkey) from participants p
            join activity_goal ag2 on ag2.activity_id = p.activity_id
            where ag2.goal_id = g.id) as named_unique
        from goal g
        join goal_framework f on f.id = g.framework_id
        left join activity_goal ag on ag.goal_id = g.id
        left join per_activity pa on pa.activity_id = ag.activity_id
        where f.municipality_id = ${m}
          and (f.valid_from is null or f.valid_from <= ${period.to})
          and (f.valid_to is null or f.valid_to >= ${period.from})
        group by g.id, g.position, g.title_da, g.title_en, f.valid_from) x) as goals,
      (select coalesce(json_agg(x order by x.sensitive, x.name_da), '[]') from (
        select tg.id, tg.code, tg.name_da, tg.name_en, tg.sensitive,
          count(pa.activity_id) filter (where pa.sessions > 0) as activities,
          coalesce(sum(pa.sessions), 0) as sessions,
          coalesce(sum(pa.anonymous), 0) as anonymous,
          coalesce(max(rf.citizens), 0) as referred
        from target_group tg
        left join activity_target_group atg on atg.target_group_id = tg.id
          and atg.activity_id in (select activity_id from per_activity)
        left join per_activity pa on pa.activity_id = atg.activity_id
        left join referred rf on rf.target_group_id = tg.id
        group by tg.id, tg.code, tg.name_da, tg.name_en, tg.sensitive) x) as target_groups`.execute(
    db,
  )

  const volunteersQ = sql<Record<string, unknown>>`
    with apps as (
      select va.id, va.person_id, va.state, va.created_at
      from volunteer_application va
      join organisation o on o.id = va.organisation_id
      where o.home_municipality_id = ${m}
    ),
    worked as (
      select a.person_id, coalesce(h.approved_minutes, h.minutes) as minutes
      from volunteer_hours h join apps a on a.id = h.application_id
      where h.state = 'approved' and h.worked_on between ${period.from} and ${period.to}
    )
    select
      (select count(distinct person_id) from apps where state = 'active' and created_at < ${toTs}) as active,
      (select count(distinct person_id) from apps where created_at >= ${fromTs} and created_at < ${toTs}) as new_in_period,
      (select coalesce(sum(minutes), 0) from worked) as minutes,
      (select count(distinct person_id) from worked) as contributors`.execute(db)

  const referralsQ = db
    .selectFrom('referral as r')
    .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
    .select(['r.to_organisation_id', 'o.name', 'r.state', 'r.kind'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.municipality_id', '=', m)
    .where('r.sent_at', '>=', fromTs)
    .where('r.sent_at', '<', toTs)
    .groupBy(['r.to_organisation_id', 'o.name', 'r.state', 'r.kind'])
    .execute()

  const answerQ = sql<Record<string, unknown>>`
    select count(*) as answered,
      percentile_cont(0.5) within group (order by extract(epoch from (answered_at - sent_at))) as median_seconds
    from referral
    where municipality_id = ${m} and sent_at >= ${fromTs} and sent_at < ${toTs}
      and answered_at is not null`.execute(db)

  const partnershipsQ = loadPartnerships(db, m, period, goalId, utcToZoned(ctx.now).date)

  const [activityFigures, volunteers, referrals, answer, partnerships] = await Promise.all([
    activitiesQ,
    volunteersQ,
    referralsQ,
    answerQ,
    partnershipsQ,
  ])
  const [courses, frikort] = await Promise.all([
    countCourses(db, m, period),
    countFrikort(db, m, period),
  ])

  const figures = activityFigures.rows[0]
  const o: Record<string, unknown> = {
    ...(figures?.overview ?? {}),
    named_unique: figures?.named_unique,
  }
  const byMonth = new Map((figures?.months ?? []).map((r) => [String(r.month), r]))
  const receivers = new Map<string, DashboardRaw['referrals']['byReceiver'][number]>()
  const byKind = Object.fromEntries(REFERRAL_KINDS.map((k) => [k, 0])) as Record<
    ReferralKind,
    number
  >
  for (const r of referrals) {
    const entry = receivers.get(r.to_organisation_id) ?? {
      organisationId: r.to_organisation_id,
      name: r.name,
      counts: Object.fromEntries(REFERRAL_STATES.map((s) => [s, 0])) as Record<
        ReferralState,
        number
      >,
    }
    entry.counts[r.state] += num(r.n)
    receivers.set(r.to_organisation_id, entry)
    byKind[r.kind] += num(r.n)
  }
  const v = volunteers.rows[0] ?? {}
  const a = answer.rows[0] ?? {}
  return {
    period,
    goalId,
    overview: {
      activities: num(o.activities),
      sessions: num(o.sessions),
      anonymous: num(o.anonymous),
      namedVisits: num(o.named_visits),
      namedUnique: num(o.named_unique),
    },
    months: monthsOf(period).map((month) => {
      const r = byMonth.get(month)
      return {
        month,
        sessions: num(r?.sessions),
        anonymous: num(r?.anonymous),
        namedVisits: num(r?.named_visits),
      }
    }),
    goals: (figures?.goals ?? []).map((g) => ({
      id: String(g.id),
      position: num(g.position),
      titleDa: String(g.title_da),
      titleEn: String(g.title_en),
      activities: num(g.activities),
      sessions: num(g.sessions),
      anonymous: num(g.anonymous),
      namedVisits: num(g.named_visits),
      namedUnique: num(g.named_unique),
    })),
    targetGroups: (figures?.target_groups ?? []).map((g) => ({
      id: String(g.id),
      code: String(g.code),
      nameDa: String(g.name_da),
      nameEn: String(g.name_en),
      sensitive: Boolean(g.sensitive),
      activities: num(g.activities),
      sessions: num(g.sessions),
      anonymous: num(g.anonymous),
      referredCitizens: num(g.referred),
    })),
    volunteers: {
      active: num(v.active),
      newInPeriod: num(v.new_in_period),
      minutes: num(v.minutes),
      contributors: num(v.contributors),
    },
    referrals: {
      byReceiver: [...receivers.values()].sort((x, y) => x.name.localeCompare(y.name, 'da')),
      byKind,
      answered: num(a.answered),
      medianAnswerHours:
        a.median_seconds === null || a.median_seconds === undefined
          ? null
          : Number(a.median_seconds) / 3600,
    },
    partnerships,
    courses,
    frikort,
  }
}

/** The municipality's partnerships that overlap the period, with outreach and criteria reached. */
async function loadPartnerships(
  db: Executor,
  municipalityId: string,
  period: Period,
  goalId: string | null,
  today: string,
): Promise<DashboardRaw['partnerships']> {
  const rows = await db
    .selectFrom('partnership as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select((eb) => [
      'p.id',
      'p.title',
      'o.name as organisation',
      'p.amount_oere',
      'p.period_start',
      'p.period_end',
      eb
        .selectFrom('outreach_log as ol')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('ol.partnership_id', '=', 'p.id')
        .where('ol.contacted_on', '>=', period.from)
        .where('ol.contacted_on', '<=', period.to)
        .as('outreach_in_period'),
    ])
    .where('p.municipality_id', '=', municipalityId)
    .where('p.period_start', '<=', period.to)
    .where('p.period_end', '>=', period.from)
    .$if(goalId !== null, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('partnership_goal as pg')
            .select('pg.goal_id')
            .whereRef('pg.partnership_id', '=', 'p.id')
            .where('pg.goal_id', '=', goalId!),
        ),
      ),
    )
    .orderBy('p.period_start')
    .orderBy('p.title')
    .execute()
  if (rows.length === 0) return []
  const criteria = await criteriaProgress(
    db,
    rows.map((r) => r.id),
    today,
  )
  return rows.map((r) => {
    const list = criteria.get(r.id) ?? []
    return {
      id: r.id,
      title: r.title,
      organisation: r.organisation,
      amountOere: num(r.amount_oere),
      periodStart: r.period_start,
      periodEnd: r.period_end,
      outreachInPeriod: num(r.outreach_in_period),
      criteriaTotal: list.length,
      criteriaReached: list.filter((c) => c.status === 'reached').length,
    }
  })
}

/** Progress per success criterion, counted as the partnership pages count it. */
export async function criteriaProgress(db: Executor, partnershipIds: string[], today: string) {
  const out = new Map<
    string,
    { id: string; description: string; value: number; target: number; status: string }[]
  >()
  if (partnershipIds.length === 0) return out
  const rows = await db
    .selectFrom('success_criterion as sc')
    .innerJoin('partnership as p', 'p.id', 'sc.partnership_id')
    .select((eb) => [
      'sc.id',
      'sc.partnership_id',
      'sc.description',
      'sc.target_value',
      'sc.measure',
      'p.period_end',
      eb
        .selectFrom('criterion_progress as cp')
        .select('cp.value')
        .whereRef('cp.criterion_id', '=', 'sc.id')
        .orderBy('cp.recorded_at', 'desc')
        .orderBy('cp.id', 'desc')
        .limit(1)
        .as('latest'),
      eb
        .selectFrom('outreach_log as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.partnership_id', '=', 'sc.partnership_id')
        .whereRef('o.contacted_on', '>=', 'p.period_start')
        .whereRef('o.contacted_on', '<=', 'p.period_end')
        .as('outreach'),
    ])
    .where('sc.partnership_id', 'in', partnershipIds)
    .orderBy('sc.partnership_id')
    .orderBy('sc.position')
    .execute()
  for (const r of rows) {
    const progress = computeProgress({
      measure: r.measure,
      target: r.target_value,
      outreachCount: num(r.outreach),
      latestManual: r.latest ?? null,
      periodEnd: r.period_end,
      today,
    })
    const list = out.get(r.partnership_id) ?? []
    list.push({
      id: r.id,
      description: r.description,
      value: progress.value,
      target: progress.target,
      status: progress.status,
    })
    out.set(r.partnership_id, list)
  }
  return out
}
