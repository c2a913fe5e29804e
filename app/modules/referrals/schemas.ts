import { z } from 'zod'
import { categoryList } from '../consent/schemas'
import { STAFF_CHANNELS } from '../consent/rules'

const E = 'pages.case.referral.errors'
const O = 'pages.orgReferrals.errors'

export const REFERRAL_KINDS = ['buddy', 'activity', 'organisation', 'frikort'] as const
export const DEFAULT_DEADLINE_DAYS = 14
export const NOTE_MAX = 2000
export const REASON_MAX = 1000

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/**
 * A referral in under a minute: kind, organisation (and activity), the consent it rests on —
 * an existing one, or `new` to record it now with the citizen present — what to share, a note.
 */
export const CreateReferralSchema = z
  .object({
    citizenId: z.guid(`${E}.citizenRequired`),
    kind: z.enum(REFERRAL_KINDS, `${E}.kindRequired`),
    organisationId: z.guid(`${E}.organisationRequired`),
    activityId: z.preprocess(blank, z.guid(`${E}.activityRequired`).optional()),
    consentId: z.union([z.literal('new'), z.guid(`${E}.consentRequired`)], `${E}.consentRequired`),
    newConsentChannel: z.preprocess(
      blank,
      z.enum(STAFF_CHANNELS as [string, ...string[]], `${E}.channelRequired`).optional(),
    ),
    categories: categoryList(`${E}.categoriesRequired`).pipe(
      z.array(z.string()).min(1, `${E}.categoriesRequired`),
    ),
    note: z.preprocess(blank, z.string().trim().max(NOTE_MAX, `${E}.noteTooLong`).optional()),
    deadlineDays: z.coerce
      .number(`${E}.deadlineInvalid`)
      .int(`${E}.deadlineInvalid`)
      .min(1, `${E}.deadlineInvalid`)
      .max(60, `${E}.deadlineInvalid`)
      .prefault(String(DEFAULT_DEADLINE_DAYS)),
    assisted: z.preprocess((v) => v !== undefined && v !== '', z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'activity' && !v.activityId)
      ctx.addIssue({ code: 'custom', path: ['activityId'], message: `${E}.activityRequired` })
    if (v.consentId === 'new' && !v.newConsentChannel)
      ctx.addIssue({
        code: 'custom',
        path: ['newConsentChannel'],
        message: `${E}.channelRequired`,
      })
  })

export type CreateReferralInput = z.infer<typeof CreateReferralSchema>

const reason = (message: string) =>
  z.string(message).trim().min(1, message).max(REASON_MAX, `${O}.reasonTooLong`)

/** The organisation's answers, one form per button (`intent`). */
export const OrgAnswerSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('accept') }),
    z.object({ intent: z.literal('decline'), reason: reason(`${O}.declineReasonRequired`) }),
    z.object({ intent: z.literal('start') }),
    z.object({ intent: z.literal('complete') }),
    z.object({ intent: z.literal('cancel'), reason: reason(`${O}.cancelReasonRequired`) }),
  ],
  'common.errors.badRequestTitle',
)

export const CaseworkerCancelSchema = z.object({
  intent: z.literal('cancel', 'common.errors.badRequestTitle'),
  reason: reason(`${E}.cancelReasonRequired`),
})
