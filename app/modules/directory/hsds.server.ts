import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor } from '~/db.server'
import { getFixedT } from '~/i18n/i18n.server'
import type { ActivityCategory } from '../../../db/schema.ts'
import {
  addDays,
  occurrences,
  TIMEZONE,
  utcToZoned,
  zonedTimeToUtc,
  type Schedule,
} from '../activities/schedule'
import { describeSchedule, formatPrice } from '../activities/describe'
import { scheduleOf } from '../activities/sessions.server'
import { isUuid } from '../identity/invitation-schemas'
import { activityUrl, firstOccurrence, organisationUrl } from './calendar-events'
import type { OrganizationsQuery, ServicesQuery } from './schemas'

// The public directory as Open Referral HSDS 3.1: approved organisations are `organization`s,
// their published activities `service`s. Target groups are never published. HSDS wants a UUID
// on every nested object; the ones we keep as columns get a stable name-based UUID.

type Json = Record<string, unknown>

export const HSDS_VERSION = '3.1'
export const CATEGORY_TAXONOMY = 'brobygger-category'
const CATEGORIES: readonly ActivityCategory[] = [
  'sport',
  'meal',
  'culture',
  'social_cafe',
  'network',
  'advice',
  'trip',
]
/** Upcoming cancelled dates named in a schedule's notes. */
const NOTED_CANCELLATIONS = 10
const da = () => getFixedT('da')

/**
 * Caches a pure function of a string. Time-zone and locale formatting builds an Intl object per
 * call, which would cost more than the database on a page of 50 services.
 */
function memoised<T>(fn: (key: string) => T, limit = 5_000): (key: string) => T {
  const cache = new Map<string, T>()
  return (key) => {
    let value = cache.get(key)
    if (value === undefined) {
      if (cache.size >= limit) cache.clear()
      value = fn(key)
      cache.set(key, value)
    }
    return value
  }
}

const localDateAt = memoised((key) => {
  const [timeZone, ms] = key.split('|') as [string, string]
  return utcToZoned(new Date(Number(ms)), timeZone).date
})
// Local midnight falls on a whole minute, so the minute decides the date.
const todayIn = (now: Date, timeZone: string) =>
  localDateAt(`${timeZone}|${Math.floor(now.getTime() / 60_000) * 60_000}`)

const NAMESPACE = Buffer.from('6f1c2d7e8a9b4c3d9e0f1a2b3c4d5e6f', 'hex')

/** RFC 4122 version 5 (SHA-1, name-based) UUID: the same parts always give the same id. */
export function derivedId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u001f')).digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const categoryTaxonomyId = derivedId('taxonomy', CATEGORY_TAXONOMY)
export const categoryTermId = (category: ActivityCategory) =>
  derivedId('taxonomy_term', CATEGORY_TAXONOMY, category)

/** HSDS types its fields strictly: an absent value is left out, never null. */
function compact<T extends Json>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as T
}

// The shape JSON Schema's `email` format accepts; anything else is left out, not published broken.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i
const emailOf = (value: string | null) => (value && EMAIL.test(value.trim()) ? value.trim() : null)

function websiteOf(value: string | null): string | null {
  if (!value) return null
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`
  try {
    const url = new URL(withScheme)
    return url.hostname.includes('.') ? url.href : null
  } catch {
    return null
  }
}

export interface PageRequest {
  page: number
  per_page: number
}

export interface Page<T> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

function pageOf<T>(contents: T[], total: number, request: PageRequest): Page<T> {
  const totalPages = Math.ceil(total / request.per_page)
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

/** GET /api/hsds: what this API is. */
export function apiInfo() {
  return {
    version: HSDS_VERSION,
    profile: 'https://docs.openreferral.org/en/latest/hsds/overview.html',
    openapi_url:
      'https://raw.githubusercontent.com/openreferral/specification/3.1-dev/schema/openapi.json',
  }
}

// ---------------------------------------------------------------------------------------------
// Organisations

const organisationColumns = [
  'o.id',
  'o.name',
  'o.description',
  'o.email',
  'o.phone',
  'o.website',
  'o.cvr',
  'o.street_address',
  'o.postal_code',
  'o.city',
  'hm.name as municipality_name',
] as const

interface OrganisationRow {
  id: string
  name: string
  description: string | null
  email: string | null
  phone: string | null
  website: string | null
  cvr: string | null
  street_address: string | null
  postal_code: string | null
  city: string | null
  municipality_name: string | null
}

function organisations(db: Executor) {
  return db
    .selectFrom('organisation as o')
    .leftJoin('municipality as hm', 'hm.id', 'o.home_municipality_id')
    .where('o.status', '=', 'approved')
}

function basicOrganization(o: OrganisationRow, origin: string): Json {
  return {
    ...compact({ id: o.id, name: o.name }),
    // required by HSDS, even empty: an organisation may not have written one yet
    description: o.description ?? '',
    ...compact({
      email: emailOf(o.email),
      website: websiteOf(o.website),
      uri: organisationUrl(origin, o.id),
    }),
  }
}

interface AddressParts {
  street: string | null
  postalCode: string | null
  city: string | null
  municipality: string | null
}

function addressOf(locationId: string, parts: AddressParts): Json[] {
  if (!parts.street || !parts.postalCode || !parts.city) return []
  return [
    {
      id: derivedId('address', locationId),
      location_id: locationId,
      address_1: parts.street,
      city: parts.city,
      // Denmark has no states; the municipality (kommune) is the unit between town and country.
      state_province: parts.municipality ?? parts.city,
      postal_code: parts.postalCode,
      country: 'DK',
      address_type: 'physical',
    },
  ]
}

function fullOrganization(o: OrganisationRow, origin: string): Json {
  const locationId = derivedId('location', o.id)
  const addresses = addressOf(locationId, {
    street: o.street_address,
    postalCode: o.postal_code,
    city: o.city,
    municipality: o.municipality_name,
  })
  return {
    ...basicOrganization(o, origin),
    phones: o.phone
      ? [{ id: derivedId('phone', o.id), organization_id: o.id, number: o.phone, type: 'voice' }]
      : [],
    locations: addresses.length
      ? [
          {
            id: locationId,
            location_type: 'physical',
            organization_id: o.id,
            name: o.name,
            addresses,
          },
        ]
      : [],
    organization_identifiers: o.cvr
      ? [
          {
            id: derivedId('organization_identifier', o.id, 'DK-CVR'),
            organization_id: o.id,
            identifier_scheme: 'DK-CVR',
            identifier_type: 'CVR',
            identifier: o.cvr,
          },
        ]
      : [],
  }
}

export async function listOrganizations(
  db: Executor,
  query: OrganizationsQuery,
  origin: string,
): Promise<Page<Json>> {
  let base = organisations(db)
  if (query.search) base = base.where('o.name', 'ilike', `%${escapeLike(query.search)}%`)
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(organisationColumns)
      .orderBy('o.id')
      .limit(query.per_page)
      .offset((query.page - 1) * query.per_page)
      .execute(),
  ])
  const map = query.full ? fullOrganization : basicOrganization
  return pageOf(
    rows.map((o) => map(o, origin)),
    Number(count.total),
    query,
  )
}

/** One organisation with its services (one-to-one fields, or fully nested with fullService). */
export async function getOrganization(
  db: Executor,
  id: string,
  options: { origin: string; now: Date; fullService: boolean },
): Promise<Json | null> {
  if (!isUuid(id)) return null
  const o = await organisations(db)
    .select(organisationColumns)
    .where('o.id', '=', id)
    .executeTakeFirst()
  if (!o) return null
  const rows = await services(db)
    .select(serviceColumns)
    .where('a.organisation_id', '=', o.id)
    .orderBy('a.id')
    .execute()
  const list = options.fullService
    ? await fullServices(db, rows, options)
    : rows.map((r) => basicService(r, options.origin, options.now))
  return { ...fullOrganization(o, options.origin), services: list }
}

// ---------------------------------------------------------------------------------------------
// Services (activities)

const serviceColumns = [
  'a.id',
  'a.title',
  'a.description',
  'a.category',
  'a.location_name',
  'a.street_address',
  'a.postal_code',
  'a.city',
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
  'a.freq',
  'a.interval',
  'a.byday',
  'a.bysetpos',
  'a.dtstart',
  'a.until',
  'a.start_time',
  'a.end_time',
  'a.timezone',
  'a.updated_at',
  'am.name as area_municipality_name',
  'hm.name as municipality_name',
  'o.id as organisation_id',
  'o.name as organisation_name',
  'o.description as organisation_description',
  'o.email as organisation_email',
  'o.phone as organisation_phone',
  'o.website as organisation_website',
  'o.cvr as organisation_cvr',
  'o.street_address as organisation_street_address',
  'o.postal_code as organisation_postal_code',
  'o.city as organisation_city',
] as const

interface ServiceRow {
  id: string
  title: string
  description: string
  category: ActivityCategory
  location_name: string | null
  street_address: string | null
  postal_code: string | null
  city: string | null
  latitude: number | null
  longitude: number | null
  phone: string | null
  email: string | null
  price_oere: number
  capacity: number | null
  accessibility_note: string | null
  adaptation_note: string | null
  open_no_referral: boolean
  no_membership: boolean
  freq: Schedule['freq']
  interval: number
  byday: Schedule['byday']
  bysetpos: number | null
  dtstart: string
  until: string | null
  start_time: string
  end_time: string
  timezone: string
  updated_at: Date
  area_municipality_name: string | null
  municipality_name: string | null
  organisation_id: string
  organisation_name: string
  organisation_description: string | null
  organisation_email: string | null
  organisation_phone: string | null
  organisation_website: string | null
  organisation_cvr: string | null
  organisation_street_address: string | null
  organisation_postal_code: string | null
  organisation_city: string | null
}

/** Published activities of approved organisations, narrowed by the API's filters. */
function services(db: Executor, query: Partial<ServicesQuery> = {}) {
  let q = db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .leftJoin('municipality as hm', 'hm.id', 'o.home_municipality_id')
    .leftJoin('area as ar', 'ar.id', 'a.area_id')
    .leftJoin('municipality as am', 'am.id', 'ar.municipality_id')
    .where('a.status', '=', 'published')
    .where('o.status', '=', 'approved')
  if (query.organization_id) q = q.where('a.organisation_id', '=', query.organization_id)
  if (query.modified_after) q = q.where('a.updated_at', '>=', query.modified_after)
  if (query.taxonomy_term_id) {
    const category = CATEGORIES.find((c) => categoryTermId(c) === query.taxonomy_term_id)
    q = category ? q.where('a.category', '=', category) : q.where(sql<boolean>`false`)
  }
  if (query.search) {
    q = q.where(sql<boolean>`a.search @@ websearch_to_tsquery('danish', ${query.search})`)
  }
  return q
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function organisationOf(row: ServiceRow): OrganisationRow {
  return {
    id: row.organisation_id,
    name: row.organisation_name,
    description: row.organisation_description,
    email: row.organisation_email,
    phone: row.organisation_phone,
    website: row.organisation_website,
    cvr: row.organisation_cvr,
    street_address: row.organisation_street_address,
    postal_code: row.organisation_postal_code,
    city: row.organisation_city,
    municipality_name: row.municipality_name,
  }
}

/** An activity whose last date has passed is kept, as `inactive`. */
function statusOf(row: ServiceRow, now: Date): 'active' | 'inactive' {
  const today = todayIn(now, row.timezone)
  const last = row.freq === 'once' ? row.dtstart : row.until
  return last !== null && last < today ? 'inactive' : 'active'
}

const priceOf = memoised((oere) => formatPrice(Number(oere), da(), 'da'))
const priceText = (oere: number) => priceOf(String(oere))

function eligibilityOf(row: ServiceRow): string | null {
  const t = da()
  const parts = [
    row.open_no_referral ? t('pages.calendar.hsds.noReferral') : null,
    row.no_membership ? t('pages.calendar.hsds.noMembership') : null,
    row.adaptation_note,
  ].filter(Boolean)
  return parts.length ? parts.join(' ') : null
}

function basicService(row: ServiceRow, origin: string, now: Date): Json {
  const t = da()
  return compact({
    id: row.id,
    organization_id: row.organisation_id,
    name: row.title,
    description: row.description,
    url: activityUrl(origin, row.id),
    email: emailOf(row.email ?? row.organisation_email),
    status: statusOf(row, now),
    application_process: t(
      row.open_no_referral
        ? 'pages.calendar.hsds.applicationOpen'
        : 'pages.calendar.hsds.applicationContact',
    ),
    fees_description: priceText(row.price_oere),
    eligibility_description: eligibilityOf(row),
    last_modified: row.updated_at.toISOString(),
    organization: basicOrganization(organisationOf(row), origin),
  })
}

const localTime = (time: string) => time.slice(0, 5)

/** The UTC offset of a local date and time, as hours and as ±HH:MM. */
const offsetOf = memoised((key) => {
  const [timeZone, date, time] = key.split('|') as [string, string, string]
  const instant = zonedTimeToUtc(date, time, timeZone)
  const minutes = Math.round(
    (Date.parse(`${date}T${localTime(time)}:00Z`) - instant.getTime()) / 60_000,
  )
  const abs = Math.abs(minutes)
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return { hours: minutes / 60, suffix: `${minutes < 0 ? '-' : '+'}${hhmm}` }
})

/** The offset in force at the activity's next date (or its last, once it has ended). */
function offsetAt(schedule: Schedule, now: Date): { hours: number; suffix: string } {
  const tz = schedule.timezone ?? TIMEZONE
  const today = todayIn(now, tz)
  const next =
    occurrences(schedule, today, addDays(today, 400))[0] ??
    occurrences(schedule, schedule.dtstart, today).at(-1) ??
    schedule.dtstart
  return offsetOf(`${tz}|${next}|${schedule.startTime}`)
}

const scheduleText = memoised((json) => describeSchedule(JSON.parse(json) as Schedule, da(), 'da'))

const DANISH_DATE = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' })

/** "22. december 2026" for a calendar date. */
function dateText(date: string): string {
  return DANISH_DATE.format(new Date(`${date}T12:00:00Z`))
}

function scheduleOfService(
  row: ServiceRow,
  cancelledDates: string[],
  origin: string,
  now: Date,
): Json {
  const t = da()
  const schedule = scheduleOf(row)
  const offset = offsetAt(schedule, now)
  const first = firstOccurrence(schedule) ?? schedule.dtstart
  const recurring = schedule.freq !== 'once'
  const notes = [
    t('pages.calendar.hsds.timezoneNote'),
    cancelledDates.length
      ? t('pages.calendar.hsds.cancelledNote', { dates: cancelledDates.map(dateText).join(', ') })
      : null,
  ]
    .filter(Boolean)
    .join(' ')
  return compact({
    id: derivedId('schedule', row.id),
    service_id: row.id,
    valid_from: schedule.dtstart,
    valid_to: recurring ? schedule.until : schedule.dtstart,
    dtstart: first,
    timezone: offset.hours,
    until: recurring ? schedule.until : schedule.dtstart,
    wkst: recurring ? 'MO' : null,
    freq: recurring ? (schedule.freq === 'weekly' ? 'WEEKLY' : 'MONTHLY') : null,
    interval: recurring ? schedule.interval : null,
    byday: !recurring
      ? null
      : schedule.freq === 'monthly'
        ? `${schedule.bysetpos ?? 1}${schedule.byday}`
        : schedule.byday,
    description: scheduleText(JSON.stringify(schedule)),
    opens_at: `${localTime(schedule.startTime)}${offset.suffix}`,
    closes_at: `${localTime(schedule.endTime)}${offset.suffix}`,
    schedule_link: `${activityUrl(origin, row.id)}/calendar.ics`,
    attending_type: t('pages.calendar.hsds.attendingInPerson'),
    notes,
  })
}

function locationOfService(row: ServiceRow): Json | null {
  const hasCoordinates = row.latitude !== null && row.longitude !== null
  if (!row.location_name && !row.street_address && !hasCoordinates) return null
  const id = derivedId('location', row.id)
  return compact({
    id,
    location_type: 'physical',
    organization_id: row.organisation_id,
    name: row.location_name ?? row.street_address ?? row.title,
    latitude: hasCoordinates ? row.latitude : null,
    longitude: hasCoordinates ? row.longitude : null,
    addresses: addressOf(id, {
      street: row.street_address,
      postalCode: row.postal_code,
      city: row.city,
      municipality: row.area_municipality_name ?? row.municipality_name,
    }),
    accessibility: row.accessibility_note
      ? [
          {
            id: derivedId('accessibility', id),
            location_id: id,
            description: row.accessibility_note,
          },
        ]
      : [],
  })
}

function categoryAttribute(row: ServiceRow): Json {
  const t = da()
  const termId = categoryTermId(row.category)
  const name = t(`common.categories.${row.category}`)
  return {
    id: derivedId('attribute', row.id, CATEGORY_TAXONOMY),
    link_id: row.id,
    link_type: 'category',
    link_entity: 'service',
    taxonomy_term_id: termId,
    label: name,
    taxonomy_term: {
      id: termId,
      code: row.category,
      name,
      description: name,
      taxonomy: CATEGORY_TAXONOMY,
      taxonomy_id: categoryTaxonomyId,
      language: 'da',
      taxonomy_detail: {
        id: categoryTaxonomyId,
        name: CATEGORY_TAXONOMY,
        description: t('pages.calendar.hsds.taxonomyDescription'),
        version: '1',
      },
    },
  }
}

interface NextSession {
  activity_id: string
  local_date: string
  capacity: number | null
  taken: number
}

/** The children of a page of services, each in one query over the whole page (no N+1). */
async function childrenOf(db: Executor, ids: string[], now: Date) {
  const cancelled = new Map<string, string[]>()
  const next = new Map<string, NextSession>()
  if (ids.length === 0) return { cancelled, next }
  const today = todayIn(now, TIMEZONE)
  const [exceptions, cancelledSessions, sessions] = await Promise.all([
    db
      .selectFrom('activity_exception')
      .select(['activity_id', 'on_date'])
      .where('activity_id', 'in', ids)
      .where('on_date', '>=', today)
      .execute(),
    db
      .selectFrom('activity_session')
      .select(['activity_id', 'local_date as on_date'])
      .where('activity_id', 'in', ids)
      .where('status', '=', 'cancelled')
      .where('starts_at', '>=', now)
      .execute(),
    db
      .selectFrom('activity_session')
      .distinctOn('activity_id')
      .select(['id', 'activity_id', 'local_date', 'capacity'])
      .where('activity_id', 'in', ids)
      .where('status', '=', 'scheduled')
      .where('starts_at', '>=', now)
      .orderBy('activity_id')
      .orderBy('starts_at')
      .execute(),
  ])
  for (const row of [...exceptions, ...cancelledSessions]) {
    const list = cancelled.get(row.activity_id) ?? []
    if (!list.includes(row.on_date)) list.push(row.on_date)
    cancelled.set(row.activity_id, list)
  }
  for (const [id, list] of cancelled) cancelled.set(id, list.sort().slice(0, NOTED_CANCELLATIONS))
  const taken = sessions.length
    ? await db
        .selectFrom('signup')
        .select(['session_id', (eb) => eb.fn.countAll<number>().as('taken')])
        .where(
          'session_id',
          'in',
          sessions.map((s) => s.id),
        )
        .where('state', 'in', ['confirmed', 'offered'])
        .groupBy('session_id')
        .execute()
    : []
  const takenBySession = new Map(taken.map((r) => [r.session_id, Number(r.taken)]))
  for (const s of sessions) {
    next.set(s.activity_id, {
      activity_id: s.activity_id,
      local_date: s.local_date,
      capacity: s.capacity,
      taken: takenBySession.get(s.id) ?? 0,
    })
  }
  return { cancelled, next }
}

function capacityOf(row: ServiceRow, next: NextSession | undefined, now: Date): Json[] {
  if (row.capacity === null) return []
  const t = da()
  const maximum = next?.capacity ?? row.capacity
  return [
    {
      id: derivedId('capacity', row.id),
      service_id: row.id,
      unit: { id: derivedId('unit', 'place'), name: t('pages.calendar.hsds.capacityUnit') },
      available: next ? Math.max(0, maximum - next.taken) : maximum,
      maximum,
      description: next
        ? t('pages.calendar.hsds.capacityNext', { date: dateText(next.local_date) })
        : t('pages.calendar.hsds.capacityPerSession'),
      updated: now.toISOString(),
    },
  ]
}

function fullService(
  row: ServiceRow,
  children: Awaited<ReturnType<typeof childrenOf>>,
  origin: string,
  now: Date,
): Json {
  const t = da()
  const location = locationOfService(row)
  const phone = row.phone ?? row.organisation_phone
  return {
    ...basicService(row, origin, now),
    phones: phone
      ? [{ id: derivedId('phone', row.id), service_id: row.id, number: phone, type: 'voice' }]
      : [],
    schedules: [scheduleOfService(row, children.cancelled.get(row.id) ?? [], origin, now)],
    service_at_locations: location
      ? [
          {
            id: derivedId('service_at_location', row.id),
            service_id: row.id,
            location_id: location.id,
            location,
          },
        ]
      : [],
    languages: [
      {
        id: derivedId('language', row.id, 'da'),
        service_id: row.id,
        name: t('pages.calendar.hsds.languageDanish'),
        code: 'da',
      },
    ],
    cost_options: [
      compact({
        id: derivedId('cost_option', row.id),
        service_id: row.id,
        option: row.price_oere === 0 ? t('common.price.free') : null,
        currency: 'DKK',
        amount: row.price_oere / 100,
        amount_description: priceText(row.price_oere),
      }),
    ],
    capacities: capacityOf(row, children.next.get(row.id), now),
    attributes: [categoryAttribute(row)],
  }
}

async function fullServices(
  db: Executor,
  rows: ServiceRow[],
  options: { origin: string; now: Date },
): Promise<Json[]> {
  const children = await childrenOf(
    db,
    rows.map((r) => r.id),
    options.now,
  )
  return rows.map((row) => fullService(row, children, options.origin, options.now))
}

export async function listServices(
  db: Executor,
  query: ServicesQuery,
  options: { origin: string; now: Date },
): Promise<Page<Json>> {
  const base = services(db, query)
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(serviceColumns)
      .orderBy('a.id')
      .limit(query.per_page)
      .offset((query.page - 1) * query.per_page)
      .execute(),
  ])
  const contents = query.full
    ? await fullServices(db, rows, options)
    : rows.map((r) => basicService(r, options.origin, options.now))
  return pageOf(contents, Number(count.total), query)
}

export async function getService(
  db: Executor,
  id: string,
  options: { origin: string; now: Date },
): Promise<Json | null> {
  if (!isUuid(id)) return null
  const row = await services(db).select(serviceColumns).where('a.id', '=', id).executeTakeFirst()
  if (!row) return null
  const [service] = await fullServices(db, [row], options)
  return service ?? null
}

/** Open data: any site may read it, caches may keep it a few minutes. */
export function hsdsJson(body: unknown, status = 200): Response {
  return Response.json(body, {
    status,
    headers: {
      'Cache-Control': status === 200 ? 'public, max-age=300' : 'no-store',
      'Access-Control-Allow-Origin': '*',
    },
  })
}

export const hsdsNotFound = () => hsdsJson({ error: 'not_found', message: 'No such record' }, 404)

/** 400 with the first problem in the query, named by its parameter. */
export function hsdsBadRequest(issues: { path: PropertyKey[]; message: string }[]): Response {
  const issue = issues[0]
  return hsdsJson(
    {
      error: 'bad_request',
      parameter: issue ? String(issue.path[0] ?? '') : '',
      message: issue?.message ?? 'Bad request',
    },
    400,
  )
}
