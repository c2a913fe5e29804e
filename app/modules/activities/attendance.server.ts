import { sql } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import { recordAudit } from '../audit/audit.server'
import { randomToken, sha256 } from '../identity/crypto.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import type { SignupState } from '../../../db/schema.ts'
import { firstNameOf, isUuid } from './signups.server'

// Attendance (fremmøde) per session, for the organisation's coordinators and staff: the
// sign-up list, named check-in of people who consented, the anonymous headcount and the kiosk.
// Every function checks the role first and finds the session only through the organisation.

const STAFF_ROLES = ['coordinator', 'staff'] as const
/** A kiosk link works for one session day. */
export const KIOSK_HOURS = 12

function sessionOfOrganisation(db: Executor, organisationId: string, sessionId: string) {
  return db
    .selectFrom('activity_session as sess')
    .innerJoin('activity as a', 'a.id', 'sess.activity_id')
    .where('sess.id', '=', sessionId)
    .where('a.organisation_id', '=', organisationId)
}

/** The session with its counts, or null when it is not this organisation's. */
export async function getSessionForStaff(ctx: Ctx, organisationId: string, sessionId: string) {
  requireOrgRole(ctx, organisationId, STAFF_ROLES)
  if (!isUuid(sessionId)) return null
  const row = await sessionOfOrganisation(ctx.db, organisationId, sessionId)
    .leftJoin('session_attendance as att', 'att.session_id', 'sess.id')
    .select([
      'sess.id',
      'sess.starts_at',
      'sess.ends_at',
      'sess.capacity',
      'sess.status',
      'a.id as activity_id',
      'a.title',
      'att.anonymous_count',
    ])
    .executeTakeFirst()
  if (!row) return null
  const feedback = await ctx.db
    .selectFrom('session_feedback')
    .select(['rating', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .groupBy('rating')
    .execute()
  const kiosk = await ctx.db
    .selectFrom('kiosk')
    .select(['id', 'expires_at'])
    .where('session_id', '=', sessionId)
    .where('closed_at', 'is', null)
    .where('expires_at', '>', ctx.now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst()
  const ratings = Object.fromEntries(feedback.map((f) => [f.rating, Number(f.n)])) as Record<
    number,
    number
  >
  return {
    id: row.id,
    activityId: row.activity_id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    cancelled: row.status === 'cancelled',
    started: row.starts_at.getTime() <= ctx.now.getTime(),
    headcount: row.anonymous_count ?? 0,
    feedback: [5, 4, 3, 2, 1].map((rating) => ({ rating, count: ratings[rating] ?? 0 })),
    kiosk: kiosk ? { expiresAt: kiosk.expires_at } : null,
  }
}

export interface StaffSignupRow {
  id: string
  state: SignupState
  role: string
  /** The first name, only for people who consented to be named on the list. */
  name: string | null
  namedCheckin: boolean
  position: number | null
  offerExpiresAt: Date | null
}

/**
 * Who is signed up. Reading the named list is access to personal data, so it is audited.
 * Nothing but a first name (with consent) is shown; contact details stay out of the list.
 */
export async function listSessionSignups(
  ctx: Ctx,
  organisationId: string,
  sessionId: string,
  page: string,
): Promise<StaffSignupRow[]> {
  requireOrgRole(ctx, organisationId, STAFF_ROLES)
  if (!isUuid(sessionId)) return []
  const rows = await sessionOfOrganisation(ctx.db, organisationId, sessionId)
    .innerJoin('signup as s', 's.session_id', 'sess.id')
    .leftJoin('person as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.state',
      's.role',
      's.named_checkin',
      's.guest_name',
      's.offer_expires_at',
      'p.display_name',
    ])
    .where('s.state', '<>', 'cancelled')
    .orderBy(sql`s.state = 'waitlisted'`)
    .orderBy('s.waitlisted_at')
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute()
  await recordAudit(ctx.db, {
    action: 'signup.list_read',
    actorPersonId: ctx.actor.personId,
    recordType: 'activity_session',
    recordId: sessionId,
    ipHash: ctx.ipHash,
    page,
    details: { organisationId, count: rows.length },
    now: ctx.now,
  })
  let position = 0
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    role: r.role,
    name: r.named_checkin ? r.guest_name || firstNameOf(r.display_name) || null : null,
    namedCheckin: r.named_checkin,
    position: r.state === 'waitlisted' ? ++position : null,
    offerExpiresAt: r.offer_expires_at,
  }))
}

async function lockOrganisationSession(
  ctx: Ctx,
  db: Executor,
  organisationId: string,
  sessionId: string,
) {
  requireOrgRole(ctx, organisationId, STAFF_ROLES)
  if (!isUuid(sessionId)) return null
  return sessionOfOrganisation(db, organisationId, sessionId)
    .select(['sess.id', 'sess.starts_at'])
    .forUpdate('sess')
    .executeTakeFirst()
}

/**
 * Saves the named check-in list: ticked people attended; an earlier tick taken away goes back
 * to confirmed; with `restNoShow`, everyone else with a place is marked as not having come.
 * Only people who consented to named check-in can be changed here.
 */
export async function recordCheckins(
  ctx: Ctx,
  organisationId: string,
  sessionId: string,
  input: { attended: string[]; restNoShow: boolean },
): Promise<{ attended: number; noShow: number } | null> {
  return inTransaction(ctx.db, async (trx) => {
    const session = await lockOrganisationSession(ctx, trx, organisationId, sessionId)
    if (!session) return null
    const named = await trx
      .selectFrom('signup')
      .select(['id', 'state'])
      .where('session_id', '=', sessionId)
      .where('named_checkin', '=', true)
      .where('state', 'in', ['confirmed', 'offered', 'attended', 'no_show'])
      .execute()
    const ticked = new Set(input.attended)
    const target = (s: { id: string; state: SignupState }): SignupState =>
      ticked.has(s.id)
        ? 'attended'
        : input.restNoShow && s.state !== 'attended'
          ? 'no_show'
          : s.state === 'attended'
            ? 'confirmed'
            : s.state
    const changes = named.filter((s) => target(s) !== s.state)
    for (const state of ['attended', 'no_show', 'confirmed'] as const) {
      const ids = changes.filter((s) => target(s) === state).map((s) => s.id)
      if (ids.length === 0) continue
      await trx
        .updateTable('signup')
        .set({ state, updated_at: ctx.now })
        .where('id', 'in', ids)
        .execute()
    }
    await recordAudit(trx, {
      action: 'signup.attendance_saved',
      actorPersonId: ctx.actor.personId,
      recordType: 'activity_session',
      recordId: sessionId,
      ipHash: ctx.ipHash,
      details: { organisationId, changed: changes.length },
      now: ctx.now,
    })
    return {
      attended: named.filter((s) => target(s) === 'attended').length,
      noShow: named.filter((s) => target(s) === 'no_show').length,
    }
  })
}

/** Adds to the anonymous headcount in one statement, so taps from several devices all count. */
export async function incrementHeadcount(
  db: Executor,
  sessionId: string,
  byPersonId: string | null,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('session_attendance')
    .values({ session_id: sessionId, anonymous_count: 1, updated_by: byPersonId, updated_at: now })
    .onConflict((oc) =>
      oc.column('session_id').doUpdateSet({
        anonymous_count: sql`session_attendance.anonymous_count + 1`,
        updated_by: byPersonId,
        updated_at: now,
      }),
    )
    .returning('anonymous_count')
    .executeTakeFirstOrThrow()
  return row.anonymous_count
}

export async function addToHeadcount(ctx: Ctx, organisationId: string, sessionId: string) {
  requireOrgRole(ctx, organisationId, STAFF_ROLES)
  const session = await getSessionForStaff(ctx, organisationId, sessionId)
  if (!session) return null
  return incrementHeadcount(ctx.db, session.id, ctx.actor.personId, ctx.now)
}

export async function setHeadcount(
  ctx: Ctx,
  organisationId: string,
  sessionId: string,
  count: number,
): Promise<number | null> {
  requireOrgRole(ctx, organisationId, STAFF_ROLES)
  const session = await getSessionForStaff(ctx, organisationId, sessionId)
  if (!session) return null
  const row = await ctx.db
    .insertInto('session_attendance')
    .values({
      session_id: session.id,
      anonymous_count: count,
      updated_by: ctx.actor.personId,
      updated_at: ctx.now,
    })
    .onConflict((oc) =>
      oc.column('session_id').doUpdateSet({
        anonymous_count: count,
        updated_by: ctx.actor.personId,
        updated_at: ctx.now,
      }),
    )
    .returning('anonymous_count')
    .executeTakeFirstOrThrow()
  return row.anonymous_count
}

/**
 * Opens the kiosk for a session: a new link replaces any earlier one. The token is returned
 * once, to be shown; only its hash is stored.
 */
export async function openKiosk(
  ctx: Ctx,
  organisationId: string,
  sessionId: string,
): Promise<{ token: string; expiresAt: Date } | null> {
  return inTransaction(ctx.db, async (trx) => {
    const session = await lockOrganisationSession(ctx, trx, organisationId, sessionId)
    if (!session) return null
    await trx
      .updateTable('kiosk')
      .set({ closed_at: ctx.now })
      .where('session_id', '=', sessionId)
      .where('closed_at', 'is', null)
      .execute()
    const token = randomToken()
    const expiresAt = new Date(ctx.now.getTime() + KIOSK_HOURS * 3_600_000)
    await trx
      .insertInto('kiosk')
      .values({
        session_id: sessionId,
        token_hash: sha256(token),
        opened_by: ctx.actor.personId,
        opened_at: ctx.now,
        expires_at: expiresAt,
      })
      .execute()
    await recordAudit(trx, {
      action: 'kiosk.opened',
      actorPersonId: ctx.actor.personId,
      recordType: 'activity_session',
      recordId: sessionId,
      ipHash: ctx.ipHash,
      details: { organisationId },
      now: ctx.now,
    })
    return { token, expiresAt }
  })
}

export async function closeKiosk(
  ctx: Ctx,
  organisationId: string,
  sessionId: string,
): Promise<number | null> {
  return inTransaction(ctx.db, async (trx) => {
    const session = await lockOrganisationSession(ctx, trx, organisationId, sessionId)
    if (!session) return null
    const closed = await trx
      .updateTable('kiosk')
      .set({ closed_at: ctx.now })
      .where('session_id', '=', sessionId)
      .where('closed_at', 'is', null)
      .returning('id')
      .execute()
    return closed.length
  })
}
