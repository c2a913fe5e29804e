import { describe, expect, it } from 'vitest'
import type { VolunteerState } from '../../../db/schema.ts'
import {
  availableTransitions,
  checkTransition,
  TRANSITION_NAMES,
  type Transition,
  type TransitionBy,
} from './transitions'
import { VOLUNTEER_STATES } from './vocab'

// Written out by hand from PRODUCT.md §4, independent of the table in transitions.ts: every
// (state, transition, who) not listed here must be refused.
const ALLOWED: [VolunteerState, Transition, TransitionBy, VolunteerState][] = [
  ['applied', 'startScreening', 'coordinator', 'screening'],
  ['applied', 'approve', 'coordinator', 'approved'],
  ['screening', 'approve', 'coordinator', 'approved'],
  ['approved', 'activate', 'coordinator', 'active'],
  ['approved', 'pause', 'coordinator', 'paused'],
  ['approved', 'pause', 'volunteer', 'paused'],
  ['active', 'pause', 'coordinator', 'paused'],
  ['active', 'pause', 'volunteer', 'paused'],
  ['paused', 'resume', 'coordinator', 'active'],
  ['paused', 'resume', 'volunteer', 'active'],
  ...(['applied', 'screening', 'approved', 'active', 'paused'] as const).flatMap((s) =>
    (['coordinator', 'volunteer'] as const).map(
      (by) => [s, 'end', by, 'ended'] as [VolunteerState, Transition, TransitionBy, VolunteerState],
    ),
  ),
  ['ended', 'reopen', 'coordinator', 'screening'],
  ['approved', 'expire', 'system', 'screening'],
  ['active', 'expire', 'system', 'screening'],
  ['paused', 'expire', 'system', 'screening'],
]
const NEEDS_REQUIREMENTS = new Set<Transition>(['approve', 'activate', 'resume'])
const WHO: TransitionBy[] = ['coordinator', 'volunteer', 'system']

describe('volunteer state transitions', () => {
  for (const state of VOLUNTEER_STATES)
    for (const transition of TRANSITION_NAMES)
      for (const by of WHO) {
        const allowed = ALLOWED.find(([s, t, b]) => s === state && t === transition && b === by)
        if (allowed) {
          it(`${by} may ${transition} from ${state} → ${allowed[3]}`, () => {
            expect(checkTransition(state, transition, by, true)).toEqual({
              ok: true,
              to: allowed[3],
            })
            expect(checkTransition(state, transition, by, false)).toEqual(
              NEEDS_REQUIREMENTS.has(transition)
                ? { ok: false, reason: 'requirementsMissing' }
                : { ok: true, to: allowed[3] },
            )
          })
        } else {
          it(`${by} may not ${transition} from ${state}`, () => {
            expect(checkTransition(state, transition, by, true)).toEqual({
              ok: false,
              reason: 'notAllowed',
            })
          })
        }
      }

  it('offers a volunteer only pause, resume and end', () => {
    expect(availableTransitions('active', 'volunteer')).toEqual(['pause', 'end'])
    expect(availableTransitions('paused', 'volunteer')).toEqual(['resume', 'end'])
    expect(availableTransitions('ended', 'volunteer')).toEqual([])
  })
})
