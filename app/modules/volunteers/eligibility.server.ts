import { sql, type RawBuilder } from 'kysely'
import { utcToZoned } from '../activities/schedule'

// Who may be matched with a citizen or assigned to a session (PRODUCT.md §3.2, §4): an
// application that is approved or active, whose every requirement the organisation sets has a
// record that has not expired on the Copenhagen calendar date of `now`. The expiry job also
// moves expired volunteers back to screening; this condition does not rely on it having run.

/** `applicationAlias` is the alias of a `volunteer_application` row in the surrounding query. */
export function volunteerIsEligible(applicationAlias: string, now: Date): RawBuilder<boolean> {
  const va = (column: string) => sql.ref(`${applicationAlias}.${column}`)
  const today = utcToZoned(now).date
  // The latest expiry per required kind, looked up per application through the
  // (application_id, kind, …) index: written as NOT EXISTS over NOT EXISTS, the planner hashed
  // every unexpired requirement in the network on each call (ADR 016).
  return sql<boolean>`(${va('state')} in ('approved', 'active')
    and not exists (select 1 from organisation_requirement orq
      where orq.organisation_id = ${va('organisation_id')}
        and coalesce((select max(coalesce(vr.expires_on, 'infinity'::date))
          from volunteer_requirement vr
          where vr.application_id = ${va('id')} and vr.kind = orq.kind), '-infinity'::date)
          <= ${today}::date))`
}
