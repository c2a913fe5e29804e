import { readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../app/db.server.ts'
import { createSession } from '../../app/modules/identity/sessions.server.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { createTestDatabase } from '../setup/database.ts'

// Every route module must be classified here. A route added without a line fails this test, and
// every non-public route is proven to refuse an anonymous request (login redirect for pages,
// 401 for resources) and, where a role is needed, a logged-in person without it (403).
type Access =
  { kind: 'public'; why: string } | { kind: 'signed-in' } | { kind: 'role'; resource?: boolean }

const ACCESS: Record<string, Access> = {
  'reports._index': { kind: 'role' },
  'reports.print': { kind: 'role' },
  'reports.action-plan': { kind: 'role' },
  'reports.export[.]csv': { kind: 'role', resource: true },
  'reports.export[.]xlsx': { kind: 'role', resource: true },
  'admin.reports._index': { kind: 'role' },
  'admin.reports.$reportId': { kind: 'role' },
  'admin.reports.action-plan': { kind: 'role' },
  'org.$orgId.reports._index': { kind: 'role' },
  'org.$orgId.reports.$reportId': { kind: 'role' },
  'org.$orgId.matching.$referralId._index': { kind: 'role' },
  'org.$orgId.matching.$referralId.wish': { kind: 'role' },
  'org.$orgId.courses._index': { kind: 'role' },
  'org.$orgId.courses.$courseId': { kind: 'role' },
  'volunteer.buddies._index': { kind: 'signed-in' },
  'volunteer.buddies.$courseId': { kind: 'signed-in' },
  'volunteer.buddies.answer.$token': {
    kind: 'public',
    why: "the token is the credential (the volunteer's answer to one proposal)",
  },
  'me.buddy': { kind: 'role' },
  _index: { kind: 'public', why: 'front page' },
  tilgaengelighed: {
    kind: 'public',
    why: 'accessibility statement (required by law to be public)',
  },
  kommune: { kind: 'public', why: 'choose municipality (a cookie, no data)' },
  healthz: { kind: 'public', why: 'load balancer health check' },
  'bench.baseline': { kind: 'public', why: 'constant page, 404 unless BENCH=1' },
  'bench.ready': { kind: 'public', why: 'start-up jobs finished or not, 404 unless BENCH=1' },
  'dev.mail._index': {
    kind: 'public',
    why: 'development and demo only; 404 in production (tested in e2e)',
  },
  'dev.mail.$id': { kind: 'public', why: 'development and demo only; 404 in production' },
  'login._index': { kind: 'public', why: 'login' },
  'login.code': { kind: 'public', why: 'login with an access code' },
  'login.magic._index': { kind: 'public', why: 'ask for a login link' },
  'login.magic.$token': { kind: 'public', why: 'the token is the credential' },
  'password.forgot': { kind: 'public', why: 'ask for a reset link' },
  'password.reset.$token': { kind: 'public', why: 'the token is the credential' },
  logout: { kind: 'public', why: 'ends whatever session the cookie names' },
  'login.totp': { kind: 'signed-in' },
  'invitations.$token': { kind: 'public', why: 'the token is the credential' },
  'organisations.register': {
    kind: 'public',
    why: 'organisations register themselves and wait for approval',
  },
  'account._index': { kind: 'signed-in' },
  'account.profile': { kind: 'signed-in' },
  'account.password': { kind: 'signed-in' },
  'account.two-factor': { kind: 'signed-in' },
  'account.sessions': { kind: 'signed-in' },
  'account.setup': { kind: 'signed-in' },
  'account.delete': { kind: 'signed-in' },
  'admin.people': { kind: 'role' },
  'admin.organisations': { kind: 'role' },
  'admin.audit': { kind: 'role' },
  'case.access-codes': { kind: 'role' },
  'case._index': { kind: 'role' },
  'case.citizens._index': { kind: 'role' },
  'case.citizens.new': { kind: 'role' },
  'case.citizens.$citizenId._index': { kind: 'role' },
  'case.citizens.$citizenId.consents.new': { kind: 'role' },
  'case.citizens.$citizenId.consents.$consentId._index': { kind: 'role' },
  'case.citizens.$citizenId.consents.$consentId.withdraw': { kind: 'role' },
  'case.referrals.new': { kind: 'role' },
  'case.referrals.$referralId': { kind: 'role' },
  'org.$orgId.referrals._index': { kind: 'role' },
  'org.$orgId.referrals.$referralId': { kind: 'role' },
  'me._index': { kind: 'role' },
  'me.referrals': { kind: 'role' },
  'me.consents._index': { kind: 'role' },
  'me.consents.$consentId._index': { kind: 'role' },
  'me.consents.$consentId.withdraw': { kind: 'role' },
  'me.activities': { kind: 'role' },
  'me.log': { kind: 'role' },
  'org.$orgId.staff': { kind: 'role' },
  'admin.partnerships._index': { kind: 'role' },
  'admin.partnerships.new': { kind: 'role' },
  'admin.partnerships.$partnershipId': { kind: 'role' },
  'org.$orgId.partnerships._index': { kind: 'role' },
  'org.$orgId.partnerships.$partnershipId': { kind: 'role' },
  'org.$orgId.activities._index': { kind: 'role' },
  'org.$orgId.activities.new': { kind: 'role' },
  'org.$orgId.activities.$activityId._index': { kind: 'role' },
  'org.$orgId.profile': { kind: 'role' },
  'activities.$activityId.signup': {
    kind: 'public',
    why: 'open activities: anyone may sign up, also as a guest',
  },
  'signups.$token': {
    kind: 'public',
    why: "the token is the credential (the holder's own sign-up)",
  },
  'kiosk.$token': {
    kind: 'public',
    why: 'the token is the credential (a shared tablet at a session)',
  },
  'org.$orgId.sessions.$sessionId': { kind: 'role' },
  'account.calendar': { kind: 'signed-in' },
  'activities.$activityId.calendar[.]ics': {
    kind: 'public',
    why: 'public feed of a published activity',
  },
  'organisations.$orgId.calendar[.]ics': {
    kind: 'public',
    why: 'public feed of an approved organisation',
  },
  'calendar.$token[.]ics': {
    kind: 'public',
    why: 'private feed: the secret token is the credential',
  },
  'api.hsds._index': { kind: 'public', why: 'open data: HSDS API information' },
  'api.hsds.services._index': { kind: 'public', why: 'open data: published activities (HSDS)' },
  'api.hsds.services.$id': { kind: 'public', why: 'open data: one published activity (HSDS)' },
  'api.hsds.organizations._index': {
    kind: 'public',
    why: 'open data: approved organisations (HSDS)',
  },
  'api.hsds.organizations.$id': {
    kind: 'public',
    why: 'open data: one approved organisation (HSDS)',
  },
  'activities._index': { kind: 'public', why: 'the public activity catalogue' },
  'activities.$activityId._index': {
    kind: 'public',
    why: 'a published activity, public by design',
  },
  'organisations.$orgId._index': {
    kind: 'public',
    why: "an approved organisation's public profile",
  },
  'case.frikort._index': { kind: 'role' },
  'case.frikort.$citizenId': { kind: 'role' },
  'admin.frikort.caps': { kind: 'role' },
  'org.$orgId.jobs._index': { kind: 'role' },
  'org.$orgId.jobs.new': { kind: 'role' },
  'org.$orgId.jobs.$jobId': { kind: 'role' },
  'org.$orgId.frikort._index': { kind: 'role' },
  'org.$orgId.frikort.$citizenId._index': { kind: 'role' },
  'org.$orgId.frikort.$citizenId.export[.]csv': { kind: 'role', resource: true },
  'org.$orgId.frikort.matchmaking': { kind: 'role' },
  'jobs._index': { kind: 'role' },
  'jobs.$jobId': { kind: 'role' },
  'me.frikort': { kind: 'role' },
  'frikort.borger': { kind: 'public', why: 'plain-language explainer for citizens' },
  'frikort.arbejdsgiver': { kind: 'public', why: 'plain-language explainer for employers' },
  'volunteer._index': { kind: 'public', why: 'anyone may offer to volunteer' },
  'volunteer.confirm.$token': { kind: 'public', why: 'the token is the credential' },
  'volunteer.me._index': { kind: 'signed-in' },
  'volunteer.me.hours': { kind: 'signed-in' },
  'org.$orgId.volunteers._index': { kind: 'role' },
  'org.$orgId.volunteers.$applicationId': { kind: 'role' },
  'org.$orgId.volunteers.settings': { kind: 'role' },
  'org.$orgId.volunteers.capacity': { kind: 'role' },
  'org.$orgId.volunteers.hours': { kind: 'role' },
}

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes')
const routeFiles = readdirSync(ROUTES_DIR)
  .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !/\.(test|spec)\./.test(f))
  .map((f) => f.replace(/\.(tsx?|jsx?)$/, ''))

const PARAMS: Record<string, string> = {
  orgId: DEMO.org.cafe,
  token: 'not-a-real-token',
  id: '00000000-0000-4000-8000-00000000abcd',
}

function urlFor(route: string): string {
  const segments = route
    .replace(/^_index$/, '')
    .replace(/\._index$/, '')
    .split('.')
    .filter(Boolean)
    .map((s) => (s.startsWith('$') ? (PARAMS[s.slice(1)] ?? 'x') : s))
  return `http://localhost/${segments.join('/')}`
}

function paramsFor(route: string): Record<string, string> {
  const params: Record<string, string> = {}
  for (const s of route.split('.'))
    if (s.startsWith('$')) params[s.slice(1)] = PARAMS[s.slice(1)] ?? 'x'
  return params
}

/** Loaders and actions signal refusals by throwing a Response or single-fetch `data()`. */
async function outcome(
  fn: () => Promise<unknown>,
): Promise<{ status: number; location: string | null }> {
  try {
    const value = await fn()
    if (value instanceof Response)
      return { status: value.status, location: value.headers.get('Location') }
    const init = (value as { init?: { status?: number } } | null)?.init
    return { status: init?.status ?? 200, location: null }
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get('Location') }
    const init = (thrown as { init?: { status?: number } } | null)?.init
    if (init?.status) return { status: init.status, location: null }
    throw thrown
  }
}

function request(route: string, method: 'GET' | 'POST', cookie?: string): Request {
  const headers = new Headers({ Origin: 'http://localhost' })
  if (cookie) headers.set('Cookie', cookie)
  if (method === 'GET') return new Request(urlFor(route), { headers })
  headers.set('Content-Type', 'application/x-www-form-urlencoded')
  return new Request(urlFor(route), { method, headers, body: 'intent=x' })
}

describe('route access', () => {
  let database: Database
  let volunteerCookie: string

  beforeAll(async () => {
    database = await createTestDatabase()
    await seedDemo(database.db)
    const person = await database.db
      .insertInto('person')
      .values({ email: 'no-roles@example.dk', display_name: 'Vera Frivillig' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await database.db.insertInto('volunteer_profile').values({ person_id: person.id }).execute()
    const session = await createSession(database.db, {
      personId: person.id,
      isStaff: false,
      mfaVerified: true,
      now: new Date(),
    })
    volunteerCookie = `bb_session=${session.token}`
  })

  it('classifies every route module', () => {
    const unclassified = routeFiles.filter((r) => !(r in ACCESS))
    expect(
      unclassified,
      `add these routes to ACCESS in ${path.basename(import.meta.filename)}`,
    ).toEqual([])
  })

  it('has no stale entries', () => {
    const stale = Object.keys(ACCESS).filter((r) => !routeFiles.includes(r))
    expect(stale).toEqual([])
  })

  for (const route of routeFiles) {
    const access = ACCESS[route]
    if (!access || access.kind === 'public') continue
    describe(route, () => {
      it('refuses an anonymous request', async () => {
        const mod = await import(path.join(ROUTES_DIR, route))
        const handlers = (['loader', 'action'] as const).filter((h) => typeof mod[h] === 'function')
        expect(handlers.length).toBeGreaterThan(0)
        for (const h of handlers) {
          const result = await outcome(() =>
            mod[h]({
              request: request(route, h === 'loader' ? 'GET' : 'POST'),
              params: paramsFor(route),
              context: {},
            }),
          )
          if (access.kind === 'role' && access.resource) {
            expect(result.status, `${route} ${h}`).toBe(401)
          } else {
            expect(result.status, `${route} ${h}`).toBe(302)
            expect(result.location, `${route} ${h}`).toMatch(/^\/login\?redirectTo=/)
          }
        }
      })

      if (access.kind === 'role') {
        it('refuses a signed-in person without the role (403)', async () => {
          const mod = await import(path.join(ROUTES_DIR, route))
          for (const h of ['loader', 'action'] as const) {
            if (typeof mod[h] !== 'function') continue
            const result = await outcome(() =>
              mod[h]({
                request: request(route, h === 'loader' ? 'GET' : 'POST', volunteerCookie),
                params: paramsFor(route),
                context: {},
              }),
            )
            expect(result.status, `${route} ${h}`).toBe(403)
          }
        })
      }
    })
  }
})
