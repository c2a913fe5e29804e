import { addDays, occurrences, toRRule, utcToZoned, type Schedule } from '../activities/schedule'
import { type CalendarEvent, type EventStatus } from './ical'

// Activities and sign-ups as iCalendar events. Pure, so the feeds can be tested against an
// independent parser without a database.

export interface EventPlace {
  locationName: string | null
  streetAddress: string | null
  postalCode: string | null
  city: string | null
  latitude: number | null
  longitude: number | null
}

export interface SeriesActivity extends EventPlace {
  id: string
  title: string
  description: string
  status: 'draft' | 'published' | 'cancelled'
  schedule: Schedule
  organisationId: string
  organisationName: string
  updatedAt: Date
}

export interface SignupEntry {
  signupId: string
  state: 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'attended' | 'no_show'
  startsAt: Date
  endsAt: Date
  sessionCancelled: boolean
  updatedAt: Date
  activity: Omit<SeriesActivity, 'schedule' | 'updatedAt'>
}

/** Already translated sentences the events are written with. */
export interface EventLabels {
  moreInfo: (url: string) => string
  cancelled: (title: string) => string
  offered: (url: string) => string
}

export const activityUrl = (origin: string, id: string) => `${origin}/activities/${id}`
export const organisationUrl = (origin: string, id: string) => `${origin}/organisations/${id}`

/** The first date the series happens, exceptions included (EXDATE removes those), or null. */
export function firstOccurrence(schedule: Schedule): string | null {
  // Monthly every fourth month starting after the month's n-th weekday: under 160 days away.
  return occurrences(schedule, schedule.dtstart, addDays(schedule.dtstart, 400))[0] ?? null
}

/** The series' RRULE (schedule.ts writes UNTIL as the UTC end of the last local day). */
export function seriesRRule(schedule: Schedule): string | null {
  return toRRule(schedule)
}

export function placeText(place: EventPlace): string | null {
  const town = [place.postalCode, place.city].filter(Boolean).join(' ')
  const parts = [place.locationName, place.streetAddress, town].filter((p) => p && p.trim())
  return parts.length ? parts.join(', ') : null
}

function geoOf(place: EventPlace) {
  return place.latitude !== null && place.longitude !== null
    ? { latitude: place.latitude, longitude: place.longitude }
    : null
}

function describe(description: string, extra: string): string {
  return [description.trim(), extra].filter(Boolean).join('\n\n')
}

/**
 * One VEVENT for a whole series: DTSTART is the first real occurrence (RFC 5545 leaves a start
 * off the rule undefined), exception dates become EXDATEs. Null when the series never happens.
 */
export function seriesEvent(
  activity: SeriesActivity,
  exceptionDates: readonly string[],
  origin: string,
  labels: EventLabels,
): CalendarEvent | null {
  const first = firstOccurrence(activity.schedule)
  if (!first) return null
  const url = activityUrl(origin, activity.id)
  const cancelled = activity.status === 'cancelled'
  return {
    uid: `${activity.id}@brobygger`,
    start: { date: first, time: activity.schedule.startTime },
    end: { date: first, time: activity.schedule.endTime },
    rrule: seriesRRule(activity.schedule),
    exdates: exceptionDates.filter((d) => d >= first),
    summary: cancelled ? labels.cancelled(activity.title) : activity.title,
    description: describe(activity.description, labels.moreInfo(url)),
    location: placeText(activity),
    geo: geoOf(activity),
    url,
    organizer: {
      name: activity.organisationName,
      uri: organisationUrl(origin, activity.organisationId),
    },
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    lastModified: activity.updatedAt,
  }
}

export function signupStatus(entry: SignupEntry): EventStatus {
  if (entry.state === 'cancelled' || entry.sessionCancelled) return 'CANCELLED'
  if (entry.activity.status === 'cancelled') return 'CANCELLED'
  return entry.state === 'offered' ? 'TENTATIVE' : 'CONFIRMED'
}

/** One VEVENT per signed-up session, identified by the sign-up so a re-sign-up is new. */
export function signupEvent(
  entry: SignupEntry,
  origin: string,
  labels: EventLabels,
): CalendarEvent {
  const url = activityUrl(origin, entry.activity.id)
  const status = signupStatus(entry)
  const start = utcToZoned(entry.startsAt)
  const end = utcToZoned(entry.endsAt)
  return {
    uid: `${entry.signupId}@brobygger`,
    start,
    end,
    summary: status === 'CANCELLED' ? labels.cancelled(entry.activity.title) : entry.activity.title,
    description: describe(
      entry.activity.description,
      status === 'TENTATIVE' ? labels.offered(url) : labels.moreInfo(url),
    ),
    location: placeText(entry.activity),
    geo: geoOf(entry.activity),
    url,
    organizer: {
      name: entry.activity.organisationName,
      uri: organisationUrl(origin, entry.activity.organisationId),
    },
    status,
    lastModified: entry.updatedAt,
  }
}
