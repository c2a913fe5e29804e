import { z } from 'zod'
import { UUID_PATTERN } from '../identity/invitation-schemas'

// The reporting forms. Messages are i18n keys.

const E = 'pages.reports.errors'
const S = 'pages.staff.reports.errors'
const DATE = /^\d{4}-\d{2}-\d{2}$/

const text = (max: number, key: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : ''),
    z.string().max(max, key),
  )

const isoDate = (key: string) =>
  z
    .string()
    .regex(DATE, key)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
    }, key)

/** A council viewer's comment on the period's dashboard. */
export const CommentSchema = z.object({
  intent: z.literal('comment'),
  commentId: z.string().regex(UUID_PATTERN, 'pages.admin.errors.invalidRequest'),
  body: text(2000, `${E}.commentTooLong`).pipe(z.string().min(1, `${E}.commentRequired`)),
  periodFrom: isoDate('pages.admin.errors.invalidRequest'),
  periodTo: isoDate('pages.admin.errors.invalidRequest'),
})

/** The sections an association writes in its §18 status report. */
export const ANSWER_SECTIONS = ['activities', 'results', 'challenges', 'next'] as const
export type AnswerSection = (typeof ANSWER_SECTIONS)[number]

export const AnswersSchema = z.object({
  intent: z.enum(['save', 'submit']),
  activities: text(4000, `${S}.answerTooLong`),
  results: text(4000, `${S}.answerTooLong`),
  challenges: text(4000, `${S}.answerTooLong`),
  next: text(4000, `${S}.answerTooLong`),
})
export type Answers = Record<AnswerSection, string>

/** What must be written before a report can be submitted. */
export const REQUIRED_SECTIONS: readonly AnswerSection[] = ['activities', 'results']

export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), comment: text(4000, `${S}.commentTooLong`) }),
  z.object({
    intent: z.literal('return'),
    comment: text(4000, `${S}.commentTooLong`).pipe(z.string().min(1, `${S}.commentRequired`)),
  }),
])

/** An administrator asks an association for a status report for a period. */
export const RequestReportSchema = z
  .object({
    partnershipId: z.string().regex(UUID_PATTERN, `${S}.partnershipRequired`),
    periodFrom: isoDate(`${S}.dateInvalid`),
    periodTo: isoDate(`${S}.dateInvalid`),
    dueOn: isoDate(`${S}.dateInvalid`),
    submissionId: z.string().regex(UUID_PATTERN, 'pages.admin.errors.invalidRequest'),
  })
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom)
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: `${S}.periodOrder` })
  })

const optionalUuid = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
  z.string().regex(UUID_PATTERN, `${S}.invalidChoice`).nullable(),
)
const optionalDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
  isoDate(`${S}.dateInvalid`).nullable(),
)

/** One row of the action-plan table. */
export const InitiativeSchema = z
  .object({
    submissionId: z.string().regex(UUID_PATTERN, 'pages.admin.errors.invalidRequest'),
    title: text(300, `${S}.titleTooLong`).pipe(z.string().min(1, `${S}.titleRequired`)),
    purpose: text(4000, `${S}.purposeTooLong`).pipe(z.string().min(1, `${S}.purposeRequired`)),
    lead: text(300, `${S}.leadTooLong`).pipe(z.string().min(1, `${S}.leadRequired`)),
    periodStart: optionalDate,
    periodEnd: optionalDate,
    partners: text(1000, `${S}.partnersTooLong`),
    partnershipId: optionalUuid,
    goalId: optionalUuid,
  })
  .superRefine((v, ctx) => {
    if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: `${S}.periodOrder` })
  })
export type InitiativeInput = z.infer<typeof InitiativeSchema>
