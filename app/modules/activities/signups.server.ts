import { sql, type Transaction } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import { env } from '~/env.server'
import type { Language } from '~/i18n/config'
import { getFixedT } from '~/i18n/i18n.server'
import type { ActivityRole, DB, SignupState } from '../../../db/schema.ts'
import { randomToken, sha256 } from '../identity/crypto.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { deadlineText, sessionWhen } from './session-format'

// Sign-up (tilmelding) with capacity and an ordered waitlist (venteliste), PRODUCT.md §4:
// confirmed | waitlisted(position) → offered (awaiting re-confirmation) → confirmed →
// attended | no_show | cancelled. Every change to who holds a place happens while the
// session's row is locked (SELECT … FOR UPDATE): concurrent sign-ups, cancellations and
// expiries for one session queue behind each other, so the database decides who gets the last
// place and two people can never both get it.

/** How long a promoted person has to say yes (never past the session's start). */
export const OFFER_HOURS = 48
const HOUR_MS = 3_600_000

/** States that hold one of the session's places. */
export const HOLDS_PLACE: readonly SignupState[] = ['confirmed', 'offered', 'attended', 'no_show']

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: string | null | undefined): value is string =>
  typeof value === 'string' && UUID.test(value)

type Trx = Transaction<DB>

interface LockedSession {
  id: string
  activity_id: string
  status: 'scheduled' | 'cancelled'
  starts_at: Date
  ends_at: Date
  capacity: number | null
}

export interface MailOptions {
  /** Where links in e-mails point; the request's public origin, else PUBLIC_URL. */
  origin?: string
}

/** For jobs that run without a request. */
export function defaultOrigin(): string {
  const config = env()
  return config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${config.PORT}`
}

export const signupPath = (token: string) => `/signups/${token}`

function lockSession(trx: Trx, sessionId: string): Promise<LockedSession | undefined> {
  return trx
    .selectFrom('activity_session')
    .select(['id', 'activity_id', 'status', 'starts_at', 'ends_at', 'capacity'])
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst()
}

async function placesTaken(db: Executor, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('signup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('state', 'in', HOLDS_PLACE)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * 1-based place on the waitlist, or null when not waitlisted. The waitlist is ordered by when
 * people joined it; created_at (the insert's clock time, taken under the session lock) breaks
 * ties between people who joined in the same instant, and the id makes the order total.
 */
export async function waitlistPosition(db: Executor, signupId: string): Promise<number | null> {
  const row = await db
    .selectFrom('signup as me')
    .innerJoin('signup as w', 'w.session_id', 'me.session_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('me.id', '=', signupId)
    .where('me.state', '=', 'waitlisted')
    .where('w.state', '=', 'waitlisted')
    .where(
      sql<boolean>`(w.waitlisted_at, w.created_at, w.id) <= (me.waitlisted_at, me.created_at, me.id)`,
    )
    .executeTakeFirstOrThrow()
  const n = Number(row.n)
  return n > 0 ? n : null
}

async function activityOf(db: Executor, activityId: string) {
  return db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.title', 'a.status', 'a.roles_offered', 'o.status as organisation_status'])
    .where('a.id', '=', activityId)
    .executeTakeFirst()
}

export interface SignUpInput {
  sessionId: string
  /** When given, the session must belong to this activity. */
  activityId?: string
  /** A signed-in person; their account holds name and e-mail. */
  person?: { id: string } | null
  guest?: { firstName: string; phone?: string | null; email?: string | null } | null
  role?: ActivityRole
  /** Consent to being named on the organiser's list and ticked off there or at the kiosk. */
  namedCheckin: boolean
  language: Language
}

export type SignUpFailure =
  'notFound' | 'sessionCancelled' | 'sessionPast' | 'roleNotOffered' | 'noContact'

export type SignUpResult =
  | {
      ok: true
      signupId: string
      state: SignupState
      position: number | null
      /** The holder's link credential; null when an existing sign-up was returned. */
      token: string | null
      existing: boolean
    }
  | { ok: false; reason: SignUpFailure }

export async function signUp(
  db: Executor,
  input: SignUpInput,
  now: Date,
  options: MailOptions = {},
): Promise<SignUpResult> {
  if (!isUuid(input.sessionId)) return { ok: false, reason: 'notFound' }
  const guest = input.person ? null : input.guest
  if (!input.person && !(guest && (guest.phone || guest.email)))
    return { ok: false, reason: 'noContact' }
  const role = input.role ?? 'participant'
  return inTransaction(db, async (trx): Promise<SignUpResult> => {
    const session = await lockSession(trx, input.sessionId)
    if (!session || (input.activityId && session.activity_id !== input.activityId))
      return { ok: false, reason: 'notFound' }
    const activity = await activityOf(trx, session.activity_id)
    if (!activity || activity.status !== 'published' || activity.organisation_status !== 'approved')
      return { ok: false, reason: 'notFound' }
    if (session.status === 'cancelled') return { ok: false, reason: 'sessionCancelled' }
    if (session.starts_at.getTime() <= now.getTime()) return { ok: false, reason: 'sessionPast' }
    if (!activity.roles_offered.includes(role)) return { ok: false, reason: 'roleNotOffered' }

    let recipient: { email: string | null; name: string } = {
      email: guest?.email ?? null,
      name: guest?.firstName ?? '',
    }
    if (input.person) {
      // The unique index signup_one_per_person backs this up; the session lock makes it exact.
      const existing = await trx
        .selectFrom('signup')
        .select(['id', 'state'])
        .where('session_id', '=', session.id)
        .where('person_id', '=', input.person.id)
        .where('state', '<>', 'cancelled')
        .executeTakeFirst()
      if (existing)
        return {
          ok: true,
          signupId: existing.id,
          state: existing.state,
          position: await waitlistPosition(trx, existing.id),
          token: null,
          existing: true,
        }
      const person = await trx
        .selectFrom('person')
        .select(['email', 'display_name'])
        .where('id', '=', input.person.id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
      if (!person) return { ok: false, reason: 'notFound' }
      recipient = { email: person.email, name: firstNameOf(person.display_name) }
    }

    // A place freed but not yet offered (e.g. capacity raised) goes to the waitlist first.
    await offerFreePlaces(trx, session, now, options)
    const taken = await placesTaken(trx, session.id)
    const state: SignupState =
      session.capacity === null || taken < session.capacity ? 'confirmed' : 'waitlisted'
    const token = randomToken()
    const row = await trx
      .insertInto('signup')
      .values({
        session_id: session.id,
        person_id: input.person?.id ?? null,
        guest_name: guest?.firstName ?? null,
        guest_phone: guest?.phone ?? null,
        guest_email: guest?.email ?? null,
        language: input.language,
        role,
        state,
        waitlisted_at: state === 'waitlisted' ? now : null,
        named_checkin: input.namedCheckin,
        cancel_token_hash: sha256(token),
        created_at: sql<Date>`clock_timestamp()`,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const position = state === 'waitlisted' ? await waitlistPosition(trx, row.id) : null

    if (recipient.email) {
      const t = getFixedT(input.language)
      const common = {
        name: recipient.name || null,
        activity: activity.title,
        when: sessionWhen(t, input.language, session.starts_at, session.ends_at),
        url: `${options.origin ?? defaultOrigin()}${signupPath(token)}`,
      }
      await enqueueEmail(trx, {
        to: recipient.email,
        toName: recipient.name || null,
        language: input.language,
        ...(state === 'confirmed'
          ? { template: 'signupConfirmed' as const, data: common }
          : {
              template: 'signupWaitlisted' as const,
              data: { ...common, position: position ?? 1, hours: OFFER_HOURS },
            }),
        dedupeKey: `signup:${row.id}:created`,
      })
    }
    return { ok: true, signupId: row.id, state, position, token, existing: false }
  })
}

export const firstNameOf = (name: string | null | undefined) =>
  (name ?? '').trim().split(/\s+/)[0] ?? ''

/**
 * Offers every free place to the first people on the waitlist, in order. The session row must be
 * locked by the caller. Each offer gets a deadline and an e-mail with a link to say yes.
 */
async function offerFreePlaces(
  trx: Trx,
  session: LockedSession,
  now: Date,
  options: MailOptions,
): Promise<number> {
  if (session.status !== 'scheduled' || session.starts_at.getTime() <= now.getTime()) return 0
  let query = trx
    .selectFrom('signup as s')
    .leftJoin('person as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.language',
      's.guest_name',
      's.guest_email',
      'p.display_name',
      'p.email as person_email',
    ])
    .where('s.session_id', '=', session.id)
    .where('s.state', '=', 'waitlisted')
    .orderBy('s.waitlisted_at')
    .orderBy('s.created_at')
    .orderBy('s.id')
  if (session.capacity !== null) {
    const free = session.capacity - (await placesTaken(trx, session.id))
    if (free <= 0) return 0
    query = query.limit(free)
  }
  const next = await query.execute()
  if (next.length === 0) return 0
  const activity = await activityOf(trx, session.activity_id)
  const deadline = new Date(
    Math.min(now.getTime() + OFFER_HOURS * HOUR_MS, session.starts_at.getTime()),
  )
  for (const signup of next) {
    const email = signup.guest_email ?? signup.person_email
    // Only hashes of links are stored, so the link this person got earlier cannot be sent
    // again: the offer carries a new one, and the new hash replaces the old. Someone we cannot
    // e-mail (a guest who gave only a phone number) keeps the link they saved instead.
    const token = email ? randomToken() : null
    await trx
      .updateTable('signup')
      .set({
        state: 'offered',
        offered_at: now,
        offer_expires_at: deadline,
        updated_at: now,
        ...(token ? { cancel_token_hash: sha256(token) } : {}),
      })
      .where('id', '=', signup.id)
      .execute()
    if (email && token) {
      const lng = signup.language
      const t = getFixedT(lng)
      const name = signup.guest_name ?? firstNameOf(signup.display_name)
      await enqueueEmail(trx, {
        to: email,
        toName: name || null,
        language: lng,
        template: 'waitlistOffer',
        data: {
          name: name || null,
          activity: activity?.title ?? '',
          when: sessionWhen(t, lng, session.starts_at, session.ends_at),
          deadline: deadlineText(t, lng, deadline),
          url: `${options.origin ?? defaultOrigin()}${signupPath(token)}`,
        },
        dedupeKey: `signup:${signup.id}:offer:${now.toISOString()}`,
      })
    }
  }
  return next.length
}

type Locator = { token: string } | { signupId: string; personId: string }

interface LockedSignup {
  id: string
  state: SignupState
  offer_expires_at: Date | null
}

/** Locks the session, then reads the sign-up again under the lock. */
async function withLockedSignup<T>(
  db: Executor,
  locator: Locator,
  fn: (trx: Trx, signup: LockedSignup, session: LockedSession) => Promise<T>,
): Promise<T | null> {
  if ('signupId' in locator && !isUuid(locator.signupId)) return null
  return inTransaction(db, async (trx) => {
    const find = () => {
      const q = trx.selectFrom('signup').select(['id', 'session_id', 'state', 'offer_expires_at'])
      return 'token' in locator
        ? q.where('cancel_token_hash', '=', sha256(locator.token))
        : q.where('id', '=', locator.signupId).where('person_id', '=', locator.personId)
    }
    const ref = await find().executeTakeFirst()
    if (!ref) return null
    const session = await lockSession(trx, ref.session_id)
    const signup = await find().forUpdate().executeTakeFirst()
    if (!session || !signup) return null
    return fn(trx, signup, session)
  })
}

export type TransitionResult =
  | { ok: true; state: SignupState }
  | { ok: false; reason: 'notFound' | 'tooLate' | 'expired' | 'notOffered' }

async function cancel(
  db: Executor,
  locator: Locator,
  now: Date,
  options: MailOptions,
): Promise<TransitionResult> {
  const result = await withLockedSignup(
    db,
    locator,
    async (trx, signup, session): Promise<TransitionResult> => {
      if (signup.state === 'cancelled') return { ok: true, state: 'cancelled' }
      if (signup.state === 'attended' || signup.state === 'no_show')
        return { ok: false, reason: 'tooLate' }
      if (session.starts_at.getTime() <= now.getTime()) return { ok: false, reason: 'tooLate' }
      const heldPlace = signup.state === 'confirmed' || signup.state === 'offered'
      await trx
        .updateTable('signup')
        .set({ state: 'cancelled', cancelled_at: now, updated_at: now })
        .where('id', '=', signup.id)
        .execute()
      if (heldPlace) await offerFreePlaces(trx, session, now, options)
      return { ok: true, state: 'cancelled' }
    },
  )
  return result ?? { ok: false, reason: 'notFound' }
}

async function confirm(
  db: Executor,
  locator: Locator,
  now: Date,
  options: MailOptions,
): Promise<TransitionResult> {
  const result = await withLockedSignup(
    db,
    locator,
    async (trx, signup, session): Promise<TransitionResult> => {
      if (signup.state === 'confirmed' || signup.state === 'attended')
        return { ok: true, state: signup.state }
      if (signup.state !== 'offered') return { ok: false, reason: 'notOffered' }
      if (signup.offer_expires_at && signup.offer_expires_at.getTime() > now.getTime()) {
        await trx
          .updateTable('signup')
          .set({ state: 'confirmed', updated_at: now })
          .where('id', '=', signup.id)
          .execute()
        return { ok: true, state: 'confirmed' }
      }
      // Too late: the hourly job would do this anyway; doing it now passes the place on sooner.
      await expireLockedOffers(trx, session, now, options)
      return { ok: false, reason: 'expired' }
    },
  )
  return result ?? { ok: false, reason: 'notFound' }
}

/** The link in the e-mail (or the page after signing up): cancel, freeing the place. */
export const cancelSignup = (db: Executor, token: string, now: Date, options: MailOptions = {}) =>
  cancel(db, { token }, now, options)

/** "Ja, jeg kommer": accept an offered place before its deadline. */
export const confirmOffer = (db: Executor, token: string, now: Date, options: MailOptions = {}) =>
  confirm(db, { token }, now, options)

/** The same, for a signed-in person acting on their own sign-up. */
export const cancelOwnSignup = (
  db: Executor,
  own: { signupId: string; personId: string },
  now: Date,
  options: MailOptions = {},
) => cancel(db, own, now, options)

export const confirmOwnOffer = (
  db: Executor,
  own: { signupId: string; personId: string },
  now: Date,
  options: MailOptions = {},
) => confirm(db, own, now, options)

async function expireLockedOffers(
  trx: Trx,
  session: LockedSession,
  now: Date,
  options: MailOptions,
): Promise<number> {
  // An expired offer is recorded as cancelled with cancelled_at ≥ offer_expires_at; someone who
  // declined in time has cancelled_at < offer_expires_at (see isExpiredOffer).
  const expired = await trx
    .updateTable('signup')
    .set({ state: 'cancelled', cancelled_at: now, updated_at: now })
    .where('session_id', '=', session.id)
    .where('state', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .returning('id')
    .execute()
  if (expired.length > 0) await offerFreePlaces(trx, session, now, options)
  return expired.length
}

export const isExpiredOffer = (s: {
  state: SignupState
  offer_expires_at: Date | null
  cancelled_at: Date | null
}) =>
  s.state === 'cancelled' &&
  s.offer_expires_at !== null &&
  s.cancelled_at !== null &&
  s.cancelled_at.getTime() >= s.offer_expires_at.getTime()

/**
 * Every offer past its deadline is cancelled and the place passes to the next on the waitlist.
 * Runs hourly and in the daily job; one short transaction per session.
 */
export async function expireOffers(
  db: Executor,
  now: Date,
  options: MailOptions = {},
): Promise<{ expired: number }> {
  const due = await db
    .selectFrom('signup')
    .select('session_id')
    .distinct()
    .where('state', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .execute()
  let expired = 0
  for (const { session_id } of due) {
    expired += await inTransaction(db, async (trx) => {
      const session = await lockSession(trx, session_id)
      return session ? expireLockedOffers(trx, session, now, options) : 0
    })
  }
  return { expired }
}

// ---- Reading: the public sign-up page and the holder's own page -------------------------------

export interface SignupSessionOption {
  id: string
  startsAt: Date
  endsAt: Date
  capacity: number | null
  placesLeft: number | null
  waiting: number
}

function sessionOptionsQuery(db: Executor) {
  return db
    .selectFrom('activity_session as sess')
    .select((eb) => [
      'sess.id',
      'sess.starts_at',
      'sess.ends_at',
      'sess.capacity',
      'sess.status',
      'sess.activity_id',
      eb
        .selectFrom('signup')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('signup.session_id', '=', 'sess.id')
        .where('signup.state', 'in', HOLDS_PLACE)
        .as('taken'),
      eb
        .selectFrom('signup')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('signup.session_id', '=', 'sess.id')
        .where('signup.state', '=', 'waitlisted')
        .as('waiting'),
    ])
}

const toOption = (row: {
  id: string
  starts_at: Date
  ends_at: Date
  capacity: number | null
  taken: number | null
  waiting: number | null
}): SignupSessionOption => ({
  id: row.id,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  capacity: row.capacity,
  placesLeft: row.capacity === null ? null : Math.max(0, row.capacity - Number(row.taken ?? 0)),
  waiting: Number(row.waiting ?? 0),
})

/**
 * What the public sign-up page needs: the activity (published, approved organisation) and its
 * next sessions with places left. `chosen` explains a session that can no longer be chosen.
 */
export async function getSignupOptions(
  db: Executor,
  activityId: string,
  now: Date,
  chosenSessionId: string | null,
  limit = 8,
) {
  if (!isUuid(activityId)) return null
  const activity = await db
    .selectFrom('activity as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.title', 'a.roles_offered', 'o.name as organisation_name'])
    .where('a.id', '=', activityId)
    .where('a.status', '=', 'published')
    .where('o.status', '=', 'approved')
    .executeTakeFirst()
  if (!activity) return null
  const rows = await sessionOptionsQuery(db)
    .where('sess.activity_id', '=', activityId)
    .where('sess.status', '=', 'scheduled')
    .where('sess.starts_at', '>', now)
    .orderBy('sess.starts_at')
    .limit(limit)
    .execute()
  const sessions = rows.map(toOption)
  let chosen: { id: string; problem: 'sessionCancelled' | 'sessionPast' | null } | null = null
  if (isUuid(chosenSessionId)) {
    const row = await sessionOptionsQuery(db)
      .where('sess.id', '=', chosenSessionId)
      .where('sess.activity_id', '=', activityId)
      .executeTakeFirst()
    if (row) {
      const problem =
        row.status === 'cancelled'
          ? ('sessionCancelled' as const)
          : row.starts_at.getTime() <= now.getTime()
            ? ('sessionPast' as const)
            : null
      // A later session than the first few, chosen from the activity page: offer it too.
      if (!problem && !sessions.some((s) => s.id === row.id)) sessions.push(toOption(row))
      chosen = { id: row.id, problem }
    }
  }
  sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      organisationName: activity.organisation_name,
      rolesOffered: activity.roles_offered,
    },
    sessions,
    chosen,
  }
}

/** A signed-in person's own, not cancelled, sign-ups among these sessions. */
export async function listOwnSignups(db: Executor, personId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return []
  const rows = await db
    .selectFrom('signup')
    .select(['id', 'session_id', 'state', 'offer_expires_at'])
    .where('person_id', '=', personId)
    .where('session_id', 'in', sessionIds)
    .where('state', '<>', 'cancelled')
    .execute()
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      sessionId: r.session_id,
      state: r.state,
      offerExpiresAt: r.offer_expires_at,
      position: r.state === 'waitlisted' ? await waitlistPosition(db, r.id) : null,
    })),
  )
}

/** The holder's own sign-up, found by the link's token. Shows only the holder's own data. */
export async function getSignupByToken(db: Executor, token: string, now: Date) {
  if (!token || token.length > 200) return null
  const row = await db
    .selectFrom('signup as s')
    .innerJoin('activity_session as sess', 'sess.id', 's.session_id')
    .innerJoin('activity as a', 'a.id', 'sess.activity_id')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .leftJoin('person as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.state',
      's.role',
      's.offer_expires_at',
      's.cancelled_at',
      's.guest_name',
      's.guest_email',
      's.named_checkin',
      'p.display_name',
      'p.email as person_email',
      'sess.id as session_id',
      'sess.starts_at',
      'sess.ends_at',
      'sess.status as session_status',
      'a.id as activity_id',
      'a.title',
      'a.location_name',
      'a.street_address',
      'a.postal_code',
      'a.city',
      'o.name as organisation_name',
    ])
    .where('s.cancel_token_hash', '=', sha256(token))
    .executeTakeFirst()
  if (!row) return null
  const started = row.starts_at.getTime() <= now.getTime()
  const open = row.state === 'confirmed' || row.state === 'waitlisted' || row.state === 'offered'
  return {
    id: row.id,
    state: row.state,
    role: row.role,
    expiredOffer: isExpiredOffer(row),
    offerExpiresAt: row.offer_expires_at,
    position: row.state === 'waitlisted' ? await waitlistPosition(db, row.id) : null,
    name: row.guest_name ?? firstNameOf(row.display_name),
    hasEmail: Boolean(row.guest_email ?? row.person_email),
    namedCheckin: row.named_checkin,
    session: {
      id: row.session_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      cancelled: row.session_status === 'cancelled',
      started,
    },
    activity: {
      id: row.activity_id,
      title: row.title,
      organisationName: row.organisation_name,
      place: [
        row.location_name,
        row.street_address,
        [row.postal_code, row.city].filter(Boolean).join(' '),
      ]
        .filter((p) => p && p.trim())
        .join(', '),
    },
    canCancel: open && !started && row.session_status === 'scheduled',
    canConfirm:
      row.state === 'offered' &&
      !started &&
      row.offer_expires_at !== null &&
      row.offer_expires_at.getTime() > now.getTime(),
  }
}
