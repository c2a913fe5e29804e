import { sql, type RawBuilder } from 'kysely'
import { utcToZoned } from '../activities/schedule'

// Who may be matched with a citizen or assigned to a session (PRODUCT.md §3.2, §4): an
// application that is approved or active, whose every requirement the organisation sets has a
// record that has not expired on the Copenhagen calendar date of `now`. The expiry job also
// moves expired volunteers back to screening; this condition does not rely on it having run.

/**
 * Every requirement the organisation sets has a record valid on the Copenhagen date of `now`.
 * `requirements_valid_until` is the first date on which that no longer holds; triggers keep it
 * (migration 0600, ADR 020).
 */
export function requirementsMet(applicationAlias: string, now: Date): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${applicationAlias}.requirements_valid_until`)} > ${
    utcToZoned(now).date
  }::date)`
}

/** `applicationAlias` is the alias of a `volunteer_application` row in the surrounding query. */
export function volunteerIsEligible(applicationAlias: string, now: Date): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${applicationAlias}.state`)} in ('approved', 'active')
    and ${requirementsMet(applicationAlias, now)})`
}
