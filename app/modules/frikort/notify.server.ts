import type { Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import { defaultOrigin } from '../activities/signups.server'
import { enqueueEmail } from '../notifications/outbox.server'
import { formatKroner } from '../partnerships/money'
import type { Threshold } from './rules'

interface Recipient {
  personId: string
  email: string
  name: string
  language: Language
}

/**
 * The caseworkers responsible for the citizen; when none is recorded, whoever recorded the
 * active decision. Only people with an e-mail address who still have an account.
 */
export async function caseworkersOf(db: Executor, citizenId: string): Promise<Recipient[]> {
  const linked = await db
    .selectFrom('citizen_caseworker as cc')
    .innerJoin('person as p', 'p.id', 'cc.person_id')
    .select(['p.id', 'p.email', 'p.display_name', 'p.language'])
    .where('cc.citizen_id', '=', citizenId)
    .where('p.deleted_at', 'is', null)
    .where('p.email', 'is not', null)
    .execute()
  const rows = linked.length
    ? linked
    : await db
        .selectFrom('frikort_decision as d')
        .innerJoin('person as p', 'p.id', 'd.decided_by')
        .select(['p.id', 'p.email', 'p.display_name', 'p.language'])
        .where('d.citizen_id', '=', citizenId)
        .where('d.status', '=', 'active')
        .where('p.deleted_at', 'is', null)
        .where('p.email', 'is not', null)
        .execute()
  return rows.map((r) => ({
    personId: r.id,
    email: r.email!,
    name: r.display_name,
    language: r.language,
  }))
}

/**
 * Tells the citizen (unless they chose "via my caseworker") and their caseworkers that the
 * year's total reached 80 % or 100 % of the cap. The dedupe key makes it once per citizen, year
 * and threshold, also when a reversal and a new entry pass the same line again.
 */
export async function notifyThresholds(
  db: Executor,
  input: {
    citizenId: string
    year: number
    crossed: Threshold[]
    totalOre: number
    capOre: number
    origin?: string
  },
): Promise<number> {
  if (input.crossed.length === 0) return 0
  const citizen = await db
    .selectFrom('citizen as c')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .select([
      'c.chosen_name',
      'c.language',
      'c.contact_preference',
      'c.safety_flag',
      'c.email',
      'p.email as person_email',
    ])
    .where('c.id', '=', input.citizenId)
    .executeTakeFirstOrThrow()
  const caseworkers = await caseworkersOf(db, input.citizenId)
  const origin = input.origin ?? defaultOrigin()
  const citizenEmail = citizen.email ?? citizen.person_email
  const remaining = Math.max(input.capOre - input.totalOre, 0)
  const amounts = (lng: Language) => ({
    total: formatKroner(input.totalOre, lng),
    cap: formatKroner(input.capOre, lng),
    remaining: formatKroner(remaining, lng),
  })
  let sent = 0
  for (const threshold of input.crossed) {
    const key = `frikort-cap:${input.citizenId}:${input.year}:${threshold}`
    if (citizenEmail && citizen.contact_preference !== 'via_caseworker') {
      const link = `${origin}/me/frikort`
      const id = citizen.safety_flag
        ? await enqueueEmail(db, {
            to: citizenEmail,
            toName: citizen.chosen_name,
            language: citizen.language,
            template: 'frikortDiscreet',
            data: { name: citizen.chosen_name, link },
            dedupeKey: `${key}:citizen`,
          })
        : await enqueueEmail(db, {
            to: citizenEmail,
            toName: citizen.chosen_name,
            language: citizen.language,
            template: 'frikortThreshold',
            data: {
              name: citizen.chosen_name,
              threshold,
              year: input.year,
              link,
              ...amounts(citizen.language),
            },
            dedupeKey: `${key}:citizen`,
          })
      if (id) sent++
    }
    for (const cw of caseworkers) {
      const id = await enqueueEmail(db, {
        to: cw.email,
        toName: cw.name,
        language: cw.language,
        template: 'frikortThresholdCaseworker',
        data: {
          name: cw.name,
          citizen: citizen.chosen_name,
          threshold,
          year: input.year,
          link: `${origin}/case/frikort/${input.citizenId}`,
          ...amounts(cw.language),
        },
        dedupeKey: `${key}:caseworker:${cw.personId}`,
      })
      if (id) sent++
    }
  }
  return sent
}
