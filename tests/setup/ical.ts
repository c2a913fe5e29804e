import ICAL from 'ical.js'

// Reads our feeds back with ical.js, an independent RFC 5545 implementation: its own parser,
// its own recurrence expansion, and only the VTIMEZONE the feed itself carries.

export interface Occurrence {
  /** Local wall-clock date and time in the event's TZID. */
  localDate: string
  localTime: string
  start: Date
  end: Date
}

export interface ParsedEvent {
  uid: string
  summary: string
  description: string | null
  location: string | null
  url: string | null
  status: string | null
  tzid: string | null
  event: ICAL.Event
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Parses a feed and registers its VTIMEZONEs (and nothing else) with ical.js. */
export function parseCalendar(text: string): { root: ICAL.Component; events: ParsedEvent[] } {
  ICAL.TimezoneService.reset()
  const root = new ICAL.Component(ICAL.parse(text))
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz)
  const events = root.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent)
    const text = (name: string) => {
      const value = vevent.getFirstPropertyValue(name)
      return value === null || value === undefined ? null : String(value)
    }
    return {
      uid: event.uid,
      summary: event.summary,
      description: text('description'),
      location: text('location'),
      url: text('url'),
      status: text('status'),
      tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid')?.toString() ?? null,
      event,
    }
  })
  return { root, events }
}

/** Every occurrence of an event that starts in [from, to), expanded by ical.js. */
export function expand(parsed: ParsedEvent, from: Date, to: Date): Occurrence[] {
  const out: Occurrence[] = []
  const iterator = parsed.event.iterator()
  for (let next = iterator.next(), guard = 0; next && guard < 10_000; next = iterator.next()) {
    guard++
    const details = parsed.event.getOccurrenceDetails(next)
    const start = details.startDate.toJSDate()
    if (start >= to) break
    if (start < from) continue
    const s = details.startDate
    out.push({
      localDate: `${s.year}-${pad(s.month)}-${pad(s.day)}`,
      localTime: `${pad(s.hour)}:${pad(s.minute)}`,
      start,
      end: details.endDate.toJSDate(),
    })
  }
  return out
}
