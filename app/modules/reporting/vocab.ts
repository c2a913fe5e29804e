import type { ReferralKind, ReferralState } from '../../../db/schema.ts'

// The categories the reports count by, in the order tables show them.

export const REFERRAL_STATES: readonly ReferralState[] = [
  'sent',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'cancelled',
  'expired',
]

export const REFERRAL_KINDS: readonly ReferralKind[] = [
  'buddy',
  'activity',
  'organisation',
  'frikort',
]

/** Why a course (forløb) ended — app/modules/matching. */
export const CLOSE_REASONS = [
  'goal_reached',
  'moved',
  'no_chemistry',
  'citizens_wish',
  'volunteer_stopped',
  'consent_withdrawn',
  'other',
] as const
export type CloseReason = (typeof CLOSE_REASONS)[number]
