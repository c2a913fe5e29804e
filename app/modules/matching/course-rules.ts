import type { AssessmentStage, CourseState } from '../../../db/schema.ts'
import { addDays } from '../activities/schedule'

// Dates of a course, pure: its planned end, when the coordinator's check-ins fall, and which
// self-assessment (start, midway, end) the citizen is asked for now.

const DAY_MS = 86_400_000

/** 'YYYY-MM-DD' plus whole months; the 31st becomes the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

/** The latest planned end allowed for a course starting on `start`. */
export const latestEnd = (start: string, months: number) => addMonths(start, months)

/** Check-ins are created this long before they fall due, so the coordinator can plan. */
export const CHECKIN_LEAD_DAYS = 7

/**
 * The newest check-in that should exist by `now` (1 = the first, one interval after the start),
 * or null before the first one is near.
 */
export function currentCheckin(
  startedAt: Date,
  intervalDays: number,
  now: Date,
): { n: number; dueAt: Date } | null {
  const n = Math.floor(
    (now.getTime() + CHECKIN_LEAD_DAYS * DAY_MS - startedAt.getTime()) / (intervalDays * DAY_MS),
  )
  if (n < 1) return null
  return { n, dueAt: new Date(startedAt.getTime() + n * intervalDays * DAY_MS) }
}

/** The day halfway between the start and the planned end. */
export function midpoint(startDate: string, plannedEnd: string): string {
  const days = Math.round((Date.parse(plannedEnd) - Date.parse(startDate)) / DAY_MS)
  return addDays(startDate, Math.floor(days / 2))
}

/** The end assessment is asked for from two weeks before the planned end. */
export const END_WINDOW_DAYS = 14

/**
 * Which self-assessment the citizen is asked for now: the first one missing of start, midway
 * (from the midpoint) and end (near the planned end, or once the course is being closed).
 */
export function dueAssessmentStage(
  course: { state: CourseState; startDate: string | null; plannedEnd: string | null },
  done: readonly AssessmentStage[],
  today: string,
): AssessmentStage | null {
  if (!['active', 'paused', 'closing', 'closed'].includes(course.state) || !course.startDate)
    return null
  if (!done.includes('start')) return course.state === 'closed' ? null : 'start'
  const ending =
    course.state === 'closing' ||
    course.state === 'closed' ||
    (course.plannedEnd !== null && today >= addDays(course.plannedEnd, -END_WINDOW_DAYS))
  if (ending) return done.includes('end') ? null : 'end'
  if (
    course.plannedEnd &&
    !done.includes('midway') &&
    today >= midpoint(course.startDate, course.plannedEnd)
  )
    return 'midway'
  return null
}
