import type { ActivityCategory, Weekday } from '../../../db/schema.ts'

// The catalogue's search form is a GET form anyone can edit in the address bar, so its query
// string is read leniently: a value we do not know is dropped, never an error page.

export const CATEGORIES: readonly ActivityCategory[] = [
  'sport',
  'meal',
  'culture',
  'social_cafe',
  'network',
  'advice',
  'trip',
]
export const CATALOGUE_WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const
export type TimeOfDay = (typeof TIMES_OF_DAY)[number]

/** `municipality=all` shows every municipality; no value means the visitor's own choice. */
export const ALL_MUNICIPALITIES = 'all'
export const Q_MAX = 100
export const MAX_PAGE = 500

export interface CatalogueQuery {
  q: string
  categories: ActivityCategory[]
  weekdays: Weekday[]
  times: TimeOfDay[]
  /** a municipality slug, `all`, or null (use the visitor's choice) */
  municipality: string | null
  areaId: string | null
  free: boolean
  open: boolean
  noMembership: boolean
  page: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value)

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  const chosen = new Set(values)
  return allowed.filter((v) => chosen.has(v))
}

const flag = (params: URLSearchParams, name: string) => params.get(name) === '1'

export function parseCatalogueQuery(params: URLSearchParams): CatalogueQuery {
  const page = Number(params.get('page') ?? '1')
  const municipality = params.get('municipality')?.trim().toLowerCase() ?? ''
  const area = params.get('area')?.trim() ?? ''
  return {
    // Control characters (a NUL byte) are not text PostgreSQL accepts.
    q: (params.get('q') ?? '')
      .replace(/[\s\p{Cc}]+/gu, ' ')
      .trim()
      .slice(0, Q_MAX),
    categories: pick(params.getAll('category'), CATEGORIES),
    weekdays: pick(params.getAll('weekday'), CATALOGUE_WEEKDAYS),
    times: pick(params.getAll('time'), TIMES_OF_DAY),
    municipality: /^[a-z0-9-]{1,60}$/.test(municipality) ? municipality : null,
    areaId: isUuid(area) ? area.toLowerCase() : null,
    free: flag(params, 'free'),
    open: flag(params, 'open'),
    noMembership: flag(params, 'membership'),
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  }
}

/** The query string for the same search on another page (the `?` included; '' for none). */
export function catalogueSearch(query: CatalogueQuery, page = 1): string {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  for (const c of query.categories) params.append('category', c)
  for (const w of query.weekdays) params.append('weekday', w)
  for (const t of query.times) params.append('time', t)
  if (query.municipality) params.set('municipality', query.municipality)
  if (query.areaId) params.set('area', query.areaId)
  if (query.free) params.set('free', '1')
  if (query.open) params.set('open', '1')
  if (query.noMembership) params.set('membership', '1')
  if (page > 1) params.set('page', String(page))
  const search = params.toString()
  return search ? `?${search}` : ''
}

/**
 * Words for a prefix search ("fodb" finds "fodbold"): letters and digits only, so nothing a
 * visitor types can reach tsquery's own syntax. None when the text uses web-search syntax
 * ("exact phrase", -not, or): the prefix search would undo what it asks for.
 */
export function prefixTerms(q: string): string[] {
  if (/"|(^|\s)-|(^|\s)or(\s|$)/i.test(q)) return []
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 2).slice(0, 8)
}
