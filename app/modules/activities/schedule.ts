import type { ScheduleFreq, Weekday } from '../../../db/schema.ts'

// An activity's schedule as the RFC 5545 parts that iCalendar and HSDS share: one-off, weekly,
// every other week, or monthly on the n-th weekday. Dates are calendar dates and times are
// wall-clock times in Europe/Copenhagen, so "every Tuesday 17:00" stays 17:00 across the
// October and March clock changes.

export interface Schedule {
  freq: ScheduleFreq
  interval: number
  byday: Weekday | null
  /** For monthly: 1–4 = first…fourth, -1 = last */
  bysetpos: number | null
  dtstart: string // YYYY-MM-DD
  until: string | null // YYYY-MM-DD, inclusive
  startTime: string // HH:MM or HH:MM:SS
  endTime: string
  timezone?: string
}

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
export const TIMEZONE = 'Europe/Copenhagen'

/** Days since 1970-01-01 for a calendar date (no time zone involved). */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y!, m! - 1, d!) / 86_400_000
}

function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days)
}

/** MO…SU for a calendar date. */
export function weekdayOf(date: string): Weekday {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return WEEKDAYS[(((dayNumber(date) + 3) % 7) + 7) % 7]!
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The n-th (or last, n = -1) given weekday of a month, or null if the month has no such day. */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  weekday: Weekday,
  n: number,
): string | null {
  const first = `${year}-${String(month).padStart(2, '0')}-01`
  const offset = (WEEKDAYS.indexOf(weekday) - WEEKDAYS.indexOf(weekdayOf(first)) + 7) % 7
  const dates: string[] = []
  for (let d = 1 + offset; d <= daysInMonth(year, month); d += 7) {
    dates.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
  }
  return (n === -1 ? dates[dates.length - 1] : dates[n - 1]) ?? null
}

/**
 * The local dates on which the activity happens between `from` and `to` (inclusive), in order,
 * leaving out the exception dates (EXDATE).
 */
export function occurrences(
  schedule: Schedule,
  from: string,
  to: string,
  exceptions: Iterable<string> = [],
): string[] {
  const skip = new Set(exceptions)
  const last = schedule.until && schedule.until < to ? schedule.until : to
  const out: string[] = []
  const keep = (date: string) => {
    if (date >= schedule.dtstart && date >= from && date <= last && !skip.has(date)) out.push(date)
  }
  if (schedule.freq === 'once') {
    keep(schedule.dtstart)
    return out
  }
  const byday = schedule.byday ?? weekdayOf(schedule.dtstart)
  if (schedule.freq === 'weekly') {
    // The first matching weekday on or after dtstart anchors the series; every interval-th week.
    const startOffset =
      (WEEKDAYS.indexOf(byday) - WEEKDAYS.indexOf(weekdayOf(schedule.dtstart)) + 7) % 7
    const first = dayNumber(schedule.dtstart) + startOffset
    const step = 7 * schedule.interval
    let n = first
    if (dayNumber(from) > first) n = first + Math.ceil((dayNumber(from) - first) / step) * step
    for (; n <= dayNumber(last); n += step) keep(fromDayNumber(n))
    return out
  }
  // monthly, on the bysetpos-th weekday, every interval-th month from dtstart's month
  const [sy, sm] = schedule.dtstart.split('-').map(Number) as [number, number]
  const [ly, lm] = last.split('-').map(Number) as [number, number]
  for (let i = 0; ; i += schedule.interval) {
    const year = sy + Math.floor((sm - 1 + i) / 12)
    const month = ((sm - 1 + i) % 12) + 1
    if (year > ly || (year === ly && month > lm)) break
    const date = nthWeekdayOfMonth(year, month, byday, schedule.bysetpos ?? 1)
    if (date) keep(date)
  }
  return out
}

// Building an Intl.DateTimeFormat costs far more than using one (it dominated the periodic
// session job's profile), so one is kept per time zone.
const offsetFormats = new Map<string, Intl.DateTimeFormat>()

/** UTC offset in minutes of a time zone at an instant (e.g. +60 in winter, +120 in summer). */
function offsetMinutes(instant: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    offsetFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  )
  return Math.round((asUtc - instant.getTime()) / 60_000)
}

/**
 * The instant a wall-clock time on a date happens in a time zone. A time that does not exist
 * (02:30 on the March change) moves forward by the gap; an ambiguous one (02:30 in October)
 * takes the first (summer-time) occurrence.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone = TIMEZONE): Date {
  const [h, m, s] = time.split(':').map(Number)
  const naive = dayNumber(date) * 86_400_000 + ((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000
  // The offsets in force half a day before and after; a valid reading keeps its own offset.
  const before = offsetMinutes(new Date(naive - 43_200_000), timeZone)
  const after = offsetMinutes(new Date(naive + 43_200_000), timeZone)
  const valid = [...new Set([before, after])]
    .map((offset) => naive - offset * 60_000)
    .filter((instant) => naive - offsetMinutes(new Date(instant), timeZone) * 60_000 === instant)
  if (valid.length > 0) return new Date(Math.min(...valid))
  // In the spring gap: read the time with the offset from before the change (moves it forward).
  return new Date(naive - before * 60_000)
}

/** The local calendar date and HH:MM of an instant in a time zone. */
export function utcToZoned(instant: Date, timeZone = TIMEZONE): { date: string; time: string } {
  const shifted = new Date(
    instant.getTime() + offsetMinutes(instant, timeZone) * 60_000,
  ).toISOString()
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) }
}

/** The session instants for a set of local dates. */
export function sessionTimes(
  schedule: Schedule,
  dates: string[],
): { localDate: string; startsAt: Date; endsAt: Date }[] {
  const tz = schedule.timezone ?? TIMEZONE
  return dates.map((date) => ({
    localDate: date,
    startsAt: zonedTimeToUtc(date, schedule.startTime, tz),
    endsAt: zonedTimeToUtc(date, schedule.endTime, tz),
  }))
}

/** The RFC 5545 RRULE value, or null for a one-off. `until` (a local date) is inclusive. */
export function toRRule(schedule: Schedule): string | null {
  if (schedule.freq === 'once') return null
  const parts = [`FREQ=${schedule.freq === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`]
  if (schedule.interval > 1) parts.push(`INTERVAL=${schedule.interval}`)
  const byday = schedule.byday ?? weekdayOf(schedule.dtstart)
  parts.push(
    schedule.freq === 'monthly' ? `BYDAY=${schedule.bysetpos ?? 1}${byday}` : `BYDAY=${byday}`,
  )
  if (schedule.until) {
    // UNTIL is in UTC: the end of the last local day, so a late start on that day still counts
    // and one just after midnight the next day does not.
    const end = zonedTimeToUtc(schedule.until, '23:59:59', schedule.timezone ?? TIMEZONE)
    parts.push(
      `UNTIL=${end
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`,
    )
  }
  return parts.join(';')
}
