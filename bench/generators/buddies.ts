import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Generator } from './types.ts'
import {
  benchId,
  benchIdPrefix,
  countRows,
  insertInBatches,
  listMunicipalities,
  seededRandom,
} from './util.ts'

// Buddy matching at scale (issue 7): approved volunteers with profiles and valid requirements
// at a few generated "buddy organisations", and citizens waiting for a buddy there (consent,
// accepted buddy referral, wishes), plus a coordinator of those organisations with a session the
// bench sends as a cookie (`as: 'coordinator'` in routes.js).

const PERSON = 5
const APPLICATION = 6
const REQUIREMENT = 7
const CITIZEN = 8
const CONSENT = 9
const REFERRAL = 10
const BENCH_PEOPLE = 11
const ORGANISATION = 2

/** The generated organisations 0…BUDDY_ORGS-1 run the buddy programmes. */
export const BUDDY_ORGS = 10
export const AREAS = 40
const INTERESTS = [
  'football',
  'cooking',
  'walks',
  'music',
  'art',
  'games',
  'nature',
  'reading',
  'film',
  'crafts',
  'fitness',
  'coffee_chat',
  'computers',
  'gardening',
  'fishing',
  'chess',
]
const LANGUAGES = ['en', 'ar', 'tr', 'pl', 'so', 'fa', 'uk']
const DAY = 86_400_000

const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)
const pick = <T>(random: () => number, list: readonly T[], n: number): T[] => {
  const copy = [...list]
  const out: T[] = []
  while (out.length < n && copy.length)
    out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]!)
  return out
}
const grid = (random: () => number) => {
  let mask = 0
  for (let bit = 0; bit < 21; bit++) if (random() < 0.3) mask |= 1 << bit
  return mask
}

async function areaFor(trx: Parameters<Generator['generate']>[0]) {
  const municipalities = await listMunicipalities(trx)
  const m = municipalities.length
  // areas.ts spreads area i over municipality i % m, organisations.ts does the same for orgs.
  return (org: number, random: () => number) => {
    const perMunicipality = Math.max(1, Math.floor(AREAS / m))
    return benchId(1, (org % m) + m * Math.floor(random() * perMunicipality))
  }
}

export const volunteers: Generator = {
  name: 'volunteers',
  defaultSize: 20_000,
  async generate(trx, size) {
    const random = seededRandom(PERSON)
    const area = await areaFor(trx)
    for (let o = 0; o < BUDDY_ORGS; o++) {
      await trx
        .insertInto('organisation_requirement')
        .values([
          { organisation_id: benchId(ORGANISATION, o), kind: 'interview', valid_months: null },
          { organisation_id: benchId(ORGANISATION, o), kind: 'criminal_record', valid_months: 24 },
        ])
        .onConflict((oc) => oc.columns(['organisation_id', 'kind']).doNothing())
        .execute()
    }
    const inserted = await insertInBatches(trx, 'person', size, (i) => ({
      id: benchId(PERSON, i),
      display_name: `Frivillig ${String(i + 1).padStart(5, '0')}`,
      email: `frivillig-${i + 1}@bench.example.dk`,
    }))
    await insertInBatches(trx, 'volunteer_profile', size, (i) => {
      const org = i % BUDDY_ORGS
      const gender: 'woman' | 'man' = random() < 0.5 ? 'woman' : 'man'
      return {
        person_id: benchId(PERSON, i),
        interests: pick(random, INTERESTS, 1 + Math.floor(random() * 4)),
        languages: ['da', ...pick(random, LANGUAGES, random() < 0.4 ? 1 : 0)],
        area_id: area(org, random),
        availability: grid(random),
        gender,
        birth_year: 1950 + Math.floor(random() * 55),
        prefers_gender: random() < 0.1 ? gender : null,
        capacity: 1 + Math.floor(random() * 3),
        lived_experience: random() < 0.15,
      }
    })
    await insertInBatches(trx, 'volunteer_application', size, (i) => ({
      id: benchId(APPLICATION, i),
      person_id: benchId(PERSON, i),
      organisation_id: benchId(ORGANISATION, i % BUDDY_ORGS),
      roles: random() < 0.8 ? ['buddy' as const] : ['buddy' as const, 'helper' as const],
      // Mostly matchable; some still in screening, so the eligibility check has work to do.
      state: random() < 0.85 ? ('approved' as const) : ('screening' as const),
    }))
    await insertInBatches(trx, 'volunteer_requirement', size * 2, (j) => {
      const i = Math.floor(j / 2)
      const criminal = j % 2 === 1
      // One in twenty criminal-record checks has run out.
      const expired = criminal && i % 20 === 7
      return {
        id: benchId(REQUIREMENT, j),
        application_id: benchId(APPLICATION, i),
        kind: criminal ? ('criminal_record' as const) : ('interview' as const),
        checked_on: day(expired ? -800 : -100),
        expires_on: criminal ? day(expired ? -70 : 600) : null,
      }
    })
    return {
      inserted,
      generated: await countRows(trx, 'volunteer_application', benchIdPrefix(APPLICATION)),
      tableRows: await countRows(trx, 'volunteer_application'),
    }
  },
}

export const citizens: Generator = {
  name: 'citizens',
  defaultSize: 5_000,
  async generate(trx, size) {
    const random = seededRandom(CITIZEN)
    const area = await areaFor(trx)
    const orgs = await trx
      .selectFrom('organisation')
      .select(['id', 'home_municipality_id'])
      .where(sql<boolean>`id::text like ${benchIdPrefix(ORGANISATION) + '%'}`)
      .orderBy('id')
      .limit(BUDDY_ORGS)
      .execute()
    if (orgs.length < BUDDY_ORGS) throw new Error('Generate the organisations first.')
    const coordinator = benchId(BENCH_PEOPLE, 0)
    await trx
      .insertInto('person')
      .values({
        id: coordinator,
        display_name: 'Bench Koordinator',
        email: 'koordinator@bench.example.dk',
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('organisation_membership')
      .values(
        orgs.map((o) => ({
          person_id: coordinator,
          organisation_id: o.id,
          role: 'coordinator' as const,
        })),
      )
      .onConflict((oc) => oc.columns(['person_id', 'organisation_id']).doNothing())
      .execute()
    const inserted = await insertInBatches(trx, 'citizen', size, (i) => ({
      id: benchId(CITIZEN, i),
      municipality_id: orgs[i % BUDDY_ORGS]!.home_municipality_id!,
      chosen_name: `Borger ${String(i + 1).padStart(5, '0')}`,
      birth_year: 1950 + Math.floor(random() * 55),
      area_id: area(i % BUDDY_ORGS, random),
    }))
    await insertInBatches(trx, 'consent', size, (i) => ({
      id: benchId(CONSENT, i),
      citizen_id: benchId(CITIZEN, i),
      purpose: 'buddy_match' as const,
      data_categories: [
        'name' as const,
        'area' as const,
        'birth_year' as const,
        'language' as const,
      ],
      wording_version: 'bench-1',
      channel: 'digital' as const,
      given_at: new Date(Date.now() - 30 * DAY),
      expires_at: new Date(Date.now() + 700 * DAY),
    }))
    await insertInBatches(trx, 'consent_recipient', size, (i) => ({
      consent_id: benchId(CONSENT, i),
      organisation_id: orgs[i % BUDDY_ORGS]!.id,
    }))
    await insertInBatches(trx, 'referral', size, (i) => ({
      id: benchId(REFERRAL, i),
      citizen_id: benchId(CITIZEN, i),
      municipality_id: orgs[i % BUDDY_ORGS]!.home_municipality_id!,
      to_organisation_id: orgs[i % BUDDY_ORGS]!.id,
      kind: 'buddy' as const,
      consent_id: benchId(CONSENT, i),
      state: 'accepted' as const,
      sent_at: new Date(Date.now() - 20 * DAY),
      deadline_at: new Date(Date.now() - 6 * DAY),
      answered_at: new Date(Date.now() - 10 * DAY),
    }))
    await insertInBatches(trx, 'buddy_wish', size, (i) => ({
      referral_id: benchId(REFERRAL, i),
      interests: pick(random, INTERESTS, 2 + Math.floor(random() * 3)),
      languages: ['da', ...pick(random, LANGUAGES, random() < 0.3 ? 1 : 0)],
      area_id: area(i % BUDDY_ORGS, random),
      availability: grid(random),
      wants_lived_experience: random() < 0.2,
    }))
    // A fresh session for every generation; its token goes to the marker, its hash to the table.
    const token = randomBytes(32).toString('base64url')
    await trx.deleteFrom('session').where('person_id', '=', coordinator).execute()
    const now = new Date()
    await trx
      .insertInto('session')
      .values({
        id: createHash('sha256').update(token).digest('hex'),
        person_id: coordinator,
        created_at: now,
        last_seen_at: now,
        idle_timeout_seconds: 30 * 86_400,
        expires_at: new Date(now.getTime() + 30 * DAY),
        mfa_verified_at: now,
      })
      .execute()
    return {
      inserted,
      generated: await countRows(trx, 'referral', benchIdPrefix(REFERRAL)),
      tableRows: await countRows(trx, 'referral'),
      sessions: { coordinator: token },
    }
  },
}
