import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { DB, RequirementKind, VolunteerRole, VolunteerState } from '../schema.ts'
import { DEMO } from './demo.ts'
import { DEMO_ACTIVITY } from './demo-activities.ts'

// The demo's volunteers (PRODUCT.md §7): buddies at Café Broen in every state, helpers at the
// street-football club, volunteers in Rødovre, one back in screening because the criminal-record
// check expired, and Sofie (the demo volunteer login) active at the café with logged hours.
// Fixed ids and "on conflict do nothing": a second run adds nothing. Plain Node imports this
// file (type stripping), so no `~` aliases and explicit .ts extensions.

export const V = (n: number) => `00000000-0000-4000-8004-${String(n).padStart(12, '0')}`
export const DEMO_VOLUNTEERS = Array.from({ length: 20 }, (_, i) => V(i + 1))
const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const SOFIE = P(11)
const CAFE_COORDINATOR = P(6)
const CONSENT_VERSION = 'volunteer-2026-11'

function idFor(name: string): string {
  const h = createHash('sha256').update(`brobygger-demo-volunteers:${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** Copenhagen-ish calendar date `days` from now (noon UTC keeps it on the same day). */
function day(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000 + 43_200_000).toISOString().slice(0, 10)
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const total = y! * 12 + (m! - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d!, last)).padStart(2, '0')}`
}

/** Availability mask from [day, slot] pairs (day 0 = Monday, slot 0/1/2). */
const grid = (...cells: [number, number][]) =>
  cells.reduce((m, [d, s]) => m | (1 << (d * 3 + s)), 0)

const SETTINGS: {
  organisationId: string
  roles: VolunteerRole[]
  requirements: [RequirementKind, number | null][]
}[] = [
  {
    organisationId: DEMO.org.cafe,
    roles: ['buddy', 'helper', 'trip_companion'],
    requirements: [
      ['interview', null],
      ['criminal_record', 24],
    ],
  },
  {
    organisationId: DEMO.org.streetFootball,
    roles: ['helper', 'trainer', 'peer'],
    requirements: [
      ['interview', null],
      ['confidentiality', null],
    ],
  },
  {
    organisationId: DEMO.org.walkingClub,
    roles: ['buddy', 'helper'],
    requirements: [
      ['interview', null],
      ['references', null],
    ],
  },
  { organisationId: DEMO.org.garden, roles: ['helper'], requirements: [['interview', null]] },
]

interface DemoVolunteer {
  n: number
  name: string
  language?: 'da' | 'en'
  interests: string[]
  words?: string[]
  languages: string[]
  area: [municipality: string, slug: string]
  availability: number
  capacity: number
  livedExperience?: boolean
  motivation: string
  organisationId: string
  roles: VolunteerRole[]
  state: VolunteerState
  /** Days the application has been in its state. */
  since: number
  /** Requirements recorded: 'valid' (all), 'expiring' (certificate ends in 20 days),
   *  'expired' (certificate ended 10 days ago), 'interview' (only the interview), 'none'. */
  records: 'valid' | 'expiring' | 'expired' | 'interview' | 'none'
}

const F = DEMO.frederiksberg
const R = DEMO.rodovre
const VOLUNTEERS: DemoVolunteer[] = [
  {
    n: 1,
    name: 'Anders Holm',
    interests: ['walks', 'coffee_chat', 'chess'],
    languages: ['da', 'en'],
    area: [F, 'nord'],
    availability: grid([0, 1], [2, 1], [4, 2]),
    capacity: 2,
    motivation: 'Jeg har tid, efter jeg er gået på pension, og vil gerne være noget for andre.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy'],
    state: 'active',
    since: 120,
    records: 'valid',
  },
  {
    n: 2,
    name: 'Birgitte Lund',
    interests: ['cooking', 'crafts', 'reading'],
    languages: ['da'],
    area: [F, 'syd'],
    availability: grid([1, 2], [3, 2]),
    capacity: 1,
    motivation: 'Jeg kan godt lide at lave mad til mange.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy', 'helper'],
    state: 'active',
    since: 200,
    records: 'expiring',
  },
  {
    n: 3,
    name: 'Yusuf Demir',
    interests: ['football', 'fitness', 'computers'],
    languages: ['da', 'tr', 'en'],
    area: [F, 'vest'],
    availability: grid([5, 0], [5, 1], [6, 0]),
    capacity: 3,
    motivation: 'Jeg vil gerne give noget tilbage.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy'],
    state: 'approved',
    since: 5,
    records: 'valid',
  },
  {
    n: 4,
    name: 'Amina Hassan',
    interests: ['cooking', 'music', 'coffee_chat'],
    languages: ['da', 'ar', 'so'],
    area: [F, 'frederiksberg-c'],
    availability: grid([0, 2], [1, 2], [2, 2]),
    capacity: 2,
    livedExperience: true,
    motivation: 'Jeg ved, hvor meget det betyder at have én at tale med.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy', 'helper'],
    state: 'active',
    since: 90,
    records: 'valid',
  },
  {
    n: 5,
    name: 'Piotr Nowak',
    language: 'en',
    interests: ['fishing', 'nature', 'walks'],
    languages: ['pl', 'en', 'da'],
    area: [F, 'oest'],
    availability: grid([5, 0], [6, 0], [6, 1]),
    capacity: 1,
    motivation: 'I like being outdoors and would like company on my walks.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy', 'trip_companion'],
    state: 'active',
    since: 60,
    records: 'valid',
  },
  {
    n: 6,
    name: 'Hanne Kjær',
    interests: ['art', 'film', 'reading'],
    languages: ['da', 'de'],
    area: [F, 'nord'],
    availability: grid([1, 0], [3, 0]),
    capacity: 2,
    motivation: 'Jeg savner at være en del af et fællesskab.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy'],
    state: 'approved',
    since: 12,
    records: 'valid',
  },
  {
    n: 7,
    name: 'Mehdi Karimi',
    interests: ['games', 'chess', 'computers'],
    languages: ['da', 'fa', 'en'],
    area: [F, 'syd'],
    availability: grid([2, 1], [3, 1], [4, 1]),
    capacity: 2,
    motivation: 'Jeg kom selv til Danmark uden at kende nogen.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy'],
    state: 'active',
    since: 150,
    records: 'valid',
  },
  {
    n: 8,
    name: 'Olena Shevchenko',
    language: 'en',
    interests: ['music', 'gardening', 'walks'],
    languages: ['uk', 'en'],
    area: [F, 'vest'],
    availability: grid([0, 0], [2, 0], [4, 0]),
    capacity: 1,
    motivation: 'I want to meet people and help where I can.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy', 'helper'],
    state: 'approved',
    since: 3,
    records: 'valid',
  },
  {
    n: 9,
    name: 'Jonas Bech',
    interests: ['football', 'fitness'],
    languages: ['da'],
    area: [F, 'nord'],
    availability: grid([0, 1], [2, 1], [5, 0]),
    capacity: 1,
    motivation: 'Fodbold har betydet alt for mig.',
    organisationId: DEMO.org.streetFootball,
    roles: ['helper', 'trainer'],
    state: 'active',
    since: 300,
    records: 'valid',
  },
  {
    n: 10,
    name: 'Kasper Mortensen',
    interests: ['football'],
    languages: ['da', 'en'],
    area: [F, 'oest'],
    availability: grid([0, 1], [5, 0]),
    capacity: 1,
    livedExperience: true,
    motivation: 'Jeg spillede selv på holdet for nogle år siden.',
    organisationId: DEMO.org.streetFootball,
    roles: ['helper', 'peer'],
    state: 'active',
    since: 180,
    records: 'valid',
  },
  {
    n: 11,
    name: 'Lise Andersen',
    interests: ['coffee_chat', 'crafts'],
    languages: ['da'],
    area: [F, 'frederiksberg-c'],
    availability: grid([1, 1], [3, 1]),
    capacity: 1,
    motivation: 'Jeg vil gerne hjælpe, når jeg har tid.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy'],
    state: 'paused',
    since: 30,
    records: 'valid',
  },
  {
    n: 12,
    name: 'Morten Riis',
    interests: ['film', 'games'],
    languages: ['da'],
    area: [F, 'syd'],
    availability: grid([4, 2]),
    capacity: 1,
    motivation: 'Jeg har tid om fredagen.',
    organisationId: DEMO.org.cafe,
    roles: ['helper'],
    state: 'ended',
    since: 45,
    records: 'valid',
  },
  {
    n: 13,
    name: 'Sara Nielsen',
    interests: ['walks', 'nature', 'music'],
    languages: ['da', 'en', 'es'],
    area: [F, 'vest'],
    availability: grid([5, 0], [5, 1]),
    capacity: 2,
    motivation: 'Jeg er studerende og har tid i weekenden.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy'],
    state: 'applied',
    since: 2,
    records: 'none',
  },
  {
    n: 14,
    name: 'Tariq Malik',
    interests: ['cooking', 'football'],
    languages: ['da', 'ur', 'en'],
    area: [F, 'oest'],
    availability: grid([1, 2], [3, 2]),
    capacity: 1,
    motivation: 'Jeg vil gerne stå i køkkenet til fællesspisningen.',
    organisationId: DEMO.org.cafe,
    roles: ['helper', 'buddy'],
    state: 'screening',
    since: 9,
    records: 'interview',
  },
  {
    n: 15,
    name: 'Else Frandsen',
    interests: ['reading', 'coffee_chat', 'crafts'],
    languages: ['da'],
    area: [F, 'nord'],
    availability: grid([0, 0], [1, 0], [2, 0]),
    capacity: 2,
    motivation: 'Jeg har været besøgsven i mange år.',
    organisationId: DEMO.org.cafe,
    roles: ['buddy'],
    state: 'screening',
    since: 10,
    records: 'expired',
  },
  {
    n: 16,
    name: 'Gitte Poulsen',
    interests: ['walks', 'nature', 'coffee_chat'],
    languages: ['da'],
    area: [R, 'centrum'],
    availability: grid([2, 0], [4, 0]),
    capacity: 2,
    motivation: 'Jeg går gerne ture og vil gerne have selskab.',
    organisationId: DEMO.org.walkingClub,
    roles: ['buddy', 'helper'],
    state: 'active',
    since: 240,
    records: 'valid',
  },
  {
    n: 17,
    name: 'Ali Yilmaz',
    interests: ['walks', 'fitness'],
    languages: ['da', 'tr'],
    area: [R, 'islev'],
    availability: grid([2, 0]),
    capacity: 1,
    motivation: 'Jeg vil gerne hjælpe med onsdagsturen.',
    organisationId: DEMO.org.walkingClub,
    roles: ['helper'],
    state: 'approved',
    since: 7,
    records: 'valid',
  },
  {
    n: 18,
    name: 'Marianne Dahl',
    interests: ['coffee_chat', 'reading'],
    languages: ['da', 'en'],
    area: [R, 'rodovre-nord'],
    availability: grid([0, 1], [3, 1]),
    capacity: 1,
    motivation: 'Jeg er lige gået på pension.',
    organisationId: DEMO.org.walkingClub,
    roles: ['buddy'],
    state: 'screening',
    since: 4,
    records: 'interview',
  },
  {
    n: 19,
    name: 'Henrik Juul',
    interests: ['gardening', 'nature', 'cooking'],
    languages: ['da'],
    area: [R, 'valhoej'],
    availability: grid([5, 0]),
    capacity: 1,
    motivation: 'Haven er mit frirum.',
    organisationId: DEMO.org.garden,
    roles: ['helper'],
    state: 'active',
    since: 100,
    records: 'valid',
  },
  {
    n: 20,
    name: 'Fatima Abdi',
    interests: ['gardening', 'cooking'],
    languages: ['so', 'da', 'ar'],
    area: [R, 'rodovre-syd'],
    availability: grid([5, 0], [5, 1]),
    capacity: 1,
    motivation: 'Jeg vil gerne lære mere om at dyrke grøntsager.',
    organisationId: DEMO.org.garden,
    roles: ['helper'],
    state: 'applied',
    since: 1,
    records: 'none',
  },
]

type Db = Kysely<DB> | Transaction<DB>

/** The transition that put an application in its state (for its history). */
const REACHED_BY: Record<VolunteerState, string> = {
  applied: 'applied',
  screening: 'startScreening',
  approved: 'approve',
  active: 'activate',
  paused: 'pause',
  ended: 'end',
}

export async function seedDemoVolunteers(db: Kysely<DB>, now = new Date()): Promise<void> {
  const run = (trx: Db) => seed(trx, now)
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
}

async function seed(trx: Db, now: Date): Promise<void> {
  const orgs = await trx.selectFrom('organisation').select('id').execute()
  const exists = new Set(orgs.map((o) => o.id))
  for (const s of SETTINGS.filter((x) => exists.has(x.organisationId))) {
    await trx
      .insertInto('organisation_volunteering')
      .values({ organisation_id: s.organisationId, roles: s.roles, updated_by: null })
      .onConflict((oc) => oc.column('organisation_id').doNothing())
      .execute()
    await trx
      .insertInto('organisation_requirement')
      .values(
        s.requirements.map(([kind, months]) => ({
          organisation_id: s.organisationId,
          kind,
          valid_months: months,
        })),
      )
      .onConflict((oc) => oc.columns(['organisation_id', 'kind']).doNothing())
      .execute()
  }
  const areas = await trx.selectFrom('area').select(['id', 'municipality_id', 'slug']).execute()
  const areaId = ([m, slug]: [string, string]) =>
    areas.find((a) => a.municipality_id === m && a.slug === slug)?.id ?? null
  const coordinator = await trx
    .selectFrom('person')
    .select('id')
    .where('id', '=', CAFE_COORDINATOR)
    .executeTakeFirst()

  for (const v of VOLUNTEERS.filter((x) => exists.has(x.organisationId))) {
    const id = V(v.n)
    const slug = v.name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z ]/g, '')
      .replace(/ /g, '.')
    await trx
      .insertInto('person')
      .values({
        id,
        email: `${slug}@example.dk`,
        display_name: v.name,
        language: v.language ?? 'da',
        email_verified_at: now,
        is_demo: true,
      })
      .onConflict((oc) => oc.doNothing())
      .execute()
    await trx
      .insertInto('volunteer_profile')
      .values({
        person_id: id,
        interests: v.interests,
        interest_words: v.words ?? [],
        languages: v.languages,
        area_id: areaId(v.area),
        availability: v.availability,
        capacity: v.capacity,
        lived_experience: v.livedExperience ?? false,
        motivation: v.motivation,
        consent_version: CONSENT_VERSION,
        consent_given_at: new Date(now.getTime() - (v.since + 20) * 86_400_000),
      })
      .onConflict((oc) => oc.column('person_id').doNothing())
      .execute()
    await seedApplication(trx, now, {
      personId: id,
      organisationId: v.organisationId,
      roles: v.roles,
      state: v.state,
      since: v.since,
      records: v.records,
      recordedBy: coordinator ? CAFE_COORDINATOR : null,
    })
  }
  await seedSofie(trx, now, coordinator ? CAFE_COORDINATOR : null)
}

async function seedApplication(
  trx: Db,
  now: Date,
  a: {
    personId: string
    organisationId: string
    roles: VolunteerRole[]
    state: VolunteerState
    since: number
    records: DemoVolunteer['records']
    recordedBy: string | null
  },
): Promise<string | null> {
  const changed = new Date(now.getTime() - a.since * 86_400_000)
  const created = new Date(changed.getTime() - 21 * 86_400_000)
  const applicationId = idFor(`application:${a.personId}:${a.organisationId}`)
  const inserted = await trx
    .insertInto('volunteer_application')
    .values({
      id: applicationId,
      person_id: a.personId,
      organisation_id: a.organisationId,
      roles: a.roles,
      state: a.state,
      state_changed_at: changed,
      state_reason: a.records === 'expired' ? 'requirement expired' : null,
      confirmed_at: created,
      created_at: created,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return null
  const kinds = await trx
    .selectFrom('organisation_requirement')
    .select(['kind', 'valid_months'])
    .where('organisation_id', '=', a.organisationId)
    .execute()
  const checked = day(now, -a.since - 14)
  const records = kinds.flatMap((k) => {
    if (a.records === 'none') return []
    if (a.records === 'interview' && k.kind !== 'interview') return []
    let checkedOn = checked
    if (k.valid_months !== null && a.records === 'expiring')
      checkedOn = day(now, 20 - k.valid_months * 30.44)
    if (k.valid_months !== null && a.records === 'expired')
      checkedOn = day(now, -10 - k.valid_months * 30.44)
    const expiresOn = k.valid_months === null ? null : addMonths(checkedOn, k.valid_months)
    return [
      {
        id: idFor(`requirement:${applicationId}:${k.kind}`),
        application_id: applicationId,
        kind: k.kind,
        checked_on: checkedOn,
        expires_on: expiresOn,
        recorded_by: a.recordedBy,
        recorded_at: created,
      },
    ]
  })
  if (records.length > 0)
    await trx
      .insertInto('volunteer_requirement')
      .values(records)
      .onConflict((oc) => oc.doNothing())
      .execute()
  await trx
    .insertInto('event')
    .values([
      {
        actor_person_id: a.personId,
        entity_type: 'volunteer_application',
        entity_id: applicationId,
        type: 'volunteer.applied',
        data: JSON.stringify({ roles: a.roles }),
        occurred_at: created,
      },
      ...(a.state === 'applied'
        ? []
        : [
            {
              actor_person_id: a.records === 'expired' ? null : a.recordedBy,
              entity_type: 'volunteer_application',
              entity_id: applicationId,
              type:
                a.records === 'expired' ? 'volunteer.expire' : `volunteer.${REACHED_BY[a.state]}`,
              data: JSON.stringify({ to: a.state }),
              occurred_at: changed,
            },
          ]),
    ])
    .execute()
  return applicationId
}

/** Sofie: an active buddy and helper at the café, with one approved and one waiting entry of hours. */
async function seedSofie(trx: Db, now: Date, recordedBy: string | null) {
  const sofie = await trx
    .selectFrom('person')
    .select('id')
    .where('id', '=', SOFIE)
    .executeTakeFirst()
  if (!sofie) return
  await trx
    .insertInto('volunteer_profile')
    .values({ person_id: SOFIE })
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute()
  await trx
    .updateTable('volunteer_profile')
    .set({
      interests: ['cooking', 'walks', 'music'],
      languages: ['da', 'en'],
      area_id:
        (
          await trx
            .selectFrom('area')
            .select('id')
            .where('municipality_id', '=', DEMO.frederiksberg)
            .where('slug', '=', 'frederiksberg-c')
            .executeTakeFirst()
        )?.id ?? null,
      availability: grid([1, 1], [1, 2], [3, 2], [5, 1]),
      capacity: 2,
      motivation: 'Jeg vil gerne bruge mine tirsdage på noget, der giver mening.',
      consent_version: CONSENT_VERSION,
      consent_given_at: new Date(now.getTime() - 120 * 86_400_000),
    })
    .where('person_id', '=', SOFIE)
    .where('consent_version', 'is', null)
    .execute()
  const applicationId = await seedApplication(trx, now, {
    personId: SOFIE,
    organisationId: DEMO.org.cafe,
    roles: ['buddy', 'helper'],
    state: 'active',
    since: 60,
    records: 'valid',
    recordedBy,
  })
  if (!applicationId) return
  const dinners = await trx
    .selectFrom('activity_session')
    .select(['id', 'local_date'])
    .where('activity_id', '=', DEMO_ACTIVITY.dinner)
    .where('starts_at', '<', now)
    .orderBy('starts_at', 'desc')
    .limit(2)
    .execute()
  const [latest, before] = dinners
  const rows = [
    ...(before
      ? [
          {
            id: idFor(`hours:sofie:approved`),
            application_id: applicationId,
            session_id: before.id,
            worked_on: before.local_date,
            minutes: 150,
            note: 'Lavede mad og vaskede op.',
            state: 'approved' as const,
            reviewed_by: recordedBy,
            reviewed_at: now,
          },
        ]
      : []),
    ...(latest
      ? [
          {
            id: idFor(`hours:sofie:waiting`),
            application_id: applicationId,
            session_id: latest.id,
            worked_on: latest.local_date,
            minutes: 180,
            note: 'Tog imod og dækkede bord.',
            state: 'submitted' as const,
          },
        ]
      : []),
  ]
  if (rows.length > 0)
    await trx
      .insertInto('volunteer_hours')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute()
}
