import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import {
  describeSchedule,
  formatClock,
  formatPrice,
  formatSessionSpan,
  formatSessionStart,
  type DescribableSchedule,
} from './describe'

const da = getFixedT('da')
const en = getFixedT('en')

const weekly: DescribableSchedule = {
  freq: 'weekly',
  interval: 1,
  byday: 'TU',
  bysetpos: null,
  dtstart: '2026-11-03',
  until: null,
  startTime: '17:00:00',
  endTime: '19:30:00',
}

describe('describeSchedule', () => {
  it('says every week in plain words', () => {
    expect(describeSchedule(weekly, da, 'da')).toBe('Hver tirsdag kl. 17.00–19.30')
    expect(describeSchedule(weekly, en, 'en')).toBe('Every Tuesday, 17:00–19:30')
  })

  it('says every other, third and fourth week', () => {
    const fortnightly = { ...weekly, interval: 2, byday: 'FR' as const }
    expect(describeSchedule(fortnightly, da, 'da')).toBe('Hver anden fredag kl. 17.00–19.30')
    expect(describeSchedule(fortnightly, en, 'en')).toBe('Every other Friday, 17:00–19:30')
    expect(describeSchedule({ ...weekly, interval: 3 }, da, 'da')).toBe(
      'Hver tredje tirsdag kl. 17.00–19.30',
    )
  })

  it('says which weekday of the month', () => {
    const monthly = {
      ...weekly,
      freq: 'monthly' as const,
      byday: 'SA' as const,
      bysetpos: 1,
      startTime: '10:00',
      endTime: '12:00',
    }
    expect(describeSchedule(monthly, da, 'da')).toBe('Første lørdag i måneden kl. 10.00–12.00')
    expect(describeSchedule(monthly, en, 'en')).toBe('First Saturday of the month, 10:00–12:00')
    expect(describeSchedule({ ...monthly, bysetpos: -1 }, da, 'da')).toBe(
      'Sidste lørdag i måneden kl. 10.00–12.00',
    )
    expect(describeSchedule({ ...monthly, interval: 2 }, da, 'da')).toBe(
      'Første lørdag hver anden måned kl. 10.00–12.00',
    )
  })

  it('gives the date of a one-off, with the year', () => {
    const once = { ...weekly, freq: 'once' as const, byday: null, dtstart: '2026-12-05' }
    expect(describeSchedule(once, da, 'da')).toBe('Lørdag 5. december 2026 kl. 17.00–19.30')
    expect(describeSchedule(once, en, 'en')).toBe('Saturday 5 December 2026, 17:00–19:30')
  })

  it('says when a series ends', () => {
    expect(describeSchedule({ ...weekly, until: '2027-03-30' }, da, 'da')).toBe(
      'Hver tirsdag kl. 17.00–19.30, til og med 30. marts 2027',
    )
  })
})

describe('session dates', () => {
  it('are local Copenhagen time, in winter and in summer', () => {
    const winter = new Date('2026-11-24T16:00:00Z')
    expect(formatSessionStart(winter, da, 'da')).toBe('tirsdag 24. november kl. 17.00')
    expect(formatSessionStart(winter, en, 'en')).toBe('Tuesday 24 November at 17:00')
    const summer = new Date('2027-06-01T15:00:00Z')
    expect(formatSessionStart(summer, da, 'da')).toBe('tirsdag 1. juni kl. 17.00')
    expect(formatSessionSpan(winter, new Date('2026-11-24T18:30:00Z'), da, 'da')).toBe(
      'tirsdag 24. november kl. 17.00–19.30',
    )
  })

  it('formats clock times per language', () => {
    expect(formatClock('09:05:00', 'da')).toBe('09.05')
    expect(formatClock('09:05', 'en')).toBe('09:05')
  })
})

describe('formatPrice', () => {
  it('says free for 0 and kroner from øre', () => {
    expect(formatPrice(0, da, 'da')).toBe('Gratis')
    expect(formatPrice(2000, da, 'da')).toBe('20 kr.')
    expect(formatPrice(2050, da, 'da')).toBe('20,50 kr.')
    expect(formatPrice(2000, en, 'en')).toBe('DKK 20')
  })
})
