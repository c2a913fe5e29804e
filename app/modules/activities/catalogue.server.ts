import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from '~/db.server'
import type {
  ActivityCategory,
  ActivityRole,
  OrganisationType,
  ScheduleFreq,
  Weekday,
} from '../../../db/schema.ts'
import {
  CATALOGUE_WEEKDAYS,
  isUuid,
  prefixTerms,
  TIMES_OF_DAY,
  type TimeOfDay,
} from './catalogue-query'
import { HOLDS_PLACE } from './signups.server'

// The public catalogue: what anyone may see without logging in. Only published activities of
// approved organisations, only public columns — target groups are never selected here.

export interface CatalogueFilters {
  q?: string
  categories?: ActivityCategory[]
  weekdays?: Weekday[]
  times?: TimeOfDay[]
  /** null or absent: every municipality */
  municipalityId?: string | null
  areaId?: string | null
  free?: boolean
  open?: boolean
  noMembership?: boolean
  organisationId?: string | null
}

export interface CatalogueOptions {
  now: Date
  page?: number
  pageSize?: number
  /** Where counting stops and the session walk takes over (tests compare the two). */
  countCap?: number
}

export interface CatalogueSession {
  id: string
  startsAt: Date
  endsAt: Date
}

export interface CatalogueItem {
  id: string
  title: string
  category: ActivityCategory
  organisationId: string
  organisationName: string
  areaName: string | null
  locationName: string | null
  streetAddress: string | null
  city: string | null
  priceOere: number
  openNoReferral: boolean
  noMembership: boolean
  timezone: string
  nextSession: CatalogueSession
}

export interface CataloguePage {
  items: CatalogueItem[]
  /** The number of matches, or the cap when there are more (totalIsExact false). */
  total: number
  totalIsExact: boolean
  page: number
  pageSize: number
  /** null when there are more matches than COUNT_CAP */
  pageCount: number | null
  hasNext: boolean
}

/** Counting stops here: "more than 200" is all a visitor needs, and it keeps counting cheap. */
export const COUNT_CAP = 200

const ISO_DOW: Record<Weekday, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 }

/**
 * An upcoming session of `alias` that matches the day and time filters. Times are compared as
 * local wall-clock time in the activity's own time zone (`a.timezone`).
 *
 * `byActivity`: the sessions of one activity are searched. The status test is then written so
 * the partial index on starts_at (status = 'scheduled') cannot serve it and the lookup uses
 * (activity_id, starts_at). Measured at 50,000 sessions, the planner otherwise read every later
 * session from that index until it met the activity's: without statistics on every lookup
 * (1–4 s pages; PGlite runs no autovacuum, so there are none until someone runs ANALYZE), and
 * even with them for min(starts_at) (140 ms for page 30 instead of 20 ms).
 */
function sessionMatches(
  alias: 's' | 's2',
  filters: CatalogueFilters,
  now: Date,
  { byActivity }: { byActivity: boolean },
) {
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  const localStart = sql`(${col('starts_at')} at time zone a.timezone)::time`
  const TIME_OF_DAY: Record<TimeOfDay, RawBuilder<unknown>> = {
    morning: sql`${localStart} < '12:00'`,
    afternoon: sql`(${localStart} >= '12:00' and ${localStart} < '17:00')`,
    evening: sql`${localStart} >= '17:00'`,
  }
  const parts = [
    byActivity
      ? sql`coalesce(${col('status')}, '') = 'scheduled'`
      : sql`${col('status')} = 'scheduled'`,
    sql`${col('starts_at')} >= ${now}`,
  ]
  const weekdays = (filters.weekdays ?? []).filter((w) => CATALOGUE_WEEKDAYS.includes(w))
  if (weekdays.length > 0)
    parts.push(
      sql`extract(isodow from ${col('local_date')})::int in (${sql.join(weekdays.map((w) => ISO_DOW[w]))})`,
    )
  const times = (filters.times ?? []).filter((t) => TIMES_OF_DAY.includes(t))
  if (times.length > 0)
    parts.push(
      sql`(${sql.join(
        times.map((t) => TIME_OF_DAY[t]),
        sql` or `,
      )})`,
    )
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

const START_TIME: Record<TimeOfDay, RawBuilder<unknown>> = {
  morning: sql`a.start_time < '12:00'`,
  afternoon: sql`(a.start_time >= '12:00' and a.start_time < '17:00')`,
  evening: sql`a.start_time >= '17:00'`,
}

/** The activity filters over `a` (activity) and `o` (organisation). */
function activityMatches(filters: CatalogueFilters) {
  const parts = [sql`a.status = 'published'`, sql`o.status = 'approved'`]
  const q = filters.q?.trim()
  if (q) {
    const terms = prefixTerms(q)
    // Danish stemming finds "fodbold" from "fodbolden"; the prefix query finds a word someone
    // has only begun to type ("fodb"). Lexemes are stemmed, so the prefix side is not. One
    // tsquery, so one scan of the GIN index.
    parts.push(
      terms.length > 0
        ? sql`a.search @@ (websearch_to_tsquery('danish', ${q}) || to_tsquery('simple', ${terms.map((w) => `${w}:*`).join(' & ')}))`
        : sql`a.search @@ websearch_to_tsquery('danish', ${q})`,
    )
  }
  if (filters.categories && filters.categories.length > 0)
    parts.push(sql`a.category in (${sql.join(filters.categories)})`)
  // An activity belongs to its area's municipality, or else to its organisation's. The area
  // list is computed once per query, so no area row is joined per activity.
  if (filters.municipalityId) {
    const m = filters.municipalityId
    parts.push(
      sql`(a.area_id = any(array(select id from area where municipality_id = ${m})) or (a.area_id is null and o.home_municipality_id = ${m}))`,
    )
  }
  if (filters.areaId) parts.push(sql`a.area_id = ${filters.areaId}`)
  if (filters.organisationId) parts.push(sql`a.organisation_id = ${filters.organisationId}`)
  // The schedule already says which weekday and time its sessions have (editing it moves or
  // cancels the future sessions), so most activities are ruled out before any session is read;
  // the session conditions still decide.
  const weekdays = (filters.weekdays ?? []).filter((w) => CATALOGUE_WEEKDAYS.includes(w))
  if (weekdays.length > 0)
    parts.push(
      sql`(a.byday in (${sql.join(weekdays)}) or (a.freq = 'once' and extract(isodow from a.dtstart)::int in (${sql.join(weekdays.map((w) => ISO_DOW[w]))})))`,
    )
  const times = (filters.times ?? []).filter((t) => TIMES_OF_DAY.includes(t))
  if (times.length > 0)
    parts.push(
      sql`(${sql.join(
        times.map((t) => START_TIME[t]),
        sql` or `,
      )})`,
    )
  if (filters.free) parts.push(sql`a.price_oere = 0`)
  if (filters.open) parts.push(sql`a.open_no_referral`)
  if (filters.noMembership) parts.push(sql`a.no_membership`)
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

function publicActivities(db: Executor, filters: CatalogueFilters) {
  return db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .where(activityMatches(filters))
}

const ACTIVITY_COLUMNS = [
  'a.id',
  'a.title',
  'a.category',
  'a.organisation_id',
  'o.name as organisation_name',
  'a.area_id',
  'a.location_name',
  'a.street_address',
  'a.city',
  'a.price_oere',
  'a.open_no_referral',
  'a.no_membership',
  'a.timezone',
] as const

/**
 * Published activities of approved organisations that have an upcoming session matching the
 * filters, soonest next session first. A capped count comes first and picks the page query:
 * up to COUNT_CAP matches, start from the activities and look up each one's next session;
 * more than that, walk the sessions in time order and stop when the page is full. Each shape
 * is slow where the other is fast (measured at 5,000 activities and 50,000 sessions; see
 * docs/decisions/012-public-catalogue-queries.md).
 */
export async function searchCatalogue(
  db: Executor,
  filters: CatalogueFilters,
  { now, page = 1, pageSize = 20, countCap = COUNT_CAP }: CatalogueOptions,
): Promise<CataloguePage> {
  if (
    (filters.areaId && !isUuid(filters.areaId)) ||
    (filters.organisationId && !isUuid(filters.organisationId))
  )
    return { items: [], total: 0, totalIsExact: true, page, pageSize, pageCount: 1, hasNext: false }
  const offset = (page - 1) * pageSize
  // Up to countCap + 1 matches, each with its next matching session: the window count says
  // whether that is all of them, and if so the page is already here.
  const matched = publicActivities(db, filters)
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('activity_session as s')
          .select(['s.id', 's.starts_at', 's.ends_at'])
          .whereRef('s.activity_id', '=', 'a.id')
          .where(sessionMatches('s', filters, now, { byActivity: true }))
          .orderBy('s.starts_at')
          .limit(1)
          .as('n'),
      (join) => join.onTrue(),
    )
    .select([...ACTIVITY_COLUMNS, 'n.id as session_id', 'n.starts_at', 'n.ends_at'])
    .limit(countCap + 1)
  const firstPage = await db
    .selectFrom(matched.as('m'))
    .selectAll('m')
    .select([
      sql<string | null>`(select name from area where id = m.area_id)`.as('area_name'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy(['m.starts_at', 'm.title', 'm.id'])
    .limit(pageSize)
    .offset(offset)
    .execute()
  let rows: CatalogueRow[] = firstPage
  let matches =
    firstPage.length > 0
      ? Number(firstPage[0]!.total)
      : page > 1
        ? Number(
            (
              await db
                .selectFrom(matched.as('m'))
                .select(sql<number>`count(*)::int`.as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          )
        : 0
  const totalIsExact = matches <= countCap
  if (!totalIsExact) {
    matches = countCap
    rows = await db
      .selectFrom('activity_session as s')
      .innerJoinLateral(
        // "offset 0" keeps this a subquery, so the plan stays: sessions in time order, each
        // one's activity by key — never the whole join sorted.
        (eb) =>
          eb
            .selectFrom('activity as a')
            .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
            .where(activityMatches(filters))
            .select(ACTIVITY_COLUMNS)
            .whereRef('a.id', '=', 's.activity_id')
            .offset(0)
            .as('a'),
        (join) => join.onTrue(),
      )
      .where(sessionMatches('s', filters, now, { byActivity: false }))
      // The activity's first matching session. A scalar subquery, not NOT EXISTS: it stays a
      // lookup per session, which the planner cannot turn into a scan of all sessions.
      .where(({ eb, selectFrom }) =>
        eb(
          's.starts_at',
          '=',
          selectFrom('activity_session as s2')
            .select((e) => e.fn.min('s2.starts_at').as('first'))
            .whereRef('s2.activity_id', '=', 's.activity_id')
            .where(sessionMatches('s2', filters, now, { byActivity: true })),
        ),
      )
      .select([
        'a.id',
        'a.title',
        'a.category',
        'a.organisation_id',
        'a.organisation_name',
        'a.area_id',
        sql<string | null>`(select name from area where id = a.area_id)`.as('area_name'),
        'a.location_name',
        'a.street_address',
        'a.city',
        'a.price_oere',
        'a.open_no_referral',
        'a.no_membership',
        'a.timezone',
        's.id as session_id',
        's.starts_at',
        's.ends_at',
      ])
      .orderBy(['s.starts_at', 'a.title', 'a.id'])
      .limit(pageSize + 1)
      .offset(offset)
      .execute()
  }
  const pageCount = totalIsExact ? Math.max(1, Math.ceil(matches / pageSize)) : null
  return {
    items: rows.slice(0, pageSize).map(toItem),
    total: totalIsExact ? matches : countCap,
    totalIsExact,
    page,
    pageSize,
    pageCount,
    hasNext: pageCount === null ? rows.length > pageSize : page < pageCount,
  }
}

interface CatalogueRow {
  id: string
  title: string
  category: ActivityCategory
  organisation_id: string
  organisation_name: string
  area_id: string | null
  area_name: string | null
  location_name: string | null
  street_address: string | null
  city: string | null
  price_oere: number
  open_no_referral: boolean
  no_membership: boolean
  timezone: string
  session_id: string
  starts_at: Date
  ends_at: Date
}

const toItem = (r: CatalogueRow): CatalogueItem => ({
  id: r.id,
  title: r.title,
  category: r.category,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  areaName: r.area_name,
  locationName: r.location_name,
  streetAddress: r.street_address,
  city: r.city,
  priceOere: r.price_oere,
  openNoReferral: r.open_no_referral,
  noMembership: r.no_membership,
  timezone: r.timezone,
  nextSession: { id: r.session_id, startsAt: r.starts_at, endsAt: r.ends_at },
})

/** Every area with its municipality, for the area filter. */
export function listCatalogueAreas(db: Executor) {
  return db.selectFrom('area').select(['id', 'name', 'municipality_id']).orderBy('name').execute()
}

export const PUBLIC_SESSION_COUNT = 8

export interface PublicSession {
  id: string
  startsAt: Date
  endsAt: Date
  cancelled: boolean
  capacity: number | null
  /** null when there is no limit; counted as the sign-up rules count (HOLDS_PLACE) */
  spacesLeft: number | null
  waitlist: number
}

export interface PublicActivity {
  id: string
  title: string
  description: string
  category: ActivityCategory
  locationName: string | null
  streetAddress: string | null
  postalCode: string | null
  city: string | null
  areaName: string | null
  latitude: number | null
  longitude: number | null
  phone: string | null
  email: string | null
  priceOere: number
  capacity: number | null
  accessibilityNote: string | null
  adaptationNote: string | null
  openNoReferral: boolean
  noMembership: boolean
  rolesOffered: ActivityRole[]
  schedule: {
    freq: ScheduleFreq
    interval: number
    byday: Weekday | null
    bysetpos: number | null
    dtstart: string
    until: string | null
    startTime: string
    endTime: string
    timezone: string
  }
  organisation: {
    id: string
    name: string
    phone: string | null
    email: string | null
    streetAddress: string | null
    postalCode: string | null
    city: string | null
  }
  sessions: PublicSession[]
}

/**
 * An activity as the public sees it, with its next sessions (cancelled ones included, so
 * nobody turns up in vain), or null when it is not public: unknown, draft or cancelled, or
 * its organisation is not approved.
 */
export async function getPublicActivity(
  db: Executor,
  id: string,
  now: Date,
): Promise<PublicActivity | null> {
  if (!isUuid(id)) return null
  const a = await db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .leftJoin('area as ar', 'ar.id', 'a.area_id')
    .select([
      'a.id',
      'a.title',
      'a.description',
      'a.category',
      'a.location_name',
      'a.street_address',
      'a.postal_code',
      'a.city',
      'ar.name as area_name',
      'a.latitude',
      'a.longitude',
      'a.phone',
      'a.email',
      'a.price_oere',
      'a.capacity',
      'a.accessibility_note',
      'a.adaptation_note',
      'a.open_no_referral',
      'a.no_membership',
      'a.roles_offered',
      'a.freq',
      'a.interval',
      'a.byday',
      'a.bysetpos',
      'a.dtstart',
      'a.until',
      'a.start_time',
      'a.end_time',
      'a.timezone',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.phone as organisation_phone',
      'o.email as organisation_email',
      'o.street_address as organisation_street_address',
      'o.postal_code as organisation_postal_code',
      'o.city as organisation_city',
    ])
    .where('a.id', '=', id)
    .where('a.status', '=', 'published')
    .where('o.status', '=', 'approved')
    .executeTakeFirst()
  if (!a) return null
  const sessions = await db
    .selectFrom('activity_session as s')
    .select([
      's.id',
      's.starts_at',
      's.ends_at',
      's.status',
      's.capacity',
      (eb) =>
        eb
          .selectFrom('signup as g')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('g.session_id', '=', 's.id')
          .where('g.state', 'in', HOLDS_PLACE)
          .as('taken'),
      (eb) =>
        eb
          .selectFrom('signup as g')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('g.session_id', '=', 's.id')
          .where('g.state', '=', 'waitlisted')
          .as('waitlist'),
    ])
    .where('s.activity_id', '=', id)
    .where('s.starts_at', '>=', now)
    .orderBy('s.starts_at')
    .limit(PUBLIC_SESSION_COUNT)
    .execute()
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    category: a.category,
    locationName: a.location_name,
    streetAddress: a.street_address,
    postalCode: a.postal_code,
    city: a.city,
    areaName: a.area_name,
    latitude: a.latitude,
    longitude: a.longitude,
    phone: a.phone,
    email: a.email,
    priceOere: a.price_oere,
    capacity: a.capacity,
    accessibilityNote: a.accessibility_note,
    adaptationNote: a.adaptation_note,
    openNoReferral: a.open_no_referral,
    noMembership: a.no_membership,
    rolesOffered: a.roles_offered,
    schedule: {
      freq: a.freq,
      interval: a.interval,
      byday: a.byday,
      bysetpos: a.bysetpos,
      dtstart: a.dtstart,
      until: a.until,
      startTime: a.start_time,
      endTime: a.end_time,
      timezone: a.timezone,
    },
    organisation: {
      id: a.organisation_id,
      name: a.organisation_name,
      phone: a.organisation_phone,
      email: a.organisation_email,
      streetAddress: a.organisation_street_address,
      postalCode: a.organisation_postal_code,
      city: a.organisation_city,
    },
    sessions: sessions.map((s) => {
      const taken = Number(s.taken ?? 0)
      return {
        id: s.id,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        cancelled: s.status === 'cancelled',
        capacity: s.capacity,
        spacesLeft: s.capacity === null ? null : Math.max(0, s.capacity - taken),
        waitlist: Number(s.waitlist ?? 0),
      }
    }),
  }
}

export interface PublicOrganisation {
  id: string
  name: string
  type: OrganisationType
  description: string | null
  email: string | null
  phone: string | null
  website: string | null
  streetAddress: string | null
  postalCode: string | null
  city: string | null
}

/** An approved organisation's public profile, or null. */
export async function getPublicOrganisation(
  db: Executor,
  id: string,
): Promise<PublicOrganisation | null> {
  if (!isUuid(id)) return null
  const o = await db
    .selectFrom('organisation')
    .select([
      'id',
      'name',
      'type',
      'description',
      'email',
      'phone',
      'website',
      'street_address',
      'postal_code',
      'city',
    ])
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .executeTakeFirst()
  if (!o) return null
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    description: o.description,
    email: o.email,
    phone: o.phone,
    // Only web addresses become links: a stored "javascript:" value must never be clickable.
    website: o.website && /^https?:\/\/[^\s]+$/i.test(o.website) ? o.website : null,
    streetAddress: o.street_address,
    postalCode: o.postal_code,
    city: o.city,
  }
}

/** The organisation's activities with an upcoming session, soonest first. */
export function listOrganisationActivities(
  db: Executor,
  organisationId: string,
  now: Date,
  pageSize = 50,
) {
  return searchCatalogue(db, { organisationId }, { now, pageSize })
}
