import type { Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import { defaultOrigin } from '../activities/signups.server'

// Who hears about a volunteer: the organisation's coordinators (each in their own language).

export interface Recipient {
  email: string
  name: string
  language: Language
}

export async function coordinatorsOf(db: Executor, organisationId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('organisation_membership as om')
    .innerJoin('person as p', 'p.id', 'om.person_id')
    .select(['p.email', 'p.display_name', 'p.language'])
    .where('om.organisation_id', '=', organisationId)
    .where('om.role', '=', 'coordinator')
    .where('p.deleted_at', 'is', null)
    .where('p.email', 'is not', null)
    .orderBy('p.display_name')
    .execute()
  return rows.map((r) => ({ email: r.email!, name: r.display_name, language: r.language }))
}

export const originOr = (origin: string | undefined) => origin ?? defaultOrigin()

export const volunteerPagePath = (organisationId: string, applicationId: string) =>
  `/org/${organisationId}/volunteers/${applicationId}`
