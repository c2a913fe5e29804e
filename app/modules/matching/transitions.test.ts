import { describe, expect, it } from 'vitest'
import type { CourseState, MatchAnswer } from '../../../db/schema.ts'
import { COURSE_EVENTS, COURSE_STATES, transition, type CourseEvent } from './transitions'

const at = (
  state: CourseState,
  volunteerAnswer: MatchAnswer = state === 'proposed' ? 'pending' : 'yes',
  citizenAnswer: MatchAnswer = state === 'proposed' ? 'pending' : 'yes',
) => ({ state, volunteerAnswer, citizenAnswer })

// Every (state, event) pair: the ones listed here are allowed, with the state they lead to;
// every other pair must be refused.
const ALLOWED: Partial<Record<CourseState, Partial<Record<CourseEvent, CourseState>>>> = {
  proposed: {
    volunteerYes: 'proposed',
    volunteerNo: 'declined',
    citizenYes: 'proposed',
    citizenNo: 'declined',
    cancel: 'declined',
  },
  active: { pause: 'paused', beginClosing: 'closing', close: 'closed' },
  paused: { resume: 'active', beginClosing: 'closing', close: 'closed' },
  closing: { close: 'closed' },
  closed: { reopen: 'active' },
}

describe('the course transition table', () => {
  for (const state of COURSE_STATES) {
    for (const event of COURSE_EVENTS) {
      const to = ALLOWED[state]?.[event]
      it(`${to ? 'allows' : 'refuses'} ${event} from ${state}${to ? ` → ${to}` : ''}`, () => {
        const result = transition(at(state), event)
        if (to) expect(result).toMatchObject({ ok: true, to: { state: to } })
        else expect(result).toEqual({ ok: false, reason: 'notAllowed' })
      })
    }
  }

  it('starts the course only when both have said yes, in either order', () => {
    const afterVolunteer = transition(at('proposed'), 'volunteerYes')
    expect(afterVolunteer).toEqual({
      ok: true,
      started: false,
      to: { state: 'proposed', volunteerAnswer: 'yes', citizenAnswer: 'pending' },
    })
    expect(transition(at('proposed', 'yes', 'pending'), 'citizenYes')).toEqual({
      ok: true,
      started: true,
      to: { state: 'active', volunteerAnswer: 'yes', citizenAnswer: 'yes' },
    })
    expect(transition(at('proposed', 'pending', 'yes'), 'volunteerYes')).toMatchObject({
      ok: true,
      started: true,
      to: { state: 'active' },
    })
  })

  it('ends in declined on any no, even after the other side said yes', () => {
    expect(transition(at('proposed', 'yes', 'pending'), 'citizenNo')).toMatchObject({
      ok: true,
      started: false,
      to: { state: 'declined', citizenAnswer: 'no' },
    })
  })

  it('takes each side’s answer once', () => {
    expect(transition(at('proposed', 'yes', 'pending'), 'volunteerNo')).toEqual({
      ok: false,
      reason: 'alreadyAnswered',
    })
    expect(transition(at('proposed', 'pending', 'no'), 'citizenYes')).toEqual({
      ok: false,
      reason: 'alreadyAnswered',
    })
  })

  it('counts a re-opened course as a new start', () => {
    expect(transition(at('closed'), 'reopen')).toMatchObject({ ok: true, started: true })
  })
})
