import { createHmac, randomUUID } from 'node:crypto'
import { inTransaction, type Executor } from '~/db.server'
import { sessionSecret } from '~/env.server'
import type { Language } from '~/i18n/config'
import { getFixedT } from '~/i18n/i18n.server'
import { scheduleOf } from '../activities/sessions.server'
import { recordAudit } from '../audit/audit.server'
import { sha256 } from '../identity/crypto.server'
import type { Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import {
  seriesEvent,
  signupEvent,
  type EventLabels,
  type SeriesActivity,
  type SignupEntry,
} from './calendar-events'
import { renderCalendar, type CalendarEvent } from './ical'

// Calendar feeds: per activity and per organisation (public, anyone may subscribe) and one
// private feed per person with the sessions they signed up for, behind a secret URL.

const DAY_MS = 86_400_000
/** Cancelled activities and sign-ups stay in feeds this long so subscribed calendars drop them. */
export const CANCELLED_VISIBLE_DAYS = 30
/** How far back the private feed keeps sessions (calendars delete what a feed stops sending). */
export const PRIVATE_HISTORY_DAYS = 180
export const PUBLIC_REFRESH_MINUTES = 15
export const PRIVATE_REFRESH_MINUTES = 60

export interface FeedOptions {
  origin: string
  lng: Language
  now: Date
}

function labelsFor(lng: Language): EventLabels {
  const t = getFixedT(lng)
  return {
    moreInfo: (url) => t('pages.calendar.ics.moreInfo', { url }),
    cancelled: (title) => t('pages.calendar.ics.cancelled', { title }),
    offered: (url) => t('pages.calendar.ics.offered', { url }),
  }
}

const activityColumns = [
  'a.id',
  'a.title',
  'a.description',
  'a.status',
  'a.freq',
  'a.interval',
  'a.byday',
  'a.bysetpos',
  'a.dtstart',
  'a.until',
  'a.start_time',
  'a.end_time',
  'a.timezone',
  'a.capacity',
  'a.location_name',
  'a.street_address',
  'a.postal_code',
  'a.city',
  'a.latitude',
  'a.longitude',
  'a.updated_at',
  'o.id as organisation_id',
  'o.name as organisation_name',
] as const

type ActivityRow = {
  id: string
  title: string
  description: string
  status: 'draft' | 'published' | 'cancelled'
  freq: SeriesActivity['schedule']['freq']
  interval: number
  byday: SeriesActivity['schedule']['byday']
  bysetpos: number | null
  dtstart: string
  until: string | null
  start_time: string
  end_time: string
  timezone: string
  capacity: number | null
  location_name: string | null
  street_address: string | null
  postal_code: string | null
  city: string | null
  latitude: number | null
  longitude: number | null
  updated_at: Date
  organisation_id: string
  organisation_name: string
}

function toSeries(row: ActivityRow): SeriesActivity {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    schedule: scheduleOf(row),
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    updatedAt: row.updated_at,
    locationName: row.location_name,
    streetAddress: row.street_address,
    postalCode: row.postal_code,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
  }
}

/** Exception dates plus sessions cancelled one by one, per activity, in one query each. */
async function skippedDates(db: Executor, activityIds: string[]): Promise<Map<string, string[]>> {
  const byActivity = new Map<string, string[]>()
  if (activityIds.length === 0) return byActivity
  const [exceptions, cancelled] = await Promise.all([
    db
      .selectFrom('activity_exception')
      .select(['activity_id', 'on_date'])
      .where('activity_id', 'in', activityIds)
      .execute(),
    db
      .selectFrom('activity_session')
      .select(['activity_id', 'local_date as on_date'])
      .where('activity_id', 'in', activityIds)
      .where('status', '=', 'cancelled')
      .execute(),
  ])
  for (const row of [...exceptions, ...cancelled]) {
    const list = byActivity.get(row.activity_id) ?? []
    list.push(row.on_date)
    byActivity.set(row.activity_id, list)
  }
  return byActivity
}

async function seriesEvents(
  db: Executor,
  rows: ActivityRow[],
  options: FeedOptions,
): Promise<CalendarEvent[]> {
  const skipped = await skippedDates(
    db,
    rows.map((r) => r.id),
  )
  const labels = labelsFor(options.lng)
  return rows.flatMap((row) => {
    const event = seriesEvent(toSeries(row), skipped.get(row.id) ?? [], options.origin, labels)
    return event ? [event] : []
  })
}

export interface Feed {
  body: string
  filename: string
}

/** A published (or cancelled) activity of an approved organisation as a feed; null otherwise. */
export async function activityFeed(
  db: Executor,
  activityId: string,
  options: FeedOptions,
): Promise<Feed | null> {
  if (!isUuid(activityId)) return null
  const row = await db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(activityColumns)
    .where('a.id', '=', activityId)
    .where('a.status', 'in', ['published', 'cancelled'])
    .where('o.status', '=', 'approved')
    .executeTakeFirst()
  if (!row) return null
  const body = renderCalendar({
    name: `${row.title} – ${row.organisation_name}`,
    now: options.now,
    refreshMinutes: PUBLIC_REFRESH_MINUTES,
    events: await seriesEvents(db, [row], options),
  })
  return { body, filename: `brobygger-activity-${row.id}.ics` }
}

/** Every published activity of an approved organisation, and those cancelled lately. */
export async function organisationFeed(
  db: Executor,
  organisationId: string,
  options: FeedOptions,
): Promise<Feed | null> {
  if (!isUuid(organisationId)) return null
  const organisation = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', '=', organisationId)
    .where('status', '=', 'approved')
    .executeTakeFirst()
  if (!organisation) return null
  const cancelledSince = new Date(options.now.getTime() - CANCELLED_VISIBLE_DAYS * DAY_MS)
  const rows = await db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(activityColumns)
    .where('a.organisation_id', '=', organisation.id)
    .where((eb) =>
      eb.or([
        eb('a.status', '=', 'published'),
        eb.and([eb('a.status', '=', 'cancelled'), eb('a.updated_at', '>=', cancelledSince)]),
      ]),
    )
    .orderBy('a.dtstart')
    .orderBy('a.id')
    .execute()
  const t = getFixedT(options.lng)
  const body = renderCalendar({
    name: t('pages.calendar.ics.organisationName', { organisation: organisation.name }),
    now: options.now,
    refreshMinutes: PUBLIC_REFRESH_MINUTES,
    events: await seriesEvents(db, rows, options),
  })
  return { body, filename: `brobygger-organisation-${organisation.id}.ics` }
}

/** The secret in a private feed's URL. Derived, so the owner can be shown it again. */
function tokenFor(feedId: string): string {
  return createHmac('sha256', sessionSecret()).update(`calendar-feed:${feedId}`).digest('base64url')
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** The private feed behind a token: that person's signed-up sessions. Null for unknown/revoked. */
export async function privateFeed(
  db: Executor,
  token: string,
  options: Omit<FeedOptions, 'lng'>,
): Promise<Feed | null> {
  if (!TOKEN_PATTERN.test(token)) return null
  const owner = await db
    .selectFrom('calendar_feed as f')
    .innerJoin('person as p', 'p.id', 'f.person_id')
    .select(['f.id', 'f.person_id', 'p.language'])
    .where('f.token_hash', '=', sha256(token))
    .where('f.revoked_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!owner) return null
  const historyFrom = new Date(options.now.getTime() - PRIVATE_HISTORY_DAYS * DAY_MS)
  const cancelledSince = new Date(options.now.getTime() - CANCELLED_VISIBLE_DAYS * DAY_MS)
  const rows = await db
    .selectFrom('signup as s')
    .innerJoin('activity_session as ss', 'ss.id', 's.session_id')
    .innerJoin('activity as a', 'a.id', 'ss.activity_id')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select([
      's.id as signup_id',
      's.state',
      's.updated_at as signup_updated_at',
      'ss.starts_at',
      'ss.ends_at',
      'ss.status as session_status',
      ...activityColumns,
    ])
    .where('s.person_id', '=', owner.person_id)
    .where('ss.starts_at', '>=', historyFrom)
    .where((eb) =>
      eb.or([
        eb('s.state', 'in', ['confirmed', 'offered', 'attended', 'no_show']),
        eb.and([eb('s.state', '=', 'cancelled'), eb('s.cancelled_at', '>=', cancelledSince)]),
      ]),
    )
    .orderBy('ss.starts_at')
    .orderBy('s.id')
    .execute()
  const labels = labelsFor(owner.language)
  const events = rows.map((row) => {
    const { schedule: _schedule, updatedAt: _updatedAt, ...activity } = toSeries(row)
    const entry: SignupEntry = {
      signupId: row.signup_id,
      state: row.state,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      sessionCancelled: row.session_status === 'cancelled',
      updatedAt: row.signup_updated_at > row.updated_at ? row.signup_updated_at : row.updated_at,
      activity,
    }
    return signupEvent(entry, options.origin, labels)
  })
  const t = getFixedT(owner.language)
  const body = renderCalendar({
    name: t('pages.calendar.ics.privateName'),
    now: options.now,
    refreshMinutes: PRIVATE_REFRESH_MINUTES,
    events,
  })
  return { body, filename: 'brobygger-my-activities.ics' }
}

export type MyFeed =
  | { state: 'none' }
  | { state: 'active'; feedId: string; token: string; createdAt: Date }
  /** The server secret changed since the link was made: it still works but cannot be shown. */
  | { state: 'hidden'; feedId: string; createdAt: Date }

/** The person's own active feed link. */
export async function getMyCalendarFeed(ctx: Ctx): Promise<MyFeed> {
  const feed = await ctx.db
    .selectFrom('calendar_feed')
    .select(['id', 'token_hash', 'created_at'])
    .where('person_id', '=', ctx.actor.personId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
  if (!feed) return { state: 'none' }
  const token = tokenFor(feed.id)
  return sha256(token) === feed.token_hash
    ? { state: 'active', feedId: feed.id, token, createdAt: feed.created_at }
    : { state: 'hidden', feedId: feed.id, createdAt: feed.created_at }
}

async function lockPerson(trx: Executor, personId: string) {
  // One writer per person at a time: two tabs or a double click cannot leave two live links.
  await trx
    .selectFrom('person')
    .select('id')
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

async function activeFeedIds(trx: Executor, personId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('calendar_feed')
    .select('id')
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute()
  return rows.map((r) => r.id)
}

async function insertFeed(trx: Executor, ctx: Ctx): Promise<string> {
  const id = randomUUID()
  await trx
    .insertInto('calendar_feed')
    .values({
      id,
      person_id: ctx.actor.personId,
      token_hash: sha256(tokenFor(id)),
      created_at: ctx.now,
    })
    .execute()
  return id
}

async function revokeFeeds(trx: Executor, ctx: Ctx): Promise<number> {
  const result = await trx
    .updateTable('calendar_feed')
    .set({ revoked_at: ctx.now })
    .where('person_id', '=', ctx.actor.personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

function audit(trx: Executor, ctx: Ctx, action: string, feedId: string | null) {
  return recordAudit(trx, {
    action,
    actorPersonId: ctx.actor.personId,
    recordType: 'calendar_feed',
    recordId: feedId,
    ipHash: ctx.ipHash,
    now: ctx.now,
  })
}

/** Makes the person's feed link unless they have one (a repeated submit changes nothing). */
export async function createCalendarFeed(ctx: Ctx): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await lockPerson(trx, ctx.actor.personId)
    if ((await activeFeedIds(trx, ctx.actor.personId)).length > 0) return
    const id = await insertFeed(trx, ctx)
    await audit(trx, ctx, 'calendar_feed.created', id)
  })
}

/**
 * Replaces the link `feedId` with a new one; the old stops working. When `feedId` is no longer
 * the live link (a repeated submit, another tab) nothing changes.
 */
export async function renewCalendarFeed(ctx: Ctx, feedId: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await lockPerson(trx, ctx.actor.personId)
    const active = await activeFeedIds(trx, ctx.actor.personId)
    if (active.length > 0 && !active.includes(feedId)) return
    await revokeFeeds(trx, ctx)
    const id = await insertFeed(trx, ctx)
    await audit(trx, ctx, 'calendar_feed.renewed', id)
  })
}

/** Turns the person's feed link off. */
export async function revokeCalendarFeed(ctx: Ctx): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await lockPerson(trx, ctx.actor.personId)
    if ((await revokeFeeds(trx, ctx)) > 0) await audit(trx, ctx, 'calendar_feed.revoked', null)
  })
}

/** The addresses to give a calendar app for a token. */
export function feedUrls(origin: string, token: string): { https: string; webcal: string } {
  const https = `${origin}/calendar/${token}.ics`
  return { https, webcal: https.replace(/^https?:/, 'webcal:') }
}

/** `?lng=en` picks English labels; anything else is Danish, so a cached feed never varies. */
export function feedLanguage(request: Request): Language {
  return new URL(request.url).searchParams.get('lng') === 'en' ? 'en' : 'da'
}

export function calendarResponse(feed: Feed, visibility: 'public' | 'private'): Response {
  return new Response(feed.body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${feed.filename}"`,
      'Cache-Control':
        visibility === 'public'
          ? `public, max-age=${PUBLIC_REFRESH_MINUTES * 60}`
          : 'private, no-store',
      ...(visibility === 'private' ? { 'X-Robots-Tag': 'noindex' } : {}),
    },
  })
}

export function feedNotFound(): Response {
  return new Response('Not found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
