import type { Language } from '~/i18n/config'

// Dates are formatted on the server, in the municipality's time zone, and sent as text: the
// browser's own clock and locale data cannot make the page differ from what the server sent.
const TIME_ZONE = 'Europe/Copenhagen'
export const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' }

// Creating an Intl.DateTimeFormat costs ~50 µs, formatting with one ~5 µs; a catalogue page
// formats dozens of dates.
const formatters = new Map<string, Intl.DateTimeFormat>()
export function dateFormatter(lng: Language, options: Intl.DateTimeFormatOptions) {
  const key = `${lng} ${JSON.stringify(options)}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[lng], options)
    formatters.set(key, formatter)
  }
  return formatter
}

export function formatDate(date: Date, lng: Language): string {
  return dateFormatter(lng, { dateStyle: 'long', timeZone: TIME_ZONE }).format(date)
}

export function formatDateTime(date: Date, lng: Language): string {
  return dateFormatter(lng, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(date)
}
