import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import type { ScheduleFreq, Weekday } from '../../../db/schema.ts'
import { TIMEZONE, utcToZoned } from './schedule'

// Plain-language dates and schedules for the public pages, formatted on the server in the
// activity's time zone: "tirsdag 24. november kl. 17.00", "Hver anden fredag kl. 10.00–12.00".

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' }
const P = 'pages.activity.schedule'

/** "17.00" in Danish, "17:00" in English, from 'HH:MM' or 'HH:MM:SS'. */
export function formatClock(time: string, lng: Language): string {
  const hhmm = time.slice(0, 5)
  return lng === 'da' ? hhmm.replace(':', '.') : hhmm
}

/** "tirsdag 24. november" / "Tuesday 24 November" for a calendar date (YYYY-MM-DD). */
export function formatDay(
  date: string,
  lng: Language,
  { year = false, weekday = true }: { year?: boolean; weekday?: boolean } = {},
): string {
  const noon = new Date(`${date}T12:00:00Z`)
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(LOCALES[lng], { ...options, timeZone: 'UTC' }).format(noon)
  const day = format({ day: 'numeric', month: 'long', ...(year ? { year: 'numeric' } : {}) })
  // Formatted apart: with a year, Danish Intl says "lørdag den 5. december 2026".
  return weekday ? `${format({ weekday: 'long' })} ${day}` : day
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1)

/** "tirsdag 24. november kl. 17.00" for a session start. */
export function formatSessionStart(
  startsAt: Date,
  t: TFunction,
  lng: Language,
  timeZone = TIMEZONE,
): string {
  const local = utcToZoned(startsAt, timeZone)
  return t(`${P}.at`, { day: formatDay(local.date, lng), time: formatClock(local.time, lng) })
}

/** "tirsdag 24. november kl. 17.00–19.30" for a session. */
export function formatSessionSpan(
  startsAt: Date,
  endsAt: Date,
  t: TFunction,
  lng: Language,
  timeZone = TIMEZONE,
): string {
  const start = utcToZoned(startsAt, timeZone)
  const end = utcToZoned(endsAt, timeZone)
  return t(`${P}.at`, {
    day: formatDay(start.date, lng),
    time: `${formatClock(start.time, lng)}–${formatClock(end.time, lng)}`,
  })
}

export interface DescribableSchedule {
  freq: ScheduleFreq
  interval: number
  byday: Weekday | null
  bysetpos: number | null
  dtstart: string
  until: string | null
  startTime: string
  endTime: string
}

const ORDINAL: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
}
const EVERY: Record<number, string> = { 2: 'second', 3: 'third', 4: 'fourth' }

/**
 * The schedule as one plain sentence: "Hver tirsdag kl. 17.00–19.30", "Hver anden fredag …",
 * "Første lørdag i måneden …", or the date of a one-off.
 */
export function describeSchedule(schedule: DescribableSchedule, t: TFunction, lng: Language) {
  const time = `${formatClock(schedule.startTime, lng)}–${formatClock(schedule.endTime, lng)}`
  let sentence: string
  if (schedule.freq === 'once' || !schedule.byday) {
    sentence = capitalise(
      t(`${P}.once`, { day: formatDay(schedule.dtstart, lng, { year: true }), time }),
    )
  } else {
    const weekday = t(`common.weekdays.${schedule.byday}`)
    const every = EVERY[schedule.interval]
    if (schedule.freq === 'weekly') {
      sentence = every
        ? t(`${P}.weeklyEvery`, { weekday, every: t(`${P}.every.${every}`), time })
        : t(`${P}.weekly`, { weekday, time })
    } else {
      const ordinal = t(`${P}.ordinal.${ORDINAL[String(schedule.bysetpos ?? 1)] ?? 'first'}`)
      sentence = every
        ? t(`${P}.monthlyEvery`, { nth: ordinal, weekday, every: t(`${P}.every.${every}`), time })
        : t(`${P}.monthly`, { nth: ordinal, weekday, time })
    }
    if (schedule.until)
      sentence = t(`${P}.until`, {
        schedule: sentence,
        date: formatDay(schedule.until, lng, { year: true, weekday: false }),
      })
  }
  return sentence
}

/** "Gratis" or "20 kr." from øre. */
export function formatPrice(priceOere: number, t: TFunction, lng: Language): string {
  if (priceOere === 0) return t('common.price.free')
  const kroner = priceOere / 100
  const amount = new Intl.NumberFormat(LOCALES[lng], {
    minimumFractionDigits: Number.isInteger(kroner) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(kroner)
  return t('common.price.amount', { amount })
}
