import { z } from 'zod'
import { UUID_PATTERN } from '../identity/invitation-schemas'
import { parseDay } from '../partnerships/schemas'
import { INTERESTS, LANGUAGES } from '../volunteers/vocab'

// The forms of matching and the course. Messages are i18n keys (pages.matching.errors.* and
// pages.courses.errors.*); several forms on one page are told apart by a literal `intent`.

const M = 'pages.matching.errors'
const C = 'pages.courses.errors'
const INVALID = 'pages.courses.errors.invalidRequest'

export const DECLINE_REASONS = [
  'no_time',
  'not_a_good_fit',
  'too_far',
  'personal',
  'other',
] as const
export const COURSE_TYPES = ['coordination_companionship', 'network_building'] as const
export const MEETING_TYPES = ['accompany', 'joint_activity', 'social_contact', 'phone'] as const
export const STAGES = ['start', 'midway', 'end'] as const
export const CLOSE_REASONS = [
  'goal_reached',
  'moved',
  'no_chemistry',
  'citizens_wish',
  'volunteer_stopped',
  'other',
] as const
export const NOTE_MAX = 300
export const CONCERN_MAX = 1000
export const GOALS_MAX = 1000

const uuid = (message = INVALID) => z.string().regex(UUID_PATTERN, message)
/** A form's checkboxes: absent, one value, or several. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item))
const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => (v ? v : null))
const day = (requiredKey: string, invalidKey: string) =>
  z
    .string()
    .trim()
    .min(1, { message: requiredKey, abort: true })
    .transform((value, ctx) => {
      const parsed = parseDay(value)
      if (parsed) return parsed
      ctx.addIssue({ code: 'custom', message: invalidKey })
      return z.NEVER
    })
const scale = (key: string) =>
  z.enum(['1', '2', '3', '4', '5'], { message: key }).transform((v) => Number(v))

export const WishSchema = z.object({
  intent: z.literal('wish'),
  interests: many(z.enum(INTERESTS, { message: INVALID })),
  languages: many(z.enum(LANGUAGES, { message: INVALID })),
  areaId: z
    .union([z.literal(''), uuid()])
    .optional()
    .transform((v) => v || null),
  slot: many(z.coerce.number().int().min(0, INVALID).max(20, INVALID)),
  gender: z
    .enum(['', 'woman', 'man', 'other'], { message: INVALID })
    .optional()
    .transform((v) => v || null),
  prefersGender: z
    .enum(['', 'woman', 'man'], { message: INVALID })
    .optional()
    .transform((v) => v || null),
  wantsLivedExperience: z
    .literal('1')
    .optional()
    .transform((v) => v === '1'),
  note: optionalText(500, `${M}.noteTooLong`),
})
export type WishInput = z.infer<typeof WishSchema>

export const ProposeSchema = z.object({
  intent: z.literal('propose'),
  applicationId: uuid(`${M}.chooseVolunteer`),
})

export const MatchPageSchema = z.discriminatedUnion('intent', [WishSchema, ProposeSchema])

export const VolunteerAnswerSchema = z
  .object({
    answer: z.enum(['yes', 'no'], { message: `${M}.answerRequired` }),
    reason: z
      .enum(['', ...DECLINE_REASONS], { message: `${M}.reasonRequired` })
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.answer === 'no' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `${M}.reasonRequired` })
  })

export const CitizenAnswerSchema = z.object({
  intent: z.literal('answer'),
  answer: z.enum(['yes', 'no'], { message: `${M}.answerRequired` }),
})

export const AssessmentSchema = z.object({
  intent: z.literal('assessment'),
  stage: z.enum(STAGES, { message: INVALID }),
  ownGoals: scale(`${C}.ownGoalsRequired`),
  peopleAround: scale(`${C}.peopleAroundRequired`),
})

export const MeetingSchema = z.object({
  intent: z.literal('meeting'),
  entryId: uuid(),
  metOn: day(`${C}.metOnRequired`, `${C}.metOnInvalid`),
  type: z.enum(MEETING_TYPES, { message: `${C}.typeRequired` }),
  minutes: z.coerce
    .number({ message: `${C}.minutesInvalid` })
    .int(`${C}.minutesInvalid`)
    .min(5, `${C}.minutesInvalid`)
    .max(1440, `${C}.minutesInvalid`),
  note: optionalText(NOTE_MAX, `${C}.noteTooLong`),
})
export type MeetingInput = z.infer<typeof MeetingSchema>

export const ConcernSchema = z.object({
  intent: z.literal('concern'),
  text: z.string().trim().min(1, `${C}.concernRequired`).max(CONCERN_MAX, `${C}.concernTooLong`),
})

export const BuddyPageSchema = z.discriminatedUnion('intent', [
  MeetingSchema,
  ConcernSchema,
  z.object({ intent: z.literal('answer') }).passthrough(),
])

export const DetailsSchema = z.object({
  intent: z.literal('details'),
  goals: optionalText(GOALS_MAX, `${C}.goalsTooLong`),
  courseType: z.enum(COURSE_TYPES, { message: `${C}.courseTypeRequired` }),
  plannedEnd: day(`${C}.plannedEndRequired`, `${C}.plannedEndInvalid`),
  checkinIntervalDays: z.coerce
    .number({ message: `${C}.checkinInvalid` })
    .int(`${C}.checkinInvalid`)
    .min(7, `${C}.checkinInvalid`)
    .max(90, `${C}.checkinInvalid`),
})
export type DetailsInput = z.infer<typeof DetailsSchema>

export const CloseSchema = z
  .object({
    intent: z.literal('close'),
    reason: z.enum(CLOSE_REASONS, { message: `${C}.closeReasonRequired` }),
    note: optionalText(500, `${C}.noteTooLong`),
    anchoring: z.enum(['activity', 'none'], { message: `${C}.anchoringRequired` }),
    activityId: z
      .union([z.literal(''), uuid()])
      .optional()
      .transform((v) => v || null),
    noneReason: optionalText(NOTE_MAX, `${C}.noteTooLong`),
  })
  .superRefine((v, ctx) => {
    if (v.anchoring === 'activity' && !v.activityId)
      ctx.addIssue({ code: 'custom', path: ['activityId'], message: `${C}.activityRequired` })
    if (v.anchoring === 'none' && !v.noneReason)
      ctx.addIssue({ code: 'custom', path: ['noneReason'], message: `${C}.noneReasonRequired` })
  })
export type CloseInput = z.infer<typeof CloseSchema>

export const CoursePageSchema = z.discriminatedUnion('intent', [
  DetailsSchema,
  CloseSchema,
  AssessmentSchema,
  CitizenAnswerSchema,
  z.object({ intent: z.literal('task'), taskId: uuid() }),
  z.object({ intent: z.literal('concernHandled'), concernId: uuid() }),
  z.object({ intent: z.enum(['pause', 'resume', 'beginClosing', 'reopen', 'cancel']) }),
])

export const MyBuddySchema = z.discriminatedUnion('intent', [CitizenAnswerSchema, AssessmentSchema])
