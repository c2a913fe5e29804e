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

// ---- The citizen record (borgerens oplysninger), registered by a caseworker --------------------

const R = 'pages.case.citizens.errors'

const toList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

export const CONTACT_PREFERENCES = ['via_caseworker', 'sms', 'phone', 'email'] as const
export const LANGUAGES = ['da', 'en'] as const
export const ADDRESS_MAX = 200

export const RegisterCitizenSchema = z
  .object({
    chosenName: z
      .string()
      .trim()
      .min(1, `${R}.nameRequired`)
      .max(CHOSEN_NAME_MAX, `${R}.nameTooLong`),
    birthYear: z.preprocess(
      blank,
      z.coerce
        .number(`${R}.birthYearInvalid`)
        .int(`${R}.birthYearInvalid`)
        .min(1900, `${R}.birthYearInvalid`)
        .max(new Date().getUTCFullYear() - 17, `${R}.birthYearInvalid`)
        .optional(),
    ),
    language: z.enum(LANGUAGES, `${R}.languageRequired`).prefault('da'),
    areaId: z.preprocess(blank, z.guid(`${R}.areaInvalid`).optional()),
    contactPreference: z.enum(CONTACT_PREFERENCES, `${R}.contactRequired`),
    phone: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ]{8,16}$/, `${R}.phoneInvalid`)
        .optional(),
    ),
    email: z.preprocess(
      blank,
      z.string().trim().max(200).email('common.form.invalidEmail').optional(),
    ),
    address: z.preprocess(
      blank,
      z.string().trim().max(ADDRESS_MAX, `${R}.addressTooLong`).optional(),
    ),
    safetyFlag: z.preprocess((v) => v !== undefined && v !== '', z.boolean()),
    targetGroups: z.preprocess(toList, z.array(z.guid(`${R}.targetGroupInvalid`))),
    municipalityId: z.preprocess(blank, z.guid('common.errors.badRequestTitle').optional()),
  })
  .superRefine((v, ctx) => {
    if ((v.contactPreference === 'sms' || v.contactPreference === 'phone') && !v.phone)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: `${R}.phoneNeeded` })
    if (v.contactPreference === 'email' && !v.email)
      ctx.addIssue({ code: 'custom', path: ['email'], message: `${R}.emailNeeded` })
  })

export type RegisterCitizenInput = z.infer<typeof RegisterCitizenSchema>
