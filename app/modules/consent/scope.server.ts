import { sql, type RawBuilder } from 'kysely'
import type { DataCategory } from '../../../db/schema.ts'

// The one condition every query uses before an organisation (or its volunteers) may see a
// citizen: an active consent that names the organisation and, when asked, covers the category.
// Written as SQL so the check happens in the same query that reads the data (HOUSE_STYLE.md).

/**
 * `consentAlias` is the alias of a `consent` row in the surrounding query; `organisationId` is
 * a value or a column reference such as `sql.ref('r.to_organisation_id')`.
 */
export function activeConsentCovers(
  consentAlias: string,
  organisationId: string | RawBuilder<unknown>,
  now: Date,
  category?: DataCategory,
): RawBuilder<boolean> {
  const c = (column: string) => sql.ref(`${consentAlias}.${column}`)
  const covers = category ? sql` and ${category} = any(${c('data_categories')})` : sql``
  return sql<boolean>`(${c('withdrawn_at')} is null and ${c('expires_at')} > ${now}
    and exists (select 1 from consent_recipient cr
      where cr.consent_id = ${c('id')} and cr.organisation_id = ${organisationId})${covers})`
}
