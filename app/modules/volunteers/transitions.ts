import type { VolunteerState } from '../../../db/schema.ts'

// The screening pipeline (PRODUCT.md §4): applied → screening → approved → active ⇄ paused →
// ended; an expired requirement sends an approved, active or paused volunteer back to
// screening. Every change of state goes through this table (applications.server.ts applies it).

export type Transition =
  'startScreening' | 'approve' | 'activate' | 'pause' | 'resume' | 'end' | 'reopen' | 'expire'

export type TransitionBy = 'coordinator' | 'volunteer' | 'system'

interface Rule {
  from: readonly VolunteerState[]
  to: VolunteerState
  by: readonly TransitionBy[]
  /** Every requirement the organisation sets must be recorded and valid. */
  needsRequirements?: boolean
}

export const TRANSITIONS: Record<Transition, Rule> = {
  startScreening: { from: ['applied'], to: 'screening', by: ['coordinator'] },
  approve: {
    from: ['applied', 'screening'],
    to: 'approved',
    by: ['coordinator'],
    needsRequirements: true,
  },
  activate: { from: ['approved'], to: 'active', by: ['coordinator'], needsRequirements: true },
  pause: { from: ['approved', 'active'], to: 'paused', by: ['coordinator', 'volunteer'] },
  resume: {
    from: ['paused'],
    to: 'active',
    by: ['coordinator', 'volunteer'],
    needsRequirements: true,
  },
  end: {
    from: ['applied', 'screening', 'approved', 'active', 'paused'],
    to: 'ended',
    by: ['coordinator', 'volunteer'],
  },
  reopen: { from: ['ended'], to: 'screening', by: ['coordinator'] },
  expire: { from: ['approved', 'active', 'paused'], to: 'screening', by: ['system'] },
}

export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[]

export type TransitionCheck =
  { ok: true; to: VolunteerState } | { ok: false; reason: 'notAllowed' | 'requirementsMissing' }

/** Whether `by` may take `transition` from `state`, given whether the requirements are met. */
export function checkTransition(
  state: VolunteerState,
  transition: Transition,
  by: TransitionBy,
  requirementsMet: boolean,
): TransitionCheck {
  const rule = TRANSITIONS[transition]
  if (!rule.from.includes(state) || !rule.by.includes(by))
    return { ok: false, reason: 'notAllowed' }
  if (rule.needsRequirements && !requirementsMet)
    return { ok: false, reason: 'requirementsMissing' }
  return { ok: true, to: rule.to }
}

/** The transitions `by` could take from `state` (the buttons a page offers). */
export function availableTransitions(state: VolunteerState, by: TransitionBy): Transition[] {
  return TRANSITION_NAMES.filter(
    (name) => TRANSITIONS[name].from.includes(state) && TRANSITIONS[name].by.includes(by),
  )
}
