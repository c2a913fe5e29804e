import { describe, expect, it } from 'vitest'
import {
  addDays,
  nthWeekdayOfMonth,
  occurrences,
  toRRule,
  utcToZoned,
  weekdayOf,
  zonedTimeToUtc,
  type Schedule,
} from './schedule'

const weekly: Schedule = {
  freq: 'weekly',
  interval: 1,
  byday: 'TU',
  bysetpos: null,
  dtstart: '2026-10-06',
  until: null,
  startTime: '17:00',
  endTime: '20:00',
}

describe('calendar arithmetic', () => {
  it('knows weekdays', () => {
    expect(weekdayOf('2026-11-24')).toBe('TU')
    expect(weekdayOf('2024-02-29')).toBe('TH')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
  it('finds the n-th and last weekday of a month', () => {
    expect(nthWeekdayOfMonth(2026, 11, 'MO', 1)).toBe('2026-11-02')
    expect(nthWeekdayOfMonth(2026, 11, 'MO', -1)).toBe('2026-11-30')
    expect(nthWeekdayOfMonth(2026, 2, 'SU', 4)).toBe('2026-02-22')
  })
})

describe('occurrences', () => {
  it('a one-off happens once, on its date', () => {
    expect(
      occurrences({ ...weekly, freq: 'once', byday: null }, '2026-10-01', '2026-12-31'),
    ).toEqual(['2026-10-06'])
    expect(
      occurrences({ ...weekly, freq: 'once', byday: null }, '2026-10-07', '2026-12-31'),
    ).toEqual([])
  })
  it('weekly on Tuesdays, skipping an exception, until a date', () => {
    const dates = occurrences({ ...weekly, until: '2026-11-03' }, '2026-10-01', '2026-12-31', [
      '2026-10-20',
    ])
    expect(dates).toEqual(['2026-10-06', '2026-10-13', '2026-10-27', '2026-11-03'])
  })
  it('every other week keeps its phase when the window starts later', () => {
    const s = { ...weekly, interval: 2 }
    expect(occurrences(s, '2026-10-01', '2026-11-30')).toEqual([
      '2026-10-06',
      '2026-10-20',
      '2026-11-03',
      '2026-11-17',
    ])
    expect(occurrences(s, '2026-10-14', '2026-11-30')).toEqual([
      '2026-10-20',
      '2026-11-03',
      '2026-11-17',
    ])
  })
  it('anchors on the first matching weekday after dtstart', () => {
    expect(occurrences({ ...weekly, dtstart: '2026-10-01' }, '2026-10-01', '2026-10-14')).toEqual([
      '2026-10-06',
      '2026-10-13',
    ])
  })
  it('monthly on the first Monday and the last Friday', () => {
    const first = {
      ...weekly,
      freq: 'monthly' as const,
      byday: 'MO' as const,
      bysetpos: 1,
      dtstart: '2026-09-01',
    }
    expect(occurrences(first, '2026-09-01', '2026-12-31')).toEqual([
      '2026-09-07',
      '2026-10-05',
      '2026-11-02',
      '2026-12-07',
    ])
    const last = { ...first, byday: 'FR' as const, bysetpos: -1 }
    expect(occurrences(last, '2026-09-01', '2026-11-30')).toEqual([
      '2026-09-25',
      '2026-10-30',
      '2026-11-27',
    ])
  })
})

describe('Europe/Copenhagen across the clock changes', () => {
  it('17:00 stays 17:00 local on both sides of the October change', () => {
    // 25 October 2026 clocks go back: summer time UTC+2 → winter time UTC+1.
    expect(zonedTimeToUtc('2026-10-20', '17:00').toISOString()).toBe('2026-10-20T15:00:00.000Z')
    expect(zonedTimeToUtc('2026-10-27', '17:00').toISOString()).toBe('2026-10-27T16:00:00.000Z')
    expect(utcToZoned(new Date('2026-10-27T16:00:00Z'))).toEqual({
      date: '2026-10-27',
      time: '17:00',
    })
  })
  it('and across the March change', () => {
    // 29 March 2026 clocks go forward.
    expect(zonedTimeToUtc('2026-03-28', '10:00').toISOString()).toBe('2026-03-28T09:00:00.000Z')
    expect(zonedTimeToUtc('2026-03-29', '10:00').toISOString()).toBe('2026-03-29T08:00:00.000Z')
  })
  it('handles the missing and the doubled hour', () => {
    expect(zonedTimeToUtc('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z') // = 03:30 CEST
    expect(zonedTimeToUtc('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z') // first 02:30 (CEST)
  })
})

describe('RRULE', () => {
  it('writes RFC 5545 rules', () => {
    expect(toRRule({ ...weekly, freq: 'once' })).toBeNull()
    expect(toRRule(weekly)).toBe('FREQ=WEEKLY;BYDAY=TU')
    expect(toRRule({ ...weekly, interval: 2, until: '2027-06-30' })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270630T215959Z',
    )
    expect(toRRule({ ...weekly, freq: 'monthly', byday: 'MO', bysetpos: -1 })).toBe(
      'FREQ=MONTHLY;BYDAY=-1MO',
    )
  })
})
