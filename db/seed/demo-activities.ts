import { createHash, randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import {
  addDays,
  occurrences,
  sessionTimes,
  utcToZoned,
  weekdayOf,
  type Schedule,
} from '../../app/modules/activities/schedule.ts'
import type { ActivityCategory, ActivityRole, DB, Weekday } from '../schema.ts'
import { DEMO } from './demo.ts'

// The demo network's activities (PRODUCT.md §7): three football trainings, badminton, yoga and
// dance, a Tuesday community dinner, a walk, a garden day and one trip — with past sessions that
// were attended and rated, and a yoga class that is full with two people waiting.
// Plain Node imports this file (the bench generator strips types), so no `~` aliases here.

/** Same horizon as app/modules/activities/sessions.server.ts, so the daily job adds nothing new. */
const HORIZON_DAYS = 84
const PAST_DAYS = 28

const A = (n: number) => `00000000-0000-4000-8004-${String(n).padStart(12, '0')}`
export const DEMO_ACTIVITY = {
  footballMonday: A(1),
  footballWednesday: A(2),
  footballSaturday: A(3),
  badminton: A(4),
  yoga: A(5),
  dance: A(6),
  dinner: A(7),
  walk: A(8),
  garden: A(9),
  trip: A(10),
} as const

interface DemoActivity {
  id: string
  organisationId: string
  municipality: 'frederiksberg' | 'rodovre'
  title: string
  description: string
  category: ActivityCategory
  schedule: Omit<Schedule, 'dtstart' | 'until'> & { dtstart?: string }
  location: { name: string; street: string; postal: string; city: string; area: string }
  phone: string | null
  priceOere?: number
  capacity?: number
  accessibility?: string
  adaptation?: string
  roles: ActivityRole[]
  /** Positions in the municipality's goal framework. */
  goals: number[]
  /** target_group codes — for the municipality's reports, never shown publicly. */
  targetGroups: string[]
}

const weekly = (byday: Weekday, startTime: string, endTime: string, interval = 1) => ({
  freq: 'weekly' as const,
  interval,
  byday,
  bysetpos: null,
  startTime,
  endTime,
})

/** A deterministic uuid (version-4 shaped) from a name, for rows that need fixed ids. */
function idFor(name: string): string {
  const h = createHash('sha256').update(`brobygger-demo:${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** A stable number in [min, max] for a name: the same demo every time, but not all alike. */
function numberFor(name: string, min: number, max: number): number {
  const h = createHash('sha256').update(name).digest()
  return min + (h.readUInt32BE(0) % (max - min + 1))
}

/** The first given weekday at least `days` days after `date`. */
function weekdayAfter(date: string, days: number, weekday: Weekday): string {
  let d = addDays(date, days)
  while (weekdayOf(d) !== weekday) d = addDays(d, 1)
  return d
}

function demoActivities(today: string): DemoActivity[] {
  const gadeholdet = {
    organisationId: DEMO.org.streetFootball,
    municipality: 'frederiksberg' as const,
    category: 'sport' as const,
    location: {
      name: 'Kunstgræsbanen ved Jens Jessens Vej',
      street: 'Jens Jessens Vej 2',
      postal: '2000',
      city: 'Frederiksberg',
      area: 'nord',
    },
    phone: '+45 30 12 34 56',
    roles: ['participant', 'spectator', 'helper'] as ActivityRole[],
    goals: [2, 3],
    targetGroups: ['homelessness', 'substance_use', 'loneliness'],
    adaptation:
      'Vi spiller i det tempo, der passer til dagens hold. Du kan altid holde en pause på bænken.',
  }
  const footballText =
    'Alle kan være med, uanset form og erfaring. Vi har støvler og trøjer, du kan låne, ' +
    'og der er kaffe og frugt bagefter. Du kan også bare komme og se på.'
  const friskPust = {
    organisationId: DEMO.org.sportsClub,
    municipality: 'frederiksberg' as const,
    category: 'sport' as const,
    phone: '+45 31 22 33 44',
    roles: ['participant'] as ActivityRole[],
    goals: [2, 3],
    targetGroups: ['mental_illness', 'loneliness'],
    adaptation: 'Tilpasset funktionsniveau: du bestemmer selv, hvor meget du er med.',
  }
  const hall = {
    name: 'Frederiksberg Hallerne, lille sal',
    street: 'Jens Jessens Vej 14',
    postal: '2000',
    city: 'Frederiksberg',
    area: 'nord',
  }
  return [
    {
      ...gadeholdet,
      id: DEMO_ACTIVITY.footballMonday,
      title: 'Fodbold mandag',
      description: footballText,
      schedule: weekly('MO', '16:00', '18:00'),
    },
    {
      ...gadeholdet,
      id: DEMO_ACTIVITY.footballWednesday,
      title: 'Fodbold onsdag',
      description: footballText,
      schedule: weekly('WE', '16:00', '18:00'),
    },
    {
      ...gadeholdet,
      id: DEMO_ACTIVITY.footballSaturday,
      title: 'Lørdagsfodbold med kamp',
      description:
        'Vi varmer op sammen og spiller kamp på tværs af holdene. Bagefter spiser vi ' +
        'frokost i klubhuset. Tag gerne en ven med.',
      schedule: weekly('SA', '11:00', '13:00'),
    },
    {
      ...friskPust,
      id: DEMO_ACTIVITY.badminton,
      title: 'Badminton for alle',
      description:
        'Vi spiller double og single i roligt tempo. Ketsjere og bolde kan lånes. ' +
        'Ingen krav om erfaring.',
      schedule: weekly('TH', '10:00', '11:30'),
      location: hall,
      capacity: 16,
    },
    {
      ...friskPust,
      id: DEMO_ACTIVITY.yoga,
      title: 'Rolig yoga',
      description:
        'Blid yoga med fokus på vejrtrækning og ro. Vi har måtter og tæpper. ' +
        'Kom i tøj, du kan bevæge dig i.',
      schedule: weekly('TU', '13:00', '14:00'),
      location: { ...hall, name: 'Frisk Pusts sal', street: 'Stævnen 6', area: 'frederiksberg-c' },
      capacity: 12,
      accessibility: 'Trappefri adgang. Stole til dem, der hellere vil lave yoga siddende.',
    },
    {
      ...friskPust,
      id: DEMO_ACTIVITY.dance,
      title: 'Dans og bevægelse',
      description:
        'Vi danser til god musik – fra pardans til line dance. Ingen forudsætninger, ' +
        'og du behøver ikke en makker.',
      schedule: { ...weekly('FR', '14:00', '15:30', 2), dtstart: '2026-01-02' },
      location: hall,
      capacity: 20,
    },
    {
      id: DEMO_ACTIVITY.dinner,
      organisationId: DEMO.org.cafe,
      municipality: 'frederiksberg',
      title: 'Fællesspisning tirsdag',
      description:
        'Hver tirsdag laver vi mad sammen og spiser ved de lange borde. Du kan hjælpe i ' +
        'køkkenet eller bare komme og spise med. Der er altid en vegetarret.',
      category: 'meal',
      schedule: weekly('TU', '17:00', '19:30'),
      location: {
        name: 'Café Broen',
        street: 'Godthåbsvej 41',
        postal: '2000',
        city: 'Frederiksberg',
        area: 'vest',
      },
      phone: '+45 33 44 55 66',
      priceOere: 2000,
      capacity: 30,
      accessibility: 'Trappefri adgang og handicaptoilet.',
      roles: ['participant', 'helper'],
      goals: [3, 5, 7],
      targetGroups: ['homelessness', 'loneliness', 'substance_use'],
    },
    {
      id: DEMO_ACTIVITY.walk,
      organisationId: DEMO.org.walkingClub,
      municipality: 'rodovre',
      title: 'Gåtur og kaffe onsdag',
      description:
        'Vi går cirka 4 km i roligt tempo rundt om Kagsmosen og slutter med kaffe og ' +
        'boller. Alle kan følge med, og ingen bliver ladt alene tilbage.',
      category: 'sport',
      schedule: weekly('WE', '10:00', '11:30'),
      location: {
        name: 'Indgangen til Rødovre Parken',
        street: 'Rødovre Parkvej 150',
        postal: '2610',
        city: 'Rødovre',
        area: 'centrum',
      },
      phone: '+45 36 11 22 33',
      roles: ['participant', 'helper'],
      goals: [3],
      targetGroups: ['loneliness', 'older_people'],
      adaptation: 'Der er en kortere rute for dem, der ikke kan gå så langt.',
    },
    {
      id: DEMO_ACTIVITY.garden,
      organisationId: DEMO.org.garden,
      municipality: 'rodovre',
      title: 'Havedag i Nyttehaven',
      description:
        'Første lørdag i måneden luger, sår og høster vi sammen. Vi har redskaber og ' +
        'handsker, og du får grøntsager med hjem. Frokosten laver vi af det, haven giver.',
      category: 'network',
      schedule: {
        freq: 'monthly',
        interval: 1,
        byday: 'SA',
        bysetpos: 1,
        startTime: '10:00',
        endTime: '13:00',
      },
      location: {
        name: 'Nyttehaven Valhøj',
        street: 'Valhøjs Allé 100',
        postal: '2610',
        city: 'Rødovre',
        area: 'valhoej',
      },
      phone: '+45 36 70 80 90',
      roles: ['participant', 'helper'],
      goals: [3, 5],
      targetGroups: ['loneliness', 'long_term_unemployed'],
    },
    {
      id: DEMO_ACTIVITY.trip,
      organisationId: DEMO.org.cafe,
      municipality: 'frederiksberg',
      title: 'Udflugt til Louisiana',
      description:
        'Vi tager toget til Humlebæk, ser udstillingen og spiser madpakker i parken ved ' +
        'vandet. Caféen betaler togbilletter og entré.',
      category: 'trip',
      schedule: {
        freq: 'once',
        interval: 1,
        byday: null,
        bysetpos: null,
        dtstart: weekdayAfter(today, 18, 'SA'),
        startTime: '09:30',
        endTime: '16:00',
      },
      location: {
        name: 'Vi mødes ved Frederiksberg Station',
        street: 'Falkoner Allé 43',
        postal: '2000',
        city: 'Frederiksberg',
        area: 'frederiksberg-c',
      },
      phone: '+45 33 44 55 66',
      capacity: 20,
      roles: ['participant', 'helper'],
      goals: [3],
      targetGroups: ['loneliness'],
    },
  ]
}

const FIRST_NAMES = [
  'Anne',
  'Bo',
  'Carsten',
  'Dorthe',
  'Erik',
  'Fatima',
  'Gitte',
  'Hassan',
  'Inge',
  'Jens',
  'Karen',
  'Lars',
  'Maja',
  'Niels',
]

type Db = Kysely<DB> | Transaction<DB>

/**
 * Idempotent: fixed ids and "on conflict do nothing" throughout, so a second run adds nothing
 * (on another day it adds only the sessions the new horizon brings) and never changes what a
 * person has edited.
 */
export async function seedDemoActivities(db: Kysely<DB>, now: Date): Promise<void> {
  const run = (trx: Db) => seed(trx, now)
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
}

async function seed(trx: Db, now: Date): Promise<void> {
  const today = utcToZoned(now).date
  const list = demoActivities(today)
  const municipalities = { frederiksberg: DEMO.frederiksberg, rodovre: DEMO.rodovre }
  const [areas, goals, targetGroups] = await Promise.all([
    trx.selectFrom('area').select(['id', 'municipality_id', 'slug']).execute(),
    trx
      .selectFrom('goal as g')
      .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
      .select(['g.id', 'g.position', 'f.municipality_id'])
      .execute(),
    trx.selectFrom('target_group').select(['id', 'code']).execute(),
  ])
  const areaId = (municipalityId: string, slug: string) =>
    areas.find((a) => a.municipality_id === municipalityId && a.slug === slug)?.id ?? null
  const goalId = (municipalityId: string, position: number) =>
    goals.find((g) => g.municipality_id === municipalityId && g.position === position)?.id
  const targetGroupId = (code: string) => targetGroups.find((g) => g.code === code)?.id

  const created = await trx
    .insertInto('activity')
    .values(
      list.map((a) => {
        const municipalityId = municipalities[a.municipality]
        return {
          id: a.id,
          organisation_id: a.organisationId,
          title: a.title,
          description: a.description,
          category: a.category,
          location_name: a.location.name,
          street_address: a.location.street,
          postal_code: a.location.postal,
          city: a.location.city,
          area_id: areaId(municipalityId, a.location.area),
          phone: a.phone,
          price_oere: a.priceOere ?? 0,
          capacity: a.capacity ?? null,
          accessibility_note: a.accessibility ?? null,
          adaptation_note: a.adaptation ?? null,
          roles_offered: a.roles,
          freq: a.schedule.freq,
          interval: a.schedule.interval,
          byday: a.schedule.byday,
          bysetpos: a.schedule.bysetpos,
          dtstart: a.schedule.dtstart ?? '2026-01-01',
          start_time: a.schedule.startTime,
          end_time: a.schedule.endTime,
          status: 'published' as const,
        }
      }),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute()
  const isNew = new Set(created.map((r) => r.id))
  const fresh = list.filter((a) => isNew.has(a.id))
  const goalRows = fresh.flatMap((a) =>
    a.goals.flatMap((position) => {
      const id = goalId(municipalities[a.municipality], position)
      return id ? [{ activity_id: a.id, goal_id: id }] : []
    }),
  )
  if (goalRows.length > 0) await trx.insertInto('activity_goal').values(goalRows).execute()
  const tgRows = fresh.flatMap((a) =>
    a.targetGroups.flatMap((code) => {
      const id = targetGroupId(code)
      return id ? [{ activity_id: a.id, target_group_id: id }] : []
    }),
  )
  if (tgRows.length > 0) await trx.insertInto('activity_target_group').values(tgRows).execute()

  // Sessions from the saved rows (a person may have changed the schedule since the first seed).
  const saved = await trx
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
    .where(
      'id',
      'in',
      list.map((a) => a.id),
    )
    .execute()
  const withHistory = new Set<string>([
    DEMO_ACTIVITY.dinner,
    DEMO_ACTIVITY.footballMonday,
    DEMO_ACTIVITY.footballWednesday,
    DEMO_ACTIVITY.footballSaturday,
  ])
  const sessionRows = saved
    .filter((a) => a.status === 'published')
    .flatMap((a) => {
      const schedule: Schedule = {
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
      const from = withHistory.has(a.id) ? addDays(today, -PAST_DAYS) : today
      return sessionTimes(schedule, occurrences(schedule, from, addDays(today, HORIZON_DAYS))).map(
        (s) => ({
          activity_id: a.id,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          local_date: s.localDate,
          capacity: a.capacity,
        }),
      )
    })
  if (sessionRows.length > 0)
    await trx
      .insertInto('activity_session')
      .values(sessionRows)
      .onConflict((oc) => oc.columns(['activity_id', 'starts_at']).doNothing())
      .execute()

  await seedHistory(trx, now, [...withHistory])
  await seedFullYogaClass(trx, now)
}

/** Head counts and a few five-face ratings for the last four weeks' sessions. */
async function seedHistory(trx: Db, now: Date, activityIds: string[]): Promise<void> {
  const past = await trx
    .selectFrom('activity_session')
    .select(['id', 'activity_id', 'local_date', 'ends_at'])
    .where('activity_id', 'in', activityIds)
    .where('ends_at', '<', now)
    .where('starts_at', '>=', new Date(now.getTime() - PAST_DAYS * 86_400_000))
    .where('status', '=', 'scheduled')
    .execute()
  if (past.length === 0) return
  await trx
    .insertInto('session_attendance')
    .values(
      past.map((s) => ({
        session_id: s.id,
        anonymous_count: numberFor(`${s.activity_id}:${s.local_date}`, 14, 26),
        updated_at: s.ends_at,
      })),
    )
    .onConflict((oc) => oc.column('session_id').doNothing())
    .execute()
  const feedback = past.flatMap((s) => {
    const n = numberFor(`feedback:${s.activity_id}:${s.local_date}`, 2, 5)
    return Array.from({ length: n }, (_, i) => ({
      id: idFor(`feedback:${s.id}:${i}`),
      session_id: s.id,
      rating: numberFor(`rating:${s.id}:${i}`, 3, 5),
      created_at: s.ends_at,
    }))
  })
  await trx
    .insertInto('session_feedback')
    .values(feedback)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

/** The next yoga class is full (12 of 12) with two people on the waitlist, in order. */
async function seedFullYogaClass(trx: Db, now: Date): Promise<void> {
  const already = await trx
    .selectFrom('signup as g')
    .innerJoin('activity_session as s', 's.id', 'g.session_id')
    .select('g.id')
    .where('s.activity_id', '=', DEMO_ACTIVITY.yoga)
    .where('s.starts_at', '>', now)
    .limit(1)
    .executeTakeFirst()
  if (already) return
  const next = await trx
    .selectFrom('activity_session')
    .select(['id', 'capacity'])
    .where('activity_id', '=', DEMO_ACTIVITY.yoga)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst()
  if (!next) return
  const capacity = next.capacity ?? 12
  const people = Array.from({ length: capacity + 2 }, (_, i) => {
    const name = FIRST_NAMES[i % FIRST_NAMES.length]!
    const waiting = i >= capacity
    const at = new Date(now.getTime() - (capacity + 2 - i) * 3_600_000)
    return {
      id: idFor(`yoga-signup:${next.id}:${i}`),
      session_id: next.id,
      guest_name: name,
      // Some left a phone number, some an e-mail address.
      guest_phone: i % 3 === 0 ? `+45 20 ${String(10 + i).padStart(2, '0')} 30 40` : null,
      guest_email: i % 3 === 0 ? null : `${name.toLowerCase()}@example.dk`,
      language: i === 5 ? ('en' as const) : ('da' as const),
      role: 'participant' as const,
      state: waiting ? ('waitlisted' as const) : ('confirmed' as const),
      waitlisted_at: waiting ? at : null,
      cancel_token_hash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      created_at: at,
      updated_at: at,
    }
  })
  await trx
    .insertInto('signup')
    .values(people)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}
