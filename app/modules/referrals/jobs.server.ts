import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { anonymiseDueCitizens } from '../citizens/retention.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { caseworkersOf, coordinatorsOf, dateFor, link, personRecipient } from './mail.server'
import { caseReferralPage, orgReferralPage } from './referrals.server'
import { canTransition } from './transitions'

// The hourly job for referrals, consent and retention. Idempotent: reminders are marked on the
// referral (reminded_7_at, reminded_12_at) in the transaction that sends them, expiry is a state
// change under a lock, and consent warnings carry a dedupe key. `now` comes from the caller.

const DAY = 86_400_000
export const CONSENT_WARNING_DAYS = 30

async function remind(db: Kysely<DB>, now: Date, day: 7 | 12): Promise<number> {
  const column = day === 7 ? 'reminded_7_at' : 'reminded_12_at'
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('referral as r')
      .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
      .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
      .select(['r.id', 'r.to_organisation_id', 'r.deadline_at', 'o.name', 'ci.safety_flag'])
      .where('r.state', '=', 'sent')
      .where(`r.${column}`, 'is', null)
      .where('r.sent_at', '<=', new Date(now.getTime() - day * DAY))
      .where('r.deadline_at', '>', now)
      .forUpdate('r')
      .skipLocked()
      .limit(500)
      .execute()
    for (const r of due) {
      await trx
        .updateTable('referral')
        .set({
          [column]: now,
          // A reminder at 12 days makes the one at 7 moot if the job was not running then.
          ...(day === 12 ? { reminded_7_at: sql<Date>`coalesce(reminded_7_at, ${now})` } : {}),
        })
        .where('id', '=', r.id)
        .execute()
      for (const to of await coordinatorsOf(trx, r.to_organisation_id))
        await enqueueEmail(trx, {
          to: to.email,
          toName: to.name,
          language: to.language,
          template: 'referralReminder',
          data: {
            name: to.name,
            organisation: r.name,
            deadline: dateFor(new Date(r.deadline_at), to.language),
            link: link(orgReferralPage(r.to_organisation_id, r.id)),
            discreet: r.safety_flag,
          },
          dedupeKey: `referral-reminder-${day}:${r.id}:${to.personId}`,
        })
    }
    return due.length
  })
}

async function expire(db: Kysely<DB>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('referral as r')
      .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
      .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
      .select([
        'r.id',
        'r.state',
        'r.municipality_id',
        'r.caseworker_id',
        'o.name',
        'ci.safety_flag',
      ])
      .where('r.state', '=', 'sent')
      .where('r.deadline_at', '<=', now)
      .forUpdate('r')
      .skipLocked()
      .limit(500)
      .execute()
    for (const r of due) {
      if (!canTransition(r.state, 'expire', 'system')) continue
      await trx
        .updateTable('referral')
        .set({ state: 'expired', closed_at: now, updated_at: now })
        .where('id', '=', r.id)
        .execute()
      await trx
        .insertInto('event')
        .values({
          occurred_at: now,
          municipality_id: r.municipality_id,
          actor_person_id: null,
          entity_type: 'referral',
          entity_id: r.id,
          type: 'referral.expired',
          data: JSON.stringify({ from: 'sent', to: 'expired', by: 'system' }),
        })
        .execute()
      const to = await personRecipient(trx, r.caseworker_id)
      if (to)
        await enqueueEmail(trx, {
          to: to.email,
          toName: to.name,
          language: to.language,
          template: 'referralAnswered',
          data: {
            name: to.name,
            organisation: r.name,
            state: 'expired',
            reason: null,
            link: link(caseReferralPage(r.id)),
            discreet: r.safety_flag,
          },
          dedupeKey: `referral-expired:${r.id}:${to.personId}`,
        })
    }
    return due.length
  })
}

/** Warns the citizen's caseworkers 30 days before a consent runs out (once per consent). */
async function warnExpiringConsents(db: Kysely<DB>, now: Date): Promise<number> {
  const soon = await db
    .selectFrom('consent as k')
    .innerJoin('citizen as c', 'c.id', 'k.citizen_id')
    .select(['k.id', 'k.citizen_id', 'k.expires_at', 'k.recorded_by'])
    .where('k.withdrawn_at', 'is', null)
    .where('k.expires_at', '>', now)
    .where('k.expires_at', '<=', new Date(now.getTime() + CONSENT_WARNING_DAYS * DAY))
    .where('c.anonymised_at', 'is', null)
    .limit(1000)
    .execute()
  let sent = 0
  for (const k of soon) {
    let recipients = await caseworkersOf(db, k.citizen_id)
    if (recipients.length === 0) {
      const recorder = await personRecipient(db, k.recorded_by)
      recipients = recorder ? [recorder] : []
    }
    for (const to of recipients) {
      const id = await enqueueEmail(db, {
        to: to.email,
        toName: to.name,
        language: to.language,
        template: 'consentExpiring',
        data: {
          name: to.name,
          expiresOn: dateFor(new Date(k.expires_at), to.language),
          link: link(`/case/citizens/${k.citizen_id}`),
        },
        dedupeKey: `consent-expiring:${k.id}:${to.personId}`,
      })
      if (id) sent++
    }
  }
  return sent
}

export async function runReferralJobs(db: Kysely<DB>, now: Date) {
  // Expire first: a referral past its deadline gets no reminder.
  const expired = await expire(db, now)
  const reminded12 = await remind(db, now, 12)
  const reminded7 = await remind(db, now, 7)
  const consentWarnings = await warnExpiringConsents(db, now)
  const anonymised = await anonymiseDueCitizens(db, now)
  return { expired, reminded7, reminded12, consentWarnings, anonymised }
}
