import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { addDays, zonedTimeToUtc } from '../../app/modules/activities/schedule.ts'
import { refreshMonths } from '../../app/modules/reporting/rollup.ts'
import type { Generator } from './types.ts'
import { benchId, benchIdPrefix, countRows, insertInBatches, seededRandom } from './util.ts'

// Reporting at Copenhagen scale (issue 9): a year of held sessions with head counts (the
// "attendance rows"), referrals with their citizens and consents, courses and frikort earnings,
// all in the last full calendar year, plus an administrator of the first municipality with a
// session the bench sends as a cookie (`as: 'administrator'` in routes.js).

const ACTIVITY = 3
const APPLICATION = 6
const PAST_SESSION = 12
const CITIZEN = 13
const CONSENT = 14
const REFERRAL = 15
const COURSE = 16
const DECISION = 17
const EARNING = 18
const PEOPLE = 19
const DAY = 86_400_000

/** The year the dashboard is measured for: the last full calendar year. */
export const REPORT_YEAR = new Date().getUTCFullYear() - 1
const yearDay = (n: number) => addDays(`${REPORT_YEAR}-01-01`, n)

/** Session rows held in REPORT_YEAR in the first municipality, each with its head count. */
export const attendance: Generator = {
  name: 'attendance',
  defaultSize: 1_000_000,
  async generate(trx, size) {
    // All in the first municipality: one big municipality's year, as in Copenhagen.
    const municipality = await trx
      .selectFrom('municipality')
      .select('id')
      .orderBy('slug')
      .limit(1)
      .executeTakeFirstOrThrow()
    const activities = await trx
      .selectFrom('activity as a')
      .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
      .leftJoin('area as ar', 'ar.id', 'a.area_id')
      .select(['a.id', 'a.start_time', 'a.end_time'])
      .where(sql<boolean>`a.id::text like ${benchIdPrefix(ACTIVITY) + '%'}`)
      .where((eb) =>
        eb.or([
          eb('ar.municipality_id', '=', municipality.id),
          eb.and([eb('a.area_id', 'is', null), eb('o.home_municipality_id', '=', municipality.id)]),
        ]),
      )
      .orderBy('a.id')
      .execute()
    if (activities.length === 0) throw new Error('attendance needs the activities generator first')
    const perActivity = Math.ceil(size / activities.length)
    const random = seededRandom(PAST_SESSION)
    const sessionOf = (i: number) => {
      const a = activities[i % activities.length]!
      const n = Math.floor(i / activities.length)
      // spread an activity's sessions evenly over the year (several a week at this scale)
      const date = yearDay(Math.floor((n * 365) / perActivity) % 365)
      return { a, date, n }
    }
    // Each session at its own minute of the day, so (activity, starts_at) stays unique.
    const inserted = await insertInBatches(trx, 'activity_session', size, (i) => {
      const { a, date, n } = sessionOf(i)
      const startsAt = new Date(zonedTimeToUtc(date, a.start_time).getTime() + (n % 7) * 60_000)
      return {
        id: benchId(PAST_SESSION, i),
        activity_id: a.id,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 90 * 60_000),
        local_date: date,
        status: 'scheduled' as const,
      }
    })
    await insertInBatches(trx, 'session_attendance', size, (i) => ({
      session_id: benchId(PAST_SESSION, i),
      // mostly 5–30, a tenth of them small (the suppression has real work to do)
      anonymous_count: random() < 0.1 ? Math.floor(random() * 5) : 5 + Math.floor(random() * 26),
    }))
    await sql`analyze activity_session`.execute(trx)
    await sql`analyze session_attendance`.execute(trx)
    // the dashboard's monthly rollup for the year, as the hourly job keeps it
    await refreshMonths(
      trx,
      Array.from({ length: 12 }, (_, m) => `${REPORT_YEAR}-${String(m + 1).padStart(2, '0')}-01`),
      new Date(),
    )
    await sql`analyze report_activity_month`.execute(trx)
    return {
      inserted,
      generated: await countRows(trx, 'activity_session', benchIdPrefix(PAST_SESSION)),
      tableRows: await countRows(trx, 'activity_session'),
    }
  },
}

const STATES = ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'cancelled'] as const
const KINDS = ['buddy', 'activity', 'organisation', 'frikort'] as const

/** Referrals sent in REPORT_YEAR, each with a citizen and a consent of its own. */
export const referrals: Generator = {
  name: 'referrals',
  defaultSize: 50_000,
  async generate(trx, size) {
    const orgs = await trx
      .selectFrom('organisation')
      .select(['id', 'home_municipality_id'])
      .where(sql<boolean>`id::text like ${benchIdPrefix(2) + '%'}`)
      .where('home_municipality_id', 'is not', null)
      .orderBy('id')
      .limit(200)
      .execute()
    if (orgs.length === 0) throw new Error('referrals needs the organisations generator first')
    const groups = await trx.selectFrom('target_group').select('id').orderBy('code').execute()
    const random = seededRandom(REFERRAL)
    const org = (i: number) => orgs[i % orgs.length]!
    const sentAt = (i: number) =>
      new Date(zonedTimeToUtc(yearDay(i % 365), '09:00').getTime() + (i % 480) * 60_000)
    await insertInBatches(trx, 'citizen', size, (i) => ({
      id: benchId(CITIZEN, i),
      municipality_id: org(i).home_municipality_id!,
      chosen_name: `Rapportborger ${i + 1}`,
      birth_year: 1950 + (i % 55),
    }))
    await insertInBatches(trx, 'citizen_target_group', Math.floor(size * 0.3), (i) => ({
      citizen_id: benchId(CITIZEN, i),
      target_group_id: groups[i % groups.length]!.id,
    }))
    await insertInBatches(trx, 'consent', size, (i) => ({
      id: benchId(CONSENT, i),
      citizen_id: benchId(CITIZEN, i),
      purpose: 'referral' as const,
      data_categories: ['name' as const],
      wording_version: 'bench-1',
      channel: 'digital' as const,
      given_at: new Date(sentAt(i).getTime() - DAY),
      expires_at: new Date(sentAt(i).getTime() + 700 * DAY),
    }))
    const inserted = await insertInBatches(trx, 'referral', size, (i) => {
      const state = STATES[Math.floor(random() * STATES.length)]!
      const sent = sentAt(i)
      return {
        id: benchId(REFERRAL, i),
        citizen_id: benchId(CITIZEN, i),
        municipality_id: org(i).home_municipality_id!,
        to_organisation_id: org(i).id,
        kind: KINDS[i % KINDS.length]!,
        activity_id: KINDS[i % KINDS.length] === 'activity' ? benchId(ACTIVITY, i % 5000) : null,
        consent_id: benchId(CONSENT, i),
        state,
        state_reason: state === 'declined' || state === 'cancelled' ? 'bench' : null,
        sent_at: sent,
        deadline_at: new Date(sent.getTime() + 14 * DAY),
        answered_at:
          state === 'sent' ? null : new Date(sent.getTime() + (6 + random() * 200) * 3_600_000),
      }
    })
    await sql`analyze referral`.execute(trx)
    return {
      inserted,
      generated: await countRows(trx, 'referral', benchIdPrefix(REFERRAL)),
      tableRows: await countRows(trx, 'referral'),
    }
  },
}

const CLOSE_REASONS = [
  'goal_reached',
  'moved',
  'no_chemistry',
  'citizens_wish',
  'volunteer_stopped',
  'other',
] as const

/** Courses on the generated referrals (one each): a third closed in REPORT_YEAR, the rest running. */
export const courses: Generator = {
  name: 'courses',
  defaultSize: 20_000,
  async generate(trx, size) {
    const apps = await trx
      .selectFrom('volunteer_application')
      .select(['id', 'person_id'])
      .where(sql<boolean>`id::text like ${benchIdPrefix(APPLICATION) + '%'}`)
      .orderBy('id')
      .limit(2000)
      .execute()
    if (apps.length === 0) throw new Error('courses needs the volunteers generator first')
    const refs = await trx
      .selectFrom('referral')
      .select(['id', 'citizen_id', 'municipality_id', 'to_organisation_id', 'sent_at'])
      .where(sql<boolean>`id::text like ${benchIdPrefix(REFERRAL) + '%'}`)
      .orderBy('id')
      .limit(size)
      .execute()
    const random = seededRandom(COURSE)
    const inserted = await insertInBatches(trx, 'course', Math.min(size, refs.length), (i) => {
      const r = refs[i]!
      const app = apps[i % apps.length]!
      const started = new Date(new Date(r.sent_at).getTime() + 10 * DAY)
      const closed = i % 3 === 0
      return {
        id: benchId(COURSE, i),
        referral_id: r.id,
        citizen_id: r.citizen_id,
        municipality_id: r.municipality_id,
        organisation_id: r.to_organisation_id,
        volunteer_application_id: app.id,
        volunteer_person_id: app.person_id,
        state: closed ? ('closed' as const) : ('active' as const),
        volunteer_answer: 'yes' as const,
        citizen_answer: 'yes' as const,
        proposed_at: new Date(started.getTime() - 5 * DAY),
        started_at: started,
        closed_at: closed ? new Date(started.getTime() + (30 + random() * 150) * DAY) : null,
        close_reason: closed ? CLOSE_REASONS[i % CLOSE_REASONS.length]! : null,
        follow_up: closed && random() < 0.5,
      }
    })
    return {
      inserted,
      generated: await countRows(trx, 'course', benchIdPrefix(COURSE)),
      tableRows: await countRows(trx, 'course'),
    }
  },
}

/** Frikort decisions for some generated citizens and earnings paid to them in REPORT_YEAR. */
export const frikortEarnings: Generator = {
  name: 'earnings',
  defaultSize: 5_000,
  async generate(trx, size) {
    const employers = await trx
      .selectFrom('organisation')
      .select('id')
      .where(sql<boolean>`id::text like ${benchIdPrefix(2) + '%'}`)
      .orderBy('id')
      .limit(50)
      .execute()
    const holders = Math.max(1, Math.floor(size / 5))
    const citizens = await trx
      .selectFrom('citizen')
      .select(['id', 'municipality_id'])
      .where(sql<boolean>`id::text like ${benchIdPrefix(CITIZEN) + '%'}`)
      .orderBy('id')
      .limit(holders)
      .execute()
    if (citizens.length === 0 || employers.length === 0)
      throw new Error('earnings needs the referrals and organisations generators first')
    await insertInBatches(trx, 'frikort_decision', citizens.length, (i) => ({
      id: benchId(DECISION, i),
      citizen_id: citizens[i]!.id,
      municipality_id: citizens[i]!.municipality_id,
      decided_on: yearDay(i % 60),
      next_control_due: `${REPORT_YEAR + 1}-12-31`,
    }))
    const inserted = await insertInBatches(trx, 'frikort_earning', size, (i) => {
      const day = yearDay(60 + (i % 290))
      return {
        id: benchId(EARNING, i),
        citizen_id: citizens[i % citizens.length]!.id,
        employer_organisation_id: employers[i % employers.length]!.id,
        period_start: day,
        period_end: day,
        paid_on: day,
        amount_ore: 20_000 + (i % 40) * 2_500,
      }
    })
    return {
      inserted,
      generated: await countRows(trx, 'frikort_earning', benchIdPrefix(EARNING)),
      tableRows: await countRows(trx, 'frikort_earning'),
    }
  },
}

/** An administrator of the first municipality (by slug) with a fresh session for the bench. */
export const reportAdministrator: Generator = {
  name: 'report-administrators',
  defaultSize: 1,
  async generate(trx) {
    const municipality = await trx
      .selectFrom('municipality')
      .select('id')
      .orderBy('slug')
      .limit(1)
      .executeTakeFirstOrThrow()
    const person = benchId(PEOPLE, 0)
    await trx
      .insertInto('person')
      .values({ id: person, display_name: 'Bench Administrator', email: 'admin@bench.example.dk' })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('municipal_role')
      .values({ person_id: person, municipality_id: municipality.id, role: 'administrator' })
      .onConflict((oc) => oc.columns(['person_id', 'municipality_id', 'role']).doNothing())
      .execute()
    const token = randomBytes(32).toString('base64url')
    await trx.deleteFrom('session').where('person_id', '=', person).execute()
    const now = new Date()
    await trx
      .insertInto('session')
      .values({
        id: createHash('sha256').update(token).digest('hex'),
        person_id: person,
        created_at: now,
        last_seen_at: now,
        idle_timeout_seconds: 30 * 86_400,
        expires_at: new Date(now.getTime() + 30 * DAY),
        mfa_verified_at: now,
      })
      .execute()
    return { inserted: 1, generated: 1, tableRows: 1, sessions: { administrator: token } }
  },
}
