import type { Kysely } from 'kysely'
import type { DB, OrganisationType } from '../schema.ts'
import { seedDemoActivities } from './demo-activities.ts'
import { seedDemoPartnerships } from './demo-partnerships.ts'

// A fictional network that feels real (PRODUCT.md §7). Fixed ids make the seed idempotent:
// running it again inserts nothing twice and changes nothing a person has edited.
export const DEMO = {
  frederiksberg: '00000000-0000-4000-8000-000000000147',
  rodovre: '00000000-0000-4000-8000-000000000175',
  org: {
    streetFootball: '00000000-0000-4000-8001-000000000001',
    sportsClub: '00000000-0000-4000-8001-000000000002',
    cafe: '00000000-0000-4000-8001-000000000003',
    walkingClub: '00000000-0000-4000-8001-000000000004',
    laundry: '00000000-0000-4000-8001-000000000005',
    bakery: '00000000-0000-4000-8001-000000000006',
    garden: '00000000-0000-4000-8001-000000000007',
  },
} as const

const areas: Record<string, [string, string][]> = {
  [DEMO.frederiksberg]: [
    ['frederiksberg-c', 'Frederiksberg C'],
    ['nord', 'Frederiksberg Nord'],
    ['syd', 'Frederiksberg Syd'],
    ['vest', 'Frederiksberg Vest'],
    ['oest', 'Frederiksberg Øst'],
  ],
  [DEMO.rodovre]: [
    ['centrum', 'Rødovre Centrum'],
    ['islev', 'Islev'],
    ['valhoej', 'Valhøj'],
    ['rodovre-nord', 'Rødovre Nord'],
    ['rodovre-syd', 'Rødovre Syd'],
  ],
}

// Frederiksberg's 7 goals (seeds-brief §4.2) and Rødovre's action-plan themes (§4.7).
const frameworks = [
  {
    id: '00000000-0000-4000-8002-000000000147',
    municipality_id: DEMO.frederiksberg,
    name: 'Politik for socialt udsatte borgere – 7 målsætninger',
    valid_from: '2021-01-01',
    valid_to: '2025-12-31',
    goals: [
      [
        'udnytter deres evner og mestrer eget liv på egne betingelser',
        'use their abilities and master their own lives on their own terms',
      ],
      [
        'har de samme muligheder for at leve et sundt liv som alle andre borgere',
        'have the same chances of a healthy life as everyone else',
      ],
      [
        'er aktive i samfunds-, forenings- og det demokratiske liv',
        'are active in society, associations and democracy',
      ],
      ['gennemfører en ungdoms- og videreuddannelse', 'complete youth and further education'],
      [
        'er aktivt bidragende på arbejdsmarkedet eller tager del i frivillige fællesskaber',
        'contribute in work or take part in voluntary communities',
      ],
      [
        'lever i trygge og tilgængelige bolig- og nærmiljøer',
        'live in safe, accessible housing and surroundings',
      ],
      [
        'møder en helhedsorienteret indsats og sammenhængende overgange',
        'meet holistic support and smooth transitions',
      ],
    ],
  },
  {
    id: '00000000-0000-4000-8002-000000000175',
    municipality_id: DEMO.rodovre,
    name: 'Handleplan for Udsatterådet',
    valid_from: '2022-01-01',
    valid_to: '2026-12-31',
    goals: [
      ['Synliggøre Udsatterådet og tilbud', 'Make the council and its offers visible'],
      ['Øge stemmeprocenten', 'Raise voter turnout'],
      ['Færre ensomme og flere fællesskaber', 'Less loneliness, more communities'],
      [
        'Flere unge og udsatte borgere har en bolig',
        'More young and vulnerable citizens have a home',
      ],
      ['Flere skal med på arbejdsmarkedet', 'More people into work'],
    ],
  },
]

// Network-wide taxonomy (seeds-brief §4.1). Sensitive = GDPR art. 9 data.
export const targetGroups: [string, string, string, boolean][] = [
  ['homelessness', 'Hjemløshed', 'Homelessness', false],
  ['substance_use', 'Rusmiddelproblemer', 'Substance use', true],
  ['mental_illness', 'Psykisk sygdom', 'Mental illness', true],
  ['dual_diagnosis', 'Dobbeltdiagnose', 'Dual diagnosis', true],
  ['violence', 'Vold i nære relationer', 'Domestic violence', true],
  ['prostitution', 'Prostitution', 'Prostitution', true],
  ['loneliness', 'Ensomhed', 'Loneliness', false],
  ['older_people', 'Ældre med særlige behov', 'Older people with special needs', false],
  ['young_people', 'Unge 18–29 år', 'Young people 18–29', false],
  ['long_term_unemployed', 'Langtidsledighed', 'Long-term unemployment', false],
  ['refugees', 'Flygtninge', 'Refugees', false],
  ['disability', 'Handicap', 'Disability', false],
]

const organisations: {
  id: string
  name: string
  type: OrganisationType
  cvr: string
  municipality: string
  street: string
  postal: string
  city: string
  phone: string
  email: string
  description: string
}[] = [
  {
    id: DEMO.org.streetFootball,
    name: 'Gadeholdet Frederiksberg',
    type: 'association',
    cvr: '34123454',
    municipality: DEMO.frederiksberg,
    street: 'Jens Jessens Vej 2',
    postal: '2000',
    city: 'Frederiksberg',
    phone: '+45 30 12 34 56',
    email: 'hej@gadeholdet.example.dk',
    description: 'Fodbold for alle, tre gange om ugen. Kom som du er.',
  },
  {
    id: DEMO.org.sportsClub,
    name: 'Idrætsklubben Frisk Pust',
    type: 'association',
    cvr: '35567895',
    municipality: DEMO.frederiksberg,
    street: 'Stævnen 6',
    postal: '2000',
    city: 'Frederiksberg',
    phone: '+45 31 22 33 44',
    email: 'kontakt@friskpust.example.dk',
    description: 'Badminton, yoga og dans i et roligt tempo. Ingen krav om form eller erfaring.',
  },
  {
    id: DEMO.org.cafe,
    name: 'Café Broen',
    type: 'drop_in',
    cvr: '29876541',
    municipality: DEMO.frederiksberg,
    street: 'Godthåbsvej 41',
    postal: '2000',
    city: 'Frederiksberg',
    phone: '+45 33 44 55 66',
    email: 'cafe@broen.example.dk',
    description: 'Værested med fællesspisning hver tirsdag og et følgevenneprojekt.',
  },
  {
    id: DEMO.org.walkingClub,
    name: 'Gå-sammen Rødovre',
    type: 'association',
    cvr: '31456789',
    municipality: DEMO.rodovre,
    street: 'Rødovre Parkvej 150',
    postal: '2610',
    city: 'Rødovre',
    phone: '+45 36 11 22 33',
    email: 'gaa@gaasammen.example.dk',
    description: 'Vi går en tur sammen hver onsdag og slutter med kaffe.',
  },
  {
    id: DEMO.org.laundry,
    name: 'Det Sociale Vaskeri',
    type: 'social_enterprise',
    cvr: '40123458',
    municipality: DEMO.rodovre,
    street: 'Islevdalvej 90',
    postal: '2610',
    city: 'Rødovre',
    phone: '+45 36 44 55 66',
    email: 'job@vaskeriet.example.dk',
    description: 'Socialøkonomisk vaskeri, der formidler små job med socialt frikort.',
  },
  {
    id: DEMO.org.bakery,
    name: 'Bageriet på Hjørnet ApS',
    type: 'employer',
    cvr: '36789018',
    municipality: DEMO.frederiksberg,
    street: 'Falkoner Allé 12',
    postal: '2000',
    city: 'Frederiksberg',
    phone: '+45 38 10 20 30',
    email: 'ejer@bageriet.example.dk',
    description: 'Lille bageri med opgaver i pakkeriet om morgenen.',
  },
  {
    id: DEMO.org.garden,
    name: 'Nyttehaven Valhøj',
    type: 'ngo',
    cvr: '28123450',
    municipality: DEMO.rodovre,
    street: 'Valhøjs Allé 100',
    postal: '2610',
    city: 'Rødovre',
    phone: '+45 36 70 80 90',
    email: 'have@nyttehaven.example.dk',
    description: 'Fælles køkkenhave, hvor alle kan hjælpe til og tage grøntsager med hjem.',
  },
]

export async function seedDemo(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('municipality')
      .values([
        {
          id: DEMO.frederiksberg,
          slug: 'frederiksberg',
          name: 'Frederiksberg Kommune',
          code: '147',
          social_emergency_phone: '+45 38 21 40 00',
        },
        {
          id: DEMO.rodovre,
          slug: 'rodovre',
          name: 'Rødovre Kommune',
          code: '175',
          social_emergency_phone: '+45 36 37 70 00',
        },
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    for (const [municipalityId, list] of Object.entries(areas)) {
      await trx
        .insertInto('area')
        .values(list.map(([slug, name]) => ({ municipality_id: municipalityId, slug, name })))
        .onConflict((oc) => oc.columns(['municipality_id', 'slug']).doNothing())
        .execute()
    }
    for (const f of frameworks) {
      await trx
        .insertInto('goal_framework')
        .values({
          id: f.id,
          municipality_id: f.municipality_id,
          name: f.name,
          valid_from: f.valid_from,
          valid_to: f.valid_to,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      await trx
        .insertInto('goal')
        .values(
          f.goals.map(([da, en], i) => ({
            framework_id: f.id,
            position: i + 1,
            title_da: da!,
            title_en: en!,
          })),
        )
        .onConflict((oc) => oc.columns(['framework_id', 'position']).doNothing())
        .execute()
    }
    await trx
      .insertInto('target_group')
      .values(
        targetGroups.map(([code, da, en, sensitive]) => ({
          code,
          name_da: da,
          name_en: en,
          sensitive,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    await trx
      .insertInto('organisation')
      .values(
        organisations.map((o) => ({
          id: o.id,
          name: o.name,
          type: o.type,
          cvr: o.cvr,
          description: o.description,
          email: o.email,
          phone: o.phone,
          street_address: o.street,
          postal_code: o.postal,
          city: o.city,
          home_municipality_id: o.municipality,
          status: 'approved' as const,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  })
  await seedDemoActivities(db, now)
  await seedDemoPartnerships(db)
}
