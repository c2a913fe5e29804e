import { TIMEZONE } from './schedule'

// schema.org Event data for an activity's next sessions, so search engines and assistants can
// show "what, when, where, free?" without scraping the page.

export interface JsonLdActivity {
  id: string
  title: string
  description: string
  locationName: string | null
  streetAddress: string | null
  postalCode: string | null
  city: string | null
  latitude: number | null
  longitude: number | null
  priceOere: number
  organisation: { id: string; name: string; phone: string | null }
  timezone: string
}

export interface JsonLdSession {
  id: string
  startsAt: Date
  endsAt: Date
  cancelled: boolean
  capacity: number | null
  spacesLeft: number | null
}

const wallClocks = new Map<string, Intl.DateTimeFormat>()
// An activity page formats the same sessions' times on every render (ADR 019).
const formatted = new Map<string, string>()

/** ISO 8601 local time with its UTC offset, e.g. 2026-11-24T17:00:00+01:00. */
export function isoWithOffset(instant: Date, timeZone = TIMEZONE): string {
  const key = `${timeZone} ${instant.getTime()}`
  let iso = formatted.get(key)
  if (iso === undefined) {
    iso = formatIsoWithOffset(instant, timeZone)
    if (formatted.size >= 10_000) formatted.delete(formatted.keys().next().value as string)
    formatted.set(key, iso)
  }
  return iso
}

function formatIsoWithOffset(instant: Date, timeZone: string): string {
  let clock = wallClocks.get(timeZone)
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    wallClocks.set(timeZone, clock)
  }
  const parts = Object.fromEntries(clock.formatToParts(instant).map((p) => [p.type, p.value]))
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`
  const offset = Math.round(
    (Date.parse(`${local}Z`) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000,
  )
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

export function activityEvents(
  activity: JsonLdActivity,
  sessions: JsonLdSession[],
  origin: string,
): Record<string, unknown>[] {
  const url = `${origin}/activities/${activity.id}`
  const price = (activity.priceOere / 100).toFixed(2)
  const place = {
    '@type': 'Place',
    name: activity.locationName ?? activity.organisation.name,
    address: {
      '@type': 'PostalAddress',
      ...(activity.streetAddress ? { streetAddress: activity.streetAddress } : {}),
      ...(activity.postalCode ? { postalCode: activity.postalCode } : {}),
      ...(activity.city ? { addressLocality: activity.city } : {}),
      addressCountry: 'DK',
    },
    ...(activity.latitude !== null && activity.longitude !== null
      ? {
          geo: {
            '@type': 'GeoCoordinates',
            latitude: activity.latitude,
            longitude: activity.longitude,
          },
        }
      : {}),
  }
  const organizer = {
    '@type': 'Organization',
    name: activity.organisation.name,
    url: `${origin}/organisations/${activity.organisation.id}`,
    ...(activity.organisation.phone ? { telephone: activity.organisation.phone } : {}),
  }
  return sessions.map((s) => {
    const full = s.spacesLeft !== null && s.spacesLeft <= 0
    return {
      '@context': 'https://schema.org',
      '@type': 'Event',
      '@id': `${url}#session-${s.id}`,
      name: activity.title,
      ...(activity.description ? { description: activity.description } : {}),
      url,
      startDate: isoWithOffset(s.startsAt, activity.timezone),
      endDate: isoWithOffset(s.endsAt, activity.timezone),
      eventStatus: s.cancelled
        ? 'https://schema.org/EventCancelled'
        : 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: place,
      organizer,
      isAccessibleForFree: activity.priceOere === 0,
      offers: {
        '@type': 'Offer',
        price,
        priceCurrency: 'DKK',
        url,
        availability: s.cancelled
          ? 'https://schema.org/Discontinued'
          : full
            ? 'https://schema.org/SoldOut'
            : 'https://schema.org/InStock',
      },
      ...(s.capacity !== null ? { maximumAttendeeCapacity: s.capacity } : {}),
      ...(s.spacesLeft !== null ? { remainingAttendeeCapacity: s.spacesLeft } : {}),
    }
  })
}

/**
 * JSON for an inline <script>: "<" is escaped so no value (a title with "</script>") can end
 * the element early, and U+2028/2029 so the text stays valid in every JavaScript parser.
 */
export function serialiseJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
