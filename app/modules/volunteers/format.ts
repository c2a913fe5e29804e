import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import { formatDate } from '~/ui/format'

// Calendar dates and durations as volunteers and coordinators read them.

/** A 'YYYY-MM-DD' date in words ("24. november 2026"); noon UTC is the same day in Copenhagen. */
export const dayText = (day: string, lng: Language) => formatDate(new Date(`${day}T12:00:00Z`), lng)

/** "2 t 30 min", "2 timer", "45 min" */
export function durationText(t: TFunction, minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h > 0 && m > 0) return t('common.volunteer.duration.hoursMinutes', { hours: h, minutes: m })
  if (h > 0) return t('common.volunteer.duration.hours', { count: h })
  return t('common.volunteer.duration.minutes', { count: m })
}
