import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { defaultOrigin } from '../activities/signups.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { dateFormatter } from '~/ui/format'
import { localToday } from './balance.server'
import { caseworkersOf } from './notify.server'
import { addDays, CONTROL_REMINDER_DAYS } from './rules'

/**
 * Hourly: reminds the caseworkers 30 days before a decision's control is due. Marks the due date
 * it reminded for, so it runs again harmlessly; a new control date gets a new reminder.
 */
export async function runFrikortJobs(
  db: Kysely<DB>,
  now: Date,
): Promise<{ controlReminders: number }> {
  const horizon = addDays(localToday(now), CONTROL_REMINDER_DAYS)
  const due = await db
    .selectFrom('frikort_decision as d')
    .innerJoin('citizen as c', 'c.id', 'd.citizen_id')
    .select(['d.id', 'd.citizen_id', 'c.chosen_name', 'd.next_control_due'])
    .where('d.status', '=', 'active')
    .where('d.next_control_due', '<=', horizon)
    .where((eb) =>
      eb.or([
        eb('d.control_reminded_for', 'is', null),
        eb('d.control_reminded_for', '<>', eb.ref('d.next_control_due')),
      ]),
    )
    .limit(500)
    .execute()
  let sent = 0
  for (const d of due) {
    await db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('frikort_decision')
        .set({ control_reminded_for: d.next_control_due })
        .where('id', '=', d.id)
        .where('next_control_due', '=', d.next_control_due)
        .where((eb) =>
          eb.or([
            eb('control_reminded_for', 'is', null),
            eb('control_reminded_for', '<>', d.next_control_due),
          ]),
        )
        .returning('id')
        .executeTakeFirst()
      if (!marked) return
      for (const cw of await caseworkersOf(trx, d.citizen_id)) {
        const id = await enqueueEmail(trx, {
          to: cw.email,
          toName: cw.name,
          language: cw.language,
          template: 'frikortControlDue',
          data: {
            name: cw.name,
            citizen: d.chosen_name,
            due: dateFormatter(cw.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
              new Date(`${d.next_control_due}T00:00:00Z`),
            ),
            link: `${defaultOrigin()}/case/frikort/${d.citizen_id}`,
          },
          dedupeKey: `frikort-control:${d.id}:${d.next_control_due}:${cw.personId}`,
        })
        if (id) sent++
      }
    })
  }
  return { controlReminders: sent }
}
