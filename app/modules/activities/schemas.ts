import { z } from 'zod'
import type { ActivityCategory, ActivityRole, ScheduleFreq, Weekday } from '../../../db/schema.ts'
import { UUID_PATTERN } from '../identity/invitation-schemas'
import { WEEKDAYS, type Schedule } from './schedule'

// The form an organisation's staff fill in to post or change an activity, and the small forms
// beside it (cancel one date, cancel the activity). Messages are i18n keys.

export const CATEGORIES = [
  'sport',
  'meal',
  'culture',
  'social_cafe',
  'network',
  'advice',
  'trip',
] as const satisfies readonly ActivityCategory[]
export const ACTIVITY_ROLES = [
  'participant',
  'spectator',
  'helper',
] as const satisfies readonly ActivityRole[]
export const SCHEDULE_KINDS = ['once', 'weekly', 'biweekly', 'monthly'] as const
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number]
export const NTH_VALUES = ['1', '2', '3', '4', 'last'] as const

const E = 'pages.orgActivities.errors'

/** Highest price and capacity a form accepts: typing errors, not real activities, go above. */
export const MAX_PRICE_OERE = 10_000_00
export const MAX_CAPACITY = 10_000

/** "20", "20,50", "20.5", "" (free) → øre; null when it is not an amount in kroner. */
export function parsePriceOere(text: string): number | null {
  const value = text.trim().replace(/\s*(kr\.?|dkk)$/i, '')
  if (value === '') return 0
  const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(value)
  if (!match) return null
  const oere = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return oere <= MAX_PRICE_OERE ? oere : null
}

/** øre → what the price field shows: "20", "20,50". */
export function formatPriceKroner(oere: number): string {
  const kroner = Math.floor(oere / 100)
  const rest = oere % 100
  return rest === 0 ? String(kroner) : `${kroner},${String(rest).padStart(2, '0')}`
}

function isCalendarDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number)
  const probe = new Date(Date.UTC(y!, m! - 1, d!))
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m! - 1 && probe.getUTCDate() === d
}

/** "2026-11-24" (a date field), or "24-11-2026", "24.11.2026", "24/11/2026" typed by hand. */
export function parseDate(text: string): string | null {
  const value = text.trim()
  let y: string, m: string, d: string
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  const danish = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(value)
  if (iso) [, y, m, d] = iso as unknown as [string, string, string, string]
  else if (danish) [, d, m, y] = danish as unknown as [string, string, string, string]
  else return null
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  return Number(y) >= 2000 && Number(y) <= 2100 && isCalendarDate(date) ? date : null
}

/** "17:00", "17.00", "9:30" → "HH:MM"; null otherwise. */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim())
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null
  return `${match[1]!.padStart(2, '0')}:${match[2]}`
}

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v)
const toList = (v: unknown) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])]

const requiredText = (max: number, required: string) =>
  z.string(required).trim().min(1, required).max(max, `${E}.tooLong`).prefault('')

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${E}.tooLong`)
    .prefault('')
    .transform((v) => (v === '' ? null : v))

// A failed refine lets the other fields and the cross-field checks still run (a failed
// transform would stop them), so every mistake is reported on the first submit.
const parsed = <T>(parse: (text: string) => T | null, message: string) =>
  z
    .string(message)
    .prefault('')
    .refine((text) => parse(text) !== null, message)
    .transform((text) => parse(text)!)

const optionalParsed = <T>(parse: (text: string) => T | null, message: string) =>
  z
    .string(message)
    .prefault('')
    .refine((text) => text.trim() === '' || parse(text) !== null, message)
    .transform((text) => (text.trim() === '' ? null : parse(text)))

const checkbox = z.preprocess((v) => v !== undefined && v !== '', z.boolean())
const idList = z.preprocess(toList, z.array(z.string().regex(UUID_PATTERN, `${E}.invalidChoice`)))

const phone = optionalParsed((text) => {
  const value = text.trim()
  return /^\+?[0-9][0-9 -]{6,18}[0-9]$/.test(value) ? value : null
}, `${E}.phoneInvalid`)

const email = optionalParsed((text) => {
  const value = text.trim()
  return value.length <= 254 && z.email().safeParse(value).success ? value : null
}, `${E}.emailInvalid`)

const capacity = optionalParsed((text) => {
  const value = text.trim()
  if (!/^\d{1,5}$/.test(value)) return null
  const n = Number(value)
  return n > 0 && n <= MAX_CAPACITY ? n : null
}, `${E}.capacityInvalid`)

/** The activity form, field by field, as the browser posts it. */
export const ActivityFormSchema = z
  .object({
    title: requiredText(120, `${E}.titleRequired`),
    description: requiredText(4000, `${E}.descriptionRequired`),
    category: z.enum(CATEGORIES, `${E}.categoryRequired`),
    scheduleKind: z.enum(SCHEDULE_KINDS, `${E}.scheduleKindRequired`),
    weekday: z.preprocess(blankToUndefined, z.enum(WEEKDAYS, `${E}.weekdayRequired`).optional()),
    nth: z.preprocess(blankToUndefined, z.enum(NTH_VALUES, `${E}.nthRequired`).optional()),
    firstDate: parsed(parseDate, `${E}.dateInvalid`),
    endDate: optionalParsed(parseDate, `${E}.dateInvalid`),
    startTime: parsed(parseTime, `${E}.timeInvalid`),
    endTime: parsed(parseTime, `${E}.timeInvalid`),
    locationName: optionalText(200),
    streetAddress: requiredText(200, `${E}.streetAddressRequired`),
    postalCode: z
      .string(`${E}.postalCodeInvalid`)
      .trim()
      .regex(/^[0-9]{4}$/, `${E}.postalCodeInvalid`)
      .prefault(''),
    city: requiredText(100, `${E}.cityRequired`),
    areaId: z.preprocess(
      blankToUndefined,
      z.string().regex(UUID_PATTERN, `${E}.invalidChoice`).optional(),
    ),
    price: parsed(parsePriceOere, `${E}.priceInvalid`),
    capacity,
    accessibilityNote: optionalText(500),
    adaptationNote: optionalText(500),
    openNoReferral: checkbox,
    noMembership: checkbox,
    roles: z.preprocess(
      toList,
      z.array(z.enum(ACTIVITY_ROLES, `${E}.invalidChoice`)).min(1, `${E}.rolesRequired`),
    ),
    goals: idList,
    targetGroups: idList,
    phone,
    email,
    saveAs: z.preprocess(
      (v) => (v === undefined ? 'draft' : v),
      z.enum(['publish', 'draft'], `${E}.invalidChoice`),
    ),
  })
  .superRefine((v, ctx) => {
    // Runs although other fields failed: values may still be raw text, so read them again.
    const time = (x: unknown) => (typeof x === 'string' ? parseTime(x) : null)
    const date = (x: unknown) => (typeof x === 'string' ? parseDate(x) : null)
    if (v.scheduleKind !== 'once' && !v.weekday)
      ctx.addIssue({ code: 'custom', path: ['weekday'], message: `${E}.weekdayRequired` })
    if (v.scheduleKind === 'monthly' && !v.nth)
      ctx.addIssue({ code: 'custom', path: ['nth'], message: `${E}.nthRequired` })
    const [start, end] = [time(v.startTime), time(v.endTime)]
    if (start && end && end <= start)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: `${E}.endTimeBeforeStart` })
    const [first, last] = [date(v.firstDate), date(v.endDate)]
    if (v.scheduleKind !== 'once' && first && last && last < first)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: `${E}.endDateBeforeFirst` })
  })
  .transform((v): ActivityInput => {
    const recurring = v.scheduleKind !== 'once'
    return {
      title: v.title,
      description: v.description,
      category: v.category,
      schedule: {
        freq: (v.scheduleKind === 'once'
          ? 'once'
          : v.scheduleKind === 'monthly'
            ? 'monthly'
            : 'weekly') satisfies ScheduleFreq,
        interval: v.scheduleKind === 'biweekly' ? 2 : 1,
        byday: recurring ? (v.weekday ?? null) : null,
        bysetpos:
          v.scheduleKind === 'monthly' ? (v.nth === 'last' ? -1 : Number(v.nth ?? 1)) : null,
        dtstart: v.firstDate,
        until: recurring ? v.endDate : null,
        startTime: v.startTime,
        endTime: v.endTime,
      },
      locationName: v.locationName,
      streetAddress: v.streetAddress,
      postalCode: v.postalCode,
      city: v.city,
      areaId: v.areaId ?? null,
      priceOere: v.price,
      capacity: v.capacity,
      accessibilityNote: v.accessibilityNote,
      adaptationNote: v.adaptationNote,
      openNoReferral: v.openNoReferral,
      noMembership: v.noMembership,
      rolesOffered: v.roles,
      goalIds: v.goals,
      targetGroupIds: v.targetGroups,
      phone: v.phone,
      email: v.email,
      publish: v.saveAs === 'publish',
    }
  })

/** What the module functions take: the parsed form, in the activity's own terms. */
export interface ActivityInput {
  title: string
  description: string
  category: ActivityCategory
  schedule: Omit<Schedule, 'timezone'>
  locationName: string | null
  streetAddress: string
  postalCode: string
  city: string
  areaId: string | null
  priceOere: number
  capacity: number | null
  accessibilityNote: string | null
  adaptationNote: string | null
  openNoReferral: boolean
  noMembership: boolean
  rolesOffered: ActivityRole[]
  goalIds: string[]
  targetGroupIds: string[]
  phone: string | null
  email: string | null
  /** Published (shown and open for sign-up) or kept as a draft. */
  publish: boolean
}

/** The form's fields as text, for showing a saved activity in the form. */
export type ActivityFormValues = Record<string, string>
export interface ActivityFormLists {
  roles: string[]
  goals: string[]
  targetGroups: string[]
}

export interface StoredActivity {
  title: string
  description: string
  category: string
  freq: ScheduleFreq
  interval: number
  byday: Weekday | null
  bysetpos: number | null
  dtstart: string
  until: string | null
  startTime: string
  endTime: string
  locationName: string | null
  streetAddress: string | null
  postalCode: string | null
  city: string | null
  areaId: string | null
  priceOere: number
  capacity: number | null
  accessibilityNote: string | null
  adaptationNote: string | null
  openNoReferral: boolean
  noMembership: boolean
  rolesOffered: string[]
  goalIds: string[]
  targetGroupIds: string[]
  phone: string | null
  email: string | null
}

export function scheduleKindOf(a: { freq: ScheduleFreq; interval: number }): ScheduleKind {
  if (a.freq === 'once') return 'once'
  if (a.freq === 'monthly') return 'monthly'
  return a.interval === 2 ? 'biweekly' : 'weekly'
}

/** A saved activity as the form shows it (the reverse of ActivityFormSchema). */
export function activityToForm(a: StoredActivity): {
  values: ActivityFormValues
  lists: ActivityFormLists
} {
  const values: ActivityFormValues = {
    title: a.title,
    description: a.description,
    category: a.category,
    scheduleKind: scheduleKindOf(a),
    weekday: a.byday ?? '',
    nth: a.bysetpos === null ? '' : a.bysetpos === -1 ? 'last' : String(a.bysetpos),
    firstDate: a.dtstart,
    endDate: a.until ?? '',
    startTime: a.startTime.slice(0, 5),
    endTime: a.endTime.slice(0, 5),
    locationName: a.locationName ?? '',
    streetAddress: a.streetAddress ?? '',
    postalCode: a.postalCode ?? '',
    city: a.city ?? '',
    areaId: a.areaId ?? '',
    price: a.priceOere === 0 ? '' : formatPriceKroner(a.priceOere),
    capacity: a.capacity === null ? '' : String(a.capacity),
    accessibilityNote: a.accessibilityNote ?? '',
    adaptationNote: a.adaptationNote ?? '',
    phone: a.phone ?? '',
    email: a.email ?? '',
  }
  if (a.openNoReferral) values.openNoReferral = 'yes'
  if (a.noMembership) values.noMembership = 'yes'
  return {
    values,
    lists: { roles: a.rolesOffered, goals: a.goalIds, targetGroups: a.targetGroupIds },
  }
}

/** A new activity's form: open to all, no membership, for participants. */
export const NEW_ACTIVITY_FORM: { values: ActivityFormValues; lists: ActivityFormLists } = {
  values: { openNoReferral: 'yes', noMembership: 'yes', scheduleKind: 'weekly' },
  lists: { roles: ['participant'], goals: [], targetGroups: [] },
}

const reason = requiredText(300, `${E}.reasonRequired`)

/** The small forms on an activity's page, told apart by `intent`. */
export const ExceptionFormSchema = z.object({
  intent: z.literal('exception'),
  date: parsed(parseDate, `${E}.dateInvalid`),
  reason,
})

export const CancelActivityFormSchema = z.object({
  intent: z.literal('cancelActivity'),
  cancelReason: reason,
  confirmCancel: z.literal('yes', `${E}.confirmCancel`),
})

const LIST_FIELDS = ['roles', 'goals', 'targetGroups'] as const

/** What was typed and ticked, to show the form again after a refused submit. */
export function keptActivityInput(form: FormData): {
  values: ActivityFormValues
  lists: ActivityFormLists
} {
  const values: ActivityFormValues = {}
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && !(LIST_FIELDS as readonly string[]).includes(key))
      values[key] = value
  }
  const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string')
  return {
    values,
    lists: { roles: list('roles'), goals: list('goals'), targetGroups: list('targetGroups') },
  }
}
