import type { RequirementKind, VolunteerRole, VolunteerState } from '../../../db/schema.ts'

// The shared words of volunteering (frivillighed): roles, interests, languages, requirement
// kinds and the weekly availability grid. Pure, so pages, the matching engine and tests use the
// same lists. Labels live under `common.volunteer.*`.

export const VOLUNTEER_ROLES: readonly VolunteerRole[] = [
  'buddy',
  'helper',
  'trainer',
  'peer',
  'trip_companion',
]

export const VOLUNTEER_STATES: readonly VolunteerState[] = [
  'applied',
  'screening',
  'approved',
  'active',
  'paused',
  'ended',
]

export const INTERESTS = [
  'football',
  'cooking',
  'walks',
  'music',
  'art',
  'games',
  'nature',
  'reading',
  'film',
  'crafts',
  'fitness',
  'coffee_chat',
  'computers',
  'gardening',
  'fishing',
  'chess',
] as const
export type Interest = (typeof INTERESTS)[number]

export const LANGUAGES = [
  'da',
  'en',
  'ar',
  'tr',
  'pl',
  'so',
  'fa',
  'ur',
  'uk',
  'de',
  'es',
  'fr',
  'ti',
] as const
export type LanguageCode = (typeof LANGUAGES)[number]

/**
 * The codes whose bits are set, in vocabulary order. The database keeps interests and languages
 * also as bits in this order (`interest_bits`, `language_bits`, migration 0600), so the two
 * lists above may only grow at the end, together with a migration (ADR 020).
 */
export function codesOf<T extends string>(bits: number, vocabulary: readonly T[]): T[] {
  return vocabulary.filter((_, i) => (bits & (1 << i)) !== 0)
}

export const REQUIREMENT_KINDS: readonly RequirementKind[] = [
  'interview',
  'references',
  'criminal_record',
  'introduction_course',
  'confidentiality',
]

/** Months a requirement stays valid when an organisation first chooses it; null = for good. */
export const DEFAULT_VALID_MONTHS: Record<RequirementKind, number | null> = {
  interview: null,
  references: null,
  criminal_record: 24,
  introduction_course: null,
  confidentiality: null,
}

/** The version of the consent wording on /volunteer; stored with the profile. */
export const CONSENT_VERSION = 'volunteer-2026-11'

export const GENDERS = ['woman', 'man', 'other'] as const
export const PREFERRED_GENDERS = ['woman', 'man'] as const
export const CAPACITY_MAX = 5

// Availability: one bit per day and part of day, bit = day * 3 + slot (day 0 = Monday).
export const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export const SLOTS = ['morning', 'afternoon', 'evening'] as const
export type Slot = (typeof SLOTS)[number]
export const AVAILABILITY_BITS = DAYS.length * SLOTS.length

export const availabilityBit = (day: number, slot: number) => day * SLOTS.length + slot

/** The mask for a set of bit numbers (anything outside 0–20 is ignored). */
export function toAvailability(bits: Iterable<number>): number {
  let mask = 0
  for (const bit of bits)
    if (Number.isInteger(bit) && bit >= 0 && bit < AVAILABILITY_BITS) mask |= 1 << bit
  return mask
}

/** The bit numbers set in a mask, in order. */
export function fromAvailability(mask: number): number[] {
  const bits: number[] = []
  for (let bit = 0; bit < AVAILABILITY_BITS; bit++) if (mask & (1 << bit)) bits.push(bit)
  return bits
}

export const isAvailable = (mask: number, day: number, slot: number) =>
  (mask & (1 << availabilityBit(day, slot))) !== 0

/** How many parts of the week two people share. */
export function sharedSlots(a: number, b: number): number {
  return fromAvailability(a & b).length
}

/** The day and slot of a bit number. */
export const cellOf = (bit: number) => ({
  day: Math.floor(bit / SLOTS.length),
  slot: bit % SLOTS.length,
})
