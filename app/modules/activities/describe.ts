import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import type { ScheduleFreq, Weekday } from '../../../db/schema.ts'
import { dateFormatter, LOCALES } from '~/ui/format'
import { TIMEZONE } from './schedule'

// Plain-language dates and schedules for the public pages, formatted on the server in the
// activity's time zone: "tirsdag 24. november kl. 17.00", "Hver anden fredag kl. 10.00–12.00".

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
  const day = dateFormatter(lng, {
    day: 'numeric',
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(noon)
  // Formatted apart: with a year, Danish Intl says "lørdag den 5. december 2026".
  return weekday
    ? `${dateFormatter(lng, { weekday: 'long', timeZone: 'UTC' }).format(noon)} ${day}`
    : day
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1)

/** "tirsdag 24. november" for an instant, in a time zone. */
function formatInstantDay(instant: Date, lng: Language, timeZone: string): string {
  return dateFormatter(lng, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(
    instant,
  )
}

/** "17.00" / "17:00" for an instant, in a time zone. */
function formatInstantClock(instant: Date, lng: Language, timeZone: string): string {
  return dateFormatter(lng, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
    .format(instant)
    .replace(/[.:]/, lng === 'da' ? '.' : ':')
}

/** "tirsdag 24. november kl. 17.00" for a session start. */
export function formatSessionStart(
  startsAt: Date,
  t: TFunction,
  lng: Language,
  timeZone = TIMEZONE,
): string {
  return t(`${P}.at`, {
    day: formatInstantDay(startsAt, lng, timeZone),
    time: formatInstantClock(startsAt, lng, timeZone),
  })
}

/** "tirsdag 24. november kl. 17.00–19.30" for a session. */
export function formatSessionSpan(
  startsAt: Date,
  endsAt: Date,
  t: TFunction,
  lng: Language,
  timeZone = TIMEZONE,
): string {
  return t(`${P}.at`, {
    day: formatInstantDay(startsAt, lng, timeZone),
    time: `${formatInstantClock(startsAt, lng, timeZone)}–${formatInstantClock(endsAt, lng, timeZone)}`,
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

const numberFormatters = new Map<string, Intl.NumberFormat>()

/** "Gratis" or "20 kr." from øre. */
export function formatPrice(priceOere: number, t: TFunction, lng: Language): string {
  if (priceOere === 0) return t('common.price.free')
  const kroner = priceOere / 100
  const decimals = Number.isInteger(kroner) ? 0 : 2
  const key = `${lng} ${decimals}`
  let format = numberFormatters.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lng], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: 2,
    })
    numberFormatters.set(key, format)
  }
  return t('common.price.amount', { amount: format.format(kroner) })
}
