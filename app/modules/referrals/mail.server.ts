import type { Executor } from '~/db.server'
import { env } from '~/env.server'
import type { Language } from '~/i18n/config'
import { formatDate } from '~/ui/format'

// Who is told about a referral or a consent, and where their links point. Jobs run without a
// request, so links use PUBLIC_URL (or the local address in development).

export interface Recipient {
  personId: string
  email: string
  name: string
  language: Language
}

export function mailOrigin(): string {
  const config = env()
  return config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${config.PORT}`
}

export const link = (path: string) => `${mailOrigin()}${path}`

export const dateFor = (date: Date, language: Language) => formatDate(date, language)

/** The organisation's coordinators who can be reached by e-mail (they answer referrals). */
export async function coordinatorsOf(db: Executor, organisationId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('organisation_membership as om')
    .innerJoin('person as p', 'p.id', 'om.person_id')
    .select(['p.id', 'p.email', 'p.display_name', 'p.language'])
    .where('om.organisation_id', '=', organisationId)
    .where('om.role', '=', 'coordinator')
    .where('p.email', 'is not', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({
    personId: r.id,
    email: r.email!,
    name: r.display_name,
    language: r.language as Language,
  }))
}

/** One staff member (a caseworker), if they can be reached by e-mail. */
export async function personRecipient(
  db: Executor,
  personId: string | null,
): Promise<Recipient | null> {
  if (!personId) return null
  const r = await db
    .selectFrom('person')
    .select(['id', 'email', 'display_name', 'language'])
    .where('id', '=', personId)
    .where('email', 'is not', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return r
    ? { personId: r.id, email: r.email!, name: r.display_name, language: r.language as Language }
    : null
}

/** The citizen's caseworkers (citizen_caseworker) who can be reached by e-mail. */
export async function caseworkersOf(db: Executor, citizenId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('citizen_caseworker as cc')
    .innerJoin('person as p', 'p.id', 'cc.person_id')
    .select(['p.id', 'p.email', 'p.display_name', 'p.language'])
    .where('cc.citizen_id', '=', citizenId)
    .where('p.email', 'is not', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({
    personId: r.id,
    email: r.email!,
    name: r.display_name,
    language: r.language as Language,
  }))
}
