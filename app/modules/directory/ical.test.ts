import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { expand, parseCalendar } from '../../../tests/setup/ical'
import { occurrences, sessionTimes, zonedTimeToUtc, type Schedule } from '../activities/schedule'
import {
  seriesEvent,
  signupEvent,
  signupStatus,
  type EventLabels,
  type SeriesActivity,
  type SignupEntry,
} from './calendar-events'
import {
  CRLF,
  escapeText,
  foldLine,
  formatUtc,
  paramValue,
  renderCalendar,
  type CalendarEvent,
} from './ical'

const NOW = new Date('2026-09-20T08:00:00Z')
const ORIGIN = 'https://brobygger.example.dk'
const labels: EventLabels = {
  moreInfo: (url) => `Læs mere: ${url}`,
  cancelled: (title) => `Aflyst: ${title}`,
  offered: (url) => `Sig ja: ${url}`,
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8')
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '')

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'x@brobygger',
    start: { date: '2026-10-06', time: '17:00:00' },
    end: { date: '2026-10-06', time: '20:00:00' },
    summary: 'Fællesspisning',
    ...overrides,
  }
}

function activity(schedule: Partial<Schedule>, overrides: Partial<SeriesActivity> = {}) {
  return {
    id: '11111111-2222-4333-8444-555555555555',
    title: 'Fodbold i parken',
    description: 'Kom som du er.',
    status: 'published',
    schedule: {
      freq: 'weekly',
      interval: 1,
      byday: 'TU',
      bysetpos: null,
      dtstart: '2026-10-01',
      until: null,
      startTime: '17:00:00',
      endTime: '20:00:00',
      timezone: 'Europe/Copenhagen',
      ...schedule,
    },
    organisationId: '99999999-2222-4333-8444-555555555555',
    organisationName: 'Gadeholdet Frederiksberg',
    updatedAt: new Date('2026-09-01T10:00:00Z'),
    locationName: 'Jens Jessens Vej',
    streetAddress: 'Jens Jessens Vej 2',
    postalCode: '2000',
    city: 'Frederiksberg',
    latitude: 55.68,
    longitude: 12.53,
    ...overrides,
  } satisfies SeriesActivity
}

describe('text values and lines (RFC 5545 §3.1, §3.3.11)', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng')
  })

  it('drops control characters but keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td')
  })

  it('quotes parameter values that hold : ; or , and never lets a DQUOTE through', () => {
    expect(paramValue('Café Broen')).toBe('Café Broen')
    expect(paramValue('Broen: café; mad, kaffe')).toBe('"Broen: café; mad, kaffe"')
    expect(paramValue('Klubben "Frisk"')).toBe("Klubben 'Frisk'")
  })

  it('folds at 75 octets, never inside a UTF-8 sequence, and unfolds to the same line', () => {
    const long = `DESCRIPTION:${'æøå ÆØÅ 🙂 '.repeat(30)}`
    const folded = foldLine(long)
    const lines = folded.split(CRLF)
    expect(lines.length).toBeGreaterThan(3)
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75)
    for (const line of lines.slice(1)) expect(line.startsWith(' ')).toBe(true)
    // a split inside a sequence would leave a lone surrogate or a replacement character
    for (const line of lines) expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line)
    expect(unfold(folded)).toBe(long)
    expect(foldLine('SUMMARY:kort')).toBe('SUMMARY:kort')
    expect(octets(foldLine('X:'.padEnd(75, 'a')))).toBe(75)
  })

  it('writes UTC instants', () => {
    expect(formatUtc(new Date('2026-03-29T01:02:03.456Z'))).toBe('20260329T010203Z')
  })
})

describe('a calendar', () => {
  const text = renderCalendar({
    name: 'Café Broen, aktiviteter',
    now: NOW,
    refreshMinutes: 15,
    events: [event({ rrule: 'FREQ=WEEKLY;BYDAY=TU', exdates: ['2026-10-20', '2026-10-13'] })],
  })

  it('uses CRLF only and ends with one', () => {
    expect(text.endsWith(CRLF)).toBe(true)
    expect(text.replaceAll(CRLF, '')).not.toMatch(/[\r\n]/)
  })

  it('has the calendar properties, a Copenhagen VTIMEZONE with both rules, and the event', () => {
    const lines = unfold(text).split(CRLF)
    expect(lines.slice(0, 8)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Brobygger//Brobygger calendar feed//DA',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Café Broen\\, aktiviteter',
      'X-WR-TIMEZONE:Europe/Copenhagen',
      'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
    ])
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU')
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU')
    expect(lines).toContain('DTSTAMP:20260920T080000Z')
    expect(lines).toContain('DTSTART;TZID=Europe/Copenhagen:20261006T170000')
    expect(lines).toContain('DTEND;TZID=Europe/Copenhagen:20261006T200000')
    expect(lines.filter((l) => l.startsWith('EXDATE'))).toEqual([
      'EXDATE;TZID=Europe/Copenhagen:20261013T170000',
      'EXDATE;TZID=Europe/Copenhagen:20261020T170000',
    ])
  })

  it('reads back in ical.js with the time zone it carries', () => {
    const { root, events } = parseCalendar(text)
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(ICAL.TimezoneService.has('Europe/Copenhagen')).toBe(true)
    const [parsed] = events
    expect(parsed!.tzid).toBe('Europe/Copenhagen')
    // 17:00 is 15:00Z in summer time and 16:00Z after the October change
    const found = expand(
      parsed!,
      new Date('2026-10-01T00:00:00Z'),
      new Date('2026-11-04T00:00:00Z'),
    )
    expect(found.map((o) => o.start.toISOString())).toEqual([
      '2026-10-06T15:00:00.000Z',
      '2026-10-27T16:00:00.000Z',
      '2026-11-03T16:00:00.000Z',
    ])
  })

  it('round-trips awkward text through escaping and folding', () => {
    const description = [
      'Vi spiser sammen, og bagefter; kaffe.',
      'Ny linje med æ, ø og å – og en \\ skråstreg.',
      'x'.repeat(200),
      'Slut: "citat", ÆØÅ.',
    ].join('\n')
    const summary = 'Fællesspisning; tirsdag, kl. 17'
    const location = 'Café Broen, Godthåbsvej 41, 2000 Frederiksberg'
    const rendered = renderCalendar({
      name: 'Test',
      now: NOW,
      events: [event({ summary, description: description.replace(/\n/g, '\r\n'), location })],
    })
    for (const line of rendered.split(CRLF)) expect(octets(line)).toBeLessThanOrEqual(75)
    const [parsed] = parseCalendar(rendered).events
    expect(parsed!.summary).toBe(summary)
    expect(parsed!.description).toBe(description)
    expect(parsed!.location).toBe(location)
  })
})

// The window holds both clock changes: 25 October 2026 and 28 March 2027.
const FROM_DATE = '2026-10-01'
const TO_DATE = '2027-04-30'
const windowStart = zonedTimeToUtc(FROM_DATE, '00:00')
const windowEnd = zonedTimeToUtc('2027-05-01', '00:00')

const cases: { name: string; schedule: Partial<Schedule>; exceptions?: string[] }[] = [
  {
    name: 'every Tuesday 17:00–20:00 with two exceptions',
    schedule: { byday: 'TU', dtstart: '2026-10-06' },
    exceptions: ['2026-10-27', '2026-12-22'],
  },
  {
    name: 'every Sunday 09:30, including both change days',
    schedule: { byday: 'SU', dtstart: '2026-10-01', startTime: '09:30:00', endTime: '11:00:00' },
  },
  {
    name: 'every other Friday, started on a Thursday',
    schedule: { byday: 'FR', interval: 2, dtstart: '2026-10-01', startTime: '10:00:00' },
    exceptions: ['2026-10-30'],
  },
  {
    name: 'the last Sunday of the month (the change days themselves)',
    schedule: {
      freq: 'monthly',
      byday: 'SU',
      bysetpos: -1,
      dtstart: '2026-09-01',
      startTime: '14:00:00',
      endTime: '16:00:00',
    },
  },
  {
    name: 'the first Monday every second month, until a date',
    schedule: {
      freq: 'monthly',
      interval: 2,
      byday: 'MO',
      bysetpos: 1,
      dtstart: '2026-10-10',
      until: '2027-04-05',
    },
  },
  {
    name: 'every Wednesday, ending on a Wednesday',
    schedule: { byday: 'WE', dtstart: '2026-11-01', until: '2027-03-31' },
    exceptions: ['2026-12-23', '2026-12-30'],
  },
  {
    name: 'a one-off on the March change day, as the clocks have just gone forward',
    schedule: {
      freq: 'once',
      byday: null,
      dtstart: '2027-03-28',
      startTime: '03:00:00',
      endTime: '04:30:00',
    },
  },
]

describe('series feeds expand to exactly the site’s own sessions', () => {
  it.each(cases)('$name', ({ schedule, exceptions = [] }) => {
    const a = activity(schedule)
    const expected = sessionTimes(
      a.schedule,
      occurrences(a.schedule, FROM_DATE, TO_DATE, exceptions),
    )
    expect(expected.length).toBeGreaterThan(0)
    const ev = seriesEvent(a, exceptions, ORIGIN, labels)!
    const [parsed] = parseCalendar(renderCalendar({ name: 'x', now: NOW, events: [ev] })).events
    const found = expand(parsed!, windowStart, windowEnd)
    expect(found.map((o) => o.localDate)).toEqual(expected.map((e) => e.localDate))
    expect(found.map((o) => o.start.toISOString())).toEqual(
      expected.map((e) => e.startsAt.toISOString()),
    )
    expect(found.map((o) => o.end.toISOString())).toEqual(
      expected.map((e) => e.endsAt.toISOString()),
    )
    for (const o of found) expect(o.localTime).toBe(a.schedule.startTime.slice(0, 5))
    for (const date of exceptions) expect(found.map((o) => o.localDate)).not.toContain(date)
  })

  it('crosses both clock changes at the same wall-clock time', () => {
    const a = activity({ byday: 'SU', startTime: '09:30:00', endTime: '11:00:00' })
    const [parsed] = parseCalendar(
      renderCalendar({ name: 'x', now: NOW, events: [seriesEvent(a, [], ORIGIN, labels)!] }),
    ).events
    const byDate = new Map(
      expand(parsed!, windowStart, windowEnd).map((o) => [o.localDate, o.start.toISOString()]),
    )
    expect(byDate.get('2026-10-18')).toBe('2026-10-18T07:30:00.000Z')
    expect(byDate.get('2026-10-25')).toBe('2026-10-25T08:30:00.000Z')
    expect(byDate.get('2027-03-21')).toBe('2027-03-21T08:30:00.000Z')
    expect(byDate.get('2027-03-28')).toBe('2027-03-28T07:30:00.000Z')
  })

  it('ends an UNTIL series at local midnight, not at midnight UTC', () => {
    // Tuesdays 00:30 until Monday 2 November: Tuesday 3 November 00:30 is 2 November 23:30Z.
    const a = activity({
      byday: 'TU',
      dtstart: '2026-10-01',
      until: '2026-11-02',
      startTime: '00:30:00',
      endTime: '01:30:00',
    })
    const expected = occurrences(a.schedule, FROM_DATE, TO_DATE)
    expect(expected.at(-1)).toBe('2026-10-27')
    const ev = seriesEvent(a, [], ORIGIN, labels)!
    expect(ev.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261102T225959Z')
    const ours = parseCalendar(renderCalendar({ name: 'x', now: NOW, events: [ev] })).events[0]!
    expect(expand(ours, windowStart, windowEnd).map((o) => o.localDate)).toEqual(expected)
    // A date-only UNTIL (…T235959Z) would have let ical.js add 3 November.
    const naive = { ...ev, rrule: ev.rrule!.replace(/UNTIL=\w+/, 'UNTIL=20261102T235959Z') }
    const theirs = parseCalendar(renderCalendar({ name: 'x', now: NOW, events: [naive] }))
      .events[0]!
    expect(expand(theirs, windowStart, windowEnd).map((o) => o.localDate)).toContain('2026-11-03')
  })

  it('starts DTSTART on the first real occurrence, not on the schedule’s start date', () => {
    const ev = seriesEvent(activity({ byday: 'FR', dtstart: '2026-10-01' }), [], ORIGIN, labels)!
    expect(ev.start).toEqual({ date: '2026-10-02', time: '17:00:00' })
  })

  it('leaves out a series that never happens', () => {
    expect(
      seriesEvent(
        activity({ byday: 'TU', dtstart: '2026-10-01', until: '2026-10-05' }),
        [],
        ORIGIN,
        labels,
      ),
    ).toBeNull()
  })

  it('marks a cancelled activity cancelled, in the status and the title', () => {
    const ev = seriesEvent(activity({}, { status: 'cancelled' }), [], ORIGIN, labels)!
    const [parsed] = parseCalendar(renderCalendar({ name: 'x', now: NOW, events: [ev] })).events
    expect(parsed!.status).toBe('CANCELLED')
    expect(parsed!.summary).toBe('Aflyst: Fodbold i parken')
  })

  it('names the organiser, links the activity and gives the place', () => {
    const text = renderCalendar({
      name: 'x',
      now: NOW,
      events: [seriesEvent(activity({}), [], ORIGIN, labels)!],
    })
    const [parsed] = parseCalendar(text).events
    expect(parsed!.uid).toBe('11111111-2222-4333-8444-555555555555@brobygger')
    expect(parsed!.url).toBe(`${ORIGIN}/activities/11111111-2222-4333-8444-555555555555`)
    expect(parsed!.location).toBe('Jens Jessens Vej, Jens Jessens Vej 2, 2000 Frederiksberg')
    expect(parsed!.description).toBe(
      `Kom som du er.\n\nLæs mere: ${ORIGIN}/activities/11111111-2222-4333-8444-555555555555`,
    )
    const organizer = parsed!.event.component.getFirstProperty('organizer')!
    expect(organizer.getParameter('cn')).toBe('Gadeholdet Frederiksberg')
    expect(unfold(text)).toContain('GEO:55.68;12.53')
  })
})

describe('sign-up events', () => {
  const base: SignupEntry = {
    signupId: 'aaaaaaaa-2222-4333-8444-555555555555',
    state: 'confirmed',
    startsAt: new Date('2026-10-25T08:30:00Z'),
    endsAt: new Date('2026-10-25T10:00:00Z'),
    sessionCancelled: false,
    updatedAt: new Date('2026-10-01T10:00:00Z'),
    activity: (({ schedule: _s, updatedAt: _u, ...rest }) => rest)(activity({})),
  }

  it('map states to calendar statuses', () => {
    expect(signupStatus(base)).toBe('CONFIRMED')
    expect(signupStatus({ ...base, state: 'attended' })).toBe('CONFIRMED')
    expect(signupStatus({ ...base, state: 'offered' })).toBe('TENTATIVE')
    expect(signupStatus({ ...base, state: 'cancelled' })).toBe('CANCELLED')
    expect(signupStatus({ ...base, sessionCancelled: true })).toBe('CANCELLED')
    expect(signupStatus({ ...base, activity: { ...base.activity, status: 'cancelled' } })).toBe(
      'CANCELLED',
    )
  })

  it('are one event per sign-up at the session’s local time', () => {
    const text = renderCalendar({
      name: 'x',
      now: NOW,
      events: [signupEvent({ ...base, state: 'offered' }, ORIGIN, labels)],
    })
    expect(unfold(text)).toContain('DTSTART;TZID=Europe/Copenhagen:20261025T093000')
    const [parsed] = parseCalendar(text).events
    expect(parsed!.uid).toBe('aaaaaaaa-2222-4333-8444-555555555555@brobygger')
    expect(parsed!.status).toBe('TENTATIVE')
    expect(parsed!.description).toContain(`Sig ja: ${ORIGIN}/activities/`)
    const [only] = expand(
      parsed!,
      new Date('2026-10-01T00:00:00Z'),
      new Date('2026-11-01T00:00:00Z'),
    )
    expect(only!.start.toISOString()).toBe('2026-10-25T08:30:00.000Z')
    expect(only!.end.toISOString()).toBe('2026-10-25T10:00:00.000Z')
  })
})
