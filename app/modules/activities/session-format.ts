import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import { dateFormatter } from '~/ui/format'

// Session times are shown in Copenhagen wall-clock time, formatted on the server (pages and
// e-mails alike), so a visitor's device clock never changes what a date says.
const TIME_ZONE = 'Europe/Copenhagen'

export function sessionDate(date: Date, lng: Language): string {
  return dateFormatter(lng, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(date)
}

export function clockTime(date: Date, lng: Language): string {
  return dateFormatter(lng, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(date)
}

/** "tirsdag den 24. november 2026 kl. 17.00–19.00" */
export function sessionWhen(t: TFunction, lng: Language, startsAt: Date, endsAt: Date): string {
  return t('pages.signup.when', {
    date: sessionDate(startsAt, lng),
    start: clockTime(startsAt, lng),
    end: clockTime(endsAt, lng),
  })
}

/** "onsdag den 25. november 2026 kl. 18.30" */
export function deadlineText(t: TFunction, lng: Language, at: Date): string {
  return t('pages.signup.deadline', { date: sessionDate(at, lng), time: clockTime(at, lng) })
}
