import { randomBytes } from 'node:crypto'
import type { Insertable } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { addDays, utcToZoned, zonedTimeToUtc } from '~/modules/activities/schedule'
import { HORIZON_DAYS, materialiseSessions } from '~/modules/activities/sessions.server'
import * as activityIcs from '~/routes/activities.$activityId.calendar[.]ics'
import * as calendarPage from '~/routes/account.calendar'
import * as privateIcs from '~/routes/calendar.$token[.]ics'
import * as organisationIcs from '~/routes/organisations.$orgId.calendar[.]ics'
import type { ActivityTable, SignupState } from '../../db/schema.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import {
  callRoute,
  createOrganisation,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'
import { expand, parseCalendar, type ParsedEvent } from '../setup/ical.ts'

// The iCalendar feeds through their routes, read back with ical.js and compared with the
// session rows the site itself materialises: same dates, same instants, exceptions left out.

let database: Database
const ORG = DEMO.org.cafe
const NOW = new Date()
const DAY = 86_400_000

// Two materialisation windows: one holds the 25 October 2026 change, the other 28 March 2027.
const WINDOWS = [new Date('2026-10-01T08:00:00Z'), new Date('2027-03-01T08:00:00Z')]

async function insertActivity(
  values: Partial<Insertable<ActivityTable>> & Pick<Insertable<ActivityTable>, 'title'>,
): Promise<string> {
  const row = await database.db
    .insertInto('activity')
    .values({
      organisation_id: ORG,
      category: 'meal',
      dtstart: '2026-09-01',
      start_time: '17:00',
      end_time: '20:00',
      freq: 'weekly',
      byday: 'TU',
      location_name: 'Café Broen',
      street_address: 'Godthåbsvej 41',
      postal_code: '2000',
      city: 'Frederiksberg',
      ...values,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const activities = {} as Record<
  'dinner' | 'lastSunday' | 'draft' | 'cancelledLately' | 'cancelledLongAgo' | 'pendingOrg',
  string
>
let pendingOrg: string

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db)
  activities.dinner = await insertActivity({
    title: 'Fællesspisning; tirsdag, kl. 17',
    description: 'Vi laver mad sammen.\nAlle er velkomne, også første gang.',
  })
  activities.lastSunday = await insertActivity({
    title: 'Søndagsbrunch',
    freq: 'monthly',
    byday: 'SU',
    bysetpos: -1,
    start_time: '10:00',
    end_time: '12:30',
  })
  activities.draft = await insertActivity({ title: 'Kladde', status: 'draft' })
  activities.cancelledLately = await insertActivity({
    title: 'Filmaften',
    byday: 'TH',
    status: 'cancelled',
    updated_at: new Date(NOW.getTime() - 5 * DAY),
  })
  activities.cancelledLongAgo = await insertActivity({
    title: 'Strikkeklub',
    byday: 'FR',
    status: 'cancelled',
    updated_at: new Date(NOW.getTime() - 60 * DAY),
  })
  pendingOrg = await createOrganisation(database.db, 'Ny forening')
  activities.pendingOrg = await insertActivity({
    title: 'Ikke godkendt',
    organisation_id: pendingOrg,
  })

  // One date excepted before the rows exist, and one session cancelled on its own afterwards.
  await database.db
    .insertInto('activity_exception')
    .values([
      { activity_id: activities.dinner, on_date: '2026-10-27', reason: 'Efterårsferie' },
      { activity_id: activities.dinner, on_date: '2027-03-30', reason: 'Påske' },
    ])
    .execute()
  for (const now of WINDOWS) {
    await materialiseSessions(database.db, activities.dinner, now)
    await materialiseSessions(database.db, activities.lastSunday, now)
  }
  await database.db
    .updateTable('activity_session')
    .set({ status: 'cancelled', cancelled_reason: 'Køkkenet males' })
    .where('activity_id', '=', activities.dinner)
    .where('local_date', '=', '2026-11-10')
    .execute()
})

const feedUrl = (path: string) => `http://localhost${path}`

async function getFeed(
  route: { loader: (args: any) => Promise<Response> },
  path: string,
  params: Record<string, string>,
) {
  return callRoute<string>(route.loader, getRequest(feedUrl(path)), params)
}

async function scheduledSessions(activityId: string) {
  return database.db
    .selectFrom('activity_session')
    .select(['starts_at', 'ends_at', 'local_date'])
    .where('activity_id', '=', activityId)
    .where('status', '=', 'scheduled')
    .orderBy('starts_at')
    .execute()
}

/** ical.js's occurrences on the local dates the materialisation windows cover. */
function expandedInWindows(event: ParsedEvent) {
  const ranges = WINDOWS.map((now) => {
    const from = utcToZoned(now).date
    return { from, to: addDays(from, HORIZON_DAYS) }
  })
  return expand(
    event,
    zonedTimeToUtc(ranges[0]!.from, '00:00'),
    zonedTimeToUtc(addDays(ranges[1]!.to, 1), '00:00'),
  ).filter((o) => ranges.some((r) => o.localDate >= r.from && o.localDate <= r.to))
}

describe('the feed of one activity', () => {
  it('is iCalendar for anyone, cached a quarter of an hour', async () => {
    const id = activities.dinner
    const result = await getFeed(activityIcs, `/activities/${id}/calendar.ics`, { activityId: id })
    expect(result.status).toBe(200)
    expect(result.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(result.headers.get('Cache-Control')).toBe('public, max-age=900')
    expect(result.headers.get('Content-Disposition')).toBe(
      `inline; filename="brobygger-activity-${id}.ics"`,
    )
    expect(result.data.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
  })

  it.each(['dinner', 'lastSunday'] as const)(
    '%s: ical.js expands it to exactly the materialised sessions, across both clock changes',
    async (key) => {
      const id = activities[key]
      const result = await getFeed(activityIcs, `/activities/${id}/calendar.ics`, {
        activityId: id,
      })
      const { events } = parseCalendar(result.data)
      expect(events).toHaveLength(1)
      expect(events[0]!.uid).toBe(`${id}@brobygger`)
      expect(events[0]!.tzid).toBe('Europe/Copenhagen')
      const found = expandedInWindows(events[0]!)
      const rows = await scheduledSessions(id)
      expect(rows.length).toBeGreaterThanOrEqual(4)
      expect(found.map((o) => o.localDate)).toEqual(rows.map((r) => r.local_date))
      expect(found.map((o) => o.start.getTime())).toEqual(rows.map((r) => r.starts_at.getTime()))
      expect(found.map((o) => o.end.getTime())).toEqual(rows.map((r) => r.ends_at.getTime()))
    },
  )

  it('leaves out excepted dates and sessions cancelled one by one', async () => {
    const id = activities.dinner
    const result = await getFeed(activityIcs, `/activities/${id}/calendar.ics`, { activityId: id })
    const dates = expandedInWindows(parseCalendar(result.data).events[0]!).map((o) => o.localDate)
    expect(dates).toContain('2026-10-20')
    expect(dates).toContain('2026-11-03')
    expect(dates).not.toContain('2026-10-27')
    expect(dates).not.toContain('2026-11-10')
    expect(dates).not.toContain('2027-03-30')
  })

  it('covers the change days themselves at the same wall-clock time', async () => {
    const id = activities.lastSunday
    const result = await getFeed(activityIcs, `/activities/${id}/calendar.ics`, { activityId: id })
    const found = expandedInWindows(parseCalendar(result.data).events[0]!)
    const byDate = new Map(found.map((o) => [o.localDate, o]))
    expect(byDate.get('2026-10-25')?.start.toISOString()).toBe('2026-10-25T09:00:00.000Z')
    expect(byDate.get('2026-11-29')?.start.toISOString()).toBe('2026-11-29T09:00:00.000Z')
    expect(byDate.get('2027-03-28')?.start.toISOString()).toBe('2027-03-28T08:00:00.000Z')
    for (const o of found) expect(o.localTime).toBe('10:00')
  })

  it('keeps escaped text intact and speaks English when asked', async () => {
    const id = activities.dinner
    const da = parseCalendar(
      (await getFeed(activityIcs, `/activities/${id}/calendar.ics`, { activityId: id })).data,
    ).events[0]!
    expect(da.summary).toBe('Fællesspisning; tirsdag, kl. 17')
    expect(da.description).toBe(
      `Vi laver mad sammen.\nAlle er velkomne, også første gang.\n\nLæs mere om aktiviteten: http://localhost/activities/${id}`,
    )
    expect(da.location).toBe('Café Broen, Godthåbsvej 41, 2000 Frederiksberg')
    const en = parseCalendar(
      (await getFeed(activityIcs, `/activities/${id}/calendar.ics?lng=en`, { activityId: id }))
        .data,
    ).events[0]!
    expect(en.description).toContain('Read more about the activity: ')
  })

  it('shows a cancelled activity as cancelled', async () => {
    const id = activities.cancelledLately
    const result = await getFeed(activityIcs, `/activities/${id}/calendar.ics`, { activityId: id })
    expect(result.status).toBe(200)
    const [event] = parseCalendar(result.data).events
    expect(event!.status).toBe('CANCELLED')
    expect(event!.summary).toBe('Aflyst: Filmaften')
  })

  it.each([
    ['a draft', () => activities.draft],
    ['an activity of an organisation not yet approved', () => activities.pendingOrg],
    ['an unknown id', () => '00000000-0000-4000-8000-00000000dead'],
    ['something that is not an id', () => 'not-an-id'],
  ])('is 404 for %s', async (_what, id) => {
    const result = await getFeed(activityIcs, `/activities/${id()}/calendar.ics`, {
      activityId: id(),
    })
    expect(result.status).toBe(404)
    expect(result.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
  })
})

describe('the feed of an organisation', () => {
  it('has its published activities and those cancelled lately, nothing else', async () => {
    const result = await getFeed(organisationIcs, `/organisations/${ORG}/calendar.ics`, {
      orgId: ORG,
    })
    expect(result.status).toBe(200)
    expect(result.headers.get('Cache-Control')).toBe('public, max-age=900')
    const { root, events } = parseCalendar(result.data)
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Café Broen – aktiviteter')
    const byUid = new Map(events.map((e) => [e.uid, e]))
    const published = await database.db
      .selectFrom('activity')
      .select('id')
      .where('organisation_id', '=', ORG)
      .where('status', '=', 'published')
      .execute()
    expect(published.length).toBeGreaterThanOrEqual(2)
    for (const { id } of published) expect(byUid.get(`${id}@brobygger`)?.status).toBe('CONFIRMED')
    expect(byUid.get(`${activities.cancelledLately}@brobygger`)?.status).toBe('CANCELLED')
    expect(byUid.has(`${activities.cancelledLongAgo}@brobygger`)).toBe(false)
    expect(byUid.has(`${activities.draft}@brobygger`)).toBe(false)
    expect(events).toHaveLength(published.length + 1)
    // every series in it expands to its own sessions
    const dinner = byUid.get(`${activities.dinner}@brobygger`)!
    const rows = await scheduledSessions(activities.dinner)
    expect(expandedInWindows(dinner).map((o) => o.start.getTime())).toEqual(
      rows.map((r) => r.starts_at.getTime()),
    )
  })

  it('is 404 for an organisation not approved, and for unknown ids', async () => {
    for (const orgId of [pendingOrg, '00000000-0000-4000-8000-00000000dead', 'x']) {
      const result = await getFeed(organisationIcs, `/organisations/${orgId}/calendar.ics`, {
        orgId,
      })
      expect(result.status).toBe(404)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The private feed and the page that makes it

async function signUp(
  sessionId: string,
  personId: string,
  state: SignupState,
  extra: { cancelled_at?: Date } = {},
): Promise<string> {
  const row = await database.db
    .insertInto('signup')
    .values({
      session_id: sessionId,
      person_id: personId,
      state,
      cancel_token_hash: randomBytes(16).toString('hex'),
      offer_expires_at: state === 'offered' ? new Date(NOW.getTime() + DAY) : null,
      waitlisted_at: state === 'waitlisted' ? NOW : null,
      cancelled_at: extra.cancelled_at ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function sessionOn(activityId: string, localDate: string) {
  return database.db
    .selectFrom('activity_session')
    .select(['id', 'starts_at', 'ends_at'])
    .where('activity_id', '=', activityId)
    .where('local_date', '=', localDate)
    .executeTakeFirstOrThrow()
}

async function pageOf(cookie: string) {
  return callRoute(calendarPage.loader, getRequest('http://localhost/account/calendar', cookie))
}

async function post(cookie: string, fields: Record<string, string>) {
  return callRoute(
    calendarPage.action,
    formRequest('http://localhost/account/calendar', fields, cookie),
  )
}

const tokenOf = (https: string) => https.match(/\/calendar\/([^/]+)\.ics$/)![1]!

async function privateFeedFor(token: string) {
  return callRoute<string>(
    privateIcs.loader,
    getRequest(`http://localhost/calendar/${token}.ics`),
    { token },
  )
}

async function activeFeeds(personId: string) {
  return database.db
    .selectFrom('calendar_feed')
    .select(['id', 'token_hash'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute()
}

describe('my private calendar', () => {
  let person: { id: string }
  let cookie: string
  let token: string
  const signups: Record<string, string> = {}
  const sessions: Record<string, { id: string; starts_at: Date; ends_at: Date }> = {}

  beforeAll(async () => {
    person = await createPerson(database.db, { name: 'Mona Deltager', email: 'mona@example.dk' })
    cookie = await sessionCookieFor(database.db, person.id)
    const other = await createPerson(database.db, { name: 'Ole Anden' })
    sessions.confirmed = await sessionOn(activities.dinner, '2026-12-01')
    sessions.offered = await sessionOn(activities.lastSunday, '2026-11-29')
    sessions.attended = await sessionOn(activities.dinner, '2026-10-20')
    sessions.cancelledLately = await sessionOn(activities.dinner, '2026-12-08')
    sessions.cancelledLongAgo = await sessionOn(activities.dinner, '2026-12-15')
    sessions.waitlisted = await sessionOn(activities.dinner, '2026-12-22')
    signups.confirmed = await signUp(sessions.confirmed.id, person.id, 'confirmed')
    signups.offered = await signUp(sessions.offered.id, person.id, 'offered')
    signups.attended = await signUp(sessions.attended.id, person.id, 'attended')
    signups.cancelledLately = await signUp(sessions.cancelledLately.id, person.id, 'cancelled', {
      cancelled_at: new Date(NOW.getTime() - 3 * DAY),
    })
    signups.cancelledLongAgo = await signUp(sessions.cancelledLongAgo.id, person.id, 'cancelled', {
      cancelled_at: new Date(NOW.getTime() - 45 * DAY),
    })
    signups.waitlisted = await signUp(sessions.waitlisted.id, person.id, 'waitlisted')
    signups.someoneElse = await signUp(sessions.confirmed.id, other.id, 'confirmed')
  })

  it('starts with no link', async () => {
    const page = await pageOf(cookie)
    expect(page.status).toBe(200)
    expect(page.data.feed).toEqual({ state: 'none' })
  })

  it('makes one link, however often the button is pressed at once', async () => {
    const results = await Promise.all([
      post(cookie, { intent: 'create' }),
      post(cookie, { intent: 'create' }),
      post(cookie, { intent: 'create' }),
    ])
    for (const r of results) {
      expect(r.status).toBe(302)
      expect(r.location).toBe('/account/calendar?done=created')
    }
    expect(await activeFeeds(person.id)).toHaveLength(1)
    const page = await callRoute(
      calendarPage.loader,
      getRequest('http://localhost/account/calendar?done=created', cookie),
    )
    expect(page.data.done).toBe('created')
    expect(page.data.feed.state).toBe('active')
    const { https, webcal } = page.data.feed.urls
    expect(https).toMatch(/^http:\/\/localhost\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)
    expect(webcal).toBe(https.replace(/^http:/, 'webcal:'))
    token = tokenOf(https)
    // the same link every time the page is shown; only its hash is stored
    expect(tokenOf((await pageOf(cookie)).data.feed.urls.https)).toBe(token)
    const [feed] = await activeFeeds(person.id)
    expect(feed!.token_hash).not.toContain(token)
    expect(feed!.token_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('serves the person’s sign-ups, privately', async () => {
    const result = await privateFeedFor(token)
    expect(result.status).toBe(200)
    expect(result.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(result.headers.get('Cache-Control')).toBe('private, no-store')
    const { events } = parseCalendar(result.data)
    const byUid = new Map(events.map((e) => [e.uid, e]))
    expect([...byUid.keys()].sort()).toEqual(
      [signups.confirmed, signups.offered, signups.attended, signups.cancelledLately]
        .map((id) => `${id}@brobygger`)
        .sort(),
    )
    expect(byUid.get(`${signups.confirmed}@brobygger`)!.status).toBe('CONFIRMED')
    expect(byUid.get(`${signups.attended}@brobygger`)!.status).toBe('CONFIRMED')
    expect(byUid.get(`${signups.offered}@brobygger`)!.status).toBe('TENTATIVE')
    expect(byUid.get(`${signups.cancelledLately}@brobygger`)!.status).toBe('CANCELLED')
    for (const key of ['confirmed', 'offered', 'attended', 'cancelledLately']) {
      const event = byUid.get(`${signups[key]}@brobygger`)!
      expect(event.tzid).toBe('Europe/Copenhagen')
      const [only, ...more] = expand(event, new Date('2026-01-01'), new Date('2028-01-01'))
      expect(more).toEqual([])
      expect(only!.start.getTime()).toBe(sessions[key]!.starts_at.getTime())
      expect(only!.end.getTime()).toBe(sessions[key]!.ends_at.getTime())
    }
  })

  it('replaces the link: the old one stops working, a repeated submit changes nothing', async () => {
    const before = (await pageOf(cookie)).data.feed
    const renewed = await post(cookie, { intent: 'renew', feedId: before.feedId })
    expect(renewed.location).toBe('/account/calendar?done=renewed')
    const after = (await pageOf(cookie)).data.feed
    const newToken = tokenOf(after.urls.https)
    expect(newToken).not.toBe(token)
    expect((await privateFeedFor(token)).status).toBe(404)
    expect((await privateFeedFor(newToken)).status).toBe(200)
    // the same form sent again (double click, back button) names the old link: nothing happens
    await post(cookie, { intent: 'renew', feedId: before.feedId })
    expect(tokenOf((await pageOf(cookie)).data.feed.urls.https)).toBe(newToken)
    expect(await activeFeeds(person.id)).toHaveLength(1)
    token = newToken
  })

  it('turns the link off', async () => {
    const result = await post(cookie, { intent: 'revoke' })
    expect(result.location).toBe('/account/calendar?done=revoked')
    expect((await privateFeedFor(token)).status).toBe(404)
    expect((await pageOf(cookie)).data.feed).toEqual({ state: 'none' })
    const trail = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_person_id', '=', person.id)
      .where('record_type', '=', 'calendar_feed')
      .orderBy('occurred_at')
      .execute()
    expect(trail.map((r) => r.action)).toEqual([
      'calendar_feed.created',
      'calendar_feed.renewed',
      'calendar_feed.revoked',
    ])
  })

  it('answers a bad form with 400 and no change', async () => {
    const result = await post(cookie, { intent: 'steal' })
    expect(result.status).toBe(400)
    expect(Object.keys(result.data.errors).length).toBeGreaterThan(0)
    const forged = await post(cookie, { intent: 'renew', feedId: 'not-a-uuid' })
    expect(forged.status).toBe(400)
    expect(await activeFeeds(person.id)).toHaveLength(0)
  })

  it('is 404 for tokens that are unknown, malformed, or whose owner deleted the account', async () => {
    expect((await privateFeedFor('A'.repeat(43))).status).toBe(404)
    expect((await privateFeedFor('not-a-real-token')).status).toBe(404)
    const gone = await createPerson(database.db, { name: 'Gone' })
    const goneCookie = await sessionCookieFor(database.db, gone.id)
    await post(goneCookie, { intent: 'create' })
    const goneToken = tokenOf((await pageOf(goneCookie)).data.feed.urls.https)
    expect((await privateFeedFor(goneToken)).status).toBe(200)
    await database.db
      .updateTable('person')
      .set({ deleted_at: new Date() })
      .where('id', '=', gone.id)
      .execute()
    expect((await privateFeedFor(goneToken)).status).toBe(404)
  })

  it('refuses anonymous visitors', async () => {
    const result = await callRoute(
      calendarPage.loader,
      getRequest('http://localhost/account/calendar'),
    )
    expect(result.status).toBe(302)
    expect(result.location).toMatch(/^\/login\?redirectTo=/)
  })
})
