import type { ReferralState } from '../../../db/schema.ts'

// A referral (henvisning) is a closed loop (PRODUCT.md §4): every change of state is one of the
// transitions below, made by the side named. Nothing else may move a referral.

export type ReferralActorSide = 'organisation' | 'caseworker' | 'system'

export type ReferralTransition = 'accept' | 'decline' | 'start' | 'complete' | 'cancel' | 'expire'

interface Rule {
  /** Who may make it, and from which states. */
  from: Partial<Record<ReferralActorSide, readonly ReferralState[]>>
  to: ReferralState
  /** A reason the other side reads (declined, cancelled). */
  reasonRequired: boolean
}

const OPEN = ['sent', 'accepted', 'in_progress'] as const

export const TRANSITIONS: Record<ReferralTransition, Rule> = {
  accept: { from: { organisation: ['sent'] }, to: 'accepted', reasonRequired: false },
  decline: { from: { organisation: ['sent'] }, to: 'declined', reasonRequired: true },
  start: { from: { organisation: ['accepted'] }, to: 'in_progress', reasonRequired: false },
  complete: { from: { organisation: ['in_progress'] }, to: 'completed', reasonRequired: false },
  // An organisation that does not take a referral on declines it; it cancels one it took on.
  cancel: {
    from: { organisation: ['accepted', 'in_progress'], caseworker: OPEN, system: OPEN },
    to: 'cancelled',
    reasonRequired: true,
  },
  expire: { from: { system: ['sent'] }, to: 'expired', reasonRequired: false },
}

/** States in which the organisation still owes the citizen something. */
export const OPEN_STATES: readonly ReferralState[] = ['sent', 'accepted', 'in_progress']
export const CLOSED_STATES: readonly ReferralState[] = [
  'declined',
  'completed',
  'cancelled',
  'expired',
]
export const ALL_STATES: readonly ReferralState[] = [...OPEN_STATES, ...CLOSED_STATES]

/** The reason stored when withdrawn consent closes a referral; shown in words on every side. */
export const CONSENT_WITHDRAWN = 'consent_withdrawn'
/** What anonymisation leaves in place of a free-text reason (the column may not be empty). */
export const REASON_REMOVED = 'removed'
export const REASON_CODES = [CONSENT_WITHDRAWN, REASON_REMOVED] as const

export function canTransition(
  from: ReferralState,
  transition: ReferralTransition,
  by: ReferralActorSide,
): boolean {
  return TRANSITIONS[transition].from[by]?.includes(from) ?? false
}

/** The transitions one side may make from a state (for the buttons a page shows). */
export function availableTransitions(
  from: ReferralState,
  by: ReferralActorSide,
): ReferralTransition[] {
  return (Object.keys(TRANSITIONS) as ReferralTransition[]).filter((t) =>
    canTransition(from, t, by),
  )
}

export const isOpen = (state: ReferralState) => OPEN_STATES.includes(state)
