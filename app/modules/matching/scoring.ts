import type { TFunction } from 'i18next'
import { INTERESTS, LANGUAGES } from '../volunteers/vocab'

// How a volunteer is ranked for one citizen (PRODUCT.md §3.5). The ranking itself runs in SQL
// (suggestions.server.ts); this file holds the weights' defaults, the same formula in plain
// TypeScript (so tests can check the query against it) and the reasons turned into words.

export interface Weights {
  interest: number
  area: number
  slot: number
  language: number
  livedExperience: number
}

/** Used until an organisation sets its own (match_settings). */
export const DEFAULT_WEIGHTS: Weights = {
  interest: 3,
  area: 4,
  slot: 1,
  language: 3,
  livedExperience: 2,
}
export const MAX_WEIGHT = 20

/** A course lasts at most six months (PRODUCT.md §3.5); an organisation may choose less. */
export const MAX_COURSE_MONTHS = 6
export const DEFAULT_CHECKIN_DAYS = 28
/** Follow-up call after a closed course, with consent: four weeks. */
export const FOLLOW_UP_DAYS = 28

// The weekly grid shared with volunteer_profile.availability: bit (day * 3 + slot), day 0 =
// Monday, slot 0/1/2 = morning/afternoon/evening.
export const GRID_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export const GRID_SLOTS = ['morning', 'afternoon', 'evening'] as const
export const slotBit = (day: number, slot: number) => 1 << (day * 3 + slot)
export const bitCount = (mask: number) => {
  let n = 0
  for (let m = mask; m; m &= m - 1) n++
  return n
}

export interface MatchReasons {
  sharedInterests: string[]
  /** The area's name when both are in the same one. */
  sameArea: string | null
  sharedSlots: number
  sharedLanguages: string[]
  livedExperience: boolean
}

export function scoreOf(r: MatchReasons, w: Weights): number {
  return (
    w.interest * r.sharedInterests.length +
    (r.sameArea ? w.area : 0) +
    w.slot * r.sharedSlots +
    w.language * r.sharedLanguages.length +
    (r.livedExperience ? w.livedExperience : 0)
  )
}

const KNOWN_INTERESTS: ReadonlySet<string> = new Set(INTERESTS)
const KNOWN_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES)

/**
 * A code's words; a code this version does not know is shown as it is. Checked here rather than
 * with i18next's defaultValue, so the lookup is a plain one the server remembers (ADR 019).
 */
export const interestLabel = (t: TFunction, code: string) =>
  KNOWN_INTERESTS.has(code) ? t(`common.course.interests.${code}`) : code
export const languageLabel = (t: TFunction, code: string) =>
  KNOWN_LANGUAGES.has(code) ? t(`common.course.languages.${code}`) : code

/**
 * "3 fælles interesser: fodbold, madlavning, gåture · begge i Frederiksberg C · 4 fælles
 * tidspunkter · taler arabisk" — one part per reason, in the order of the weights.
 */
export function reasonParts(t: TFunction, r: MatchReasons): string[] {
  const P = 'pages.matching.reasons'
  const parts: string[] = []
  if (r.sharedInterests.length)
    parts.push(
      t(`${P}.interests`, {
        count: r.sharedInterests.length,
        list: r.sharedInterests.map((c) => interestLabel(t, c)).join(', '),
      }),
    )
  if (r.sameArea) parts.push(t(`${P}.area`, { area: r.sameArea }))
  if (r.sharedSlots) parts.push(t(`${P}.slots`, { count: r.sharedSlots }))
  // Danish is taken for granted; other shared languages are worth saying.
  const languages = r.sharedLanguages.filter((l) => l !== 'da')
  if (languages.length)
    parts.push(t(`${P}.languages`, { list: languages.map((c) => languageLabel(t, c)).join(', ') }))
  if (r.livedExperience) parts.push(t(`${P}.livedExperience`))
  return parts
}

export interface WishFacts {
  interests: string[]
  languages: string[]
  areaName: string | null
  availability: number
  gender: string | null
  prefersGender: string | null
  wantsLivedExperience: boolean
  note: string | null
}

/** The citizen's wishes as label/value rows for a summary list (what the ranking uses). */
export function wishSummary(t: TFunction, w: WishFacts): { label: string; value: string }[] {
  const P = 'pages.matching'
  const none = t(`${P}.summary.noneChosen`)
  const slots = GRID_DAYS.flatMap((day, d) =>
    GRID_SLOTS.filter((_, s) => (w.availability & slotBit(d, s)) !== 0).map((slot) =>
      t(`${P}.summary.slot`, {
        day: t(`common.weekdays.${day}`),
        slot: t(`common.course.slots.${slot}`).toLowerCase(),
      }),
    ),
  )
  const rows = [
    {
      label: t(`${P}.fields.interests`),
      value: w.interests.map((c) => interestLabel(t, c)).join(', ') || none,
    },
    {
      label: t(`${P}.fields.languages`),
      value: w.languages.map((c) => languageLabel(t, c)).join(', ') || none,
    },
    { label: t(`${P}.fields.wishArea`), value: w.areaName ?? t(`${P}.fields.anyArea`) },
    { label: t(`${P}.summary.times`), value: slots.join(', ') || none },
    {
      label: t(`${P}.summary.buddyGender`),
      value: t(`${P}.prefersGender.${w.prefersGender ?? 'any'}`),
    },
  ]
  if (w.gender) rows.push({ label: t(`${P}.fields.gender`), value: t(`${P}.gender.${w.gender}`) })
  if (w.wantsLivedExperience)
    rows.push({
      label: t(`${P}.fields.livedExperienceLegend`),
      value: t(`${P}.fields.livedExperience`),
    })
  if (w.note) rows.push({ label: t(`${P}.fields.wishNote`), value: w.note })
  return rows
}
