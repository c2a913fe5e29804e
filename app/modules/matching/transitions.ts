import type { CourseState, MatchAnswer } from '../../../db/schema.ts'

// The match and the course (forløb) as one state machine (PRODUCT.md §4):
// proposed → (both say yes) active ⇄ paused → closing → closed, re-openable; any "no" → declined.
// Pure, so every allowed and refused step is tested without a database; the functions in
// courses.server.ts ask this table before they write.

export type CourseEvent =
  | 'volunteerYes'
  | 'volunteerNo'
  | 'citizenYes'
  | 'citizenNo'
  | 'cancel'
  | 'pause'
  | 'resume'
  | 'beginClosing'
  | 'close'
  | 'reopen'

export const COURSE_STATES: readonly CourseState[] = [
  'proposed',
  'declined',
  'active',
  'paused',
  'closing',
  'closed',
]
export const COURSE_EVENTS: readonly CourseEvent[] = [
  'volunteerYes',
  'volunteerNo',
  'citizenYes',
  'citizenNo',
  'cancel',
  'pause',
  'resume',
  'beginClosing',
  'close',
  'reopen',
]

/** States in which the match holds one of the volunteer's places. */
export const HOLDS_CAPACITY: readonly CourseState[] = ['proposed', 'active', 'paused', 'closing']
/** States in which the course runs (meetings may be logged, the citizen sees their buddy). */
export const RUNNING: readonly CourseState[] = ['active', 'paused', 'closing']

export interface CourseSnapshot {
  state: CourseState
  volunteerAnswer: MatchAnswer
  citizenAnswer: MatchAnswer
}

export type Transition =
  | { ok: true; to: CourseSnapshot; started: boolean }
  | { ok: false; reason: 'notAllowed' | 'alreadyAnswered' }

const simple: Partial<Record<CourseEvent, { from: readonly CourseState[]; to: CourseState }>> = {
  cancel: { from: ['proposed'], to: 'declined' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  beginClosing: { from: ['active', 'paused'], to: 'closing' },
  close: { from: ['active', 'paused', 'closing'], to: 'closed' },
  // A re-opened course is a new period on a new row; the closed one stays as it was.
  reopen: { from: ['closed'], to: 'active' },
}

/** What an event does to a course, or why it may not happen. */
export function transition(course: CourseSnapshot, event: CourseEvent): Transition {
  const answer = /^(volunteer|citizen)(Yes|No)$/.exec(event)
  if (answer) {
    if (course.state !== 'proposed') return { ok: false, reason: 'notAllowed' }
    const side = answer[1] === 'volunteer' ? 'volunteerAnswer' : 'citizenAnswer'
    if (course[side] !== 'pending') return { ok: false, reason: 'alreadyAnswered' }
    const next = { ...course, [side]: answer[2] === 'Yes' ? 'yes' : 'no' } as CourseSnapshot
    if (next.volunteerAnswer === 'no' || next.citizenAnswer === 'no')
      return { ok: true, to: { ...next, state: 'declined' }, started: false }
    if (next.volunteerAnswer === 'yes' && next.citizenAnswer === 'yes')
      return { ok: true, to: { ...next, state: 'active' }, started: true }
    return { ok: true, to: next, started: false }
  }
  const rule = simple[event]
  if (!rule || !rule.from.includes(course.state)) return { ok: false, reason: 'notAllowed' }
  return { ok: true, to: { ...course, state: rule.to }, started: event === 'reopen' }
}

/** For pages: may this event happen now? (The server asks `transition` again under a lock.) */
export const can = (course: CourseSnapshot, event: CourseEvent) => transition(course, event).ok
