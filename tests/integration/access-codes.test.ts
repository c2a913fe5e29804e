import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { escapeLike } from '~/modules/citizens/access-codes.server'
import { normaliseAccessCode } from '~/modules/identity/codes'
import { sha256 } from '~/modules/identity/crypto.server'
import {
  loginWithAccessCode,
  loginWithPin,
  type RequestInfo,
} from '~/modules/identity/login.server'
import * as accessCodesPage from '~/routes/case.access-codes'
import * as codeLoginPage from '~/routes/login.code'
import * as setupPage from '~/routes/account.setup'
import {
  callRoute,
  createMunicipality,
  createOrganisation,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
  setCookies,
  type TestPerson,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// A caseworker registers a citizen without e-mail and hands them a one-time code; the citizen
// logs in with it once and chooses a PIN. Other municipalities and other roles see nothing.

const PAGE = '/case/access-codes'
const DAY = 86_400_000
const info = (now = new Date()): RequestInfo => ({
  now,
  ipHash: null,
  userAgent: null,
  previousSessionId: null,
})

let database: Database
let frederiksberg: string
let rodovre: string
let karin: TestPerson
let rasmus: TestPerson
let camilla: TestPerson
let karinCookie: string
let rasmusCookie: string
let camillaCookie: string

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  frederiksberg = await createMunicipality(db, 'Frederiksberg')
  rodovre = await createMunicipality(db, 'Rødovre')
  const cafe = await createOrganisation(db, 'Café Broen')
  karin = await createPerson(db, {
    name: 'Karin',
    email: 'karin@frederiksberg.example.dk',
    municipalRoles: [{ municipalityId: frederiksberg, role: 'caseworker' }],
  })
  rasmus = await createPerson(db, {
    name: 'Rasmus',
    email: 'rasmus@rodovre.example.dk',
    municipalRoles: [{ municipalityId: rodovre, role: 'caseworker' }],
  })
  camilla = await createPerson(db, {
    name: 'Camilla',
    email: 'camilla@cafe.example.dk',
    orgRoles: [{ organisationId: cafe, role: 'coordinator' }],
  })
  karinCookie = await sessionCookieFor(db, karin.id)
  rasmusCookie = await sessionCookieFor(db, rasmus.id)
  camillaCookie = await sessionCookieFor(db, camilla.id)
})

async function createCitizen(cookie: string, chosenName: string) {
  return callRoute(
    accessCodesPage.action,
    formRequest(PAGE, { intent: 'create', chosenName }, cookie),
  )
}

async function citizenNamed(chosenName: string) {
  return database.db
    .selectFrom('citizen')
    .select(['id', 'municipality_id', 'person_id', 'created_by'])
    .where('chosen_name', '=', chosenName)
    .executeTakeFirstOrThrow()
}

async function issue(cookie: string, citizenId: string) {
  return callRoute(
    accessCodesPage.action,
    formRequest(PAGE, { intent: 'issue', citizenId }, cookie),
  )
}

describe('/case/access-codes', () => {
  it('sends someone who is not logged in to the login page', async () => {
    const page = await callRoute(accessCodesPage.loader, getRequest(PAGE))
    expect(page.status).toBe(302)
    expect(page.location).toBe('/login?redirectTo=%2Fcase%2Faccess-codes')
    const post = await callRoute(
      accessCodesPage.action,
      formRequest(PAGE, { intent: 'create', chosenName: 'X' }),
    )
    expect(post.location).toMatch(/^\/login\?/)
  })

  it('is closed to an organisation coordinator', async () => {
    expect(
      (await callRoute(accessCodesPage.loader, getRequest(`${PAGE}?q=a`, camillaCookie))).status,
    ).toBe(403)
    expect((await createCitizen(camillaCookie, 'Nogen')).status).toBe(403)
    expect(
      await database.db
        .selectFrom('citizen')
        .select('id')
        .where('chosen_name', '=', 'Nogen')
        .execute(),
    ).toEqual([])
  })

  it('is closed to a caseworker who has not passed the second step', async () => {
    const pending = await sessionCookieFor(database.db, karin.id, { mfaVerified: false })
    const page = await callRoute(accessCodesPage.loader, getRequest(PAGE, pending))
    expect(page.location).toBe('/account/two-factor')
  })

  it('lets a Frederiksberg caseworker register a citizen by chosen name only', async () => {
    const res = await createCitizen(karinCookie, '  Sanne  ')
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${PAGE}?q=Sanne&created=1`)
    const citizen = await citizenNamed('Sanne')
    expect(citizen).toMatchObject({ municipality_id: frederiksberg, created_by: karin.id })
    const person = await database.db
      .selectFrom('person')
      .select(['email', 'password_hash', 'contact_preference', 'display_name'])
      .where('id', '=', citizen.person_id!)
      .executeTakeFirstOrThrow()
    expect(person).toEqual({
      email: null,
      password_hash: null,
      contact_preference: 'via_caseworker',
      display_name: 'Sanne',
    })

    const empty = await createCitizen(karinCookie, '   ')
    expect(empty.status).toBe(400)
    expect(empty.data.errors).toEqual({
      chosenName: ['pages.case.accessCodes.errors.nameRequired'],
    })
    const elsewhere = await callRoute(
      accessCodesPage.action,
      formRequest(
        PAGE,
        { intent: 'create', chosenName: 'Ikke her', municipalityId: rodovre },
        karinCookie,
      ),
    )
    expect(elsewhere.status).toBe(403)
  })

  it('finds citizens of the caseworker’s own municipality by name, and logs every one shown', async () => {
    await createCitizen(karinCookie, 'Sanna')
    await createCitizen(karinCookie, '100% Hansen')
    const empty = await callRoute(accessCodesPage.loader, getRequest(PAGE, karinCookie))
    expect(empty.status).toBe(200)
    expect(empty.data.citizens).toEqual([])

    const before = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'citizen.read')
      .execute()
    const page = await callRoute(accessCodesPage.loader, getRequest(`${PAGE}?q=SANN`, karinCookie))
    expect(page.data.citizens.map((c: { chosenName: string }) => c.chosenName)).toEqual([
      'Sanna',
      'Sanne',
    ])
    expect(page.data.citizens[1]).toMatchObject({ hasLogin: false, openCodeUntil: null })
    const reads = await database.db
      .selectFrom('audit_log')
      .select([
        'subject_citizen_id',
        'municipality_id',
        'record_type',
        'record_id',
        'page',
        'actor_person_id',
      ])
      .where('action', '=', 'citizen.read')
      .execute()
    expect(reads.length - before.length).toBe(2)
    const sanne = await citizenNamed('Sanne')
    expect(reads).toContainEqual({
      subject_citizen_id: sanne.id,
      municipality_id: frederiksberg,
      record_type: 'citizen',
      record_id: sanne.id,
      page: PAGE,
      actor_person_id: karin.id,
    })

    // Wildcards typed into the search are letters.
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\')
    const percent = await callRoute(
      accessCodesPage.loader,
      getRequest(`${PAGE}?q=${encodeURIComponent('%')}`, karinCookie),
    )
    expect(percent.data.citizens.map((c: { chosenName: string }) => c.chosenName)).toEqual([
      '100% Hansen',
    ])
    const underscore = await callRoute(
      accessCodesPage.loader,
      getRequest(`${PAGE}?q=_`, karinCookie),
    )
    expect(underscore.data.citizens).toEqual([])
  })

  it('issues a code shown once, stored only as a hash, that logs in once, and leads to choosing a PIN', async () => {
    const { db } = database
    const sanne = await citizenNamed('Sanne')
    const started = Date.now()
    const res = await issue(karinCookie, sanne.id)
    expect(res.status).toBe(200)
    const issued = res.data.issued
    expect(issued).toMatchObject({ chosenName: 'Sanne', loginUrl: 'http://localhost/login/code' })
    expect(issued.code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
    expect(issued.expiresOn).toEqual(expect.any(String))

    const rows = await db
      .selectFrom('access_code')
      .selectAll()
      .where('person_id', '=', sanne.person_id!)
      .execute()
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect(row.code_hash).toBe(sha256(normaliseAccessCode(issued.code)))
    expect(JSON.stringify(rows)).not.toContain(normaliseAccessCode(issued.code))
    expect(row.issued_by).toBe(karin.id)
    const lifetime = new Date(row.expires_at).getTime() - started
    expect(lifetime).toBeGreaterThan(14 * DAY - 60_000)
    expect(lifetime).toBeLessThan(14 * DAY + 60_000)
    const change = await db
      .selectFrom('audit_log')
      .select(['details', 'municipality_id', 'page'])
      .where('action', '=', 'citizen.change')
      .where('subject_citizen_id', '=', sanne.id)
      .where('actor_person_id', '=', karin.id)
      .execute()
    expect(change.map((c) => c.details)).toContainEqual({
      change: 'access_code_issued',
      accessCodeId: row.id,
    })

    // The list now shows an open code.
    const page = await callRoute(accessCodesPage.loader, getRequest(`${PAGE}?q=Sanne`, karinCookie))
    expect(page.data.citizens[0].openCodeUntil).toEqual(expect.any(String))

    // The citizen types it (any case, no dash) on /login/code and lands on the setup page.
    const login = await callRoute(
      codeLoginPage.action,
      formRequest('/login/code', { code: issued.code.replace('-', '').toLowerCase() }),
    )
    expect(login.status).toBe(302)
    expect(login.location).toBe('/account/setup')
    const citizenCookie = setCookies(login)
      .find((c) => c.startsWith('bb_session='))!
      .split(';')[0]!
    const again = await callRoute(
      codeLoginPage.action,
      formRequest('/login/code', { code: issued.code }),
    )
    expect(again.status).toBe(401)
    expect((await loginWithAccessCode(db, issued.code, info())).ok).toBe(false)

    const setup = await callRoute(
      setupPage.action,
      formRequest(
        '/account/setup',
        { intent: 'pin', pin: '4711', pinConfirm: '4711' },
        citizenCookie,
      ),
    )
    expect(setup.location).toBe('/account/setup?saved=pin')
    const device = setCookies(setup)
      .find((c) => c.startsWith('bb_device='))!
      .split(';')[0]!
      .slice('bb_device='.length)
    expect((await loginWithPin(db, device, '4711', info())).ok).toBe(true)

    const listed = await callRoute(
      accessCodesPage.loader,
      getRequest(`${PAGE}?q=Sanne`, karinCookie),
    )
    expect(listed.data.citizens[0]).toMatchObject({ hasLogin: true, openCodeUntil: null })
  })

  it('makes codes that stop working after 14 days, and a new code ends the one before', async () => {
    const sanna = await citizenNamed('Sanna')
    const first = (await issue(karinCookie, sanna.id)).data.issued.code
    const second = (await issue(karinCookie, sanna.id)).data.issued.code
    expect(second).not.toBe(first)
    expect((await loginWithAccessCode(database.db, first, info())).ok).toBe(false)

    const now = Date.now()
    expect(
      (await loginWithAccessCode(database.db, second, info(new Date(now + 14 * DAY + 60_000)))).ok,
    ).toBe(false)
    const inTime = await loginWithAccessCode(database.db, second, info(new Date(now + 13 * DAY)))
    expect(inTime.ok && inTime.next).toBe('done')
  })

  it('shows a Rødovre caseworker nothing of Frederiksberg’s citizens and lets them issue nothing', async () => {
    const sanne = await citizenNamed('Sanne')
    const page = await callRoute(
      accessCodesPage.loader,
      getRequest(`${PAGE}?q=Sanne`, rasmusCookie),
    )
    expect(page.status).toBe(200)
    expect(page.data.citizens).toEqual([])
    const codesBefore = await database.db.selectFrom('access_code').select('id').execute()
    const res = await issue(rasmusCookie, sanne.id)
    expect(res.status).toBe(404)
    expect(res.data.errors).toEqual({ '': ['pages.case.accessCodes.errors.notFound'] })
    expect(await database.db.selectFrom('access_code').select('id').execute()).toHaveLength(
      codesBefore.length,
    )
    const reads = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('actor_person_id', '=', rasmus.id)
      .where('subject_citizen_id', '=', sanne.id)
      .execute()
    expect(reads).toEqual([])

    // Rasmus's own citizen is his to find.
    await createCitizen(rasmusCookie, 'Sanne R')
    const own = await callRoute(accessCodesPage.loader, getRequest(`${PAGE}?q=Sanne`, rasmusCookie))
    expect(own.data.citizens.map((c: { chosenName: string }) => c.chosenName)).toEqual(['Sanne R'])
    expect(
      (
        await callRoute(accessCodesPage.loader, getRequest(`${PAGE}?q=Sanne`, karinCookie))
      ).data.citizens.map((c: { chosenName: string }) => c.chosenName),
    ).toEqual(['Sanne'])
  })

  it('refuses a tampered form', async () => {
    const bad = await callRoute(
      accessCodesPage.action,
      formRequest(PAGE, { intent: 'drop-tables' }, karinCookie),
    )
    expect(bad.status).toBe(400)
    const notUuid = await callRoute(
      accessCodesPage.action,
      formRequest(PAGE, { intent: 'issue', citizenId: "1' or 1=1" }, karinCookie),
    )
    expect(notUuid.status).toBe(400)
  })
})
