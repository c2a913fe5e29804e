import { TIMEZONE } from '../activities/schedule'

// iCalendar (RFC 5545) text, written by hand: a feed needs a dozen properties, and owning the
// escaping and folding keeps every byte testable. Pure: no clock, no database, no i18n.

export const CRLF = '\r\n'
/** Octets per physical line (RFC 5545 §3.1), not counting the CRLF. */
const FOLD_OCTETS = 75

/** A wall-clock date and time in Europe/Copenhagen. */
export interface LocalDateTime {
  date: string // YYYY-MM-DD
  time: string // HH:MM or HH:MM:SS
}

export type EventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'

export interface CalendarEvent {
  uid: string
  start: LocalDateTime
  end: LocalDateTime
  /** RRULE value without the name, e.g. `FREQ=WEEKLY;BYDAY=TU`. */
  rrule?: string | null
  /** Local dates left out of the series, at the series' start time. */
  exdates?: readonly string[]
  summary: string
  description?: string | null
  location?: string | null
  geo?: { latitude: number; longitude: number } | null
  url?: string | null
  /** Shown by calendars as the organiser; `uri` is a page about them, not an e-mail address. */
  organizer?: { name: string; uri: string } | null
  status?: EventStatus
  lastModified?: Date | null
}

export interface Calendar {
  name: string
  description?: string | null
  /** The moment the feed is written (DTSTAMP of every event, RFC 5545 §3.8.7.2 with METHOD). */
  now: Date
  /** How often subscribers should fetch again. */
  refreshMinutes?: number
  events: readonly CalendarEvent[]
}

/** Drops control characters RFC 5545 does not allow in a value (keeps tab and line feed). */
function withoutControls(value: string): string {
  let out = ''
  for (const ch of value) {
    const code = ch.codePointAt(0)!
    if (code === 9 || code === 10 || (code >= 32 && code !== 127)) out += ch
  }
  return out
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return withoutControls(value.replace(/\r\n?/g, '\n'))
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
}

/** A parameter value (RFC 5545 §3.2): quoted when it holds `:;,`; a DQUOTE cannot be escaped. */
export function paramValue(value: string): string {
  const clean = withoutControls(value)
    .replace(/[\n\t]/g, ' ')
    .replace(/"/g, "'")
  return /[:;,]/.test(clean) ? `"${clean}"` : clean
}

/** URI values are not TEXT: no escaping, but no line breaks or spaces either. */
function uriValue(value: string): string {
  return withoutControls(value).replace(/\s/g, (s) => encodeURIComponent(s))
}

/** UTF-8 octets of one code point. */
function octetsOf(ch: string): number {
  const code = ch.codePointAt(0)!
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with a space.
 * Splits only between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const lines: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const octets = octetsOf(ch)
    const limit = lines.length === 0 ? FOLD_OCTETS : FOLD_OCTETS - 1
    if (size + octets > limit) {
      lines.push(current)
      current = ''
      size = 0
    }
    current += ch
    size += octets
  }
  lines.push(current)
  return lines.join(`${CRLF} `)
}

const two = (n: number) => String(n).padStart(2, '0')

/** `20261027T170000` for a wall-clock date and time. */
export function formatLocal({ date, time }: LocalDateTime): string {
  const [h = '00', m = '00', s = '00'] = time.split(':')
  return `${date.replaceAll('-', '')}T${h.padStart(2, '0')}${m.padStart(2, '0')}${s.slice(0, 2).padStart(2, '0')}`
}

/** `20261027T160000Z` for an instant. */
export function formatUtc(instant: Date): string {
  return (
    `${instant.getUTCFullYear()}${two(instant.getUTCMonth() + 1)}${two(instant.getUTCDate())}` +
    `T${two(instant.getUTCHours())}${two(instant.getUTCMinutes())}${two(instant.getUTCSeconds())}Z`
  )
}

/**
 * Europe/Copenhagen since 1996 (EU rules): CEST from the last Sunday of March 02:00, CET from
 * the last Sunday of October 03:00. Calendars need it to place TZID times without a tz database.
 */
export function copenhagenTimezone(): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${TIMEZONE}`,
    `X-LIC-LOCATION:${TIMEZONE}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ]
}

function eventLines(event: CalendarEvent, now: Date): string[] {
  const tz = `TZID=${TIMEZONE}`
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(now)}`,
    `DTSTART;${tz}:${formatLocal(event.start)}`,
    `DTEND;${tz}:${formatLocal(event.end)}`,
  ]
  if (event.rrule) lines.push(`RRULE:${event.rrule}`)
  for (const date of [...new Set(event.exdates ?? [])].sort()) {
    lines.push(`EXDATE;${tz}:${formatLocal({ date, time: event.start.time })}`)
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`)
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`)
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`)
  if (event.geo) lines.push(`GEO:${event.geo.latitude};${event.geo.longitude}`)
  if (event.url) lines.push(`URL:${uriValue(event.url)}`)
  if (event.organizer) {
    lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:${uriValue(event.organizer.uri)}`)
  }
  if (event.status) lines.push(`STATUS:${event.status}`)
  if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`)
  lines.push('END:VEVENT')
  return lines
}

/** The whole VCALENDAR object, CRLF line endings, folded, ready to send as UTF-8. */
export function renderCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Brobygger//Brobygger calendar feed//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${TIMEZONE}`,
  ]
  if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`)
  if (calendar.refreshMinutes) {
    lines.push(
      `REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshMinutes}M`,
      `X-PUBLISHED-TTL:PT${calendar.refreshMinutes}M`,
    )
  }
  lines.push(...copenhagenTimezone())
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.now))
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join(CRLF) + CRLF
}
