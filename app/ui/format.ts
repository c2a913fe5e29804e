import type { Language } from '~/i18n/config'

// Dates are formatted on the server, in the municipality's time zone, and sent as text: the
// browser's own clock and locale data cannot make the page differ from what the server sent.
const TIME_ZONE = 'Europe/Copenhagen'
const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' }

export function formatDate(date: Date, lng: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lng], { dateStyle: 'long', timeZone: TIME_ZONE }).format(
    date,
  )
}

export function formatDateTime(date: Date, lng: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lng], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(date)
}
