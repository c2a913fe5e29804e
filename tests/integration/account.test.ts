import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { loadSessionActor } from '~/modules/identity/actor.server'
import {
  loginWithPassword,
  loginWithPin,
  verifySecondFactor,
  type RequestInfo,
} from '~/modules/identity/login.server'
import { verifyPassword } from '~/modules/identity/passwords.server'
import { generateTotpSecret, timeStep, totpAt } from '~/modules/identity/totp'
import { normaliseRecoveryCode } from '~/modules/identity/codes'
import { sha256 } from '~/modules/identity/crypto.server'
import * as deletePage from '~/routes/account.delete'
import * as passwordPage from '~/routes/account.password'
import * as profilePage from '~/routes/account.profile'
import * as sessionsPage from '~/routes/account.sessions'
import * as setupPage from '~/routes/account.setup'
import * as twoFactorPage from '~/routes/account.two-factor'
import {
  callRoute,
  createMunicipality,
  createOrganisation,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
  sessionIdOf,
  setCookies,
  withCookies,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// The person's own account pages, through their loaders and actions with real Requests.

let database: Database
let frederiksberg: string
const info = (now = new Date()): RequestInfo => ({
  now,
  ipHash: null,
  userAgent: null,
  previousSessionId: null,
})

beforeAll(async () => {
  database = await createTestDatabase()
  frederiksberg = await createMunicipality(database.db, 'Frederiksberg')
})

async function audits(personId: string, action: string) {
  return database.db
    .selectFrom('audit_log')
    .select(['action', 'details', 'record_id', 'subject_citizen_id', 'municipality_id'])
    .where('actor_person_id', '=', personId)
    .where('action', '=', action)
    .execute()
}

const isLive = async (cookie: string) =>
  (await loadSessionActor(database.db, sessionIdOf(cookie), new Date())) !== null

describe('/account/profile', () => {
  it('sends someone who is not logged in to the login page', async () => {
    const res = await callRoute(profilePage.loader, getRequest('/account/profile'))
    expect(res.status).toBe(302)
    expect(res.location).toBe('/login?redirectTo=%2Faccount%2Fprofile')
  })

  it('saves name, language, contact preference and phone, sets the language cookie and logs the change', async () => {
    const { db } = database
    const person = await createPerson(db, {
      name: 'Mikkel',
      email: 'mikkel.profile@example.dk',
      volunteer: true,
    })
    const cookie = await sessionCookieFor(db, person.id)
    const page = await callRoute(profilePage.loader, getRequest('/account/profile', cookie))
    expect(page.status).toBe(200)
    expect(page.data.profile).toMatchObject({
      displayName: 'Mikkel',
      language: 'da',
      contactPreference: 'email',
      phone: '',
    })

    const res = await callRoute(
      profilePage.action,
      formRequest(
        '/account/profile',
        {
          displayName: '  Mikkel B  ',
          language: 'en',
          contactPreference: 'sms',
          phone: '+45 12 34 56 78',
        },
        cookie,
      ),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/account/profile?saved=1')
    expect(setCookies(res)).toContain('lng=en; Path=/; Max-Age=31536000; SameSite=Lax')
    const row = await db
      .selectFrom('person')
      .select(['display_name', 'language', 'contact_preference', 'phone'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      display_name: 'Mikkel B',
      language: 'en',
      contact_preference: 'sms',
      phone: '+45 12 34 56 78',
    })
    const [entry] = await audits(person.id, 'account.profile_changed')
    expect(entry?.details).toEqual({
      changed: ['displayName', 'language', 'contactPreference', 'phone'],
    })
  })

  it('asks for a phone number for SMS, refuses e-mail without an address, and keeps what was typed', async () => {
    const { db } = database
    const person = await createPerson(db, { name: 'Sanne', citizenOf: frederiksberg })
    const cookie = await sessionCookieFor(db, person.id)
    const noPhone = await callRoute(
      profilePage.action,
      formRequest(
        '/account/profile',
        { displayName: 'Sanne', language: 'da', contactPreference: 'sms', phone: '' },
        cookie,
      ),
    )
    expect(noPhone.status).toBe(400)
    expect(noPhone.data.errors).toEqual({
      phone: ['pages.accountPages.profile.errors.phoneRequired'],
    })
    expect(noPhone.data.values).toMatchObject({ displayName: 'Sanne', contactPreference: 'sms' })

    const noEmail = await callRoute(
      profilePage.action,
      formRequest(
        '/account/profile',
        { displayName: 'Sanne', language: 'da', contactPreference: 'email' },
        cookie,
      ),
    )
    expect(noEmail.status).toBe(400)
    expect(noEmail.data.errors).toEqual({
      contactPreference: ['pages.accountPages.profile.errors.noEmail'],
    })
    expect(await audits(person.id, 'account.profile_changed')).toHaveLength(0)
  })
})

describe('/account/password', () => {
  it('needs the current password, then changes it and ends every other session', async () => {
    const { db } = database
    const person = await createPerson(db, {
      name: 'Sofie',
      email: 'sofie.pw@example.dk',
      password: 'old-password-123',
      volunteer: true,
    })
    const here = await sessionCookieFor(db, person.id)
    const elsewhere = await sessionCookieFor(db, person.id)

    const wrong = await callRoute(
      passwordPage.action,
      formRequest(
        '/account/password',
        {
          currentPassword: 'not-it-at-all',
          password: 'new-password-456',
          confirm: 'new-password-456',
        },
        here,
      ),
    )
    expect(wrong.status).toBe(400)
    expect(wrong.data.errors).toEqual({ currentPassword: ['pages.password.errors.current'] })
    expect(JSON.stringify(wrong.data)).not.toContain('not-it-at-all')

    const missing = await callRoute(
      passwordPage.action,
      formRequest(
        '/account/password',
        { password: 'new-password-456', confirm: 'new-password-456' },
        here,
      ),
    )
    expect(missing.data.errors).toEqual({
      currentPassword: ['pages.accountPages.password.errors.currentRequired'],
    })

    const short = await callRoute(
      passwordPage.action,
      formRequest(
        '/account/password',
        { currentPassword: 'old-password-123', password: 'short', confirm: 'shorter' },
        here,
      ),
    )
    expect(short.status).toBe(400)
    expect(short.data.errors).toEqual({
      password: ['pages.password.errors.tooShort'],
      confirm: ['pages.password.errors.mismatch'],
    })

    const ok = await callRoute(
      passwordPage.action,
      formRequest(
        '/account/password',
        {
          currentPassword: 'old-password-123',
          password: 'new-password-456',
          confirm: 'new-password-456',
        },
        here,
      ),
    )
    expect(ok.status).toBe(302)
    expect(ok.location).toBe('/account/password?changed=1')
    expect(await isLive(here)).toBe(true)
    expect(await isLive(elsewhere)).toBe(false)
    const row = await db
      .selectFrom('person')
      .select('password_hash')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(row.password_hash, 'new-password-456')).toBe(true)
    const [entry] = await audits(person.id, 'account.password_changed')
    expect(entry?.details).toEqual({ firstPassword: false, otherSessionsEnded: 1 })
  })
})

describe('/account/two-factor', () => {
  it('lets a caseworker without two-factor enrol first, then gives ten recovery codes that each work once', async () => {
    const { db } = database
    const person = await createPerson(db, {
      name: 'Karin',
      email: 'karin.enrol@example.dk',
      password: 'karin-password-1',
      municipalRoles: [{ municipalityId: frederiksberg, role: 'caseworker' }],
    })
    // As after the password step: the session has not passed a second factor.
    const cookie = await sessionCookieFor(db, person.id, { mfaVerified: false })
    const elsewhere = await callRoute(profilePage.loader, getRequest('/account/profile', cookie))
    expect(elsewhere.location).toBe('/account/two-factor')

    const first = await callRoute(twoFactorPage.loader, getRequest('/account/two-factor', cookie))
    expect(first.status).toBe(200)
    expect(first.data).toMatchObject({ enabled: false, required: true })
    expect(first.data.enrolment.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(
      Buffer.from(first.data.enrolment.qrDataUrl.split(',')[1], 'base64').toString(),
    ).toContain('<svg')
    const secret = first.data.enrolment.secret.replace(/ /g, '')
    expect(first.data.enrolment.secret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/)
    const reload = await callRoute(twoFactorPage.loader, getRequest('/account/two-factor', cookie))
    expect(reload.data.enrolment.secret.replace(/ /g, '')).toBe(secret)
    const pending = await db
      .selectFrom('person')
      .select('totp_pending_secret_enc')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(pending.totp_pending_secret_enc).not.toContain(secret)

    const wrong = await callRoute(
      twoFactorPage.action,
      formRequest('/account/two-factor', { intent: 'enable', code: '000000' }, cookie),
    )
    expect(wrong.status).toBe(400)
    expect(wrong.data.errors).toEqual({ code: ['pages.totp.errors.invalid'] })

    const code = totpAt(secret, timeStep(new Date()))
    const enabled = await callRoute(
      twoFactorPage.action,
      formRequest('/account/two-factor', { intent: 'enable', code }, cookie),
    )
    expect(enabled.status).toBe(200)
    expect(enabled.data.kind).toBe('enabled')
    const codes: string[] = enabled.data.recoveryCodes
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)

    const row = await db
      .selectFrom('person')
      .select(['totp_secret_enc', 'totp_pending_secret_enc', 'totp_enabled_at', 'totp_last_step'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row.totp_secret_enc).toBe(pending.totp_pending_secret_enc)
    expect(row.totp_pending_secret_enc).toBeNull()
    expect(row.totp_enabled_at).not.toBeNull()
    expect(row.totp_last_step).toBeGreaterThanOrEqual(timeStep(new Date()) - 1)
    const stored = await db
      .selectFrom('recovery_code')
      .select('code_hash')
      .where('person_id', '=', person.id)
      .execute()
    expect(stored.map((s) => s.code_hash).sort()).toEqual(
      codes.map((c) => sha256(normaliseRecoveryCode(c))).sort(),
    )
    expect(await audits(person.id, 'account.totp_enabled')).toHaveLength(1)

    // This session now counts as verified; the rest of the app opens.
    expect(
      (await callRoute(profilePage.loader, getRequest('/account/profile', cookie))).status,
    ).toBe(200)
    const status = await callRoute(twoFactorPage.loader, getRequest('/account/two-factor', cookie))
    expect(status.data).toMatchObject({ enabled: true, unusedRecoveryCodes: 10, enrolment: null })

    // The enrolment code cannot be replayed to make new recovery codes.
    const replay = await callRoute(
      twoFactorPage.action,
      formRequest('/account/two-factor', { intent: 'regenerate', code }, cookie),
    )
    expect(replay.status).toBe(400)

    // A later sign-in: a recovery code works once, and only once.
    const later = await sessionCookieFor(db, person.id, { mfaVerified: false })
    const laterId = sessionIdOf(later)
    expect(
      (await verifySecondFactor(db, laterId, person.id, codes[0]!.toUpperCase(), info())).ok,
    ).toBe(true)
    expect((await verifySecondFactor(db, laterId, person.id, codes[0]!, info())).ok).toBe(false)

    // Staff cannot turn it off.
    const off = await callRoute(
      twoFactorPage.action,
      formRequest('/account/two-factor', { intent: 'disable', code: codes[1]! }, cookie),
    )
    expect(off.status).toBe(403)

    // New recovery codes (proved with a recovery code): the old ones stop working.
    const fresh = await callRoute(
      twoFactorPage.action,
      formRequest('/account/two-factor', { intent: 'regenerate', code: codes[2]! }, cookie),
    )
    expect(fresh.status).toBe(200)
    expect(fresh.data.kind).toBe('replaced')
    expect((await verifySecondFactor(db, laterId, person.id, codes[3]!, info())).ok).toBe(false)
    expect(
      (await verifySecondFactor(db, laterId, person.id, fresh.data.recoveryCodes[0], info())).ok,
    ).toBe(true)
  })

  it('does not let a session that has not passed the second step change two-factor that is already on', async () => {
    const { db } = database
    const secret = generateTotpSecret()
    const person = await createPerson(db, {
      name: 'Helle',
      email: 'helle.pending@example.dk',
      municipalRoles: [{ municipalityId: frederiksberg, role: 'administrator' }],
      totpSecret: secret,
    })
    const cookie = await sessionCookieFor(db, person.id, { mfaVerified: false })
    const page = await callRoute(twoFactorPage.loader, getRequest('/account/two-factor', cookie))
    expect(page.location).toBe('/login/totp?redirectTo=%2Faccount%2Ftwo-factor')
    const regenerate = await callRoute(
      twoFactorPage.action,
      formRequest(
        '/account/two-factor',
        { intent: 'regenerate', code: totpAt(secret, timeStep(new Date())) },
        cookie,
      ),
    )
    expect(regenerate.location).toBe('/login/totp?redirectTo=%2Faccount%2Ftwo-factor')
  })

  it('lets a volunteer turn two-factor off with a current code, and asks for it at login while it is on', async () => {
    const { db } = database
    const secret = generateTotpSecret()
    const person = await createPerson(db, {
      name: 'Jonas',
      email: 'jonas.totp@example.dk',
      password: 'jonas-password-1',
      volunteer: true,
      totpSecret: secret,
    })
    const login = await loginWithPassword(db, 'jonas.totp@example.dk', 'jonas-password-1', info())
    expect(login.ok && login.next).toBe('totp')

    const cookie = await sessionCookieFor(db, person.id)
    const wrong = await callRoute(
      twoFactorPage.action,
      formRequest('/account/two-factor', { intent: 'disable', code: '123456' }, cookie),
    )
    expect(wrong.status).toBe(400)
    expect(wrong.data.errors).toEqual({ disableCode: ['pages.totp.errors.invalid'] })
    const res = await callRoute(
      twoFactorPage.action,
      formRequest(
        '/account/two-factor',
        { intent: 'disable', code: totpAt(secret, timeStep(new Date())) },
        cookie,
      ),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/account/two-factor?disabled=1')
    const row = await db
      .selectFrom('person')
      .select(['totp_secret_enc', 'totp_enabled_at'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ totp_secret_enc: null, totp_enabled_at: null })
    expect(await audits(person.id, 'account.totp_disabled')).toHaveLength(1)
    const again = await loginWithPassword(db, 'jonas.totp@example.dk', 'jonas-password-1', info())
    expect(again.ok && again.next).toBe('done')
  })
})

describe('/account/sessions', () => {
  it('lists only my live sessions and ends only my own', async () => {
    const { db } = database
    const me = await createPerson(db, {
      name: 'Ahmed',
      email: 'ahmed.sessions@example.dk',
      volunteer: true,
    })
    const other = await createPerson(db, {
      name: 'Birgit',
      email: 'birgit.sessions@example.dk',
      volunteer: true,
    })
    const firefox =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0'
    const here = await sessionCookieFor(db, me.id, { userAgent: firefox })
    const phone = await sessionCookieFor(db, me.id, {
      userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36',
    })
    const laptop = await sessionCookieFor(db, me.id)
    const theirs = await sessionCookieFor(db, other.id)

    const page = await callRoute(sessionsPage.loader, getRequest('/account/sessions', here))
    expect(page.status).toBe(200)
    expect(page.data.sessions).toHaveLength(3)
    const current = page.data.sessions.find((s: { current: boolean }) => s.current)
    expect(current).toMatchObject({ id: sessionIdOf(here), device: 'Firefox på Windows' })
    expect(page.data.sessions.map((s: { device: string }) => s.device)).toContain(
      'Chrome på Android',
    )
    expect(page.data.sessions.map((s: { id: string }) => s.id)).not.toContain(sessionIdOf(theirs))

    const notMine = await callRoute(
      sessionsPage.action,
      formRequest('/account/sessions', { intent: 'revoke', sessionId: sessionIdOf(theirs) }, here),
    )
    expect(notMine.status).toBe(404)
    expect(await isLive(theirs)).toBe(true)

    const one = await callRoute(
      sessionsPage.action,
      formRequest('/account/sessions', { intent: 'revoke', sessionId: sessionIdOf(phone) }, here),
    )
    expect(one.location).toBe('/account/sessions?done=one')
    expect(await isLive(phone)).toBe(false)
    expect(await isLive(laptop)).toBe(true)
    expect(await audits(me.id, 'account.session_revoked')).toHaveLength(1)

    const rest = await callRoute(
      sessionsPage.action,
      formRequest('/account/sessions', { intent: 'everywhere-else' }, here),
    )
    expect(rest.location).toBe('/account/sessions?done=others')
    expect(await isLive(laptop)).toBe(false)
    expect(await isLive(here)).toBe(true)
    expect(await isLive(theirs)).toBe(true)

    const self = await callRoute(
      sessionsPage.action,
      formRequest('/account/sessions', { intent: 'revoke', sessionId: sessionIdOf(here) }, here),
    )
    expect(self.location).toBe('/?loggedOut=1')
    expect(setCookies(self).some((c) => c.startsWith('bb_session=;'))).toBe(true)
    expect(await isLive(here)).toBe(false)
  })
})

describe('/account/setup', () => {
  it('sets a PIN on this phone; the PIN then logs in, and five wrong PINs lock it', async () => {
    const { db } = database
    const person = await createPerson(db, { name: 'Sanne', citizenOf: frederiksberg })
    const cookie = await sessionCookieFor(db, person.id)
    const page = await callRoute(setupPage.loader, getRequest('/account/setup', cookie))
    expect(page.data).toMatchObject({
      name: 'Sanne',
      hasEmail: false,
      hasPinHere: false,
      saved: null,
    })

    const weak = await callRoute(
      setupPage.action,
      formRequest('/account/setup', { intent: 'pin', pin: '1234', pinConfirm: '1234' }, cookie),
    )
    expect(weak.status).toBe(400)
    expect(weak.data.errors).toEqual({ pin: ['pages.accountPages.setup.errors.pinWeak'] })
    expect(weak.data.values).toEqual({ intent: 'pin' })

    const res = await callRoute(
      setupPage.action,
      formRequest('/account/setup', { intent: 'pin', pin: '2580', pinConfirm: '2580' }, cookie),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/account/setup?saved=pin')
    const device = setCookies(res).find((c) => c.startsWith('bb_device='))!
    expect(device).toMatch(/HttpOnly/)
    const token = device.split(';')[0]!.slice('bb_device='.length)
    const stored = await db
      .selectFrom('device_credential')
      .select(['token_hash', 'pin_hash'])
      .where('person_id', '=', person.id)
      .execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]!.token_hash).toBe(sha256(token))
    expect(stored[0]!.pin_hash).toMatch(/^\$argon2id\$/)
    expect(await audits(person.id, 'account.pin_created')).toHaveLength(1)
    const withDevice = withCookies(cookie, setCookies(res))
    expect(
      (await callRoute(setupPage.loader, getRequest('/account/setup', withDevice))).data.hasPinHere,
    ).toBe(true)

    const login = await loginWithPin(db, token, '2580', info())
    expect(login.ok).toBe(true)

    const results = []
    for (let i = 0; i < 5; i++) results.push(await loginWithPin(db, token, '9999', info()))
    expect(results.slice(0, 4).map((r) => !r.ok && r.reason)).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ])
    expect(!results[4]!.ok && results[4]!.reason).toBe('locked')
    const locked = await loginWithPin(db, token, '2580', info())
    expect(!locked.ok && locked.reason).toBe('locked')
  })

  it('adds e-mail and password, with one neutral answer for an address that is taken', async () => {
    const { db } = database
    await createPerson(db, { name: 'Taken', email: 'taken.setup@example.dk' })
    const person = await createPerson(db, { name: 'Mads', citizenOf: frederiksberg })
    const cookie = await sessionCookieFor(db, person.id)
    const taken = await callRoute(
      setupPage.action,
      formRequest(
        '/account/setup',
        {
          intent: 'email',
          email: 'TAKEN.setup@example.dk',
          password: 'mads-password-1',
          confirm: 'mads-password-1',
        },
        cookie,
      ),
    )
    expect(taken.status).toBe(400)
    expect(taken.data.errors).toEqual({
      email: ['pages.accountPages.setup.errors.emailUnavailable'],
    })

    const ok = await callRoute(
      setupPage.action,
      formRequest(
        '/account/setup',
        {
          intent: 'email',
          email: 'mads.setup@example.dk',
          password: 'mads-password-1',
          confirm: 'mads-password-1',
        },
        cookie,
      ),
    )
    expect(ok.location).toBe('/account/setup?saved=email')
    const login = await loginWithPassword(db, 'mads.setup@example.dk', 'mads-password-1', info())
    expect(login.ok).toBe(true)
    expect(await audits(person.id, 'account.email_password_added')).toHaveLength(1)
  })
})

describe('/account/delete', () => {
  it('anonymises a volunteer at once and ends every way in', async () => {
    const { db } = database
    const person = await createPerson(db, {
      name: 'Sofie',
      email: 'sofie.delete@example.dk',
      password: 'sofie-password-1',
      volunteer: true,
    })
    await db.updateTable('person').set({ phone: '12345678' }).where('id', '=', person.id).execute()
    await db
      .insertInto('device_credential')
      .values({ person_id: person.id, token_hash: sha256('device-sofie'), pin_hash: 'x' })
      .execute()
    const cookie = await sessionCookieFor(db, person.id)
    const other = await sessionCookieFor(db, person.id)
    const page = await callRoute(deletePage.loader, getRequest('/account/delete', cookie))
    expect(page.data).toMatchObject({ kind: 'volunteer', requestedOn: null })

    const res = await callRoute(deletePage.action, formRequest('/account/delete', {}, cookie))
    expect(res.status).toBe(302)
    expect(res.location).toBe('/?deleted=1')
    expect(setCookies(res).some((c) => c.startsWith('bb_session=;'))).toBe(true)
    expect(setCookies(res).some((c) => c.startsWith('bb_device=;'))).toBe(true)
    const row = await db
      .selectFrom('person')
      .select(['email', 'display_name', 'phone', 'password_hash', 'deleted_at'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      email: null,
      display_name: 'Slettet',
      phone: null,
      password_hash: null,
    })
    expect(row.deleted_at).not.toBeNull()
    expect(
      await db
        .selectFrom('volunteer_profile')
        .select('person_id')
        .where('person_id', '=', person.id)
        .execute(),
    ).toEqual([])
    const devices = await db
      .selectFrom('device_credential')
      .select('revoked_at')
      .where('person_id', '=', person.id)
      .execute()
    expect(devices.every((d) => d.revoked_at !== null)).toBe(true)
    expect(await isLive(other)).toBe(false)
    expect(
      (await callRoute(deletePage.loader, getRequest('/account/delete', other))).location,
    ).toMatch(/^\/login/)
    expect(
      (await loginWithPassword(db, 'sofie.delete@example.dk', 'sofie-password-1', info())).ok,
    ).toBe(false)
    expect(await audits(person.id, 'account.deleted')).toHaveLength(1)
  })

  it('records a citizen’s erasure request, due in 30 days, once', async () => {
    const { db } = database
    const person = await createPerson(db, { name: 'Lone', citizenOf: frederiksberg })
    const cookie = await sessionCookieFor(db, person.id)
    const page = await callRoute(deletePage.loader, getRequest('/account/delete', cookie))
    expect(page.data).toMatchObject({ kind: 'citizen', requestedOn: null })

    const before = Date.now()
    const res = await callRoute(deletePage.action, formRequest('/account/delete', {}, cookie))
    expect(res.location).toBe('/account/delete')
    const requests = await db
      .selectFrom('erasure_request')
      .selectAll()
      .where('citizen_id', '=', person.citizenId!)
      .execute()
    expect(requests).toHaveLength(1)
    const due =
      new Date(requests[0]!.due_at).getTime() - new Date(requests[0]!.requested_at).getTime()
    expect(due).toBe(30 * 86_400_000)
    expect(new Date(requests[0]!.requested_at).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(requests[0]!.requested_by).toBe(person.id)
    const [entry] = await audits(person.id, 'citizen.erasure_requested')
    expect(entry).toMatchObject({
      subject_citizen_id: person.citizenId,
      municipality_id: frederiksberg,
      record_id: requests[0]!.id,
    })
    // The person keeps their login until the municipality has carried it out.
    expect(await isLive(cookie)).toBe(true)
    const after = await callRoute(deletePage.loader, getRequest('/account/delete', cookie))
    expect(after.data.requestedOn).toEqual(expect.any(String))
    expect(after.data.dueOn).toEqual(expect.any(String))

    await callRoute(deletePage.action, formRequest('/account/delete', {}, cookie))
    expect(
      await db
        .selectFrom('erasure_request')
        .select('id')
        .where('citizen_id', '=', person.citizenId!)
        .execute(),
    ).toHaveLength(1)
  })

  it('is not for staff', async () => {
    const { db } = database
    const organisation = await createOrganisation(db, 'Café Broen')
    const person = await createPerson(db, {
      name: 'Camilla',
      email: 'camilla.delete@example.dk',
      orgRoles: [{ organisationId: organisation, role: 'coordinator' }],
    })
    const cookie = await sessionCookieFor(db, person.id)
    expect((await callRoute(deletePage.loader, getRequest('/account/delete', cookie))).status).toBe(
      403,
    )
    expect(
      (await callRoute(deletePage.action, formRequest('/account/delete', {}, cookie))).status,
    ).toBe(403)
    const row = await db
      .selectFrom('person')
      .select('deleted_at')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row.deleted_at).toBeNull()
  })
})
