import type { Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import type { Actor } from './actor'

export async function loadActor(
  db: Executor,
  personId: string,
  session: { id: string; mfaVerified: boolean },
): Promise<Actor | null> {
  const person = await db
    .selectFrom('person')
    .select(['id', 'display_name', 'email', 'language', 'totp_enabled_at', 'is_demo'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!person) return null
  const [municipalRoles, orgRoles, citizen, volunteer] = await Promise.all([
    db
      .selectFrom('municipal_role as r')
      .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
      .select(['r.municipality_id', 'm.name', 'r.role'])
      .where('r.person_id', '=', personId)
      .orderBy('m.name')
      .execute(),
    db
      .selectFrom('organisation_membership as om')
      .innerJoin('organisation as o', 'o.id', 'om.organisation_id')
      .select(['om.organisation_id', 'o.name', 'om.role'])
      .where('om.person_id', '=', personId)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('citizen')
      .select(['id', 'municipality_id'])
      .where('person_id', '=', personId)
      .executeTakeFirst(),
    db
      .selectFrom('volunteer_profile')
      .select('person_id')
      .where('person_id', '=', personId)
      .executeTakeFirst(),
  ])
  return {
    personId: person.id,
    displayName: person.display_name,
    email: person.email,
    language: person.language as Language,
    sessionId: session.id,
    mfaVerified: session.mfaVerified,
    totpEnabled: person.totp_enabled_at !== null,
    municipalRoles: municipalRoles.map((r) => ({
      municipalityId: r.municipality_id,
      municipalityName: r.name,
      role: r.role,
    })),
    orgRoles: orgRoles.map((r) => ({
      organisationId: r.organisation_id,
      organisationName: r.name,
      role: r.role,
    })),
    citizen: citizen ? { id: citizen.id, municipalityId: citizen.municipality_id } : null,
    isVolunteer: volunteer !== undefined,
    isDemo: person.is_demo,
  }
}
