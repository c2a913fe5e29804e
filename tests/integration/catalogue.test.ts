import type * as RemixReact from '@remix-run/react'
import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from '~/db.server'
import { activityEvents, serialiseJsonLd } from '~/modules/activities/json-ld'
import { getI18nInstance, getFixedT } from '~/i18n/i18n.server'
import { searchCatalogue, type CatalogueFilters } from '~/modules/activities/catalogue.server'
import { formatSessionStart } from '~/modules/activities/describe'
import { addDays, utcToZoned } from '~/modules/activities/schedule'
import { materialiseSessions } from '~/modules/activities/sessions.server'
import * as activityPage from '~/routes/activities.$activityId._index'
import * as catalogue from '~/routes/activities._index'
import * as organisationPage from '~/routes/organisations.$orgId._index'
import type { DB } from '../../db/schema.ts'
import type { Insertable } from 'kysely'
import { callRoute, getRequest } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

/** The JSON-LD the activity page renders from its loader data. */
function jsonLdOf(data: {
  jsonLd: {
    activity: Parameters<typeof activityEvents>[0]
    sessions: Parameters<typeof activityEvents>[1]
    origin: string
  } | null
}): string {
  if (!data.jsonLd) throw new Error('no JSON-LD on this page')
  return serialiseJsonLd(
    activityEvents(data.jsonLd.activity, data.jsonLd.sessions, data.jsonLd.origin),
  )
}

// The public catalogue, activity and organisation pages, through their loaders with real
// Requests against a small network of our own: what shows, what never shows, the filters,
// the order, paging, JSON-LD and bad input. The pages are also rendered to HTML as a browser
// without JavaScript gets them; only the router's hooks and links are stood in for.

const router = vi.hoisted(() => ({ data: null as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => {
  const actual = await importOriginal<typeof RemixReact>()
  const { createElement } = await import('react')
  return {
    ...actual,
    useLoaderData: () => router.data,
    Link: ({ to, ...rest }: { to: string }) => createElement('a', { href: to, ...rest }),
    Form: (props: object) => createElement('form', props),
  }
})

async function render(Page: ComponentType, data: unknown): Promise<string> {
  router.data = data
  const i18n = await getI18nInstance('da')
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(Page)))
}

/** One h1, a label for every field, and every aria-describedby pointing at something. */
function expectAccessibleMarkup(html: string) {
  expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))
  const labelled = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]))
  for (const [, tag, attrs] of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    if (/type="hidden"/.test(attrs!)) continue
    const id = /\sid="([^"]+)"/.exec(attrs!)?.[1]
    expect(id && labelled.has(id), `${tag} without a label: ${attrs}`).toBe(true)
  }
  for (const [, refs] of html.matchAll(/aria-describedby="([^"]+)"/g))
    for (const ref of refs!.split(' ')) expect(ids.has(ref), `aria-describedby=${ref}`).toBe(true)
}

let database: Database
let yogaSessions: string[] = []
const now = new Date()
const today = utcToZoned(now).date
const ids = {} as Record<
  | 'frederiksberg'
  | 'rodovre'
  | 'nord'
  | 'syd'
  | 'islev'
  | 'club'
  | 'cafe'
  | 'pending'
  | 'football'
  | 'dinner'
  | 'yoga'
  | 'coffee'
  | 'film'
  | 'draft'
  | 'pendingOrgActivity'
  | 'past'
  | 'targetGroup',
  string
>

type NewActivity = Omit<Insertable<DB['activity']>, 'organisation_id' | 'dtstart'> & {
  organisation_id?: string
  dtstart?: string
}

async function createActivity(values: NewActivity): Promise<string> {
  const row = await database.db
    .insertInto('activity')
    .values({ organisation_id: ids.club, dtstart: addDays(today, -14), ...values })
    .returning('id')
    .executeTakeFirstOrThrow()
  await materialiseSessions(database.db, row.id, now)
  return row.id
}

async function titles(search: string, cookie?: string): Promise<string[]> {
  const result = await callRoute(
    catalogue.loader,
    getRequest(`/activities${search}`, cookie ? `kommune=${cookie}` : null),
  )
  expect(result.status).toBe(200)
  return result.data.activities.map((a: { title: string }) => a.title).sort()
}

const FOOTBALL = 'Fodbold i parken'
const DINNER = 'Fællesspisning i caféen'
const YOGA = 'Morgenyoga'
const COFFEE = 'Eftermiddagskaffe'
const FILM = 'Fodbolden ruller igen – filmaften'
const PUBLIC_F = [COFFEE, FOOTBALL, FILM, YOGA].sort()
const PUBLIC_ALL = [...PUBLIC_F, DINNER].sort()

beforeAll(async () => {
  database = await createTestDatabase()
  const db = database.db
  const municipalities = await db
    .insertInto('municipality')
    .values([
      { slug: 'frederiksberg', name: 'Frederiksberg Kommune', code: '147' },
      { slug: 'rodovre', name: 'Rødovre Kommune', code: '175' },
    ])
    .returning(['id', 'slug'])
    .execute()
  ids.frederiksberg = municipalities.find((m) => m.slug === 'frederiksberg')!.id
  ids.rodovre = municipalities.find((m) => m.slug === 'rodovre')!.id
  const areas = await db
    .insertInto('area')
    .values([
      { municipality_id: ids.frederiksberg, slug: 'nord', name: 'Frederiksberg Nord' },
      { municipality_id: ids.frederiksberg, slug: 'syd', name: 'Frederiksberg Syd' },
      { municipality_id: ids.rodovre, slug: 'islev', name: 'Islev' },
    ])
    .returning(['id', 'slug'])
    .execute()
  for (const a of areas) ids[a.slug as 'nord' | 'syd' | 'islev'] = a.id
  const org = async (name: string, municipality: string, status: 'approved' | 'pending') =>
    (
      await db
        .insertInto('organisation')
        .values({
          name,
          type: 'association',
          status,
          home_municipality_id: municipality,
          phone: '+45 30 12 34 56',
          street_address: 'Testvej 1',
          postal_code: '2000',
          city: 'Frederiksberg',
          description: `Om ${name}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  ids.club = await org('Testklubben', ids.frederiksberg, 'approved')
  ids.cafe = await org('Café Samvær', ids.rodovre, 'approved')
  ids.pending = await org('Ventende Forening', ids.frederiksberg, 'pending')
  ids.targetGroup = (
    await db
      .insertInto('target_group')
      .values({ code: 'secret_tg_code', name_da: 'Hemmelig målgruppe', name_en: 'Secret group' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id

  ids.football = await createActivity({
    title: FOOTBALL,
    description: 'Vi spiller fodbold på kunstgræsbanen. Alle kan være med.',
    category: 'sport',
    freq: 'weekly',
    byday: 'TU',
    start_time: '17:00',
    end_time: '19:30',
    area_id: ids.nord,
    location_name: 'Kunstgræsbanen',
    street_address: 'Jens Jessens Vej 2',
    postal_code: '2000',
    city: 'Frederiksberg',
    roles_offered: ['participant', 'spectator'],
  })
  await db
    .insertInto('activity_target_group')
    .values({ activity_id: ids.football, target_group_id: ids.targetGroup })
    .execute()
  ids.dinner = await createActivity({
    organisation_id: ids.cafe,
    title: DINNER,
    description: 'Vi laver mad sammen og spiser sammen.',
    category: 'meal',
    freq: 'weekly',
    byday: 'WE',
    start_time: '18:00',
    end_time: '20:00',
    area_id: ids.islev,
    price_oere: 2000,
    open_no_referral: false,
    no_membership: false,
    capacity: 10,
  })
  ids.yoga = await createActivity({
    title: YOGA,
    description: 'Rolig yoga for begyndere.',
    category: 'sport',
    freq: 'weekly',
    byday: 'FR',
    start_time: '09:00',
    end_time: '10:00',
    area_id: ids.syd,
    capacity: 2,
  })
  ids.coffee = await createActivity({
    title: COFFEE,
    category: 'social_cafe',
    freq: 'monthly',
    byday: 'SA',
    bysetpos: 1,
    start_time: '14:00',
    end_time: '16:00',
  })
  ids.film = await createActivity({
    title: FILM,
    description: 'Vi ser en film om bold.',
    category: 'culture',
    freq: 'weekly',
    byday: 'TH',
    start_time: '19:00',
    end_time: '21:00',
    area_id: ids.nord,
  })
  // Sessions exist for both: only the draft status and the pending organisation hide them.
  ids.draft = await createActivity({
    title: 'Fodboldtræning (kladde)',
    category: 'sport',
    freq: 'weekly',
    byday: 'TU',
    start_time: '10:00',
    end_time: '11:00',
  })
  await db.updateTable('activity').set({ status: 'draft' }).where('id', '=', ids.draft).execute()
  ids.pendingOrgActivity = await createActivity({
    organisation_id: ids.pending,
    title: 'Fodbold for alle',
    category: 'sport',
    freq: 'weekly',
    byday: 'TU',
    start_time: '10:00',
    end_time: '11:00',
  })
  // Yoga (two places): the first session full with one waiting, the second with one offer out.
  const sessions = await database.db
    .selectFrom('activity_session')
    .select('id')
    .where('activity_id', '=', ids.yoga)
    .where('starts_at', '>=', now)
    .orderBy('starts_at')
    .limit(2)
    .execute()
  yogaSessions = sessions.map((s) => s.id)
  const [first, second] = yogaSessions
  let n = 0
  const signup = (
    session_id: string,
    state: 'confirmed' | 'waitlisted' | 'offered' | 'cancelled',
  ) =>
    database.db
      .insertInto('signup')
      .values({
        session_id,
        state,
        guest_name: `Gæst ${++n}`,
        guest_phone: '+45 20 00 00 00',
        cancel_token_hash: `token-${n}-${Math.random()}`,
        waitlisted_at: state === 'waitlisted' ? now : null,
        offer_expires_at: state === 'offered' ? new Date(now.getTime() + 86_400_000) : null,
      })
      .execute()
  await signup(first!, 'confirmed')
  await signup(first!, 'confirmed')
  await signup(first!, 'waitlisted')
  await signup(second!, 'offered')
  await signup(second!, 'cancelled')
  ids.past = await createActivity({
    title: 'Tur til stranden',
    category: 'trip',
    freq: 'once',
    dtstart: addDays(today, -3),
    start_time: '10:00',
    end_time: '15:00',
  })
})

describe('the catalogue', () => {
  it("shows the visitor's chosen municipality by default, the first one without a choice", async () => {
    expect(await titles('')).toEqual(PUBLIC_F)
    expect(await titles('', 'rodovre')).toEqual([DINNER])
    expect(await titles('?municipality=rodovre')).toEqual([DINNER])
    expect(await titles('?municipality=all', 'rodovre')).toEqual(PUBLIC_ALL)
  })

  it('never shows drafts, pending organisations or activities without an upcoming session', async () => {
    const shown = await titles('?municipality=all&q=fodbold')
    expect(shown).toEqual([FOOTBALL, FILM].sort())
    const all = await titles('?municipality=all')
    expect(all).not.toContain('Fodboldtræning (kladde)')
    expect(all).not.toContain('Fodbold for alle')
    expect(all).not.toContain('Tur til stranden')
    const sessions = await database.db
      .selectFrom('activity_session')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('activity_id', 'in', [ids.draft, ids.pendingOrgActivity])
      .executeTakeFirstOrThrow()
    expect(Number(sessions.n)).toBeGreaterThan(0)
  })

  it('searches full text with Danish stemming and word beginnings', async () => {
    // "fodbolden" stems to "fodbold": finds "Fodbold i parken"; the prefix "fodb" finds both.
    expect(await titles('?municipality=all&q=fodbolden')).toEqual([FOOTBALL, FILM].sort())
    expect(await titles('?municipality=all&q=fodbold')).toEqual([FOOTBALL, FILM].sort())
    expect(await titles('?municipality=all&q=fodb')).toEqual([FOOTBALL, FILM].sort())
    expect(await titles('?municipality=all&q=kunstgræsbanen')).toEqual([FOOTBALL])
    expect(await titles('?municipality=all&q=yoga+begyndere')).toEqual([YOGA])
    expect(await titles('?municipality=all&q=fodbold+-film')).toEqual([FOOTBALL])
    expect(await titles('?municipality=all&q=xylofon')).toEqual([])
  })

  it('filters by category, weekday and time of day (local time)', async () => {
    expect(await titles('?municipality=all&category=meal')).toEqual([DINNER])
    expect(await titles('?municipality=all&category=sport&category=meal')).toEqual(
      [FOOTBALL, YOGA, DINNER].sort(),
    )
    expect(await titles('?municipality=all&weekday=TU')).toEqual([FOOTBALL])
    expect(await titles('?municipality=all&weekday=SA&weekday=FR')).toEqual([COFFEE, YOGA].sort())
    expect(await titles('?municipality=all&time=morning')).toEqual([YOGA])
    expect(await titles('?municipality=all&time=afternoon')).toEqual([COFFEE])
    expect(await titles('?municipality=all&time=evening')).toEqual([FOOTBALL, DINNER, FILM].sort())
    expect(await titles('?municipality=all&category=sport&weekday=TU&time=evening')).toEqual([
      FOOTBALL,
    ])
  })

  it('filters by area, price, referral and membership', async () => {
    expect(await titles(`?area=${ids.nord}`)).toEqual([FOOTBALL, FILM].sort())
    expect(await titles(`?municipality=all&area=${ids.islev}`)).toEqual([DINNER])
    // An area outside the chosen municipality is ignored, not mixed in.
    expect(await titles(`?municipality=frederiksberg&area=${ids.islev}`)).toEqual(PUBLIC_F)
    for (const flag of ['free', 'open', 'membership']) {
      const shown = await titles(`?municipality=all&${flag}=1`)
      expect(shown, flag).toEqual(PUBLIC_F)
    }
  })

  it('sorts by the next session and shows it in local time', async () => {
    const result = await callRoute(catalogue.loader, getRequest('/activities?municipality=all'))
    const next = await database.db
      .selectFrom('activity_session as s')
      .innerJoin('activity as a', 'a.id', 's.activity_id')
      .select(['a.title', (eb) => eb.fn.min('s.starts_at').as('first')])
      .where('s.status', '=', 'scheduled')
      .where('s.starts_at', '>=', now)
      .where('a.id', 'in', [ids.football, ids.dinner, ids.yoga, ids.coffee, ids.film])
      .groupBy('a.title')
      .execute()
    const expected = next
      .map((r) => ({ title: r.title, first: new Date(r.first as unknown as string) }))
      .sort((a, b) => a.first.getTime() - b.first.getTime() || a.title.localeCompare(b.title))
    expect(result.data.activities.map((a: { title: string }) => a.title)).toEqual(
      expected.map((e) => e.title),
    )
    const t = getFixedT('da')
    for (const card of result.data.activities) {
      const first = expected.find((e) => e.title === card.title)!.first
      expect(card.next).toBe(formatSessionStart(first, t, 'da'))
    }
    const dinner = result.data.activities.find((a: { title: string }) => a.title === DINNER)
    expect(dinner).toMatchObject({ price: '20 kr.', open: false, noMembership: false })
    const football = result.data.activities.find((a: { title: string }) => a.title === FOOTBALL)
    expect(football).toMatchObject({
      price: 'Gratis',
      open: true,
      noMembership: true,
      organisationName: 'Testklubben',
      where: 'Kunstgræsbanen, Frederiksberg Nord',
      category: 'Sport og bevægelse',
    })
    expect(football.next).toMatch(/^tirsdag \d+\. \p{L}+ kl\. 17\.00$/u)
  })

  it('counts, pages and keeps the filters in the paging links', async () => {
    const page1 = await searchCatalogue(database.db, {}, { now, pageSize: 2 })
    expect(page1).toMatchObject({ total: 5, totalIsExact: true, pageCount: 3, hasNext: true })
    expect(page1.items).toHaveLength(2)
    const page2 = await searchCatalogue(database.db, {}, { now, page: 2, pageSize: 2 })
    const page3 = await searchCatalogue(database.db, {}, { now, page: 3, pageSize: 2 })
    expect(page3.items).toHaveLength(1)
    expect(page3.hasNext).toBe(false)
    const beyond = await searchCatalogue(database.db, {}, { now, page: 9, pageSize: 2 })
    expect(beyond).toMatchObject({ items: [], total: 5, hasNext: false })
    const seen = [...page1.items, ...page2.items, ...page3.items].map((i) => i.id)
    expect(new Set(seen).size).toBe(5)

    const result = await callRoute(
      catalogue.loader,
      getRequest('/activities?municipality=all&category=sport&page=7'),
    )
    expect(result.data).toMatchObject({ total: 2, activities: [], page: 7, next: null })
    expect(result.data.first).toBe('/activities?category=sport&municipality=all')
    expect(result.data.previous).toBe('/activities?category=sport&municipality=all')
  })

  it('gives the same pages when there are too many to count and it walks the sessions', async () => {
    const cases: CatalogueFilters[] = [
      {},
      { municipalityId: ids.frederiksberg },
      { weekdays: ['TU', 'WE', 'TH'] },
      { times: ['evening'], free: true },
      { q: 'fodbold' },
      { categories: ['sport'], areaId: ids.syd },
    ]
    for (const filters of cases) {
      const counted = await searchCatalogue(database.db, filters, { now, pageSize: 2 })
      let page = 1
      const walked: string[] = []
      for (;;) {
        const result = await searchCatalogue(database.db, filters, {
          now,
          page,
          pageSize: 2,
          countCap: 0,
        })
        if (counted.total > 0) expect(result.totalIsExact, JSON.stringify(filters)).toBe(false)
        expect(result.pageCount).toBe(counted.total > 0 ? null : 1)
        walked.push(...result.items.map((i) => `${i.id} ${i.nextSession.id}`))
        if (!result.hasNext) break
        page++
      }
      const all = await searchCatalogue(database.db, filters, { now, pageSize: 100 })
      expect(walked, JSON.stringify(filters)).toEqual(
        all.items.map((i) => `${i.id} ${i.nextSession.id}`),
      )
      expect(walked.length).toBe(counted.total)
    }
  })

  it('says “more than” when there are too many to count', async () => {
    const result = await searchCatalogue(database.db, {}, { now, countCap: 3, pageSize: 2 })
    expect(result).toMatchObject({ total: 3, totalIsExact: false, pageCount: null, hasNext: true })
  })

  it('ignores query values it does not know and never fails on them', async () => {
    const odd = [
      '?weekday=XX&page=-1',
      '?page=abc&time=night&category=zzz',
      '?area=not-a-uuid&municipality=nowhere',
      `?area=${crypto.randomUUID()}`,
      '?q=%00%01',
      '?q=%22unterminated&q=second',
      "?q=!:*%26|'()",
      '?q=og',
      `?q=${'fodbold '.repeat(40)}`,
      '?free=yes&open=true&membership=on',
    ]
    for (const search of odd) {
      const result = await callRoute(catalogue.loader, getRequest(`/activities${search}`))
      expect(result.status, search).toBe(200)
    }
    expect(await titles('?weekday=XX&page=-1')).toEqual(PUBLIC_F)
  })

  it('suggests a wider search when nothing is found', async () => {
    const result = await callRoute(catalogue.loader, getRequest('/activities?q=xylofon&free=1'))
    expect(result.data.total).toBe(0)
    expect(result.data.everywhere).toBe('/activities?q=xylofon&municipality=all&free=1')
  })
})

describe('the activity page', () => {
  const load = (id: string) =>
    callRoute(activityPage.loader, getRequest(`/activities/${id}`), { activityId: id })

  it('shows the public facts in plain words, with drop-in wording when there is no limit', async () => {
    const result = await load(ids.football)
    expect(result.status).toBe(200)
    expect(result.data).toMatchObject({
      name: FOOTBALL,
      schedule: 'Hver tirsdag kl. 17.00–19.30',
      price: 'Gratis',
      place: 'Kunstgræsbanen',
      address: 'Jens Jessens Vej 2, 2000 Frederiksberg',
      areaName: 'Frederiksberg Nord',
      phone: { text: '+45 30 12 34 56', href: 'tel:+4530123456' },
      dropIn: true,
      roles: ['Deltager', 'Tilskuer'],
      organisation: { id: ids.club, name: 'Testklubben' },
    })
    expect(result.data.sessions.length).toBeGreaterThan(0)
    expect(result.data.sessions.length).toBeLessThanOrEqual(8)
    expect(result.data.sessions[0]).toMatchObject({ spacesLeft: null, cancelled: false })
  })

  it('never carries target groups', async () => {
    const result = await load(ids.football)
    const text = JSON.stringify(result.data)
    for (const secret of [ids.targetGroup, 'secret_tg_code', 'Hemmelig målgruppe', 'Secret group'])
      expect(text).not.toContain(secret)
  })

  it('counts places left and the waiting list per session', async () => {
    const [first, second] = yogaSessions
    const result = await load(ids.yoga)
    expect(result.data.dropIn).toBe(false)
    expect(result.data.sessions[0]).toMatchObject({ id: first, spacesLeft: 0, waitlist: 1 })
    expect(result.data.sessions[1]).toMatchObject({ id: second, spacesLeft: 1, waitlist: 0 })
    const events = JSON.parse(jsonLdOf(result.data))
    expect(events[0]).toMatchObject({
      maximumAttendeeCapacity: 2,
      remainingAttendeeCapacity: 0,
      offers: { availability: 'https://schema.org/SoldOut' },
    })
  })

  it('has valid schema.org Event JSON-LD for the next sessions', async () => {
    const result = await load(ids.dinner)
    const json = jsonLdOf(result.data)
    expect(json).not.toMatch(/</)
    const events = JSON.parse(json)
    expect(Array.isArray(events)).toBe(true)
    expect(events).toHaveLength(result.data.sessions.length)
    for (const event of events) {
      expect(event['@context']).toBe('https://schema.org')
      expect(event['@type']).toBe('Event')
      expect(event.name).toBe(DINNER)
      expect(event.startDate).toMatch(/^\d{4}-\d\d-\d\dT18:00:00\+0[12]:00$/)
      expect(event.endDate).toMatch(/^\d{4}-\d\d-\d\dT20:00:00\+0[12]:00$/)
      expect(new Date(event.startDate).getTime()).toBeGreaterThanOrEqual(now.getTime() - 1000)
      expect(event).toMatchObject({
        eventStatus: 'https://schema.org/EventScheduled',
        eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
        isAccessibleForFree: false,
        location: { '@type': 'Place', address: { '@type': 'PostalAddress' } },
        organizer: { '@type': 'Organization', name: 'Café Samvær' },
        offers: { '@type': 'Offer', price: '20.00', priceCurrency: 'DKK' },
        maximumAttendeeCapacity: 10,
        remainingAttendeeCapacity: 10,
      })
      expect(event.url).toBe(`http://localhost/activities/${ids.dinner}`)
    }
  })

  it('escapes a title that tries to close the script element', async () => {
    await database.db
      .updateTable('activity')
      .set({ description: 'Kom </script><script>alert(1)</script> og spis' })
      .where('id', '=', ids.dinner)
      .execute()
    const result = await load(ids.dinner)
    expect(jsonLdOf(result.data)).not.toContain('</script')
    expect(JSON.parse(jsonLdOf(result.data))[0].description).toContain('</script>')
  })

  it('shows a published activity without upcoming sessions, without JSON-LD', async () => {
    const result = await load(ids.past)
    expect(result.status).toBe(200)
    expect(result.data).toMatchObject({ sessions: [], jsonLd: null })
  })

  it('is 404 for unknown, malformed, draft and unapproved ids', async () => {
    for (const id of [crypto.randomUUID(), 'abc', ids.draft, ids.pendingOrgActivity]) {
      const result = await load(id)
      expect(result.status, id).toBe(404)
    }
  })
})

describe('the organisation page', () => {
  const load = (id: string) =>
    callRoute(organisationPage.loader, getRequest(`/organisations/${id}`), { orgId: id })

  it('shows an approved organisation and its upcoming public activities', async () => {
    const result = await load(ids.club)
    expect(result.status).toBe(200)
    expect(result.data).toMatchObject({
      name: 'Testklubben',
      type: 'Forening',
      description: 'Om Testklubben',
      address: 'Testvej 1, 2000 Frederiksberg',
      phone: { href: 'tel:+4530123456' },
    })
    expect(result.data.activities.map((a: { title: string }) => a.title).sort()).toEqual(PUBLIC_F)
  })

  it('links only to web addresses', async () => {
    await database.db
      .updateTable('organisation')
      .set({ website: 'javascript:alert(1)' })
      .where('id', '=', ids.club)
      .execute()
    expect((await load(ids.club)).data.website).toBeNull()
    await database.db
      .updateTable('organisation')
      .set({ website: 'https://testklubben.example.dk' })
      .where('id', '=', ids.club)
      .execute()
    expect((await load(ids.club)).data.website).toBe('https://testklubben.example.dk')
  })

  it('is 404 for pending, unknown and malformed ids', async () => {
    for (const id of [ids.pending, crypto.randomUUID(), 'abc']) {
      expect((await load(id)).status, id).toBe(404)
    }
  })
})

describe('the pages, as HTML without JavaScript', () => {
  it('the catalogue is a GET form with labelled filters, a live count and cards', async () => {
    const result = await callRoute(
      catalogue.loader,
      getRequest('/activities?municipality=all&category=sport&q=fodbold'),
    )
    const html = await render(catalogue.default, result.data)
    expectAccessibleMarkup(html)
    expect(html).toMatch(/<form[^>]*method="get"/)
    expect(html).toMatch(/<button type="submit"/)
    expect(html).toMatch(/<p role="status"[^>]*>Vi fandt 1 aktivitet\./)
    expect(html).toContain(`href="/activities/${ids.football}"`)
    expect(html).toContain('Åben for alle – ingen henvisning')
    expect(html).toContain('Intet medlemskab')
    expect(html).toMatch(/<input[^>]*name="category"[^>]*checked=""[^>]*value="sport"/)
    expect(html).not.toMatch(/<input[^>]*checked=""[^>]*value="meal"/)
    expect(html).toMatch(/<option value="all" selected/)
    expect(html).not.toContain('Hemmelig målgruppe')
  })

  it('the empty catalogue suggests what to try', async () => {
    const result = await callRoute(catalogue.loader, getRequest('/activities?q=xylofon'))
    const html = await render(catalogue.default, result.data)
    expectAccessibleMarkup(html)
    expect(html).toContain('Vi fandt ingen aktiviteter')
    expect(html).toContain('href="/activities?q=xylofon&amp;municipality=all"')
  })

  it('the activity page has its facts, sign-up links, feed link and escaped JSON-LD', async () => {
    const load = (id: string) =>
      callRoute(activityPage.loader, getRequest(`/activities/${id}`), { activityId: id })
    const football = await load(ids.football)
    const html = await render(activityPage.default, football.data)
    expectAccessibleMarkup(html)
    expect(html).toContain('<h1>Fodbold i parken</h1>')
    expect(html).toContain('Du kan bare komme. Du behøver ikke tilmelde dig.')
    expect(html).toContain('Hver tirsdag kl. 17.00–19.30')
    expect(html).toContain('href="tel:+4530123456"')
    expect(html).toContain(`href="/activities/${ids.football}/calendar.ics"`)
    expect(html).toContain(`href="/organisations/${ids.club}"`)
    const first = football.data.sessions[0]
    expect(html).toContain(`href="/activities/${ids.football}/signup?session=${first.id}"`)
    const script = /<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/.exec(html)
    expect(JSON.parse(script![1]!)[0]['@type']).toBe('Event')

    const dinner = await render(activityPage.default, (await load(ids.dinner)).data)
    expect(dinner).toContain('10 pladser tilbage')
    expect(dinner.match(/<\/script>/g)).toHaveLength(1)
    const yoga = await render(activityPage.default, (await load(ids.yoga)).data)
    expect(yoga).toContain('Fuldt – venteliste')
    expect(yoga).toContain('Skriv dig på ventelisten')
  })

  it('the organisation page shows the profile and its activities', async () => {
    const result = await callRoute(
      organisationPage.loader,
      getRequest(`/organisations/${ids.club}`),
      {
        orgId: ids.club,
      },
    )
    const html = await render(organisationPage.default, result.data)
    expectAccessibleMarkup(html)
    expect(html).toContain('<h1>Testklubben</h1>')
    expect(html).toContain(`href="/activities/${ids.yoga}"`)
  })
})
