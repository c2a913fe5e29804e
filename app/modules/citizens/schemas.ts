import { z } from 'zod'

const P = 'pages.case.accessCodes'

export const CitizenSearchSchema = z.object({
  q: z.string().trim().max(80).optional().default(''),
})

export const CHOSEN_NAME_MAX = 80

export const AccessCodesActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('create'),
      chosenName: z
        .string()
        .trim()
        .min(1, `${P}.errors.nameRequired`)
        .max(CHOSEN_NAME_MAX, `${P}.errors.nameTooLong`),
      municipalityId: z.guid('common.errors.badRequestTitle').optional(),
    }),
    z.object({ intent: z.literal('issue'), citizenId: z.guid(`${P}.errors.notFound`) }),
  ],
  'common.errors.badRequestTitle',
)
