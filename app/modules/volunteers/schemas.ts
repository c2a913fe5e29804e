import { z } from 'zod'
import { normalisePhone } from '../activities/signup-schemas'
import { UUID_PATTERN } from '../identity/invitation-schemas'
import { parseDay } from '../partnerships/schemas'
import {
  AVAILABILITY_BITS,
  CAPACITY_MAX,
  INTERESTS,
  LANGUAGES,
  PREFERRED_GENDERS,
  REQUIREMENT_KINDS,
  toAvailability,
  VOLUNTEER_ROLES,
} from './vocab'

// Forms for volunteering: the public sign-up, the organisation's settings and its screening
// steps, the volunteer's own pause/resume/end and hours. Messages are i18n keys.

const V = 'pages.volunteer.errors'
const O = 'pages.orgVolunteers.errors'
const BAD = 'common.errors.badRequestTitle'

export const NAME_MAX = 120
export const MOTIVATION_MAX = 1000
export const INTEREST_WORDS_MAX = 200
export const NOTE_MAX = 500

/** Several values under one name (checkboxes): always an array. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : ([] as unknown[]).concat(v)),
    z.array(item).max(50, BAD),
  )

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : null))

const id = z.string().regex(UUID_PATTERN, BAD)

const age = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null
    const n = Number(v)
    if (!/^\d{2,3}$/.test(v) || n < 18 || n > 120) {
      ctx.addIssue({ code: 'custom', message: `${V}.ageInvalid` })
      return z.NEVER
    }
    return n
  })

/** Comma- or line-separated free words: trimmed, unique, short. */
export function splitWords(value: string | null): string[] {
  if (!value) return []
  return [
    ...new Set(
      value
        .split(/[,;\n]/)
        .map((w) => w.trim().toLowerCase())
        .filter((w) => w.length > 0 && w.length <= 40),
    ),
  ].slice(0, 10)
}

const profileFields = {
  organisationIds: many(id).refine((v) => v.length > 0, `${V}.organisationRequired`),
  roles: many(z.enum(VOLUNTEER_ROLES, BAD)).refine((v) => v.length > 0, `${V}.roleRequired`),
  interests: many(z.enum(INTERESTS, BAD)),
  interestWords: optionalText(INTEREST_WORDS_MAX, `${V}.interestWordsTooLong`).transform(
    splitWords,
  ),
  languages: many(z.enum(LANGUAGES, BAD)).refine((v) => v.length > 0, `${V}.languageRequired`),
  areaId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || UUID_PATTERN.test(v), BAD),
  availability: many(
    z
      .string()
      .regex(/^\d{1,2}$/, BAD)
      .transform(Number)
      .refine((n) => n < AVAILABILITY_BITS, BAD),
  ).transform((bits) => toAvailability(bits)),
  prefersGender: z
    .union([z.enum(PREFERRED_GENDERS, BAD), z.literal('')])
    .optional()
    .transform((v) => (v ? v : null)),
  prefersAgeMin: age,
  prefersAgeMax: age,
  capacity: z
    .string(`${V}.capacityRequired`)
    .regex(/^\d$/, `${V}.capacityRequired`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= CAPACITY_MAX, `${V}.capacityRequired`),
  livedExperience: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
  motivation: optionalText(MOTIVATION_MAX, `${V}.motivationTooLong`),
  consent: z.literal('yes', `${V}.consentRequired`),
}

const contactFields = {
  name: z
    .string(`${V}.nameRequired`)
    .trim()
    .min(1, `${V}.nameRequired`)
    .max(NAME_MAX, `${V}.nameTooLong`),
  email: z
    .string(`${V}.emailRequired`)
    .trim()
    .min(1, `${V}.emailRequired`)
    .max(254, `${V}.emailInvalid`)
    .pipe(z.email(`${V}.emailInvalid`)),
  phone: z
    .string()
    .trim()
    .max(30, `${V}.phoneInvalid`)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null
      const phone = normalisePhone(v)
      if (!phone) {
        ctx.addIssue({ code: 'custom', message: `${V}.phoneInvalid` })
        return z.NEVER
      }
      return phone
    }),
}

const ageOrder = <T extends { prefersAgeMin: number | null; prefersAgeMax: number | null }>(v: T) =>
  v.prefersAgeMin === null || v.prefersAgeMax === null || v.prefersAgeMin <= v.prefersAgeMax

/** A signed-in person: name and e-mail come from the account. */
export const VolunteerProfileSchema = z
  .object(profileFields)
  .refine(ageOrder, { path: ['prefersAgeMax'], message: `${V}.ageOrder` })

/** Someone without an account (or not signed in). */
export const VolunteerSignupSchema = z
  .object({ ...profileFields, ...contactFields })
  .refine(ageOrder, { path: ['prefersAgeMax'], message: `${V}.ageOrder` })

export type VolunteerProfileInput = z.infer<typeof VolunteerProfileSchema>
export type VolunteerSignupInput = z.infer<typeof VolunteerSignupSchema>

// --- the volunteer's own pages ----------------------------------------------------------

export const OwnTransitionSchema = z.object({
  intent: z.enum(['pause', 'resume', 'end'], BAD),
  applicationId: id,
})

const minutesFrom = (hours: string, minutes: string) =>
  Number(hours || 0) * 60 + Number(minutes || 0)

/** Hours as an activity helper: a session of the organisation, or a date. */
export const LogHoursSchema = z
  .object({
    submissionId: id,
    applicationId: z.string().regex(UUID_PATTERN, `${V}.hours.organisationRequired`),
    sessionId: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || UUID_PATTERN.test(v), BAD),
    workedOn: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null
        const day = parseDay(v)
        if (!day) {
          ctx.addIssue({ code: 'custom', message: `${V}.hours.dateInvalid` })
          return z.NEVER
        }
        return day
      }),
    hours: z
      .string()
      .trim()
      .regex(/^\d{0,2}$/, `${V}.hours.durationInvalid`),
    minutes: z
      .string()
      .trim()
      .regex(/^\d{0,2}$/, `${V}.hours.durationInvalid`),
    note: optionalText(NOTE_MAX, `${V}.hours.noteTooLong`),
  })
  .refine((v) => v.sessionId !== null || v.workedOn !== null, {
    path: ['sessionId'],
    message: `${V}.hours.whenRequired`,
  })
  .transform((v, ctx) => {
    const total = minutesFrom(v.hours, v.minutes)
    if (total < 1 || total > 1440 || Number(v.minutes || 0) > 59) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: `${V}.hours.durationInvalid` })
      return z.NEVER
    }
    return { ...v, totalMinutes: total }
  })
export type LogHoursInput = z.infer<typeof LogHoursSchema>

// --- the organisation's pages ----------------------------------------------------------

const monthsField = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null
    const n = Number(v)
    if (!/^\d{1,3}$/.test(v) || n < 1 || n > 120) {
      ctx.addIssue({ code: 'custom', message: `${O}.monthsInvalid` })
      return z.NEVER
    }
    return n
  })

/** Roles the organisation takes, and which requirements apply for how many months. */
export const SettingsSchema = z.object({
  roles: many(z.enum(VOLUNTEER_ROLES, BAD)),
  requirements: many(z.enum(REQUIREMENT_KINDS, BAD)),
  months_interview: monthsField,
  months_references: monthsField,
  months_criminal_record: monthsField,
  months_introduction_course: monthsField,
  months_confidentiality: monthsField,
})
export type SettingsInput = z.infer<typeof SettingsSchema>

const day = (requiredKey: string, invalidKey: string) =>
  z
    .string(requiredKey)
    .trim()
    .min(1, requiredKey)
    .transform((v, ctx) => {
      const parsed = parseDay(v)
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: invalidKey })
        return z.NEVER
      }
      return parsed
    })

/** The coordinator's forms on a volunteer's page, told apart by `intent`. */
export const CoordinatorActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('record'),
    kind: z.enum(REQUIREMENT_KINDS, `${O}.kindRequired`),
    checkedOn: day(`${O}.dateRequired`, `${O}.dateInvalid`),
    note: optionalText(NOTE_MAX, `${O}.noteTooLong`),
  }),
  z.object({
    intent: z.enum(['startScreening', 'approve', 'activate', 'pause', 'resume', 'end', 'reopen']),
    reason: optionalText(NOTE_MAX, `${O}.noteTooLong`),
  }),
])
export type CoordinatorAction = z.infer<typeof CoordinatorActionSchema>

export const ReminderSchema = z.object({
  intent: z.literal('remind'),
  applicationIds: many(id).refine((v) => v.length > 0, `${O}.chooseSomeone`),
})

export const ReviewHoursSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), hoursId: id }),
  z.object({ intent: z.literal('reject'), hoursId: id }),
  z.object({
    intent: z.literal('correct'),
    hoursId: id,
    hours: z
      .string()
      .trim()
      .regex(/^\d{0,2}$/, `${O}.durationInvalid`),
    minutes: z
      .string()
      .trim()
      .regex(/^\d{0,2}$/, `${O}.durationInvalid`),
  }),
])
export type ReviewHoursInput = z.infer<typeof ReviewHoursSchema>

export const correctedMinutes = (hours: string, minutes: string) => minutesFrom(hours, minutes)
