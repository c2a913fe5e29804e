import type { Language } from '~/i18n/config'
import { dateFormatter } from '~/ui/format'

// A period's dates have no time of day: formatted as calendar dates, never shifted by a zone.

/** '2021-01-01' → "1. januar 2021" (da) / "1 January 2021" (en). */
export function formatDay(date: string, lng: Language): string {
  return dateFormatter(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  )
}

/** '2021-01-01' → "01.01.2021" (da) / "01/01/2021" (en), for tables. */
export function formatShortDay(date: string, lng: Language): string {
  return dateFormatter(lng, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`))
}
