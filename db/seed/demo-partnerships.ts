import type { Kysely } from 'kysely'
import type { DB, OutreachInstitutionType } from '../schema.ts'

// Demo §18/§82d partnerships (PRODUCT.md §7): Café Broen's buddy project 2021–2022 with its
// outreach log, Gadeholdet's current grant and a §82d walking group in Rødovre. Fixed ids keep
// the seed idempotent; the organisation and framework ids are the ones db/seed/demo.ts uses.

const MUNICIPALITY = {
  frederiksberg: '00000000-0000-4000-8000-000000000147',
  rodovre: '00000000-0000-4000-8000-000000000175',
}
const ORG = {
  streetFootball: '00000000-0000-4000-8001-000000000001',
  cafe: '00000000-0000-4000-8001-000000000003',
  walkingClub: '00000000-0000-4000-8001-000000000004',
}
const FRAMEWORK = {
  frederiksberg: '00000000-0000-4000-8002-000000000147',
  rodovre: '00000000-0000-4000-8002-000000000175',
}

const id = (n: number) => `00000000-0000-4000-8018-${String(n).padStart(12, '0')}`

export const DEMO_PARTNERSHIPS = {
  cafeBuddies: id(1),
  streetFootball: id(2),
  walkingClub: id(3),
} as const

interface DemoPartnership {
  id: string
  municipality: string
  organisation: string
  framework: string
  title: string
  poolYear: number
  amountOere: number
  periodStart: string
  periodEnd: string
  legalBasis: 'sel18' | 'sel82d'
  purpose: string
  targetGroups: string[]
  goalPositions: number[]
  criteria: {
    id: string
    description: string
    target: number
    measure: 'outreach' | 'manual'
    progress?: { id: string; value: number; note: string; at: string }[]
  }[]
  outreach: {
    id: string
    on: string
    type: OutreachInstitutionType
    institution: string
    outcome: string
  }[]
}

const partnerships: DemoPartnership[] = [
  {
    id: DEMO_PARTNERSHIPS.cafeBuddies,
    municipality: MUNICIPALITY.frederiksberg,
    organisation: ORG.cafe,
    framework: FRAMEWORK.frederiksberg,
    title: 'Følgevenner fra Café Broen',
    poolYear: 2021,
    amountOere: 52_550_000,
    periodStart: '2021-01-01',
    periodEnd: '2022-12-31',
    legalBasis: 'sel18',
    purpose:
      'Et følgevenprojekt: frivillige følgevenner går med borgere, der lever isoleret, til ' +
      'fællesspisning, foreninger og aftaler, indtil borgeren selv har fodfæste i et fællesskab. ' +
      'Caféen opsøger væresteder og herberger for at møde borgerne der, hvor de er.',
    targetGroups: ['loneliness', 'homelessness', 'mental_illness'],
    goalPositions: [3, 5],
    criteria: [
      {
        id: id(101),
        description: 'Opsøgning på mindst 10 væresteder og herberger',
        target: 10,
        measure: 'outreach',
      },
      {
        id: id(102),
        description: 'Omkring 20 borgere hver gang',
        target: 20,
        measure: 'manual',
        progress: [
          { id: id(301), value: 12, note: 'Fællesspisning i marts', at: '2021-03-30T18:00:00Z' },
          {
            id: id(302),
            value: 15,
            note: 'Fællesspisning i september',
            at: '2021-09-28T18:00:00Z',
          },
          { id: id(303), value: 18, note: 'Fællesspisning i marts', at: '2022-03-29T18:00:00Z' },
        ],
      },
    ],
    outreach: [
      {
        id: id(201),
        on: '2021-02-03',
        type: 'drop_in',
        institution: 'Værestedet Lysglimt',
        outcome: 'Fast besøg hver anden tirsdag',
      },
      {
        id: id(202),
        on: '2021-02-17',
        type: 'shelter',
        institution: 'Herberget Lærkehøj',
        outcome: 'To beboere kom med til fællesspisning',
      },
      {
        id: id(203),
        on: '2021-04-12',
        type: 'drop_in',
        institution: 'Café Parasollen',
        outcome: 'Plakat og folder hængt op',
      },
      {
        id: id(204),
        on: '2021-06-08',
        type: 'supported_housing',
        institution: 'Bostedet Kastanjehuset',
        outcome: 'Aftale om en fælles tur i efteråret',
      },
      {
        id: id(205),
        on: '2021-10-05',
        type: 'shelter',
        institution: 'Natvarmestuen på Nørrebrogade',
        outcome: 'Mødt fire gæster; én ønsker en følgeven',
      },
      {
        id: id(206),
        on: '2022-01-19',
        type: 'treatment',
        institution: 'Behandlingscentret Åen',
        outcome: 'Informationsmøde for personalet',
      },
      {
        id: id(207),
        on: '2022-05-24',
        type: 'drop_in',
        institution: 'Værested Solsikken',
        outcome: 'Fast besøg hver måned',
      },
    ],
  },
  {
    id: DEMO_PARTNERSHIPS.streetFootball,
    municipality: MUNICIPALITY.frederiksberg,
    organisation: ORG.streetFootball,
    framework: FRAMEWORK.frederiksberg,
    title: 'Gadefodbold for alle',
    poolYear: 2025,
    amountOere: 12_000_000,
    periodStart: '2025-01-01',
    periodEnd: '2026-12-31',
    legalBasis: 'sel18',
    purpose:
      'Træning tre gange om ugen, hvor alle kan være med uden tilmelding. Holdet bruger ' +
      'fællesskabet om fodbolden til at skabe kontakt, faste rutiner og vejen videre til ' +
      'foreninger og job.',
    targetGroups: ['homelessness', 'substance_use', 'young_people'],
    goalPositions: [2, 3],
    criteria: [
      {
        id: id(111),
        description: 'Mindst 25 forskellige spillere i løbet af et år',
        target: 25,
        measure: 'manual',
        progress: [
          {
            id: id(311),
            value: 14,
            note: 'Optælling efter første halvår',
            at: '2025-06-30T16:00:00Z',
          },
          { id: id(312), value: 22, note: 'Optælling for hele 2025', at: '2025-12-31T12:00:00Z' },
        ],
      },
      {
        id: id(112),
        description: 'Opsøgning på 6 herberger og bosteder',
        target: 6,
        measure: 'outreach',
      },
    ],
    outreach: [
      {
        id: id(211),
        on: '2025-03-11',
        type: 'shelter',
        institution: 'Herberget Lærkehøj',
        outcome: 'Tre beboere prøvede en træning',
      },
      {
        id: id(212),
        on: '2025-09-02',
        type: 'supported_housing',
        institution: 'Bostedet Kastanjehuset',
        outcome: 'Fast hentning til torsdagstræningen',
      },
      {
        id: id(213),
        on: '2026-04-15',
        type: 'job_centre',
        institution: 'Jobcenter Frederiksberg',
        outcome: 'Aftale om at fortælle om holdet på et infomøde',
      },
    ],
  },
  {
    id: DEMO_PARTNERSHIPS.walkingClub,
    municipality: MUNICIPALITY.rodovre,
    organisation: ORG.walkingClub,
    framework: FRAMEWORK.rodovre,
    title: 'Gå-sammen hver onsdag',
    poolYear: 2026,
    amountOere: 4_500_000,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    legalBasis: 'sel82d',
    purpose:
      'Frivillige går en tur med borgere, der sidder meget alene, hver onsdag og slutter med ' +
      'kaffe. Målet er færre ensomme og flere, der bliver en del af et fællesskab.',
    targetGroups: ['loneliness', 'older_people'],
    goalPositions: [3],
    criteria: [
      {
        id: id(121),
        description: 'Omkring 12 deltagere hver onsdag',
        target: 12,
        measure: 'manual',
        progress: [
          { id: id(321), value: 9, note: 'Gennemsnit i foråret', at: '2026-06-24T14:00:00Z' },
        ],
      },
      {
        id: id(122),
        description: 'Opsøgning hos 4 væresteder og boligsociale indsatser',
        target: 4,
        measure: 'outreach',
      },
    ],
    outreach: [
      {
        id: id(221),
        on: '2026-02-18',
        type: 'association',
        institution: 'Beboerhuset Islev',
        outcome: 'Folder lagt ud; to nye deltagere',
      },
    ],
  },
]

/** Idempotent: rows that exist are left as they are, so demo edits survive a restart. */
export async function seedDemoPartnerships(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const p of partnerships) {
      await trx
        .insertInto('partnership')
        .values({
          id: p.id,
          municipality_id: p.municipality,
          organisation_id: p.organisation,
          title: p.title,
          pool_year: p.poolYear,
          amount_oere: p.amountOere,
          period_start: p.periodStart,
          period_end: p.periodEnd,
          legal_basis: p.legalBasis,
          purpose: p.purpose,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      const groups = await trx
        .selectFrom('target_group')
        .select('id')
        .where('code', 'in', p.targetGroups)
        .execute()
      if (groups.length)
        await trx
          .insertInto('partnership_target_group')
          .values(groups.map((g) => ({ partnership_id: p.id, target_group_id: g.id })))
          .onConflict((oc) => oc.columns(['partnership_id', 'target_group_id']).doNothing())
          .execute()
      const goals = await trx
        .selectFrom('goal')
        .select('id')
        .where('framework_id', '=', p.framework)
        .where('position', 'in', p.goalPositions)
        .execute()
      if (goals.length)
        await trx
          .insertInto('partnership_goal')
          .values(goals.map((g) => ({ partnership_id: p.id, goal_id: g.id })))
          .onConflict((oc) => oc.columns(['partnership_id', 'goal_id']).doNothing())
          .execute()
      for (const [i, c] of p.criteria.entries()) {
        await trx
          .insertInto('success_criterion')
          .values({
            id: c.id,
            partnership_id: p.id,
            position: i + 1,
            description: c.description,
            target_value: c.target,
            measure: c.measure,
          })
          .onConflict((oc) => oc.doNothing())
          .execute()
        // A demo admin may have removed the criterion and reused its position: leave it gone.
        const kept = await trx
          .selectFrom('success_criterion')
          .select('id')
          .where('id', '=', c.id)
          .executeTakeFirst()
        if (!kept) continue
        for (const r of c.progress ?? [])
          await trx
            .insertInto('criterion_progress')
            .values({
              id: r.id,
              criterion_id: c.id,
              value: r.value,
              note: r.note,
              recorded_at: r.at,
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .execute()
      }
      if (p.outreach.length)
        await trx
          .insertInto('outreach_log')
          .values(
            p.outreach.map((o) => ({
              id: o.id,
              partnership_id: p.id,
              contacted_on: o.on,
              institution_type: o.type,
              institution: o.institution,
              outcome: o.outcome,
            })),
          )
          .onConflict((oc) => oc.column('id').doNothing())
          .execute()
    }
  })
}
