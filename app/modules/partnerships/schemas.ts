import { z } from 'zod'
import { UUID_PATTERN } from '../identity/invitation-schemas'
import { parseKroner } from './money'

// Forms for §18 partnerships (partnerskab/bevilling): the grant itself with its success criteria
// (succeskriterier), manual progress, and the outreach log (opsøgning). Messages are i18n keys.

const S = 'pages.staff.partnerships.errors'
const O = 'pages.orgPartnerships.errors'

export const LEGAL_BASES = ['sel18', 'sel82d'] as const
export type LegalBasis = (typeof LEGAL_BASES)[number]

export const CRITERION_MEASURES = ['outreach', 'manual'] as const
export type CriterionMeasure = (typeof CRITERION_MEASURES)[number]

export const INSTITUTION_TYPES = [
  'drop_in',
  'shelter',
  'supported_housing',
  'treatment',
  'job_centre',
  'association',
  'other',
] as const
export type InstitutionType = (typeof INSTITUTION_TYPES)[number]

/** Blank criterion rows a form offers beyond the ones already saved (no JavaScript needed). */
export const BLANK_CRITERIA_ROWS = 5
export const MAX_CRITERIA = 20
export const TITLE_MAX = 200
export const PURPOSE_MAX = 4000
export const DESCRIPTION_MAX = 300
export const TARGET_MAX = 1_000_000

export type CriterionPart = 'id' | 'description' | 'target' | 'measure'
export const criterionField = (row: number, part: CriterionPart) => `criterion-${row}-${part}`

/** 'YYYY-MM-DD', or a Danish 'D-M-YYYY' / 'D.M.YYYY' / 'D/M/YYYY'; null unless a real date. */
export function parseDay(input: string): string | null {
  const value = input.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  const danish = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(value)
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : danish
      ? [danish[3], danish[2], danish[1]]
      : []
  if (!year || !month || !day) return null
  const y = Number(year)
  const m = Number(month)
  const d = Number(day)
  if (y < 2000 || y > 2100) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

const required = (message: string) => ({ message, abort: true })

const day = (keys: { required: string; invalid: string }) =>
  z
    .string()
    .trim()
    .min(1, required(keys.required))
    .transform((value, ctx) => {
      const parsed = parseDay(value)
      if (parsed) return parsed
      ctx.addIssue({ code: 'custom', message: keys.invalid })
      return z.NEVER
    })

const id = z.string().regex(UUID_PATTERN, 'pages.admin.errors.invalidId')

const fields = {
  organisationId: z.string().regex(UUID_PATTERN, `${S}.organisationRequired`),
  title: z
    .string()
    .trim()
    .min(1, required(`${S}.titleRequired`))
    .max(TITLE_MAX, `${S}.titleTooLong`),
  poolYear: z
    .string()
    .trim()
    .min(1, required(`${S}.poolYearRequired`))
    .regex(/^\d{4}$/, required(`${S}.poolYearInvalid`))
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100, `${S}.poolYearInvalid`),
  amount: z
    .string()
    .trim()
    .min(1, required(`${S}.amountRequired`))
    .transform((value, ctx) => {
      const parsed = parseKroner(value)
      if (parsed.ok) return parsed.oere
      ctx.addIssue({
        code: 'custom',
        message: parsed.reason === 'tooLarge' ? `${S}.amountTooLarge` : `${S}.amountInvalid`,
      })
      return z.NEVER
    }),
  periodStart: day({ required: `${S}.dateRequired`, invalid: `${S}.dateInvalid` }),
  periodEnd: day({ required: `${S}.dateRequired`, invalid: `${S}.dateInvalid` }),
  legalBasis: z.enum(LEGAL_BASES, `${S}.legalBasisRequired`),
  purpose: z
    .string()
    .trim()
    .min(1, required(`${S}.purposeRequired`))
    .max(PURPOSE_MAX, `${S}.purposeTooLong`),
  choices: z
    .array(z.string().regex(UUID_PATTERN, `${S}.invalidChoice`))
    .max(100, `${S}.invalidChoice`),
}

const criterion = {
  description: z
    .string()
    .trim()
    .min(1, required(`${S}.criterionDescriptionRequired`))
    .max(DESCRIPTION_MAX, `${S}.criterionDescriptionTooLong`),
  target: z
    .string()
    .trim()
    .min(1, required(`${S}.criterionTargetRequired`))
    .regex(/^\d{1,7}$/, required(`${S}.criterionTargetInvalid`))
    .transform(Number)
    .refine((n) => n >= 1 && n <= TARGET_MAX, `${S}.criterionTargetInvalid`),
  measure: z.enum(CRITERION_MEASURES, `${S}.criterionMeasureRequired`),
}

export interface CriterionInput {
  /** Set for a criterion that is already saved. */
  id: string | null
  description: string
  targetValue: number
  measure: CriterionMeasure
}

export interface PartnershipInput {
  /** Chosen when the new-partnership form was shown: a second submit finds the first row. */
  submissionId: string | null
  organisationId: string
  title: string
  poolYear: number
  amountOere: number
  periodStart: string
  periodEnd: string
  legalBasis: LegalBasis
  purpose: string
  targetGroupIds: string[]
  goalIds: string[]
  criteria: CriterionInput[]
}

type Raw = Record<string, string | string[]>
const one = (raw: Raw, key: string): string => {
  const value = raw[key]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}
const many = (raw: Raw, key: string): string[] =>
  raw[key] === undefined ? [] : ([] as string[]).concat(raw[key]!)

/**
 * The whole partnership form. Every field is checked, and the period's order and each criterion
 * row too, so one submit shows every problem at once. Empty criterion rows are ignored; a saved
 * criterion whose row is emptied is removed.
 */
export const PartnershipFormSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((raw, ctx): PartnershipInput => {
    let failed = false
    function check<T>(path: string, schema: z.ZodType<T>, value: unknown): T {
      const result = schema.safeParse(value)
      if (result.success) return result.data
      failed = true
      ctx.addIssue({ code: 'custom', path: [path], message: result.error.issues[0]!.message })
      return undefined as T
    }
    const submitted = one(raw, 'submissionId')
    const input = {
      submissionId: submitted ? check('', id, submitted) : null,
      organisationId: check('organisationId', fields.organisationId, one(raw, 'organisationId')),
      title: check('title', fields.title, one(raw, 'title')),
      poolYear: check('poolYear', fields.poolYear, one(raw, 'poolYear')),
      amountOere: check('amount', fields.amount, one(raw, 'amount')),
      periodStart: check('periodStart', fields.periodStart, one(raw, 'periodStart')),
      periodEnd: check('periodEnd', fields.periodEnd, one(raw, 'periodEnd')),
      legalBasis: check('legalBasis', fields.legalBasis, one(raw, 'legalBasis')),
      purpose: check('purpose', fields.purpose, one(raw, 'purpose')),
      targetGroupIds: [
        ...new Set(check('targetGroupIds', fields.choices, many(raw, 'targetGroupIds')) ?? []),
      ],
      goalIds: [...new Set(check('goalIds', fields.choices, many(raw, 'goalIds')) ?? [])],
      criteria: [] as CriterionInput[],
    }
    if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart) {
      failed = true
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: `${S}.periodOrder` })
    }
    for (let row = 0; row < MAX_CRITERIA; row++) {
      const description = one(raw, criterionField(row, 'description')).trim()
      const target = one(raw, criterionField(row, 'target')).trim()
      if (!description && !target) continue
      const savedId = one(raw, criterionField(row, 'id'))
      input.criteria.push({
        id: savedId ? check('', id, savedId) : null,
        description: check(criterionField(row, 'description'), criterion.description, description),
        targetValue: check(criterionField(row, 'target'), criterion.target, target),
        measure: check(
          criterionField(row, 'measure'),
          criterion.measure,
          one(raw, criterionField(row, 'measure')),
        ),
      })
    }
    return failed ? z.NEVER : input
  })

/** Manual progress on one criterion ("18 people came on Tuesday"). */
export const ProgressSchema = z.object({
  intent: z.literal('progress'),
  entryId: id.optional(),
  criterionId: z.string().regex(UUID_PATTERN, `${O}.criterionRequired`),
  value: z
    .string()
    .trim()
    .min(1, required(`${O}.valueRequired`))
    .regex(/^\d{1,7}$/, `${O}.valueInvalid`)
    .transform(Number),
  note: z
    .string()
    .trim()
    .max(500, `${O}.noteTooLong`)
    .optional()
    .transform((v) => v || null),
})
export type ProgressInput = z.infer<typeof ProgressSchema>

/** One line in the outreach log: a drop-in centre, shelter or the like that was contacted. */
export const OutreachSchema = z.object({
  intent: z.literal('outreach'),
  entryId: id.optional(),
  contactedOn: day({ required: `${O}.dateRequired`, invalid: `${O}.dateInvalid` }),
  institutionType: z.enum(INSTITUTION_TYPES, `${O}.institutionTypeRequired`),
  institution: z
    .string()
    .trim()
    .min(1, required(`${O}.institutionRequired`))
    .max(200, `${O}.institutionTooLong`),
  outcome: z
    .string()
    .trim()
    .max(1000, `${O}.outcomeTooLong`)
    .optional()
    .transform((v) => v || null),
})
export type OutreachInput = z.infer<typeof OutreachSchema>

/** Checkbox choices as submitted, to show a failed form again with the same boxes ticked. */
export function keptChoices(form: FormData): { targetGroupIds: string[]; goalIds: string[] } {
  const strings = (key: string) =>
    form.getAll(key).filter((v): v is string => typeof v === 'string' && UUID_PATTERN.test(v))
  return { targetGroupIds: strings('targetGroupIds'), goalIds: strings('goalIds') }
}

/** Every text field of a submitted form, to show it again (the forms hold no secrets). */
export function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
}

/** `?year=2021` on the list; anything else means every year. */
export function parseYearFilter(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null
  const year = Number(value)
  return year >= 2000 && year <= 2100 ? year : null
}

/** A criterion row as the form shows it (strings, as typed or as saved). */
export interface CriterionRow {
  id: string
  description: string
  target: string
  measure: string
}

const PARTS: CriterionPart[] = ['id', 'description', 'target', 'measure']

/** The rows a submitted form had, to show it again as it was sent. */
export function criterionRowsFrom(values: Record<string, string>): CriterionRow[] {
  const rows: CriterionRow[] = []
  for (let row = 0; row < MAX_CRITERIA; row++) {
    if (!PARTS.some((part) => criterionField(row, part) in values)) break
    rows.push({
      id: values[criterionField(row, 'id')] ?? '',
      description: values[criterionField(row, 'description')] ?? '',
      target: values[criterionField(row, 'target')] ?? '',
      measure: values[criterionField(row, 'measure')] ?? 'manual',
    })
  }
  return rows
}

/** Rows plus blank ones: at least two blank rows, and five rows in all on a new partnership. */
export function withBlankRows(rows: CriterionRow[]): CriterionRow[] {
  const blank = rows.filter((r) => !r.description.trim() && !r.target.trim()).length
  const wanted = Math.max(2 - blank, BLANK_CRITERIA_ROWS - rows.length, 0)
  return [
    ...rows,
    ...Array.from({ length: Math.min(wanted, MAX_CRITERIA - rows.length) }, () => ({
      id: '',
      description: '',
      target: '',
      measure: 'manual',
    })),
  ]
}
