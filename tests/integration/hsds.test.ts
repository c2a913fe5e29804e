import { randomBytes } from 'node:crypto'
import type { Insertable } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { addDays, occurrences, utcToZoned } from '~/modules/activities/schedule'
import { materialiseSessions } from '~/modules/activities/sessions.server'
import { categoryTermId } from '~/modules/directory/hsds.server'
import * as root from '~/routes/api.hsds._index'
import * as organizationOne from '~/routes/api.hsds.organizations.$id'
import * as organizationsList from '~/routes/api.hsds.organizations._index'
import * as serviceOne from '~/routes/api.hsds.services.$id'
import * as servicesList from '~/routes/api.hsds.services._index'
import { formatDate } from '~/ui/format'
import type { ActivityTable } from '../../db/schema.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { callRoute, createOrganisation, createPerson, getRequest } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'
import { createHsdsValidator, describeErrors, readJson } from '../setup/hsds-schema.ts'

// The Open Referral HSDS 3.1 API, validated with AJV against the official schemas: first the
// official examples (so the set-up itself is proven), then every endpoint's answers.

const strict = createHsdsValidator({ closed: true })
const open = createHsdsValidator({ closed: false })

describe('the validator set-up, proven on the official examples', () => {
  it.each([
    ['service_full.json', 'service.json'],
    ['service_full.json', 'compiled/service.json'],
    ['organization_full.json', 'compiled/organization.json'],
    ['location.json', 'location.json'],
    ['taxonomy.json', 'taxonomy.json'],
    ['taxonomy_term.json', 'taxonomy_term.json'],
    ['service_list.json', 'page:service.json'],
    ['organization_list.json', 'page:organization.json'],
    ['taxonomy_list.json', 'page:taxonomy.json'],
    ['taxonomy_term_list.json', 'page:taxonomy_term.json'],
    ['base.json', 'openapi:root'],
  ])('%s is valid against %s, also with no extra properties allowed', (example, schema) => {
    const value = readJson('examples', example)
    expect(describeErrors(open.validate(schema, value))).toEqual([])
    expect(describeErrors(strict.validate(schema, value))).toEqual([])
  })

  // These examples nest the `service` as upstream's compiled/service_at_location.json allows;
  // that file is not among the fixtures and the per-object schema has no `service`, so they
  // are checked with extra properties allowed. Brobygger serves no service_at_location list.
  it.each([
    ['service_at_location_full.json', 'service_at_location.json'],
    ['service_at_location_list.json', 'page:service_at_location.json'],
  ])('%s is valid against %s', (example, schema) => {
    const value = readJson('examples', example)
    expect(describeErrors(open.validate(schema, value))).toEqual([])
    expect(describeErrors(strict.validate(schema, value))).toEqual([
      `${example.includes('list') ? '/contents/0' : '/'} must NOT have additional properties`,
    ])
  })

  it('rejects a broken service: no name, an unknown status, a misspelt field, a bad uuid', () => {
    const value = readJson('examples', 'service_full.json')
    delete value.name
    value.status = 'bogus'
    value.schedules[0].opens_att = '10:00'
    value.phones[0].id = 'not-a-uuid'
    const errors = describeErrors(strict.validate('compiled/service.json', value))
    expect(errors).toContain("/ must have required property 'name'")
    expect(errors).toContain('/status must be equal to one of the allowed values')
    expect(errors).toContain('/schedules/0 must NOT have additional properties')
    expect(errors).toContain('/phones/0/id must match format "uuid"')
    expect(describeErrors(open.validate('compiled/service.json', value))).not.toContain(
      '/schedules/0 must NOT have additional properties',
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Our API, with the demo network plus awkward cases, through the route loaders

let database: Database
const NOW = new Date()
const today = utcToZoned(NOW).date
const extra = {} as Record<
  'monthlyPaid' | 'coordinatesOnly' | 'ended' | 'draft' | 'pendingOrgActivity',
  string
>
let pendingOrg: string
let sparseOrg: string
let excepted: string
let cancelledOne: string

async function insertActivity(
  values: Partial<Insertable<ActivityTable>> & Pick<Insertable<ActivityTable>, 'title'>,
): Promise<string> {
  const row = await database.db
    .insertInto('activity')
    .values({
      organisation_id: DEMO.org.cafe,
      category: 'meal',
      dtstart: '2026-01-01',
      start_time: '17:00',
      end_time: '19:00',
      ...values,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db, NOW)
  extra.monthlyPaid = await insertActivity({
    title: 'Madklub, første mandag hver anden måned',
    description: 'Vi handler ind, laver mad og spiser sammen.',
    freq: 'monthly',
    interval: 2,
    byday: 'MO',
    bysetpos: 1,
    until: addDays(today, 400),
    price_oere: 2550,
    capacity: 12,
    accessibility_note: 'Trappefri adgang.',
    location_name: 'Café Broen',
    street_address: 'Godthåbsvej 41',
    postal_code: '2000',
    city: 'Frederiksberg',
    email: 'madklub@broen.example.dk',
    open_no_referral: false,
    no_membership: false,
  })
  extra.coordinatesOnly = await insertActivity({
    title: 'Tur i Søndermarken',
    category: 'trip',
    freq: 'weekly',
    byday: 'SA',
    latitude: 55.6703,
    longitude: 12.5236,
  })
  extra.ended = await insertActivity({ title: 'Sommerfest', freq: 'once', dtstart: '2026-06-20' })
  extra.draft = await insertActivity({
    title: 'Kladde',
    freq: 'weekly',
    byday: 'MO',
    status: 'draft',
  })
  pendingOrg = await createOrganisation(database.db, 'Forening under godkendelse')
  extra.pendingOrgActivity = await insertActivity({
    title: 'Ikke offentlig endnu',
    organisation_id: pendingOrg,
    freq: 'weekly',
    byday: 'TU',
  })
  const sparse = await database.db
    .insertInto('organisation')
    .values({
      name: 'Lille Netværk',
      type: 'ngo',
      status: 'approved',
      website: 'lillenetvaerk.example.dk',
      email: 'ikke en e-mail',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  sparseOrg = sparse.id
  const targetGroup = await database.db
    .selectFrom('target_group')
    .select('id')
    .where('code', '=', 'substance_use')
    .executeTakeFirstOrThrow()
  await database.db
    .insertInto('activity_target_group')
    .values({ activity_id: extra.monthlyPaid, target_group_id: targetGroup.id })
    .execute()
  // an upcoming date excepted, and another session cancelled on its own
  const upcoming = occurrences(
    {
      freq: 'monthly',
      interval: 2,
      byday: 'MO',
      bysetpos: 1,
      dtstart: '2026-01-01',
      until: null,
      startTime: '17:00',
      endTime: '19:00',
    },
    today,
    addDays(today, 200),
  )
  excepted = upcoming[1]!
  await database.db
    .insertInto('activity_exception')
    .values({ activity_id: extra.monthlyPaid, on_date: excepted })
    .execute()
  await materialiseSessions(database.db, extra.monthlyPaid, NOW, 200)
  await materialiseSessions(database.db, extra.coordinatesOnly, NOW)
  cancelledOne = upcoming[2]!
  await database.db
    .updateTable('activity_session')
    .set({ status: 'cancelled' })
    .where('activity_id', '=', extra.monthlyPaid)
    .where('local_date', '=', cancelledOne)
    .execute()
  // two people have the next place of the paid one
  const next = await database.db
    .selectFrom('activity_session')
    .select('id')
    .where('activity_id', '=', extra.monthlyPaid)
    .where('status', '=', 'scheduled')
    .orderBy('starts_at')
    .executeTakeFirstOrThrow()
  for (const state of ['confirmed', 'offered', 'cancelled'] as const) {
    const person = await createPerson(database.db, { name: `Deltager ${state}` })
    await database.db
      .insertInto('signup')
      .values({
        session_id: next.id,
        person_id: person.id,
        state,
        cancel_token_hash: randomBytes(16).toString('hex'),
        offer_expires_at: state === 'offered' ? addDaysTo(NOW, 1) : null,
        cancelled_at: state === 'cancelled' ? NOW : null,
      })
      .execute()
  }
})

const addDaysTo = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

async function api(
  route: { loader: (args: any) => unknown },
  path: string,
  params: Record<string, string> = {},
) {
  const result = await callRoute<any>(
    route.loader as any,
    getRequest(`http://localhost${path}`),
    params,
  )
  return result
}

async function publishedIds(organisationId?: string): Promise<string[]> {
  let q = database.db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select('a.id')
    .where('a.status', '=', 'published')
    .where('o.status', '=', 'approved')
  if (organisationId) q = q.where('a.organisation_id', '=', organisationId)
  return (await q.execute()).map((r) => r.id).sort()
}

const expectValid = (schema: string, value: unknown) =>
  expect(describeErrors(strict.validate(schema, value))).toEqual([])

describe('GET /api/hsds', () => {
  it('says what the API is, as the openapi describes', async () => {
    const result = await api(root, '/api/hsds')
    expect(result.status).toBe(200)
    expect(result.headers.get('Content-Type')).toMatch(/^application\/json/)
    expectValid('openapi:root', result.data)
    expect(result.data.version).toBe('3.1')
  })
})

describe('GET /api/hsds/services', () => {
  it('pages every published activity of approved organisations, 50 at a time', async () => {
    const result = await api(servicesList, '/api/hsds/services')
    expect(result.status).toBe(200)
    expect(result.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expectValid('page:service.json', result.data)
    const ids = await publishedIds()
    expect(ids.length).toBeGreaterThan(10)
    expect(result.data).toMatchObject({
      total_items: ids.length,
      total_pages: Math.ceil(ids.length / 50),
      page_number: 1,
      size: Math.min(ids.length, 50),
      first_page: true,
      last_page: ids.length <= 50,
      empty: false,
    })
    const got = result.data.contents.map((s: { id: string }) => s.id).sort()
    expect(got).toEqual(ids.slice(0, 50))
    expect(got).not.toContain(extra.draft)
    expect(got).not.toContain(extra.pendingOrgActivity)
  })

  it('walks through the pages without losing or repeating anyone', async () => {
    const ids = await publishedIds()
    const perPage = 4
    const seen: string[] = []
    const pages = Math.ceil(ids.length / perPage)
    for (let page = 1; page <= pages; page++) {
      const { data } = await api(
        servicesList,
        `/api/hsds/services?page=${page}&per_page=${perPage}`,
      )
      expectValid('page:service.json', data)
      expect(data.page_number).toBe(page)
      expect(data.total_pages).toBe(pages)
      expect(data.first_page).toBe(page === 1)
      expect(data.last_page).toBe(page === pages)
      expect(data.size).toBe(page < pages ? perPage : ids.length - perPage * (pages - 1))
      seen.push(...data.contents.map((s: { id: string }) => s.id))
    }
    expect(seen.sort()).toEqual(ids)
    const beyond = await api(
      servicesList,
      `/api/hsds/services?page=${pages + 1}&per_page=${perPage}`,
    )
    expect(beyond.status).toBe(200)
    expect(beyond.data).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] })
  })

  it('gives fully nested services with full=true, every one valid', async () => {
    const result = await api(servicesList, '/api/hsds/services?full=true&per_page=200')
    expect(result.status).toBe(200)
    expectValid('page:service.json', result.data)
    for (const service of result.data.contents) expectValid('compiled/service.json', service)
    expect(result.data.contents.every((s: any) => s.schedules.length === 1)).toBe(true)
  })

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['per_page=0', 'per_page'],
    ['per_page=201', 'per_page'],
    ['full=maybe', 'full'],
    ['organization_id=42', 'organization_id'],
    ['taxonomy_term_id=sport', 'taxonomy_term_id'],
    ['modified_after=yesterday', 'modified_after'],
  ])('answers ?%s with 400 naming %s', async (query, parameter) => {
    const result = await api(servicesList, `/api/hsds/services?${query}`)
    expect(result.status).toBe(400)
    expect(result.data).toMatchObject({ error: 'bad_request', parameter })
    expect(typeof result.data.message).toBe('string')
  })

  it('filters by organisation, category term, words and modification time', async () => {
    const byOrg = await api(
      servicesList,
      `/api/hsds/services?organization_id=${DEMO.org.streetFootball}`,
    )
    expect(byOrg.data.contents.map((s: { id: string }) => s.id).sort()).toEqual(
      await publishedIds(DEMO.org.streetFootball),
    )
    expect(byOrg.data.total_items).toBeGreaterThan(0)
    const trips = await api(
      servicesList,
      `/api/hsds/services?full=true&taxonomy_term_id=${categoryTermId('trip')}`,
    )
    expect(trips.data.total_items).toBeGreaterThan(0)
    for (const s of trips.data.contents) expect(s.attributes[0].taxonomy_term.code).toBe('trip')
    const unknownTerm = await api(
      servicesList,
      '/api/hsds/services?taxonomy_term_id=00000000-0000-4000-8000-000000000000',
    )
    expect(unknownTerm.data).toMatchObject({ total_items: 0, empty: true })
    const words = await api(servicesList, '/api/hsds/services?search=madklub')
    expect(words.data.contents.map((s: { id: string }) => s.id)).toEqual([extra.monthlyPaid])
    const future = await api(
      servicesList,
      `/api/hsds/services?modified_after=${encodeURIComponent(addDaysTo(NOW, 1).toISOString())}`,
    )
    expect(future.data.total_items).toBe(0)
  })
})

describe('GET /api/hsds/services/{id}', () => {
  it('is a valid, fully nested service for every published activity', async () => {
    for (const id of await publishedIds()) {
      const result = await api(serviceOne, `/api/hsds/services/${id}`, { id })
      expect(result.status).toBe(200)
      expectValid('compiled/service.json', result.data)
      expectValid('service.json', result.data)
    }
  })

  it('maps an activity field by field', async () => {
    const { data: s } = await api(serviceOne, `/api/hsds/services/${extra.monthlyPaid}`, {
      id: extra.monthlyPaid,
    })
    expect(s).toMatchObject({
      id: extra.monthlyPaid,
      organization_id: DEMO.org.cafe,
      name: 'Madklub, første mandag hver anden måned',
      description: 'Vi handler ind, laver mad og spiser sammen.',
      url: `http://localhost/activities/${extra.monthlyPaid}`,
      email: 'madklub@broen.example.dk',
      status: 'active',
      fees_description: '25,50 kr.',
      organization: { id: DEMO.org.cafe, name: 'Café Broen' },
    })
    const [schedule] = s.schedules
    expect(schedule).toMatchObject({
      service_id: extra.monthlyPaid,
      freq: 'MONTHLY',
      interval: 2,
      byday: '1MO',
      wkst: 'MO',
      valid_from: '2026-01-01',
      until: addDays(today, 400),
      schedule_link: `http://localhost/activities/${extra.monthlyPaid}/calendar.ics`,
    })
    expect(schedule.dtstart).toBe('2026-01-05')
    expect([1, 2]).toContain(schedule.timezone)
    const offset = schedule.timezone === 1 ? '+01:00' : '+02:00'
    expect(schedule.opens_at).toBe(`17:00${offset}`)
    expect(schedule.closes_at).toBe(`19:00${offset}`)
    expect(schedule.description).toMatch(/mandag/)
    expect(schedule.notes).toContain(formatDate(new Date(`${excepted}T12:00:00Z`), 'da'))
    expect(schedule.notes).toContain(formatDate(new Date(`${cancelledOne}T12:00:00Z`), 'da'))
    expect(s.cost_options).toEqual([
      expect.objectContaining({ currency: 'DKK', amount: 25.5, amount_description: '25,50 kr.' }),
    ])
    expect(s.capacities).toEqual([
      expect.objectContaining({
        maximum: 12,
        available: 10,
        unit: expect.objectContaining({ name: 'Plads' }),
      }),
    ])
    expect(s.languages).toEqual([expect.objectContaining({ code: 'da', name: 'Dansk' })])
    expect(s.attributes[0]).toMatchObject({
      link_id: extra.monthlyPaid,
      taxonomy_term_id: categoryTermId('meal'),
      taxonomy_term: { code: 'meal', taxonomy: 'brobygger-category', name: 'Fællesspisning' },
    })
    const [sal] = s.service_at_locations
    expect(sal.location).toMatchObject({
      location_type: 'physical',
      name: 'Café Broen',
      addresses: [
        expect.objectContaining({
          address_1: 'Godthåbsvej 41',
          postal_code: '2000',
          city: 'Frederiksberg',
          state_province: 'Frederiksberg Kommune',
          country: 'DK',
          address_type: 'physical',
        }),
      ],
      accessibility: [expect.objectContaining({ description: 'Trappefri adgang.' })],
    })
    expect(s.phones).toEqual([expect.objectContaining({ number: '+45 33 44 55 66' })])
    // ids are stable from one request to the next
    const again = await api(serviceOne, `/api/hsds/services/${extra.monthlyPaid}`, {
      id: extra.monthlyPaid,
    })
    expect(again.data.schedules[0].id).toBe(schedule.id)
    expect(again.data.service_at_locations[0].location.id).toBe(sal.location.id)
  })

  it('free, open, with only coordinates, and a series that has ended', async () => {
    const { data: trip } = await api(serviceOne, `/api/hsds/services/${extra.coordinatesOnly}`, {
      id: extra.coordinatesOnly,
    })
    expect(trip.fees_description).toBe('Gratis')
    expect(trip.cost_options[0]).toMatchObject({ amount: 0, currency: 'DKK', option: 'Gratis' })
    expect(trip.eligibility_description).toContain('henvisning')
    expect(trip.capacities).toEqual([])
    expect(trip.service_at_locations[0].location).toMatchObject({
      latitude: 55.6703,
      longitude: 12.5236,
      addresses: [],
    })
    const { data: ended } = await api(serviceOne, `/api/hsds/services/${extra.ended}`, {
      id: extra.ended,
    })
    expect(ended.status).toBe('inactive')
    expect(ended.schedules[0]).toMatchObject({ dtstart: '2026-06-20', until: '2026-06-20' })
    expect(ended.schedules[0].freq).toBeUndefined()
  })

  it('never publishes target groups', async () => {
    const groups = await database.db
      .selectFrom('target_group')
      .select(['code', 'name_da', 'name_en', 'sensitive'])
      .execute()
    const everything = JSON.stringify([
      (await api(servicesList, '/api/hsds/services?full=true&per_page=200')).data,
      (
        await api(organizationOne, `/api/hsds/organizations/${DEMO.org.cafe}?full_service=true`, {
          id: DEMO.org.cafe,
        })
      ).data,
    ])
    expect(everything).toContain('Madklub')
    for (const g of groups) {
      expect(everything).not.toContain(`"${g.code}"`)
      if (g.sensitive) {
        expect(everything).not.toContain(g.name_da)
        expect(everything).not.toContain(g.name_en)
      }
    }
    expect(everything).not.toMatch(/target/i)
  })

  it.each([
    ['a draft', () => extra.draft],
    ['an activity of an organisation not approved', () => extra.pendingOrgActivity],
    ['an unknown id', () => '00000000-0000-4000-8000-00000000dead'],
    ['something that is not an id', () => 'DROP TABLE'],
  ])('is 404 JSON for %s', async (_what, id) => {
    const result = await api(serviceOne, `/api/hsds/services/${encodeURIComponent(id())}`, {
      id: id(),
    })
    expect(result.status).toBe(404)
    expect(result.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(result.data).toMatchObject({ error: 'not_found' })
  })
})

describe('GET /api/hsds/organizations', () => {
  it('pages the approved organisations', async () => {
    const approved = await database.db
      .selectFrom('organisation')
      .select('id')
      .where('status', '=', 'approved')
      .execute()
    const result = await api(organizationsList, '/api/hsds/organizations?per_page=3')
    expect(result.status).toBe(200)
    expectValid('page:organization.json', result.data)
    expect(result.data).toMatchObject({
      total_items: approved.length,
      total_pages: Math.ceil(approved.length / 3),
      size: 3,
      first_page: true,
      last_page: false,
      empty: false,
    })
    const all = await api(organizationsList, '/api/hsds/organizations?full=true&per_page=200')
    expectValid('page:organization.json', all.data)
    const ids = all.data.contents.map((o: { id: string }) => o.id)
    expect(ids.sort()).toEqual(approved.map((o) => o.id).sort())
    expect(ids).not.toContain(pendingOrg)
    for (const o of all.data.contents) expectValid('compiled/organization.json', o)
  })

  it('searches by name and refuses bad paging', async () => {
    const found = await api(organizationsList, '/api/hsds/organizations?search=broen')
    expect(found.data.contents.map((o: { id: string }) => o.id)).toEqual([DEMO.org.cafe])
    const bad = await api(organizationsList, '/api/hsds/organizations?per_page=1000')
    expect(bad.status).toBe(400)
    expect(bad.data.parameter).toBe('per_page')
  })
})

describe('GET /api/hsds/organizations/{id}', () => {
  it('is the organisation with CVR, phone, address and its services', async () => {
    const result = await api(organizationOne, `/api/hsds/organizations/${DEMO.org.cafe}`, {
      id: DEMO.org.cafe,
    })
    expect(result.status).toBe(200)
    expectValid('compiled/organization.json', result.data)
    expect(result.data).toMatchObject({
      id: DEMO.org.cafe,
      name: 'Café Broen',
      email: 'cafe@broen.example.dk',
      uri: `http://localhost/organisations/${DEMO.org.cafe}`,
      organization_identifiers: [
        expect.objectContaining({
          identifier_scheme: 'DK-CVR',
          identifier_type: 'CVR',
          identifier: '29876541',
        }),
      ],
      phones: [expect.objectContaining({ number: '+45 33 44 55 66' })],
    })
    expect(result.data.locations[0].addresses[0]).toMatchObject({
      address_1: 'Godthåbsvej 41',
      country: 'DK',
      state_province: 'Frederiksberg Kommune',
    })
    expect(result.data.services.map((s: { id: string }) => s.id).sort()).toEqual(
      await publishedIds(DEMO.org.cafe),
    )
    const full = await api(
      organizationOne,
      `/api/hsds/organizations/${DEMO.org.cafe}?full_service=true`,
      { id: DEMO.org.cafe },
    )
    expectValid('compiled/organization.json', full.data)
    expect(full.data.services.every((s: any) => Array.isArray(s.schedules))).toBe(true)
  })

  it('leaves out what it cannot publish correctly', async () => {
    const result = await api(organizationOne, `/api/hsds/organizations/${sparseOrg}`, {
      id: sparseOrg,
    })
    expectValid('compiled/organization.json', result.data)
    expect(result.data).toMatchObject({
      name: 'Lille Netværk',
      description: '',
      website: 'https://lillenetvaerk.example.dk/',
      phones: [],
      locations: [],
      organization_identifiers: [],
      services: [],
    })
    expect(result.data.email).toBeUndefined()
  })

  it('is 404 JSON for an organisation not approved, unknown or malformed', async () => {
    for (const id of [pendingOrg, '00000000-0000-4000-8000-00000000dead', 'nope']) {
      const result = await api(organizationOne, `/api/hsds/organizations/${id}`, { id })
      expect(result.status).toBe(404)
      expect(result.data).toMatchObject({ error: 'not_found' })
    }
    const bad = await api(
      organizationOne,
      `/api/hsds/organizations/${DEMO.org.cafe}?full_service=perhaps`,
      { id: DEMO.org.cafe },
    )
    expect(bad.status).toBe(400)
  })
})
