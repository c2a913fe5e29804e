import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import {
  addDays,
  utcToZoned,
  weekdayOf,
  zonedTimeToUtc,
} from '../../app/modules/activities/schedule.ts'
import { refreshChangedMonths } from '../../app/modules/reporting/rollup.ts'
import type { Prefilled } from '../../app/modules/reporting/status-report-rules.ts'
import type { DB, StatusReportState, Weekday } from '../schema.ts'
import { DEMO_ACTIVITY } from './demo-activities.ts'
import { DEMO_PARTNERSHIPS } from './demo-partnerships.ts'

// Reporting's demo (issue 9): a year of held sessions in 2025 with head counts and a few named
// check-ins, so the municipal dashboard has something to show (and a "<5" under goal 7); Café
// Broen's §18 status reports in every state; and action-plan initiatives for both municipalities
// in the wording of their own plans. Idempotent with fixed ids; no `~` imports (plain Node runs it).

const MUNICIPALITY = {
  frederiksberg: '00000000-0000-4000-8000-000000000147',
  rodovre: '00000000-0000-4000-8000-000000000175',
}
const FRAMEWORK = {
  frederiksberg: '00000000-0000-4000-8002-000000000147',
  rodovre: '00000000-0000-4000-8002-000000000175',
}
const PERSON = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const id = (n: number) => `00000000-0000-4000-8019-${String(n).padStart(12, '0')}`

export const DEMO_REPORTS = {
  cafeApproved: id(1),
  cafeReturned: id(2),
  cafeSubmitted: id(3),
  cafeDraft: id(4),
  footballDraft: id(5),
} as const

type Db = Kysely<DB> | Transaction<DB>

const localToday = (now: Date) => utcToZoned(now).date

function idFor(name: string): string {
  const h = createHash('sha256').update(`brobygger-demo-reporting:${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function numberFor(name: string, min: number, max: number): number {
  const h = createHash('sha256').update(name).digest()
  return min + (h.readUInt32BE(0) % (max - min + 1))
}

/** The 2025 history: weekday, times and the range of the head count per activity. */
const HISTORY: {
  activity: string
  byday: Weekday
  start: string
  end: string
  min: number
  max: number
}[] = [
  {
    activity: DEMO_ACTIVITY.footballMonday,
    byday: 'MO',
    start: '16:00',
    end: '18:00',
    min: 10,
    max: 22,
  },
  {
    activity: DEMO_ACTIVITY.footballWednesday,
    byday: 'WE',
    start: '16:00',
    end: '18:00',
    min: 8,
    max: 18,
  },
  {
    activity: DEMO_ACTIVITY.footballSaturday,
    byday: 'SA',
    start: '11:00',
    end: '13:00',
    min: 12,
    max: 26,
  },
  { activity: DEMO_ACTIVITY.badminton, byday: 'TH', start: '10:00', end: '11:30', min: 6, max: 14 },
  { activity: DEMO_ACTIVITY.yoga, byday: 'TU', start: '13:00', end: '14:00', min: 4, max: 11 },
  { activity: DEMO_ACTIVITY.dinner, byday: 'TU', start: '17:00', end: '19:30', min: 14, max: 28 },
  { activity: DEMO_ACTIVITY.walk, byday: 'WE', start: '10:00', end: '11:30', min: 5, max: 13 },
]

// Guests who checked in with their name (the named check-in needs their consent; the guests'
// first names are on the sign-up only and never reach a report).
const NAMED = {
  [DEMO_ACTIVITY.dinner]: ['Bente', 'Kurt', 'Lis'],
  [DEMO_ACTIVITY.footballMonday]: ['Mads', 'Sami', 'Jonas', 'Emil', 'Noah', 'Ali'],
} as Record<string, string[]>

async function seedHistory(trx: Db, now: Date): Promise<void> {
  const start = '2025-01-01'
  const end = '2025-12-31'
  const sessions: {
    activity_id: string
    starts_at: Date
    ends_at: Date
    local_date: string
    status: 'scheduled'
  }[] = []
  const existing = new Set(
    (
      await trx
        .selectFrom('activity')
        .select('id')
        .where(
          'id',
          'in',
          HISTORY.map((h) => h.activity),
        )
        .execute()
    ).map((a) => a.id),
  )
  for (const h of HISTORY) {
    if (!existing.has(h.activity)) continue
    for (let d = start; d <= end; d = addDays(d, 1)) {
      if (weekdayOf(d) !== h.byday) continue
      const startsAt = zonedTimeToUtc(d, h.start)
      if (startsAt >= now) continue
      sessions.push({
        activity_id: h.activity,
        starts_at: startsAt,
        ends_at: zonedTimeToUtc(d, h.end),
        local_date: d,
        status: 'scheduled',
      })
    }
  }
  for (let i = 0; i < sessions.length; i += 200)
    await trx
      .insertInto('activity_session')
      .values(sessions.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['activity_id', 'starts_at']).doNothing())
      .execute()
  const held = await trx
    .selectFrom('activity_session')
    .select(['id', 'activity_id', 'local_date', 'ends_at'])
    .where(
      'activity_id',
      'in',
      HISTORY.map((h) => h.activity),
    )
    .where('local_date', '>=', start)
    .where('local_date', '<=', end)
    .where('status', '=', 'scheduled')
    .execute()
  const range = new Map(HISTORY.map((h) => [h.activity, h]))
  for (let i = 0; i < held.length; i += 200)
    await trx
      .insertInto('session_attendance')
      .values(
        held.slice(i, i + 200).map((s) => {
          const h = range.get(s.activity_id)!
          // Quieter in July, when many are away.
          const july = s.local_date.slice(5, 7) === '07'
          return {
            session_id: s.id,
            anonymous_count: numberFor(
              `${s.activity_id}:${s.local_date}`,
              july ? Math.max(1, h.min - 4) : h.min,
              july ? h.min : h.max,
            ),
            updated_at: s.ends_at,
          }
        }),
      )
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute()
  const signups = held.flatMap((s) =>
    (NAMED[s.activity_id] ?? []).flatMap((name, i) =>
      // each guest comes to about every other session
      numberFor(`${name}:${s.local_date}`, 0, 1) === 1 || i === 0
        ? [
            {
              id: idFor(`named:${s.id}:${name}`),
              session_id: s.id,
              guest_name: name,
              guest_phone: `+45 20 ${numberFor(`phone:${name}`, 10, 99)} ${String(10 + i).padStart(2, '0')} ${String(i).padStart(2, '0')}`,
              language: 'da' as const,
              role: 'participant' as const,
              state: 'attended' as const,
              named_checkin: true,
              cancel_token_hash: createHash('sha256')
                .update(`demo-reporting:${s.id}:${name}`)
                .digest('hex'),
              created_at: s.ends_at,
              updated_at: s.ends_at,
            },
          ]
        : [],
    ),
  )
  // One sign-up per guest and session: the guest's phone stands for the person.
  for (let i = 0; i < signups.length; i += 200)
    await trx
      .insertInto('signup')
      .values(signups.slice(i, i + 200))
      .onConflict((oc) => oc.doNothing())
      .execute()
}

function prefilled(at: string, p: Omit<Prefilled, 'computedAt'>): string {
  return JSON.stringify({ computedAt: at, ...p })
}

const CAFE_CRITERIA = (outreach: number, citizens: number, today: 'open' | 'closed') => [
  {
    description: 'Opsøgning på mindst 10 væresteder og herberger',
    value: outreach,
    target: 10,
    status: outreach >= 10 ? 'reached' : today === 'closed' ? 'notReached' : 'underway',
  },
  {
    description: 'Omkring 20 borgere hver gang',
    value: citizens,
    target: 20,
    status: citizens >= 20 ? 'reached' : 'underway',
  },
]

async function seedStatusReports(trx: Db, now: Date): Promise<void> {
  const partnerships = await trx
    .selectFrom('partnership')
    .select('id')
    .where('id', 'in', [DEMO_PARTNERSHIPS.cafeBuddies, DEMO_PARTNERSHIPS.streetFootball])
    .execute()
  const has = new Set(partnerships.map((p) => p.id))
  const people = await trx
    .selectFrom('person')
    .select('id')
    .where('id', 'in', [PERSON(1), PERSON(6)])
    .execute()
  const person = (n: number) => (people.some((p) => p.id === PERSON(n)) ? PERSON(n) : null)
  const today = now.toISOString().slice(0, 10)
  const reports: {
    id: string
    partnership: string
    from: string
    to: string
    due: string
    state: StatusReportState
    prefilled: string
    answers: Record<string, string>
    comment: string | null
    submittedAt: string | null
    decidedAt: string | null
  }[] = [
    {
      id: DEMO_REPORTS.cafeApproved,
      partnership: DEMO_PARTNERSHIPS.cafeBuddies,
      from: '2021-01-01',
      to: '2021-06-30',
      due: '2021-08-15',
      state: 'approved',
      prefilled: prefilled('2021-08-10T09:00:00.000Z', {
        activities: 1,
        sessions: 24,
        anonymous: { value: 310, suppressed: false },
        namedUnique: { value: 12, suppressed: false },
        outreach: 4,
        criteria: CAFE_CRITERIA(4, 12, 'open'),
      }),
      answers: {
        activities:
          'Fællesspisning hver tirsdag og de første følgevenskaber. Vi har besøgt to væresteder, et herberg og et bosted.',
        results:
          'Opsøgningen er i gang (4 af 10). Fællesspisningen samler omkring 12 borgere hver gang.',
        challenges: 'Nedlukningen i foråret gjorde det svært at mødes.',
        next: 'Flere besøg på herbergerne i efteråret og en fælles tur.',
      },
      comment: 'Tak for en grundig rapport.',
      submittedAt: '2021-08-10T09:00:00.000Z',
      decidedAt: '2021-08-20T12:00:00.000Z',
    },
    {
      id: DEMO_REPORTS.cafeReturned,
      partnership: DEMO_PARTNERSHIPS.cafeBuddies,
      from: '2021-07-01',
      to: '2021-12-31',
      due: '2022-02-15',
      state: 'returned',
      prefilled: prefilled('2022-02-10T09:00:00.000Z', {
        activities: 1,
        sessions: 26,
        anonymous: { value: 402, suppressed: false },
        namedUnique: { value: 15, suppressed: false },
        outreach: 1,
        criteria: CAFE_CRITERIA(5, 15, 'open'),
      }),
      answers: {
        activities: 'Fællesspisning hver tirsdag og en tur i oktober.',
        results: 'Flere kommer hver gang.',
        challenges: '',
        next: '',
      },
      comment: 'Skriv gerne mere om opsøgningen på herbergerne, og hvad I gør i næste periode.',
      submittedAt: '2022-02-10T09:00:00.000Z',
      decidedAt: '2022-02-18T12:00:00.000Z',
    },
    {
      id: DEMO_REPORTS.cafeSubmitted,
      partnership: DEMO_PARTNERSHIPS.cafeBuddies,
      from: '2022-01-01',
      to: '2022-06-30',
      due: '2022-08-15',
      state: 'submitted',
      prefilled: prefilled('2022-08-01T09:00:00.000Z', {
        activities: 1,
        sessions: 25,
        anonymous: { value: 455, suppressed: false },
        namedUnique: { value: 18, suppressed: false },
        outreach: 2,
        criteria: CAFE_CRITERIA(7, 18, 'open'),
      }),
      answers: {
        activities:
          'Fællesspisning, informationsmøde på et behandlingscenter og fast besøg på et værested.',
        results: 'Opsøgning 7 af 10. Omkring 18 borgere hver gang.',
        challenges: 'Det er svært at finde nok frivillige følgevenner.',
        next: 'Rekruttering af følgevenner sammen med frivilligcentret.',
      },
      comment: null,
      submittedAt: '2022-08-01T09:00:00.000Z',
      decidedAt: null,
    },
    {
      id: DEMO_REPORTS.cafeDraft,
      partnership: DEMO_PARTNERSHIPS.cafeBuddies,
      from: '2022-07-01',
      to: '2022-12-31',
      due: addDays(today, 14),
      state: 'draft',
      prefilled: '{}',
      answers: {},
      comment: null,
      submittedAt: null,
      decidedAt: null,
    },
    {
      id: DEMO_REPORTS.footballDraft,
      partnership: DEMO_PARTNERSHIPS.streetFootball,
      from: '2025-01-01',
      to: '2025-12-31',
      due: addDays(today, 5),
      state: 'draft',
      prefilled: '{}',
      answers: {},
      comment: null,
      submittedAt: null,
      decidedAt: null,
    },
  ]
  const rows = reports.filter((r) => has.has(r.partnership))
  if (rows.length === 0) return
  await trx
    .insertInto('status_report')
    .values(
      rows.map((r) => ({
        id: r.id,
        partnership_id: r.partnership,
        period_from: r.from,
        period_to: r.to,
        due_on: r.due,
        state: r.state,
        prefilled: r.prefilled,
        answers: JSON.stringify(r.answers),
        admin_comment: r.comment,
        requested_by: person(1),
        submitted_by: r.submittedAt ? person(6) : null,
        submitted_at: r.submittedAt,
        decided_by: r.decidedAt ? person(1) : null,
        decided_at: r.decidedAt,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

interface DemoInitiative {
  id: string
  municipality: string
  framework: string
  position: number
  title: string
  purpose: string
  lead: string
  start: string | null
  end: string | null
  partners: string
  partnership: string | null
  goalPosition: number | null
}

// In the wording of Frederiksberg's "Udsattepolitikkens handleplan 2021–2022" and Rødovre's
// "Status på handleplan for udsattepolitikken" (../shared/seeds 000 and 001), names left out.
const INITIATIVES: DemoInitiative[] = [
  {
    id: id(101),
    municipality: MUNICIPALITY.frederiksberg,
    framework: FRAMEWORK.frederiksberg,
    position: 1,
    title: 'Følgevenner i frivilligt regi – borgere med lettere komplekse problemer',
    purpose:
      'Flere borgere får en mindre kaotisk hverdag gennem en håndholdt og individuel støtte i frivilligt regi, som også betyder inklusion i hverdagsfællesskaber.',
    lead: 'Socialafdelingen og Café Broen',
    start: '2021-01-01',
    end: '2022-12-31',
    partners: 'Café Broen, frivillige følgevenner, støtte- og kontaktpersoner',
    partnership: DEMO_PARTNERSHIPS.cafeBuddies,
    goalPosition: null,
  },
  {
    id: id(102),
    municipality: MUNICIPALITY.frederiksberg,
    framework: FRAMEWORK.frederiksberg,
    position: 2,
    title: 'Idræt for alle – partnerskab om gadefodbold',
    purpose:
      'Skabe opmærksomhed og interesse for idræt. Opsøgende arbejde på væresteder, boformer og herberger, så idræt bliver en del af tilbuddene. Positive oplevelser og fysisk udfoldelse uden krav om medlemskab af en forening.',
    lead: 'Frivillighedskonsulenten',
    start: '2025-01-01',
    end: '2026-12-31',
    partners: 'Gadeholdet Frederiksberg, væresteder, herberger og bosteder',
    partnership: DEMO_PARTNERSHIPS.streetFootball,
    goalPosition: 3,
  },
  {
    id: id(103),
    municipality: MUNICIPALITY.frederiksberg,
    framework: FRAMEWORK.frederiksberg,
    position: 3,
    title: 'Civilsamfund og hverdagsfællesskaber',
    purpose:
      'En styrket inddragelse af civilsamfundet og frivillige foreninger. Flere inkluderes i positive hverdagsfællesskaber, hvor de ikke bare deltager, men også aktivt tager del.',
    lead: 'Socialafdelingen',
    start: '2025-01-01',
    end: '2025-12-31',
    partners: 'Frivillige foreninger, Café Broen, Frisk Pust',
    partnership: null,
    goalPosition: 5,
  },
  {
    id: id(201),
    municipality: MUNICIPALITY.rodovre,
    framework: FRAMEWORK.rodovre,
    position: 1,
    title:
      'At synliggøre Udsatterådet blandt borgerne og informere om kommunens tilbud til voksne borgere.',
    purpose:
      'Flere borgere skal kende til Udsatterådet og kommunens tilbud. Flere vil benytte sig af tilbuddene og rådet, når de har brug for støtte og rådgivning. Strategimål: 1 og 2.',
    lead: 'Udsatterådet',
    start: '2025-01-01',
    end: '2026-12-31',
    partners: 'Sekretariatet SOC, Politik & Kommunikation, lokale og nationale medier',
    partnership: null,
    goalPosition: 1,
  },
  {
    id: id(202),
    municipality: MUNICIPALITY.rodovre,
    framework: FRAMEWORK.rodovre,
    position: 2,
    title:
      'At invitere andre ind i fællesskaberne og bryde ensomhed blandt borgerne, især unge og ældre.',
    purpose:
      'Formålet er at fremme netværk og fællesskaber, så der er færre ensomme borgere. Flere er en del af fællesskabet og har et sted at være sammen med andre. Succeskriteriet er, at aktiviteterne er gennemført. Strategimål: 1 og 5.',
    lead: 'Udsatterådet, Social- og Sundhedsforvaltningen',
    start: '2025-01-01',
    end: '2026-12-31',
    partners: 'Lokalhus Syd, Café Biblioteket, Rødovre Frivilligcenter, Gå-sammen Rødovre',
    partnership: DEMO_PARTNERSHIPS.walkingClub,
    goalPosition: 3,
  },
  {
    id: id(203),
    municipality: MUNICIPALITY.rodovre,
    framework: FRAMEWORK.rodovre,
    position: 3,
    title: 'Flere skal med på arbejdsmarkedet – langtidsledige borgere',
    purpose:
      'At give langtidsledige borgere hjælp til at komme ud af offentlig forsørgelse, så de kan skabe sig et selvstændigt liv med fodfæste på arbejdsmarkedet, fx med små job og socialt frikort.',
    lead: 'Jobcentret',
    start: '2025-01-01',
    end: '2026-12-31',
    partners: 'Det Sociale Vaskeri, lokale virksomheder',
    partnership: null,
    goalPosition: 5,
  },
]

async function seedInitiatives(trx: Db): Promise<void> {
  const goals = await trx
    .selectFrom('goal')
    .select(['id', 'framework_id', 'position'])
    .where('framework_id', 'in', [FRAMEWORK.frederiksberg, FRAMEWORK.rodovre])
    .execute()
  const partnerships = new Set(
    (await trx.selectFrom('partnership').select('id').execute()).map((p) => p.id),
  )
  await trx
    .insertInto('action_plan_initiative')
    .values(
      INITIATIVES.map((i) => ({
        id: i.id,
        municipality_id: i.municipality,
        position: i.position,
        title: i.title,
        purpose: i.purpose,
        lead: i.lead,
        period_start: i.start,
        period_end: i.end,
        partners: i.partners,
        partnership_id: i.partnership && partnerships.has(i.partnership) ? i.partnership : null,
        goal_id:
          goals.find((g) => g.framework_id === i.framework && g.position === i.goalPosition)?.id ??
          null,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

export async function seedDemoReporting(db: Kysely<DB>, now = new Date()): Promise<void> {
  const run = async (trx: Db) => {
    await seedHistory(trx, now)
    await seedStatusReports(trx, now)
    await seedInitiatives(trx)
    // the dashboard's monthly rollup, as the hourly job would make it
    await refreshChangedMonths(trx, now, localToday(now))
  }
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
}
