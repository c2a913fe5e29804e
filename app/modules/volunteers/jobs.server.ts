import { sql, type Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import type { JobResult } from '~/jobs.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { applyTransition, MY_PAGE, todayIn } from './applications.server'
import { dayText } from './format'
import { coordinatorsOf, originOr, volunteerPagePath } from './notify.server'
import { addDays } from '../activities/schedule'
import { requirementsMet } from './eligibility.server'
import { daysBetween, warningDue, WARNING_DAYS } from './requirements'

// Hourly: warn 30 and 7 days before a requirement expires (each warning once, by its dedupe
// key), and move every volunteer whose requirements no longer hold back to screening.

export async function runVolunteerJobs(db: Kysely<DB>, now: Date): Promise<JobResult> {
  const warned = await warnExpiring(db, now)
  const expired = await expireVolunteers(db, now)
  return { warned, expired }
}

async function warnExpiring(db: Kysely<DB>, now: Date): Promise<number> {
  const today = todayIn(now)
  const rows = await db
    .selectFrom('volunteer_requirement as vr')
    .innerJoin('volunteer_application as va', 'va.id', 'vr.application_id')
    .innerJoin('organisation_requirement as orq', (join) =>
      join
        .onRef('orq.organisation_id', '=', 'va.organisation_id')
        .onRef('orq.kind', '=', 'vr.kind'),
    )
    .innerJoin('organisation as o', 'o.id', 'va.organisation_id')
    .innerJoin('person as p', 'p.id', 'va.person_id')
    .select([
      'vr.id',
      'vr.kind',
      'vr.expires_on',
      'va.id as application_id',
      'va.organisation_id',
      'o.name as organisation',
      'p.email',
      'p.display_name',
      'p.language',
    ])
    .where('va.state', 'in', ['approved', 'active', 'paused'])
    .where('vr.expires_on', '>', today)
    .where('vr.expires_on', '<=', addDays(today, WARNING_DAYS[0]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('volunteer_requirement as newer')
            .select(sql`1`.as('one'))
            .whereRef('newer.application_id', '=', 'vr.application_id')
            .whereRef('newer.kind', '=', 'vr.kind')
            .whereRef('newer.checked_on', '>', 'vr.checked_on'),
        ),
      ),
    )
    .execute()
  let sent = 0
  const origin = originOr(undefined)
  for (const r of rows) {
    const days = warningDue(r.expires_on, today)
    if (days === null) continue
    const base = {
      kind: r.kind,
      days: daysBetween(today, r.expires_on!),
      organisation: r.organisation,
      volunteer: r.display_name,
    }
    await db.transaction().execute(async (trx) => {
      if (r.email) {
        const id = await enqueueEmail(trx, {
          to: r.email,
          toName: r.display_name,
          language: r.language,
          template: 'volunteerExpiring',
          data: {
            ...base,
            name: r.display_name,
            audience: 'volunteer',
            expiresOn: dayText(r.expires_on!, r.language),
            url: `${origin}${MY_PAGE}`,
          },
          dedupeKey: `volunteer-expiring:${r.id}:${days}:volunteer`,
        })
        if (id) sent++
      }
      for (const c of await coordinatorsOf(trx, r.organisation_id)) {
        const id = await enqueueEmail(trx, {
          to: c.email,
          toName: c.name,
          language: c.language,
          template: 'volunteerExpiring',
          data: {
            ...base,
            name: c.name,
            audience: 'coordinator',
            expiresOn: dayText(r.expires_on!, c.language),
            url: `${origin}${volunteerPagePath(r.organisation_id, r.application_id)}`,
          },
          dedupeKey: `volunteer-expiring:${r.id}:${days}:${c.email}`,
        })
        if (id) sent++
      }
    })
  }
  return sent
}

/** Approved, active or paused volunteers who are no longer eligible go back to screening. */
async function expireVolunteers(db: Kysely<DB>, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('volunteer_application as va')
    .select('va.id')
    .where('va.state', 'in', ['approved', 'active', 'paused'])
    .where('va.confirmed_at', 'is not', null)
    // only a lapsed requirement sends them back (a paused volunteer is not eligible either)
    .where(sql<boolean>`not ${requirementsMet('va', now)}`)
    .execute()
  let moved = 0
  for (const r of rows) {
    const result = await applyTransition(db, {
      applicationId: r.id,
      transition: 'expire',
      by: 'system',
      actorPersonId: null,
      reason: 'requirement expired',
      now,
    })
    if (result.ok) moved++
  }
  return moved
}
