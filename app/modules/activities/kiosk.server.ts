import type { Executor } from '~/db.server'
import { sha256 } from '../identity/crypto.server'
import { incrementHeadcount } from './attendance.server'
import { firstNameOf, isUuid } from './signups.server'

// The kiosk: a shared tablet at the session, opened by staff. The link's token is the only
// credential; it shows nothing but the first names of people who agreed to be named, and
// stores check-ins, an anonymous headcount and anonymous one-tap feedback.

async function findKiosk(db: Executor, token: string, now: Date) {
  if (!token || token.length > 200) return null
  const row = await db
    .selectFrom('kiosk as k')
    .innerJoin('activity_session as sess', 'sess.id', 'k.session_id')
    .innerJoin('activity as a', 'a.id', 'sess.activity_id')
    .select([
      'k.id',
      'k.session_id',
      'sess.starts_at',
      'sess.ends_at',
      'sess.status as session_status',
      'a.title',
    ])
    .where('k.token_hash', '=', sha256(token))
    .where('k.closed_at', 'is', null)
    .where('k.expires_at', '>', now)
    .executeTakeFirst()
  if (!row) return null
  return { ...row, ended: row.ends_at.getTime() <= now.getTime() }
}

export async function getKioskView(db: Executor, token: string, now: Date) {
  const kiosk = await findKiosk(db, token, now)
  if (!kiosk) return null
  const rows = kiosk.ended
    ? []
    : await db
        .selectFrom('signup as s')
        .leftJoin('person as p', 'p.id', 's.person_id')
        .select(['s.id', 's.guest_name', 'p.display_name'])
        .where('s.session_id', '=', kiosk.session_id)
        .where('s.named_checkin', '=', true)
        .where('s.state', 'in', ['confirmed', 'offered'])
        .execute()
  const names = rows
    .map((r) => ({ signupId: r.id, name: r.guest_name || firstNameOf(r.display_name) }))
    .filter((r) => r.name)
    .sort((a, b) => a.name.localeCompare(b.name, 'da') || a.signupId.localeCompare(b.signupId))
  // Two people with the same first name get a number each, so the buttons differ.
  const seen = new Map<string, number>()
  const totals = new Map<string, number>()
  for (const n of names) totals.set(n.name, (totals.get(n.name) ?? 0) + 1)
  return {
    title: kiosk.title,
    startsAt: kiosk.starts_at,
    endsAt: kiosk.ends_at,
    ended: kiosk.ended || kiosk.session_status === 'cancelled',
    names: names.map((n) => {
      const i = (seen.get(n.name) ?? 0) + 1
      seen.set(n.name, i)
      return {
        signupId: n.signupId,
        label: (totals.get(n.name) ?? 0) > 1 ? `${n.name} (${i})` : n.name,
      }
    }),
  }
}

export type KioskResult = 'ok' | 'already' | 'ended' | 'gone'

/** A tap on a name: confirmed or offered → attended, once (the update is the check). */
export async function kioskCheckIn(
  db: Executor,
  token: string,
  signupId: string,
  now: Date,
): Promise<KioskResult> {
  const kiosk = await findKiosk(db, token, now)
  if (!kiosk) return 'gone'
  if (kiosk.ended || kiosk.session_status === 'cancelled') return 'ended'
  if (!isUuid(signupId)) return 'already'
  const updated = await db
    .updateTable('signup')
    .set({ state: 'attended', updated_at: now })
    .where('id', '=', signupId)
    .where('session_id', '=', kiosk.session_id)
    .where('named_checkin', '=', true)
    .where('state', 'in', ['confirmed', 'offered'])
    .returning('id')
    .executeTakeFirst()
  return updated ? 'ok' : 'already'
}

/** "Jeg er her": one more in the anonymous headcount. */
export async function kioskHere(db: Executor, token: string, now: Date): Promise<KioskResult> {
  const kiosk = await findKiosk(db, token, now)
  if (!kiosk) return 'gone'
  if (kiosk.ended || kiosk.session_status === 'cancelled') return 'ended'
  await incrementHeadcount(db, kiosk.session_id, null, now)
  return 'ok'
}

export async function kioskFeedback(
  db: Executor,
  token: string,
  rating: number,
  now: Date,
): Promise<KioskResult> {
  const kiosk = await findKiosk(db, token, now)
  if (!kiosk) return 'gone'
  await db
    .insertInto('session_feedback')
    .values({ session_id: kiosk.session_id, rating, created_at: now })
    .execute()
  return 'ok'
}
