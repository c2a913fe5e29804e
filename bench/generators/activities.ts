import { sql } from 'kysely'
import type { ActivityCategory, ActivityRole, Weekday } from '../../db/schema.ts'
import { addDays, utcToZoned, WEEKDAYS } from '../../app/modules/activities/schedule.ts'
import type { Generator } from './types.ts'
import { benchId, benchIdPrefix, countRows, insertInBatches, seededRandom } from './util.ts'

const KIND = 3
const ORGANISATION_KIND = 2

/** Activity names people would search for, per category (never a target-group label). */
const NOUNS: Record<ActivityCategory, string[]> = {
  sport: [
    'Fodbold',
    'Gadefodbold',
    'Badminton',
    'Bordtennis',
    'Yoga',
    'Løbeklub',
    'Stavgang',
    'Svømning',
    'Dans',
    'Styrketræning',
    'Petanque',
    'Cykeltur',
    'Boksetræning',
    'Basketball',
    'Volleyball',
  ],
  meal: [
    'Fællesspisning',
    'Morgenmad',
    'Suppeaften',
    'Madklub',
    'Søndagsbrunch',
    'Grillaften',
    'Frokostklub',
  ],
  culture: [
    'Filmaften',
    'Strikkeklub',
    'Læsekreds',
    'Korsang',
    'Maleværksted',
    'Musikcafé',
    'Fotoklub',
    'Brætspil',
    'Keramik',
  ],
  social_cafe: ['Åben café', 'Kaffestuen', 'Hyggeaften', 'Spilcafé', 'Torsdagscafé', 'Naboklub'],
  network: [
    'Samtalegruppe',
    'Mandegruppe',
    'Kvindegruppe',
    'Pårørendegruppe',
    'Ungenetværk',
    'Sorggruppe',
  ],
  advice: [
    'Gældsrådgivning',
    'Juridisk rådgivning',
    'Hjælp til breve',
    'Jobcafé',
    'IT-hjælp',
    'Boligrådgivning',
  ],
  trip: ['Skovtur', 'Tur til stranden', 'Museumstur', 'Fisketur', 'Naturtur', 'Bytur'],
}
const CATEGORIES = Object.keys(NOUNS) as ActivityCategory[]
const QUALIFIERS = [
  'for alle',
  'for begyndere',
  'i parken',
  'i fælleshuset',
  'for seniorer',
  'med kaffe',
  'i roligt tempo',
  'for unge',
  'om aftenen',
  'i weekenden',
  'ved søerne',
  'i hallen',
  'på biblioteket',
]
const SENTENCES = [
  'Kom som du er.',
  'Vi hygger os og har det sjovt sammen.',
  'Du behøver ikke have prøvet det før.',
  'Der er kaffe og te på kanden.',
  'Vi mødes ved indgangen og følges ad.',
  'Tag gerne en ven med.',
  'Vi tilpasser tempoet, så alle kan være med.',
  'Frivillige tager godt imod dig.',
  'Vi slutter af med en kop kaffe.',
  'Der er plads til både nye og gamle ansigter.',
]
const PLACES = [
  'Fælleshuset',
  'Idrætshallen',
  'Medborgerhuset',
  'Biblioteket',
  'Kulturhuset',
  'Klubhuset',
  'Værestedet',
  'Parken',
]
const STREETS = ['Skolevej', 'Parkvej', 'Stationsvej', 'Kirkevej', 'Søvej', 'Engvej', 'Bygaden']
const START_TIMES = [
  '09:00',
  '10:00',
  '10:30',
  '12:00',
  '13:00',
  '14:00',
  '15:30',
  '17:00',
  '18:00',
  '19:00',
  '19:30',
]
const PRICES = [1000, 2000, 2500, 5000]
const CAPACITIES = [8, 10, 12, 15, 20, 25, 30]

const pickFrom = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)]!

function endOf(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number) as [number, number]
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59)
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/**
 * Activities spread over the generated organisations, each placed in an area of its
 * organisation's municipality, with varied categories, days, times, prices and flags and
 * Danish titles from word lists, so the catalogue's filters and full-text search have work to
 * do. Dates are relative to the day the data is generated, so the series run now.
 */
export const activities: Generator = {
  name: 'activities',
  defaultSize: 5_000,
  async generate(trx, size) {
    let organisations = await trx
      .selectFrom('organisation')
      .select(['id', 'status', 'home_municipality_id', 'city', 'postal_code', 'phone'])
      .where(sql<boolean>`id::text like ${benchIdPrefix(ORGANISATION_KIND) + '%'}`)
      .orderBy('id')
      .execute()
    if (organisations.length === 0)
      organisations = await trx
        .selectFrom('organisation')
        .select(['id', 'status', 'home_municipality_id', 'city', 'postal_code', 'phone'])
        .orderBy('id')
        .execute()
    if (organisations.length === 0) throw new Error('No organisations: generate them first.')
    const areas = await trx
      .selectFrom('area')
      .select(['id', 'municipality_id'])
      .orderBy('id')
      .execute()
    const areasOf = new Map<string, string[]>()
    for (const a of areas)
      areasOf.set(a.municipality_id, [...(areasOf.get(a.municipality_id) ?? []), a.id])
    // Activity 0 is the fixed page bench/routes.js loads: it must be public.
    const firstApproved = organisations.find((o) => o.status === 'approved') ?? organisations[0]!
    const today = utcToZoned(new Date()).date
    const random = seededRandom(KIND)
    const inserted = await insertInBatches(trx, 'activity', size, (i) => {
      const organisation = i === 0 ? firstApproved : organisations[i % organisations.length]!
      const category = pickFrom(random, CATEGORIES)
      const noun = pickFrom(random, NOUNS[category])
      const qualifier = pickFrom(random, QUALIFIERS)
      const byday: Weekday = pickFrom(random, WEEKDAYS)
      const roll = random()
      const schedule =
        i === 0 || roll < 0.75
          ? { freq: 'weekly' as const, interval: 1, bysetpos: null }
          : roll < 0.85
            ? { freq: 'weekly' as const, interval: 2, bysetpos: null }
            : roll < 0.95
              ? { freq: 'monthly' as const, interval: 1, bysetpos: pickFrom(random, [1, 2, 3, -1]) }
              : { freq: 'once' as const, interval: 1, bysetpos: null }
      const start = pickFrom(random, START_TIMES)
      const municipalAreas = areasOf.get(organisation.home_municipality_id ?? '') ?? []
      const statusRoll = random()
      const roles: ActivityRole[] =
        random() < 0.7
          ? ['participant']
          : random() < 0.5
            ? ['participant', 'spectator']
            : ['participant', 'helper']
      return {
        id: benchId(KIND, i),
        organisation_id: organisation.id,
        title: `${noun} ${qualifier}`,
        description: `${noun} ${qualifier}. ${pickFrom(random, SENTENCES)} ${pickFrom(random, SENTENCES)}`,
        category,
        location_name: pickFrom(random, PLACES),
        street_address: `${pickFrom(random, STREETS)} ${(i % 120) + 1}`,
        postal_code: organisation.postal_code,
        city: organisation.city,
        area_id:
          municipalAreas.length > 0 && random() < 0.9 ? pickFrom(random, municipalAreas) : null,
        phone: organisation.phone,
        price_oere: random() < 0.7 ? 0 : pickFrom(random, PRICES),
        capacity: i === 0 || random() < 0.4 ? pickFrom(random, CAPACITIES) : null,
        open_no_referral: random() < 0.8,
        no_membership: random() < 0.75,
        roles_offered: roles,
        freq: schedule.freq,
        interval: schedule.interval,
        byday: schedule.freq === 'once' ? null : byday,
        bysetpos: schedule.bysetpos,
        dtstart:
          schedule.freq === 'once'
            ? addDays(today, 1 + Math.floor(random() * 60))
            : addDays(today, -Math.floor(random() * 60)),
        start_time: start,
        end_time: endOf(start, pickFrom(random, [60, 90, 120, 150])),
        status: (i === 0 || statusRoll < 0.94
          ? 'published'
          : statusRoll < 0.98
            ? 'draft'
            : 'cancelled') as 'published' | 'draft' | 'cancelled',
      }
    })
    // Planner statistics for the new rows: the embedded database has no autovacuum to gather them.
    await sql`analyze organisation, area, activity`.execute(trx)
    return {
      inserted,
      generated: await countRows(trx, 'activity', benchIdPrefix(KIND)),
      tableRows: await countRows(trx, 'activity'),
    }
  },
}
