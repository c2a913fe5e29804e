import type { Migration } from 'kysely/migration'
import * as network from './2026-11-23T0900_network.ts'
import * as outbox from './2026-11-23T0910_outbox.ts'
import * as eventAudit from './2026-11-23T0920_event_audit.ts'
import * as identity from './2026-11-23T1000_identity.ts'
import * as erasureRequest from './2026-11-23T1100_erasure_request.ts'
import * as adminIndexes from './2026-11-23T1130_admin_indexes.ts'
import * as activities from './2026-11-23T1200_activities.ts'
import * as catalogueSearch from './2026-11-23T1330_catalogue_search.ts'
import * as volunteers from './2026-11-24T0100_volunteers.ts'
import * as citizensConsentReferrals from './2026-11-24T0200_citizens_consent_referrals.ts'
import * as matching from './2026-11-24T0300_matching.ts'
import * as frikort from './2026-11-24T0400_frikort.ts'
import * as reporting from './2026-11-24T0500_reporting.ts'
import * as suggestionRanking from './2026-11-24T0600_suggestion_ranking.ts'

// Listed by hand so the server bundle carries them (no file-system scan at run time).
// A test checks that every file in this folder is listed here, in order.
export const migrations: Record<string, Migration> = {
  '2026-11-23T0900_network': network,
  '2026-11-23T0910_outbox': outbox,
  '2026-11-23T0920_event_audit': eventAudit,
  '2026-11-23T1000_identity': identity,
  '2026-11-23T1100_erasure_request': erasureRequest,
  '2026-11-23T1130_admin_indexes': adminIndexes,
  '2026-11-23T1200_activities': activities,
  '2026-11-23T1330_catalogue_search': catalogueSearch,
  '2026-11-24T0100_volunteers': volunteers,
  '2026-11-24T0200_citizens_consent_referrals': citizensConsentReferrals,
  '2026-11-24T0300_matching': matching,
  '2026-11-24T0400_frikort': frikort,
  '2026-11-24T0500_reporting': reporting,
  '2026-11-24T0600_suggestion_ranking': suggestionRanking,
}
