import type {
  ConsentChannel,
  ConsentPurpose,
  DataCategory,
  ReferralKind,
} from '../../../db/schema.ts'

// Consent (samtykke) as a first-class record (PRODUCT.md §3.4): what it may cover, how long it
// lasts by default, and which purpose a kind of referral needs. Pure: used by pages and queries.

export const PURPOSES: readonly ConsentPurpose[] = [
  'referral',
  'buddy_match',
  'frikort_matchmaking',
  'named_attendance',
  'contact_after_course',
]
export const DATA_CATEGORIES: readonly DataCategory[] = [
  'name',
  'birth_year',
  'area',
  'language',
  'contact',
  'referral_note',
  'frikort',
]
export const CHANNELS: readonly ConsentChannel[] = ['digital', 'assisted', 'paper', 'oral']
/** Staff record these on the citizen's word; `digital` is the citizen's own click. */
export const STAFF_CHANNELS: readonly ConsentChannel[] = ['assisted', 'paper', 'oral']

/** The wording the citizen was shown; a new text is a new version, and old receipts keep theirs. */
export const CONSENT_WORDING_VERSION = '2026-11'
export const DEFAULT_CONSENT_MONTHS = 12
export const MAX_CONSENT_MONTHS = 24

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime())
  const day = d.getUTCDate()
  d.setUTCMonth(d.getUTCMonth() + months)
  // 31 January + 1 month is the last day of February, not 3 March.
  if (d.getUTCDate() < day) d.setUTCDate(0)
  return d
}

/** The categories asked for that the consent does not cover (empty: all covered). */
export function uncoveredCategories(
  covered: readonly DataCategory[],
  wanted: readonly DataCategory[],
): DataCategory[] {
  return wanted.filter((c) => !covered.includes(c))
}

/** Which consent purpose a referral of this kind rests on. */
export function purposeForKind(kind: ReferralKind): ConsentPurpose {
  if (kind === 'buddy') return 'buddy_match'
  if (kind === 'frikort') return 'frikort_matchmaking'
  return 'referral'
}

export type ConsentStatus = 'active' | 'withdrawn' | 'expired'

export function consentStatus(
  consent: { withdrawnAt: Date | null; expiresAt: Date },
  now: Date,
): ConsentStatus {
  if (consent.withdrawnAt) return 'withdrawn'
  return consent.expiresAt > now ? 'active' : 'expired'
}
