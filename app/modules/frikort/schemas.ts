import { z } from 'zod'
import { UUID_PATTERN } from '../identity/invitation-schemas'
import { parseKroner } from '../partnerships/money'
import { parseDay } from '../partnerships/schemas'
import { END_REASONS, MATCH_STATES } from './transitions'

// The frikort forms. Messages are i18n keys: caseworker and administrator forms under
// pages.staff.frikort (staff-only), employer and matchmaker forms under pages.frikort / pages.jobs.

const S = 'pages.staff.frikort.errors'
const F = 'pages.frikort.errors'
const J = 'pages.jobs.errors'

export const JOB_TEXT_MAX = {
  title: 200,
  tasks: 4000,
  hours: 200,
  place: 200,
  support: 2000,
  contact: 300,
}
/** 10,000 kr. an hour: far above any real wage, catches a misplaced comma. */
export const MAX_PAY_PER_HOUR_ORE = 1_000_000
/** 100,000 kr. in one entry: more than twice any year's cap. */
export const MAX_ENTRY_ORE = 10_000_000

const required = (message: string) => ({ message, abort: true })

const day = (requiredKey: string, invalidKey: string) =>
  z
    .string()
    .trim()
    .min(1, required(requiredKey))
    .transform((value, ctx) => {
      const parsed = parseDay(value)
      if (parsed) return parsed
      ctx.addIssue({ code: 'custom', message: invalidKey })
      return z.NEVER
    })

const kroner = (keys: { required: string; invalid: string; tooLarge: string }, max: number) =>
  z
    .string()
    .trim()
    .min(1, required(keys.required))
    .transform((value, ctx) => {
      const parsed = parseKroner(value)
      if (!parsed.ok || parsed.oere <= 0) {
        ctx.addIssue({ code: 'custom', message: keys.invalid })
        return z.NEVER
      }
      if (parsed.oere > max) {
        ctx.addIssue({ code: 'custom', message: keys.tooLarge })
        return z.NEVER
      }
      return parsed.oere
    })

const id = (message: string) => z.string().regex(UUID_PATTERN, message)
const yes = z
  .string()
  .optional()
  .transform((v) => v === 'yes')
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || null)

// --- the caseworker's decision -------------------------------------------------------------

export const DecideSchema = z
  .object({
    intent: z.literal('decide'),
    decidedOn: day(`${S}.dateRequired`, `${S}.dateInvalid`),
    nextControlDue: day(`${S}.dateRequired`, `${S}.dateInvalid`),
  })
  .superRefine((v, ctx) => checkControlDue(v.decidedOn, v.nextControlDue, ctx))

export const ControlSchema = z
  .object({
    intent: z.literal('control'),
    decisionId: id(`${S}.invalidRequest`),
    controlOn: day(`${S}.dateRequired`, `${S}.dateInvalid`),
    nextControlDue: day(`${S}.dateRequired`, `${S}.dateInvalid`),
  })
  .superRefine((v, ctx) => checkControlDue(v.controlOn, v.nextControlDue, ctx))

export const DeactivateSchema = z.object({
  intent: z.literal('deactivate'),
  decisionId: id(`${S}.invalidRequest`),
  reason: z
    .string()
    .trim()
    .min(1, required(`${S}.reasonRequired`))
    .max(1000, `${S}.reasonTooLong`),
})

function checkControlDue(from: string, due: string, ctx: z.RefinementCtx) {
  if (due < from)
    ctx.addIssue({ code: 'custom', path: ['nextControlDue'], message: `${S}.controlBefore` })
  else if (due > `${Number(from.slice(0, 4)) + 2}-12-31`)
    ctx.addIssue({ code: 'custom', path: ['nextControlDue'], message: `${S}.controlTooLate` })
}

export const CaseActionSchema = z.discriminatedUnion('intent', [
  DecideSchema,
  ControlSchema,
  DeactivateSchema,
])
export type CaseAction = z.infer<typeof CaseActionSchema>

// --- yearly caps (administrator) -----------------------------------------------------------

export const CapSchema = z
  .object({
    validFrom: day(`${S}.dateRequired`, `${S}.dateInvalid`),
    validTo: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!value) return null
        const parsed = parseDay(value)
        if (parsed) return parsed
        ctx.addIssue({ code: 'custom', message: `${S}.dateInvalid` })
        return z.NEVER
      }),
    amount: kroner(
      {
        required: `${S}.amountRequired`,
        invalid: `${S}.amountInvalid`,
        tooLarge: `${S}.amountTooLarge`,
      },
      MAX_ENTRY_ORE,
    ),
  })
  .superRefine((v, ctx) => {
    if (v.validTo && v.validTo < v.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: `${S}.periodOrder` })
  })
export type CapInput = z.infer<typeof CapSchema>

// --- jobs ----------------------------------------------------------------------------------

const text = (max: number, key: string) =>
  z
    .string()
    .trim()
    .min(1, required(`${J}.${key}Required`))
    .max(max, `${J}.${key}TooLong`)

export const JobSchema = z
  .object({
    submissionId: id('pages.admin.errors.invalidId').optional(),
    title: text(JOB_TEXT_MAX.title, 'title'),
    tasks: text(JOB_TEXT_MAX.tasks, 'tasks'),
    hours: text(JOB_TEXT_MAX.hours, 'hours'),
    place: text(JOB_TEXT_MAX.place, 'place'),
    pay: kroner(
      { required: `${J}.payRequired`, invalid: `${J}.payInvalid`, tooLarge: `${J}.payTooLarge` },
      MAX_PAY_PER_HOUR_ORE,
    ),
    support: optionalText(JOB_TEXT_MAX.support, `${J}.supportTooLong`),
    contact: text(JOB_TEXT_MAX.contact, 'contact'),
    suitableForFrikort: yes,
    wageSubsidised: yes,
  })
  .superRefine((v, ctx) => {
    // Frikort is for ordinary work only: a job with wage subsidy (løntilskud) cannot be one.
    if (v.suitableForFrikort && v.wageSubsidised)
      ctx.addIssue({ code: 'custom', path: ['wageSubsidised'], message: `${J}.wageSubsidised` })
  })
export type JobInput = z.infer<typeof JobSchema>

// --- earnings ------------------------------------------------------------------------------

export const EarningSchema = z
  .object({
    intent: z.literal('earning'),
    submissionId: id(`${F}.invalidRequest`),
    periodStart: day(`${F}.dateRequired`, `${F}.dateInvalid`),
    periodEnd: day(`${F}.dateRequired`, `${F}.dateInvalid`),
    paidOn: day(`${F}.dateRequired`, `${F}.dateInvalid`),
    amount: kroner(
      {
        required: `${F}.amountRequired`,
        invalid: `${F}.amountInvalid`,
        tooLarge: `${F}.amountTooLarge`,
      },
      MAX_ENTRY_ORE,
    ),
    note: optionalText(500, `${F}.noteTooLong`),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: `${F}.periodOrder` })
  })
export type EarningInput = z.infer<typeof EarningSchema>

export const ReverseSchema = z.object({
  intent: z.literal('reverse'),
  earningId: id(`${F}.invalidRequest`),
})

export const EmployerActionSchema = z.discriminatedUnion('intent', [EarningSchema, ReverseSchema])

/** ?from=&to= on the CSV export: both optional, real dates or ignored. */
export function parsePeriod(from: string | null, to: string | null) {
  return { from: from ? parseDay(from) : null, to: to ? parseDay(to) : null }
}

// --- matchmaking ---------------------------------------------------------------------------

export const SuggestSchema = z.object({
  intent: z.literal('suggest'),
  citizenId: id(`${F}.matchmaking.citizenRequired`),
  jobId: id(`${F}.matchmaking.jobRequired`),
})

export const MoveSchema = z
  .object({
    intent: z.literal('move'),
    matchId: id(`${F}.invalidRequest`),
    to: z.enum(MATCH_STATES, `${F}.invalidRequest`),
    reason: z.enum(END_REASONS, `${F}.matchmaking.reasonRequired`).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.to === 'ended' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `${F}.matchmaking.reasonRequired` })
  })

export const BoardActionSchema = z.discriminatedUnion('intent', [SuggestSchema, MoveSchema])
