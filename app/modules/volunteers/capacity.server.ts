import type { Executor } from '~/db.server'

// How many people a volunteer can still support: their stated capacity minus the buddy
// courses (forløb) they are in now. Courses arrive with matching (issue 7), which changes
// activeBuddyCounts — the one place that counts them.

/** person id → number of active buddy courses. */
export async function activeBuddyCounts(
  db: Executor,
  personIds: string[],
): Promise<Map<string, number>> {
  const counts = new Map(personIds.map((id) => [id, 0]))
  if (personIds.length === 0) return counts
  // Proposals hold a place too, as in the matching module's capacity rule (HOLDS_CAPACITY).
  const rows = await db
    .selectFrom('course')
    .select(['volunteer_person_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('volunteer_person_id', 'in', personIds)
    .where('state', 'in', ['proposed', 'active', 'paused', 'closing'])
    .groupBy('volunteer_person_id')
    .execute()
  for (const r of rows) counts.set(r.volunteer_person_id, Number(r.n))
  return counts
}

export const openCapacity = (capacity: number, activeBuddies: number) =>
  Math.max(0, capacity - activeBuddies)
