import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { DAILY_JOBS, runDailyActivityJobs } from '~/modules/activities/jobs.server'
import {
  cancelSignup,
  confirmOffer,
  expireOffers,
  getSignupByToken,
  OFFER_HOURS,
  signUp,
  waitlistPosition,
  type SignUpInput,
} from '~/modules/activities/signups.server'
import * as signupPage from '~/routes/activities.$activityId.signup'
import * as kioskPage from '~/routes/kiosk.$token'
import * as sessionPage from '~/routes/org.$orgId.sessions.$sessionId'
import * as tokenPage from '~/routes/signups.$token'
import {
  callRoute,
  createOrganisation,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// Sign-up with capacity and an ordered waitlist, promotion with a 48-hour answer, cancelling by
// link, attendance, and the kiosk — through the module and through the routes people use.

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MINUTE = 60_000

let database: Database
let orgId: string
let otherOrgId: string
let coordinatorCookie: string
let otherStaffCookie: string

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  orgId = await createOrganisation(db, 'Café Broen')
  otherOrgId = await createOrganisation(db, 'Gadeholdet')
  await db
    .updateTable('organisation')
    .set({ status: 'approved' })
    .where('id', 'in', [orgId, otherOrgId])
    .execute()
  const coordinator = await createPerson(db, {
    name: 'Camilla Koordinator',
    email: 'camilla@cafe.example.dk',
    orgRoles: [{ organisationId: orgId, role: 'coordinator' }],
  })
  const other = await createPerson(db, {
    name: 'Otto Træner',
    email: 'otto@gadeholdet.example.dk',
    orgRoles: [{ organisationId: otherOrgId, role: 'staff' }],
  })
  coordinatorCookie = await sessionCookieFor(db, coordinator.id)
  otherStaffCookie = await sessionCookieFor(db, other.id)
})

interface SessionOptions {
  capacity?: number | null
  /** From the real clock: routes use it. */
  startsIn?: number
  roles?: ('participant' | 'spectator' | 'helper')[]
  status?: 'scheduled' | 'cancelled'
}

let counter = 0
/** A published activity with one session, starting `startsIn` ms from now. */
async function createSession(options: SessionOptions = {}) {
  const startsAt = new Date(Date.now() + (options.startsIn ?? 10 * DAY))
  const activity = await database.db
    .insertInto('activity')
    .values({
      organisation_id: orgId,
      title: `Fællesspisning ${++counter}`,
      category: 'meal',
      dtstart: startsAt.toISOString().slice(0, 10),
      start_time: '17:00',
      end_time: '19:00',
      capacity: options.capacity ?? null,
      roles_offered: options.roles ?? ['participant'],
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const session = await database.db
    .insertInto('activity_session')
    .values({
      activity_id: activity.id,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 2 * HOUR),
      local_date: startsAt.toISOString().slice(0, 10),
      capacity: options.capacity === undefined ? null : options.capacity,
      status: options.status ?? 'scheduled',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { activityId: activity.id, sessionId: session.id, startsAt }
}

const guest = (sessionId: string, firstName: string, extra: Partial<SignUpInput> = {}) =>
  ({
    sessionId,
    guest: { firstName, email: `${firstName.toLowerCase()}@example.dk` },
    namedCheckin: true,
    language: 'da',
    ...extra,
  }) satisfies SignUpInput

async function stateOf(signupId: string) {
  return database.db
    .selectFrom('signup')
    .select(['state', 'offer_expires_at', 'cancelled_at', 'waitlisted_at'])
    .where('id', '=', signupId)
    .executeTakeFirstOrThrow()
}

async function mailsTo(address: string) {
  return database.db
    .selectFrom('outbox_message')
    .select(['template', 'subject', 'text_body', 'html_body', 'language'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .execute()
}

const tokenIn = (text: string) => /\/signups\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? null

describe('signing up with a capacity', () => {
  it('confirms two, then puts the third and fourth on the waitlist in order', async () => {
    const { sessionId } = await createSession({ capacity: 2 })
    const now = new Date()
    const results = []
    for (const name of ['Anna', 'Bo', 'Cai', 'Dina'])
      results.push(await signUp(database.db, guest(sessionId, name), now))
    expect(results.map((r) => (r.ok ? [r.state, r.position] : r.reason))).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ])
    const [anna, , cai] = await Promise.all([
      mailsTo('anna@example.dk'),
      mailsTo('bo@example.dk'),
      mailsTo('cai@example.dk'),
    ])
    expect(anna.map((m) => m.template)).toEqual(['signupConfirmed'])
    expect(cai.map((m) => m.template)).toEqual(['signupWaitlisted'])
    expect(cai[0]!.text_body).toContain('nr. 1')
    // The link in the e-mail is the one the sign-up answers to.
    const token = tokenIn(anna[0]!.text_body)!
    expect((await getSignupByToken(database.db, token, now))?.name).toBe('Anna')
  })

  it('never gives the last place to two people at once (20 in parallel, capacity 1)', async () => {
    const { sessionId } = await createSession({ capacity: 1 })
    const now = new Date()
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signUp(database.db, guest(sessionId, `Parallel${i}`), now),
      ),
    )
    const ok = results.filter((r) => r.ok)
    expect(ok).toHaveLength(20)
    expect(ok.filter((r) => r.state === 'confirmed')).toHaveLength(1)
    const waiting = ok.filter((r) => r.state === 'waitlisted')
    expect(waiting).toHaveLength(19)
    const returned = waiting.map((r) => r.position).sort((a, b) => a! - b!)
    expect(returned).toEqual(Array.from({ length: 19 }, (_, i) => i + 1))
    // And the positions read back afterwards are the same distinct 1…19.
    const now2 = await Promise.all(waiting.map((r) => waitlistPosition(database.db, r.signupId)))
    expect(new Set(now2).size).toBe(19)
    const rows = await database.db
      .selectFrom('signup')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId)
      .where('state', '=', 'confirmed')
      .executeTakeFirstOrThrow()
    expect(Number(rows.n)).toBe(1)
  })

  it('returns the existing sign-up when a signed-in person signs up twice', async () => {
    const { sessionId } = await createSession({ capacity: 5 })
    const person = await createPerson(database.db, { name: 'Per Hansen', email: 'per@example.dk' })
    const input: SignUpInput = {
      sessionId,
      person: { id: person.id },
      namedCheckin: false,
      language: 'da',
    }
    const [first, second] = await Promise.all([
      signUp(database.db, input, new Date()),
      signUp(database.db, input, new Date()),
    ])
    expect([first.ok && first.existing, second.ok && second.existing].sort()).toEqual([false, true])
    const rows = await database.db
      .selectFrom('signup')
      .select('id')
      .where('session_id', '=', sessionId)
      .execute()
    expect(rows).toHaveLength(1)
    expect((await mailsTo('per@example.dk')).map((m) => m.template)).toEqual(['signupConfirmed'])
  })

  it('refuses a cancelled session, a session that has begun, and an unpublished activity', async () => {
    const cancelled = await createSession({ status: 'cancelled' })
    const past = await createSession({ startsIn: -HOUR })
    const draft = await createSession()
    await database.db
      .updateTable('activity')
      .set({ status: 'draft' })
      .where('id', '=', draft.activityId)
      .execute()
    const now = new Date()
    expect(await signUp(database.db, guest(cancelled.sessionId, 'Eva'), now)).toEqual({
      ok: false,
      reason: 'sessionCancelled',
    })
    expect(await signUp(database.db, guest(past.sessionId, 'Eva'), now)).toEqual({
      ok: false,
      reason: 'sessionPast',
    })
    expect(await signUp(database.db, guest(draft.sessionId, 'Eva'), now)).toEqual({
      ok: false,
      reason: 'notFound',
    })
    expect(await mailsTo('eva@example.dk')).toEqual([])
  })
})

describe('the waitlist moves on', () => {
  it('offers a freed place to the first waiting, for 48 hours, then passes it on', async () => {
    const { sessionId } = await createSession({ capacity: 1 })
    const t0 = new Date()
    const first = await signUp(database.db, guest(sessionId, 'Frida'), t0)
    const second = await signUp(database.db, guest(sessionId, 'Gustav'), new Date(t0.getTime() + 1))
    const third = await signUp(database.db, guest(sessionId, 'Hanne'), new Date(t0.getTime() + 2))
    if (!first.ok || !second.ok || !third.ok) throw new Error('sign-up failed')
    const gustavOldToken = second.token!

    // Frida cancels through her link: Gustav is offered the place until t1 + 48 h.
    const t1 = new Date(t0.getTime() + HOUR)
    expect(await cancelSignup(database.db, first.token!, t1)).toEqual({
      ok: true,
      state: 'cancelled',
    })
    const gustav = await stateOf(second.signupId)
    expect(gustav.state).toBe('offered')
    expect(gustav.offer_expires_at!.getTime()).toBe(t1.getTime() + OFFER_HOURS * HOUR)
    const offer = (await mailsTo('gustav@example.dk')).filter((m) => m.template === 'waitlistOffer')
    expect(offer).toHaveLength(1)
    const gustavToken = tokenIn(offer[0]!.text_body)!
    expect(offer[0]!.html_body).toContain(`/signups/${gustavToken}`)
    // The offer carries a new link (only hashes are stored); it opens Gustav's offer.
    expect(gustavToken).not.toBe(gustavOldToken)
    const view = await getSignupByToken(database.db, gustavToken, t1)
    expect(view).toMatchObject({ state: 'offered', canConfirm: true, name: 'Gustav' })
    expect(await waitlistPosition(database.db, third.signupId)).toBe(1)

    // Not yet: 47 hours on, nothing expires.
    expect(await expireOffers(database.db, new Date(t1.getTime() + 47 * HOUR))).toEqual({
      expired: 0,
    })
    // 48 h + 1 min: Gustav's offer lapses and Hanne is offered the place.
    const t2 = new Date(t1.getTime() + OFFER_HOURS * HOUR + MINUTE)
    expect(await expireOffers(database.db, t2)).toEqual({ expired: 1 })
    expect((await stateOf(second.signupId)).state).toBe('cancelled')
    expect(await getSignupByToken(database.db, gustavToken, t2)).toMatchObject({
      state: 'cancelled',
      expiredOffer: true,
      canConfirm: false,
    })
    expect(await confirmOffer(database.db, gustavToken, t2)).toEqual({
      ok: false,
      reason: 'notOffered',
    })
    const hanne = await stateOf(third.signupId)
    expect(hanne.state).toBe('offered')
    expect(hanne.offer_expires_at!.getTime()).toBe(t2.getTime() + OFFER_HOURS * HOUR)
    const hanneOffer = (await mailsTo('hanne@example.dk')).find(
      (m) => m.template === 'waitlistOffer',
    )
    const hanneToken = tokenIn(hanneOffer!.text_body)!

    // Hanne says yes before her deadline: confirmed, and saying yes twice changes nothing.
    const t3 = new Date(t2.getTime() + 10 * HOUR)
    expect(await confirmOffer(database.db, hanneToken, t3)).toEqual({
      ok: true,
      state: 'confirmed',
    })
    expect(await confirmOffer(database.db, hanneToken, t3)).toEqual({
      ok: true,
      state: 'confirmed',
    })
    expect((await stateOf(third.signupId)).state).toBe('confirmed')
  })

  it('refuses a yes after the deadline and passes the place on at once', async () => {
    const { sessionId } = await createSession({ capacity: 1 })
    const t0 = new Date()
    const a = await signUp(database.db, guest(sessionId, 'Ida'), t0)
    const b = await signUp(database.db, guest(sessionId, 'Jens'), new Date(t0.getTime() + 1))
    const c = await signUp(database.db, guest(sessionId, 'Kim'), new Date(t0.getTime() + 2))
    if (!a.ok || !b.ok || !c.ok) throw new Error('sign-up failed')
    await cancelSignup(database.db, a.token!, t0)
    const mail = (await mailsTo('jens@example.dk')).find((m) => m.template === 'waitlistOffer')!
    const late = new Date(t0.getTime() + OFFER_HOURS * HOUR + MINUTE)
    expect(await confirmOffer(database.db, tokenIn(mail.text_body)!, late)).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect((await stateOf(b.signupId)).state).toBe('cancelled')
    expect((await stateOf(c.signupId)).state).toBe('offered')
  })

  it('expires offers in the daily jobs too', async () => {
    const { sessionId } = await createSession({ capacity: 1 })
    const t0 = new Date()
    const a = await signUp(database.db, guest(sessionId, 'Leo'), t0)
    const b = await signUp(database.db, guest(sessionId, 'Maja'), t0)
    const c = await signUp(database.db, guest(sessionId, 'Nils'), t0)
    if (!a.ok || !b.ok || !c.ok) throw new Error('sign-up failed')
    await cancelSignup(database.db, a.token!, t0)
    const job = DAILY_JOBS.expireWaitlistOffers
    expect(job).toBeTypeOf('function')
    const results = await runDailyActivityJobs(
      database.db,
      new Date(t0.getTime() + OFFER_HOURS * HOUR + MINUTE),
      { expireWaitlistOffers: job! },
    )
    expect(results).toEqual({ expireWaitlistOffers: 1 })
    expect((await stateOf(b.signupId)).state).toBe('cancelled')
    expect((await stateOf(c.signupId)).state).toBe('offered')
  })

  it('gives a promoted person no later deadline than the session start', async () => {
    const { sessionId, startsAt } = await createSession({ capacity: 1, startsIn: 5 * HOUR })
    const now = new Date()
    const a = await signUp(database.db, guest(sessionId, 'Lis'), now)
    const b = await signUp(database.db, guest(sessionId, 'Mads'), now)
    if (!a.ok || !b.ok) throw new Error('sign-up failed')
    await cancelSignup(database.db, a.token!, now)
    expect((await stateOf(b.signupId)).offer_expires_at!.getTime()).toBe(startsAt.getTime())
  })
})

describe('/activities/:id/signup', () => {
  const path = (activityId: string) => `/activities/${activityId}/signup`

  it('shows the chosen session and places left, and no one else’s details', async () => {
    const { activityId, sessionId } = await createSession({
      capacity: 3,
      roles: ['participant', 'helper'],
    })
    await signUp(database.db, guest(sessionId, 'Nadia', { namedCheckin: true }), new Date())
    const page = await callRoute(
      signupPage.loader,
      getRequest(`${path(activityId)}?session=${sessionId}`),
      { activityId },
    )
    expect(page.status).toBe(200)
    expect(page.data.chosenId).toBe(sessionId)
    expect(page.data.sessions).toEqual([expect.objectContaining({ id: sessionId, placesLeft: 2 })])
    expect(page.data.activity.rolesOffered).toEqual(['participant', 'helper'])
    const json = JSON.stringify(page.data)
    expect(json).not.toContain('Nadia')
    expect(json).not.toContain('nadia@example.dk')
  })

  it('is 404 for an unknown or malformed activity', async () => {
    for (const activityId of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const page = await callRoute(signupPage.loader, getRequest(path(activityId)), { activityId })
      expect(page.status).toBe(404)
    }
  })

  it('asks a guest for a phone number or an e-mail and keeps what they typed', async () => {
    const { activityId, sessionId } = await createSession({ capacity: 3 })
    const res = await callRoute(
      signupPage.action,
      formRequest(path(activityId), { intent: 'signup', sessionId, firstName: 'Ole' }),
      { activityId },
    )
    expect(res.status).toBe(400)
    expect(res.data.errors).toEqual({ phone: ['pages.signup.errors.contactRequired'] })
    expect(res.data.values).toMatchObject({ firstName: 'Ole', sessionId })

    const bad = await callRoute(
      signupPage.action,
      formRequest(path(activityId), {
        intent: 'signup',
        sessionId,
        firstName: '',
        phone: '12',
        email: 'ikke-en-adresse',
      }),
      { activityId },
    )
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({
      firstName: ['pages.signup.errors.firstNameRequired'],
      phone: ['pages.signup.errors.phoneInvalid'],
      email: ['pages.signup.errors.emailInvalid'],
    })
    expect(bad.data.values).toMatchObject({ phone: '12', email: 'ikke-en-adresse' })
    const rows = await database.db
      .selectFrom('signup')
      .select('id')
      .where('session_id', '=', sessionId)
      .execute()
    expect(rows).toEqual([])
  })

  it('signs up a guest with only a phone number and shows the link to keep', async () => {
    const { activityId, sessionId } = await createSession({ capacity: 1 })
    const res = await callRoute(
      signupPage.action,
      formRequest(path(activityId), {
        intent: 'signup',
        sessionId,
        firstName: 'Pia',
        phone: '+45 12 34 56 78',
        role: 'participant',
        namedCheckin: 'on',
      }),
      { activityId },
    )
    expect(res.status).toBe(302)
    const token = /^\/signups\/([A-Za-z0-9_-]+)\?new=1$/.exec(res.location ?? '')?.[1]
    expect(token).toBeTruthy()
    const row = await database.db
      .selectFrom('signup')
      .select(['guest_name', 'guest_phone', 'guest_email', 'named_checkin', 'state'])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      guest_name: 'Pia',
      guest_phone: '+4512345678',
      guest_email: null,
      named_checkin: true,
      state: 'confirmed',
    })
    const page = await callRoute(tokenPage.loader, getRequest(`/signups/${token}?new=1`), {
      token: token!,
    })
    expect(page.data).toMatchObject({ state: 'confirmed', isNew: true, hasEmail: false })
    expect(page.data.link).toBe(`http://localhost/signups/${token}`)

    // The next person goes on the waitlist and is told their number.
    const next = await callRoute(
      signupPage.action,
      formRequest(path(activityId), {
        intent: 'signup',
        sessionId,
        firstName: 'Rune',
        email: 'rune@example.dk',
      }),
      { activityId },
    )
    const nextToken = /^\/signups\/([^?]+)/.exec(next.location ?? '')?.[1]
    const nextPage = await callRoute(tokenPage.loader, getRequest(`/signups/${nextToken}?new=1`), {
      token: nextToken!,
    })
    expect(nextPage.data).toMatchObject({ state: 'waitlisted', position: 1, hasEmail: true })
    // The waitlisted guest's page shows only their own details.
    expect(JSON.stringify(nextPage.data)).not.toContain('Pia')
    expect(JSON.stringify(nextPage.data)).not.toContain('12345678')
    const mail = await mailsTo('rune@example.dk')
    expect(tokenIn(mail[0]!.text_body)).toBe(nextToken)
    expect(mail[0]!.text_body).toContain('http://localhost/signups/')
  })

  it('refuses a cancelled and a past session with a clear message and the input kept', async () => {
    for (const options of [{ status: 'cancelled' as const }, { startsIn: -HOUR }]) {
      const { activityId, sessionId } = await createSession(options)
      const res = await callRoute(
        signupPage.action,
        formRequest(path(activityId), {
          intent: 'signup',
          sessionId,
          firstName: 'Sara',
          email: 'sara@example.dk',
        }),
        { activityId },
      )
      expect(res.status).toBe(400)
      expect(res.data.errors).toEqual({
        sessionId: [
          options.status === 'cancelled'
            ? 'pages.signup.errors.sessionCancelled'
            : 'pages.signup.errors.sessionPast',
        ],
      })
      expect(res.data.values.firstName).toBe('Sara')
      const page = await callRoute(
        signupPage.loader,
        getRequest(`${path(activityId)}?session=${sessionId}`),
        { activityId },
      )
      expect(page.data.problem).toBe(
        options.status === 'cancelled' ? 'sessionCancelled' : 'sessionPast',
      )
      expect(page.data.sessions).toEqual([])
    }
  })

  it('refuses a session of another activity (404) and a role the activity does not offer', async () => {
    const a = await createSession()
    const b = await createSession()
    const other = await callRoute(
      signupPage.action,
      formRequest(path(a.activityId), {
        intent: 'signup',
        sessionId: b.sessionId,
        firstName: 'Tove',
        email: 'tove@example.dk',
      }),
      { activityId: a.activityId },
    )
    expect(other.status).toBe(404)
    const role = await callRoute(
      signupPage.action,
      formRequest(path(a.activityId), {
        intent: 'signup',
        sessionId: a.sessionId,
        firstName: 'Tove',
        email: 'tove@example.dk',
        role: 'helper',
      }),
      { activityId: a.activityId },
    )
    expect(role.status).toBe(400)
    expect(role.data.errors).toEqual({ role: ['pages.signup.errors.roleNotOffered'] })
  })

  it('lets a signed-in person sign up with one button, once, and cancel on the same page', async () => {
    const { activityId, sessionId } = await createSession({ capacity: 4 })
    const person = await createPerson(database.db, {
      name: 'Ulla Jensen',
      email: 'ulla@example.dk',
    })
    const cookie = await sessionCookieFor(database.db, person.id)
    const submit = () =>
      callRoute(
        signupPage.action,
        formRequest(path(activityId), { intent: 'signup', sessionId }, cookie),
        { activityId },
      )
    const first = await submit()
    expect(first.location).toMatch(/^\/signups\/[A-Za-z0-9_-]+\?new=1$/)
    const again = await submit()
    expect(again.location).toBe(`${path(activityId)}?session=${sessionId}&done=already`)
    const rows = await database.db
      .selectFrom('signup')
      .select(['id', 'person_id', 'guest_name', 'named_checkin'])
      .where('session_id', '=', sessionId)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ person_id: person.id, guest_name: null, named_checkin: false })

    const page = await callRoute(
      signupPage.loader,
      getRequest(`${path(activityId)}?session=${sessionId}`, cookie),
      { activityId },
    )
    expect(page.data.signedIn).toEqual({ name: 'Ulla Jensen' })
    expect(page.data.own).toEqual([
      expect.objectContaining({ id: rows[0]!.id, state: 'confirmed' }),
    ])

    // Someone else cannot cancel Ulla's sign-up by its id.
    const stranger = await createPerson(database.db, { name: 'Viggo', email: 'viggo@example.dk' })
    const strangerCookie = await sessionCookieFor(database.db, stranger.id)
    const theirs = await callRoute(
      signupPage.action,
      formRequest(
        path(activityId),
        { intent: 'cancel', signupId: rows[0]!.id, sessionId },
        strangerCookie,
      ),
      { activityId },
    )
    expect(theirs.status).toBe(404)
    expect((await stateOf(rows[0]!.id)).state).toBe('confirmed')

    const cancelled = await callRoute(
      signupPage.action,
      formRequest(path(activityId), { intent: 'cancel', signupId: rows[0]!.id, sessionId }, cookie),
      { activityId },
    )
    expect(cancelled.location).toBe(`${path(activityId)}?session=${sessionId}&done=cancelled`)
    expect((await stateOf(rows[0]!.id)).state).toBe('cancelled')
  })
})

describe('/signups/:token', () => {
  it('cancels only after a confirmation step, and the freed place is offered on', async () => {
    const { sessionId } = await createSession({ capacity: 1 })
    const now = new Date()
    const held = await signUp(database.db, guest(sessionId, 'Willy'), now)
    const waiting = await signUp(database.db, guest(sessionId, 'Xenia'), now)
    if (!held.ok || !waiting.ok) throw new Error('sign-up failed')
    const url = `/signups/${held.token}`
    const params = { token: held.token! }

    const plain = await callRoute(tokenPage.loader, getRequest(url), params)
    expect(plain.data).toMatchObject({ state: 'confirmed', canCancel: true, askCancel: false })
    const ask = await callRoute(tokenPage.loader, getRequest(`${url}?cancel=1`), params)
    expect(ask.data.askCancel).toBe(true)
    expect((await stateOf(held.signupId)).state).toBe('confirmed')

    const res = await callRoute(tokenPage.action, formRequest(url, { intent: 'cancel' }), params)
    expect(res.location).toBe(`${url}?done=cancelled`)
    expect((await stateOf(held.signupId)).state).toBe('cancelled')
    expect((await stateOf(waiting.signupId)).state).toBe('offered')
    // A second click is harmless.
    const twice = await callRoute(tokenPage.action, formRequest(url, { intent: 'cancel' }), params)
    expect(twice.location).toBe(`${url}?done=cancelled`)

    const offer = (await mailsTo('xenia@example.dk')).find((m) => m.template === 'waitlistOffer')!
    const xeniaToken = tokenIn(offer.text_body)!
    expect(offer.text_body).toContain('http://localhost/signups/')
    const confirm = await callRoute(
      tokenPage.action,
      formRequest(`/signups/${xeniaToken}`, { intent: 'confirm' }),
      { token: xeniaToken },
    )
    expect(confirm.location).toBe(`/signups/${xeniaToken}?done=confirmed`)
    expect((await stateOf(waiting.signupId)).state).toBe('confirmed')
  })

  it('is 404 for an unknown token, and 400 for a form it did not offer', async () => {
    const page = await callRoute(tokenPage.loader, getRequest('/signups/nope'), { token: 'nope' })
    expect(page.status).toBe(404)
    const post = await callRoute(
      tokenPage.action,
      formRequest('/signups/nope', { intent: 'cancel' }),
      { token: 'nope' },
    )
    expect(post.status).toBe(404)
    const { sessionId } = await createSession()
    const s = await signUp(database.db, guest(sessionId, 'Yrsa'), new Date())
    if (!s.ok) throw new Error('sign-up failed')
    const bad = await callRoute(
      tokenPage.action,
      formRequest(`/signups/${s.token}`, { intent: 'delete-everything' }),
      { token: s.token! },
    )
    expect(bad.status).toBe(400)
  })
})

describe('attendance: /org/:orgId/sessions/:sessionId', () => {
  const url = (org: string, sessionId: string) => `/org/${org}/sessions/${sessionId}`

  it('is 403 for staff of another organisation, and 404 through their own', async () => {
    const { sessionId } = await createSession({ capacity: 5 })
    const params = { orgId, sessionId }
    const page = await callRoute(
      sessionPage.loader,
      getRequest(url(orgId, sessionId), otherStaffCookie),
      params,
    )
    expect(page.status).toBe(403)
    const post = await callRoute(
      sessionPage.action,
      formRequest(url(orgId, sessionId), { intent: 'headcountPlusOne' }, otherStaffCookie),
      params,
    )
    expect(post.status).toBe(403)
    const viaOwn = await callRoute(
      sessionPage.loader,
      getRequest(url(otherOrgId, sessionId), otherStaffCookie),
      { orgId: otherOrgId, sessionId },
    )
    expect(viaOwn.status).toBe(404)
    const bump = await callRoute(
      sessionPage.action,
      formRequest(url(otherOrgId, sessionId), { intent: 'headcountPlusOne' }, otherStaffCookie),
      { orgId: otherOrgId, sessionId },
    )
    expect(bump.status).toBe(404)
    const count = await database.db
      .selectFrom('session_attendance')
      .select('anonymous_count')
      .where('session_id', '=', sessionId)
      .executeTakeFirst()
    expect(count).toBeUndefined()
  })

  it('lists sign-ups with names only for those who consented, and audits the reading', async () => {
    const { sessionId } = await createSession({ capacity: 2 })
    const now = new Date()
    await signUp(database.db, guest(sessionId, 'Agnes', { namedCheckin: true }), now)
    await signUp(database.db, guest(sessionId, 'Bent', { namedCheckin: false }), now)
    await signUp(database.db, guest(sessionId, 'Carla', { namedCheckin: true }), now)
    const page = await callRoute(
      sessionPage.loader,
      getRequest(url(orgId, sessionId), coordinatorCookie),
      { orgId, sessionId },
    )
    expect(page.status).toBe(200)
    expect(
      page.data.signups.map(
        (s: { name: string | null; state: string; position: number | null }) => [
          s.name,
          s.state,
          s.position,
        ],
      ),
    ).toEqual([
      ['Agnes', 'confirmed', null],
      [null, 'confirmed', null],
      ['Carla', 'waitlisted', 1],
    ])
    const json = JSON.stringify(page.data)
    expect(json).not.toContain('Bent')
    expect(json).not.toContain('@example.dk')
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'record_id', 'page'])
      .where('action', '=', 'signup.list_read')
      .where('record_id', '=', sessionId)
      .execute()
    expect(audit).toEqual([
      { action: 'signup.list_read', record_id: sessionId, page: url(orgId, sessionId) },
    ])
  })

  it('saves named check-ins, no-shows and the anonymous headcount', async () => {
    const { sessionId } = await createSession({ capacity: 5, startsIn: -30 * MINUTE })
    // Sign-ups made before the session began.
    const before = new Date(Date.now() - DAY)
    const ids: string[] = []
    for (const [name, named] of [
      ['Dagny', true],
      ['Emil', true],
      ['Fie', false],
    ] as const) {
      const row = await database.db
        .insertInto('signup')
        .values({
          session_id: sessionId,
          guest_name: name,
          guest_email: `${name}@example.dk`,
          state: 'confirmed',
          named_checkin: named,
          cancel_token_hash: `test-${sessionId}-${name}`,
          created_at: before,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(row.id)
    }
    const [dagny, emil, fie] = ids as [string, string, string]
    const post = (fields: Record<string, string>) =>
      callRoute(sessionPage.action, formRequest(url(orgId, sessionId), fields, coordinatorCookie), {
        orgId,
        sessionId,
      })
    // Ticking Fie (no consent) changes nothing for her.
    const form = new URLSearchParams({ intent: 'checkin' })
    form.append('attended', dagny)
    form.append('attended', fie)
    const res = await callRoute(
      sessionPage.action,
      new Request(`http://localhost${url(orgId, sessionId)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'http://localhost',
          Cookie: coordinatorCookie,
        },
        body: form.toString(),
      }),
      { orgId, sessionId },
    )
    expect(res.location).toBe(`${url(orgId, sessionId)}?done=checkins`)
    expect((await stateOf(dagny)).state).toBe('attended')
    expect((await stateOf(emil)).state).toBe('confirmed')
    expect((await stateOf(fie)).state).toBe('confirmed')

    await post({ intent: 'checkin', attended: dagny, restNoShow: '1' })
    expect((await stateOf(emil)).state).toBe('no_show')
    expect((await stateOf(dagny)).state).toBe('attended')
    expect((await stateOf(fie)).state).toBe('confirmed')

    expect((await post({ intent: 'headcount', count: '5' })).location).toBe(
      `${url(orgId, sessionId)}?done=headcount`,
    )
    await post({ intent: 'headcountPlusOne' })
    const bad = await post({ intent: 'headcount', count: '-2' })
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({ count: ['pages.attendance.errors.countInvalid'] })
    expect(bad.data.values.count).toBe('-2')
    const page = await callRoute(
      sessionPage.loader,
      getRequest(url(orgId, sessionId), coordinatorCookie),
      { orgId, sessionId },
    )
    expect(page.data.session.headcount).toBe(6)
    expect(page.data.counts).toMatchObject({ attended: 1 })
  })
})

describe('kiosk', () => {
  async function openKiosk(sessionId: string) {
    const res = await callRoute(
      sessionPage.action,
      formRequest(
        `/org/${orgId}/sessions/${sessionId}`,
        { intent: 'openKiosk' },
        coordinatorCookie,
      ),
      { orgId, sessionId },
    )
    expect(res.status).toBe(200)
    const token = /\/kiosk\/([A-Za-z0-9_-]+)$/.exec(res.data.kiosk.url)?.[1]
    expect(token).toBeTruthy()
    return token!
  }
  const kioskPost = (token: string, fields: Record<string, string>) =>
    callRoute(kioskPage.action, formRequest(`/kiosk/${token}`, fields), { token })
  const kioskGet = (token: string, query = '') =>
    callRoute(kioskPage.loader, getRequest(`/kiosk/${token}${query}`), { token })

  it('checks a named person in once, counts the anonymous, and stores feedback', async () => {
    const { sessionId } = await createSession({ capacity: 2, startsIn: 30 * MINUTE })
    const now = new Date()
    const gerda = await signUp(database.db, guest(sessionId, 'Gerda', { namedCheckin: true }), now)
    await signUp(database.db, guest(sessionId, 'Hugo', { namedCheckin: false }), now)
    await signUp(database.db, guest(sessionId, 'Inger', { namedCheckin: true }), now)
    if (!gerda.ok) throw new Error('sign-up failed')
    const token = await openKiosk(sessionId)

    const start = await kioskGet(token)
    expect(start.status).toBe(200)
    expect(start.data.names).toEqual([{ signupId: gerda.signupId, label: 'Gerda' }])
    const json = JSON.stringify(start.data)
    for (const hidden of ['Hugo', 'Inger', '@example.dk']) expect(json).not.toContain(hidden)

    const tap = await kioskPost(token, { intent: 'checkin', signupId: gerda.signupId })
    expect(tap.location).toBe(`/kiosk/${token}?step=thanks`)
    expect((await stateOf(gerda.signupId)).state).toBe('attended')
    const again = await kioskPost(token, { intent: 'checkin', signupId: gerda.signupId })
    expect(again.location).toBe(`/kiosk/${token}?done=already`)
    expect((await kioskGet(token)).data.names).toEqual([])

    const thanks = await kioskGet(token, '?step=thanks')
    expect(thanks.data).toMatchObject({ thanks: true, justCheckedIn: true })
    const feedback = await kioskPost(token, { intent: 'feedback', rating: '4' })
    expect(feedback.location).toBe(`/kiosk/${token}?done=feedback`)
    expect((await kioskPost(token, { intent: 'feedback', rating: '9' })).status).toBe(400)

    await kioskPost(token, { intent: 'here' })
    await kioskPost(token, { intent: 'here' })
    const attendance = await database.db
      .selectFrom('session_attendance')
      .select('anonymous_count')
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(attendance.anonymous_count).toBe(2)
    const ratings = await database.db
      .selectFrom('session_feedback')
      .select('rating')
      .where('session_id', '=', sessionId)
      .execute()
    expect(ratings).toEqual([{ rating: 4 }])
  })

  it('checks a name in only once when two taps race', async () => {
    const { sessionId } = await createSession({ capacity: 2, startsIn: 30 * MINUTE })
    const s = await signUp(database.db, guest(sessionId, 'Jonna'), new Date())
    if (!s.ok) throw new Error('sign-up failed')
    const token = await openKiosk(sessionId)
    const results = await Promise.all([
      kioskPost(token, { intent: 'checkin', signupId: s.signupId }),
      kioskPost(token, { intent: 'checkin', signupId: s.signupId }),
    ])
    expect(results.map((r) => r.location?.split('?')[1]).sort()).toEqual([
      'done=already',
      'step=thanks',
    ])
  })

  it('shows only the feedback faces after the session, and is 404 when expired or closed', async () => {
    const { sessionId } = await createSession({ capacity: 2, startsIn: 30 * MINUTE })
    const s = await signUp(database.db, guest(sessionId, 'Kaj'), new Date())
    if (!s.ok) throw new Error('sign-up failed')
    const token = await openKiosk(sessionId)
    await database.db
      .updateTable('activity_session')
      .set({ starts_at: new Date(Date.now() - 3 * HOUR), ends_at: new Date(Date.now() - HOUR) })
      .where('id', '=', sessionId)
      .execute()
    const ended = await kioskGet(token)
    expect(ended.data).toMatchObject({ ended: true, thanks: true, names: [] })
    const late = await kioskPost(token, { intent: 'checkin', signupId: s.signupId })
    expect(late.location).toBe(`/kiosk/${token}`)
    expect((await stateOf(s.signupId)).state).toBe('confirmed')
    expect((await kioskPost(token, { intent: 'feedback', rating: '5' })).location).toBe(
      `/kiosk/${token}?done=feedback`,
    )

    await database.db
      .updateTable('kiosk')
      .set({ expires_at: new Date(Date.now() - MINUTE) })
      .where('session_id', '=', sessionId)
      .execute()
    expect((await kioskGet(token)).status).toBe(404)
    expect((await kioskPost(token, { intent: 'here' })).status).toBe(404)

    const fresh = await openKiosk(sessionId)
    expect((await kioskGet(fresh)).status).toBe(200)
    const closed = await callRoute(
      sessionPage.action,
      formRequest(
        `/org/${orgId}/sessions/${sessionId}`,
        { intent: 'closeKiosk' },
        coordinatorCookie,
      ),
      { orgId, sessionId },
    )
    expect(closed.location).toBe(`/org/${orgId}/sessions/${sessionId}?done=kioskClosed`)
    expect((await kioskGet(fresh)).status).toBe(404)
    expect((await kioskGet('unknown-token')).status).toBe(404)
  })
})
