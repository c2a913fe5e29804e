import { z } from 'zod'
import { DATA_CATEGORIES, MAX_CONSENT_MONTHS, STAFF_CHANNELS } from './rules'
import { PURPOSES } from './rules'

const E = 'pages.case.consent.errors'

const toList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])

export const categoryList = (message: string) =>
  z.preprocess(toList, z.array(z.enum(DATA_CATEGORIES as [string, ...string[]], message)))

/** A consent recorded by staff with the citizen present, on paper or by phone. */
export const RecordConsentSchema = z.object({
  purpose: z.enum(PURPOSES as [string, ...string[]], `${E}.purposeRequired`),
  recipients: z.preprocess(
    toList,
    z.array(z.guid(`${E}.recipientsRequired`)).min(1, `${E}.recipientsRequired`),
  ),
  categories: categoryList(`${E}.categoriesRequired`).pipe(
    z.array(z.string()).min(1, `${E}.categoriesRequired`),
  ),
  channel: z.enum(STAFF_CHANNELS as [string, ...string[]], `${E}.channelRequired`),
  months: z.coerce
    .number(`${E}.monthsInvalid`)
    .int(`${E}.monthsInvalid`)
    .min(1, `${E}.monthsInvalid`)
    .max(MAX_CONSENT_MONTHS, `${E}.monthsInvalid`)
    .prefault('12'),
  confirmed: z.literal('yes', `${E}.confirmRequired`),
})

export type RecordConsentInput = z.infer<typeof RecordConsentSchema>

export const StaffWithdrawSchema = z.object({
  channel: z.enum(STAFF_CHANNELS as [string, ...string[]], `${E}.channelRequired`),
})
