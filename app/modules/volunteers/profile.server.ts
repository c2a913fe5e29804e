import type { Executor } from '~/db.server'
import type { Ctx } from '../identity/guards.server'

/** The signed-in person's own volunteer profile, to fill the sign-up form again. */
export async function getOwnProfile(ctx: Ctx) {
  const row = await ctx.db
    .selectFrom('volunteer_profile')
    .select([
      'interests',
      'interest_words',
      'languages',
      'area_id',
      'availability',
      'prefers_gender',
      'prefers_age_min',
      'prefers_age_max',
      'capacity',
      'lived_experience',
      'motivation',
      'consent_version',
    ])
    .where('person_id', '=', ctx.actor.personId)
    .executeTakeFirst()
  // A profile made by the demo accounts or an old sign-up without consent is not prefilled.
  return row?.consent_version ? row : null
}

/** Every municipality's areas (bydele), grouped, for the area choice. */
export async function listAreasByMunicipality(db: Executor) {
  const rows = await db
    .selectFrom('area as a')
    .innerJoin('municipality as m', 'm.id', 'a.municipality_id')
    .select(['a.id', 'a.name', 'm.id as municipality_id', 'm.name as municipality'])
    .orderBy('m.name')
    .orderBy('a.name')
    .execute()
  const groups: { id: string; name: string; areas: { id: string; name: string }[] }[] = []
  for (const r of rows) {
    let group = groups.find((g) => g.id === r.municipality_id)
    if (!group) {
      group = { id: r.municipality_id, name: r.municipality, areas: [] }
      groups.push(group)
    }
    group.areas.push({ id: r.id, name: r.name })
  }
  return groups
}
