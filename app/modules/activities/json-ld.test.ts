import { describe, expect, it } from 'vitest'
import { activityEvents, isoWithOffset, serialiseJsonLd } from './json-ld'

const activity = {
  id: 'a1',
  title: 'Fodbold </script><script>alert(1)</script>',
  description: 'Vi spiller & hygger',
  locationName: 'Kunstgræsbanen',
  streetAddress: 'Jens Jessens Vej 2',
  postalCode: '2000',
  city: 'Frederiksberg',
  latitude: 55.68,
  longitude: 12.53,
  priceOere: 2000,
  organisation: { id: 'o1', name: 'Gadeholdet', phone: '+45 30 12 34 56' },
  timezone: 'Europe/Copenhagen',
}

describe('isoWithOffset', () => {
  it('gives local time with the offset in force', () => {
    expect(isoWithOffset(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-24T17:00:00+01:00')
    expect(isoWithOffset(new Date('2027-06-01T15:00:00Z'))).toBe('2027-06-01T17:00:00+02:00')
  })

  it('remembers an answer per time zone, not per instant alone', () => {
    const instant = new Date('2026-11-24T16:00:00Z')
    expect(isoWithOffset(instant, 'Europe/Copenhagen')).toBe('2026-11-24T17:00:00+01:00')
    expect(isoWithOffset(instant, 'Atlantic/Faroe')).toBe('2026-11-24T16:00:00+00:00')
    expect(isoWithOffset(instant, 'America/Nuuk')).toBe('2026-11-24T14:00:00-02:00')
    expect(isoWithOffset(instant, 'Europe/Copenhagen')).toBe('2026-11-24T17:00:00+01:00')
  })
})

describe('activityEvents', () => {
  const events = activityEvents(
    activity,
    [
      {
        id: 's1',
        startsAt: new Date('2026-11-24T16:00:00Z'),
        endsAt: new Date('2026-11-24T18:30:00Z'),
        cancelled: false,
        capacity: 10,
        spacesLeft: 0,
      },
      {
        id: 's2',
        startsAt: new Date('2026-12-01T16:00:00Z'),
        endsAt: new Date('2026-12-01T18:30:00Z'),
        cancelled: true,
        capacity: null,
        spacesLeft: null,
      },
    ],
    'https://brobygger.example.dk',
  )

  it('describes each session as a schema.org Event', () => {
    expect(events[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      startDate: '2026-11-24T17:00:00+01:00',
      endDate: '2026-11-24T19:30:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      isAccessibleForFree: false,
      location: {
        '@type': 'Place',
        address: { '@type': 'PostalAddress', postalCode: '2000', addressCountry: 'DK' },
      },
      organizer: { '@type': 'Organization', name: 'Gadeholdet' },
      offers: { price: '20.00', priceCurrency: 'DKK', availability: 'https://schema.org/SoldOut' },
      maximumAttendeeCapacity: 10,
      remainingAttendeeCapacity: 0,
    })
    expect(events[1]).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled' })
    expect(events[1]).not.toHaveProperty('maximumAttendeeCapacity')
  })

  it('serialises so no value can close the script element', () => {
    const json = serialiseJsonLd(events)
    expect(json).not.toMatch(/[<>&]/)
    expect(JSON.parse(json)).toEqual(events)
  })
})
