import type { Executor } from '~/db.server'
import { loadActor } from '~/modules/identity/actor.server'
import { encryptSecret, sha256 } from '~/modules/identity/crypto.server'
import { hashPassword } from '~/modules/identity/passwords.server'
import { isStaff } from '~/modules/identity/policy'
import { createSession, SESSION_COOKIE } from '~/modules/identity/sessions.server'
import type { MunicipalRole, OrgRole } from '../../db/schema.ts'

// People, sessions and requests for integration tests: real rows, real sessions, real Requests.

export const ORIGIN = 'http://localhost'

let counter = 0
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++counter}`

export async function createMunicipality(db: Executor, name: string): Promise<string> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${unique()}`.replace(/^-+/, '')
  const row = await db
    .insertInto('municipality')
    .values({ name, slug })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function createOrganisation(db: Executor, name: string): Promise<string> {
  const row = await db
    .insertInto('organisation')
    .values({ name, type: 'association' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface PersonOptions {
  email?: string | null
  name: string
  password?: string
  municipalRoles?: { municipalityId: string; role: MunicipalRole }[]
  orgRoles?: { organisationId: string; role: OrgRole }[]
  /** Makes the person a citizen of this municipality. */
  citizenOf?: string
  volunteer?: boolean
  /** Turns two-factor on with this base32 secret. */
  totpSecret?: string
}

export interface TestPerson {
  id: string
  citizenId: string | null
}

export async function createPerson(db: Executor, options: PersonOptions): Promise<TestPerson> {
  const person = await db
    .insertInto('person')
    .values({
      email: options.email ?? null,
      display_name: options.name,
      password_hash: options.password ? await hashPassword(options.password) : null,
      totp_secret_enc: options.totpSecret ? encryptSecret(options.totpSecret) : null,
      totp_enabled_at: options.totpSecret ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const r of options.municipalRoles ?? []) {
    await db
      .insertInto('municipal_role')
      .values({ person_id: person.id, municipality_id: r.municipalityId, role: r.role })
      .execute()
  }
  for (const r of options.orgRoles ?? []) {
    await db
      .insertInto('organisation_membership')
      .values({ person_id: person.id, organisation_id: r.organisationId, role: r.role })
      .execute()
  }
  if (options.volunteer)
    await db.insertInto('volunteer_profile').values({ person_id: person.id }).execute()
  let citizenId: string | null = null
  if (options.citizenOf) {
    const citizen = await db
      .insertInto('citizen')
      .values({
        municipality_id: options.citizenOf,
        person_id: person.id,
        chosen_name: options.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    citizenId = citizen.id
  }
  return { id: person.id, citizenId }
}

/** A real session for the person; the value for a `Cookie` header (`bb_session=<token>`). */
export async function sessionCookieFor(
  db: Executor,
  personId: string,
  options: { mfaVerified?: boolean; userAgent?: string; now?: Date } = {},
): Promise<string> {
  const actor = await loadActor(db, personId, { id: '', mfaVerified: false })
  if (!actor) throw new Error(`No person ${personId}`)
  const session = await createSession(db, {
    personId,
    isStaff: isStaff(actor),
    mfaVerified: options.mfaVerified ?? true,
    userAgent: options.userAgent ?? null,
    now: options.now ?? new Date(),
  })
  return `${SESSION_COOKIE()}=${session.token}`
}

/** The session id (the hash of the token) a cookie from sessionCookieFor stands for. */
export function sessionIdOf(cookie: string): string {
  const token = cookie
    .split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${SESSION_COOKIE()}=`))
  if (!token) throw new Error('No session cookie')
  return sha256(token.slice(SESSION_COOKIE().length + 1))
}

/** Adds cookies from a response's Set-Cookie headers to a Cookie header value. */
export function withCookies(cookie: string | null, setCookies: string[]): string {
  const jar = new Map<string, string>()
  for (const part of (cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k) jar.set(k, v.join('='))
  }
  for (const set of setCookies) {
    const [pair] = set.split(';')
    const [k, ...v] = pair!.trim().split('=')
    if (k) jar.set(k, v.join('='))
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

/** A form POST as a browser sends it: urlencoded body, same-site Origin, the session cookie. */
export function formRequest(
  url: string,
  /** Pairs when a name repeats (ticked boxes). */
  fields: Record<string, string> | [string, string][],
  cookie?: string | null,
  headers: Record<string, string> = {},
): Request {
  const h = new Headers({
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: ORIGIN,
    ...headers,
  })
  if (cookie) h.set('Cookie', cookie)
  return new Request(new URL(url, ORIGIN), {
    method: 'POST',
    headers: h,
    body: new URLSearchParams(fields).toString(),
  })
}

export function getRequest(
  url: string,
  cookie?: string | null,
  headers: Record<string, string> = {},
): Request {
  const h = new Headers(headers)
  if (cookie) h.set('Cookie', cookie)
  return new Request(new URL(url, ORIGIN), { headers: h })
}

export interface RouteResult<T = any> {
  status: number
  headers: Headers
  /** Where a redirect goes. */
  location: string | null
  data: T
}

type RouteFn = (args: {
  request: Request
  params: Record<string, string | undefined>
  context: any
}) => unknown

/**
 * Calls a loader or action the way Remix does and gives one shape back, whether it returned or
 * threw a Response (redirects, 401) or `data(…)` (403, 400).
 */
export async function callRoute<T = any>(
  fn: RouteFn,
  request: Request,
  params: Record<string, string> = {},
): Promise<RouteResult<T>> {
  let value: unknown
  try {
    value = await fn({ request, params, context: {} })
  } catch (thrown) {
    value = thrown
  }
  if (value instanceof Response) {
    const type = value.headers.get('Content-Type') ?? ''
    const body = type.includes('json') ? await value.json() : await value.text()
    return {
      status: value.status,
      headers: value.headers,
      location: value.headers.get('Location'),
      data: body as T,
    }
  }
  if (value instanceof Error) throw value
  if (
    value &&
    typeof value === 'object' &&
    (value as { type?: string }).type === 'DataWithResponseInit'
  ) {
    const { data, init } = value as { data: T; init: ResponseInit | null }
    return {
      status: init?.status ?? 200,
      headers: new Headers(init?.headers),
      location: null,
      data,
    }
  }
  return { status: 200, headers: new Headers(), location: null, data: value as T }
}

/** The Set-Cookie values of a result (Headers joins them otherwise). */
export const setCookies = (result: RouteResult) => result.headers.getSetCookie()
