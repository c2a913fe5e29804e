import type { FrikortEndReason, FrikortMatchState } from '../../../db/schema.ts'

// Frikort matchmaking (jobformidling): suggested → interested → meeting/trial → hired → ended.
// Every allowed move is in this one table; anything else is refused.

export const MATCH_STATES = ['suggested', 'interested', 'trial', 'hired', 'ended'] as const
export type MatchState = FrikortMatchState

export const END_REASONS = [
  'not_interested',
  'no_show',
  'job_ended',
  'citizen_wish',
  'moved_on',
  'other',
] as const satisfies readonly FrikortEndReason[]

const NEXT: Record<MatchState, readonly MatchState[]> = {
  suggested: ['interested', 'ended'],
  interested: ['trial', 'ended'],
  trial: ['hired', 'ended'],
  hired: ['ended'],
  ended: [],
}

export type Mover = 'matchmaker' | 'citizen'

/** The matchmaker moves a match along; the citizen can only say yes to a suggestion. */
export function canMove(from: MatchState, to: MatchState, by: Mover): boolean {
  if (!NEXT[from].includes(to)) return false
  return by === 'matchmaker' || (from === 'suggested' && to === 'interested')
}

/** The one step forward from a state (the board's main button), or null at the end. */
export function nextStep(from: MatchState): MatchState | null {
  return NEXT[from].find((s) => s !== 'ended') ?? null
}

/** The column that records when a match reached each state (for funnel reporting). */
export const STATE_TIMESTAMP = {
  suggested: 'suggested_at',
  interested: 'interested_at',
  trial: 'trial_at',
  hired: 'hired_at',
  ended: 'ended_at',
} as const satisfies Record<MatchState, string>
