import { z } from 'zod'

// Forms for sign-up (tilmelding), the holder's own sign-up page, the organisation's session
// page and the kiosk. Messages are i18n keys.

const S = 'pages.signup.errors'
const A = 'pages.attendance.errors'
const BAD = 'common.errors.badRequestTitle'

export const ACTIVITY_ROLES = ['participant', 'spectator', 'helper'] as const
export const FIRST_NAME_MAX = 60
export const GUEST_EMAIL_MAX = 254

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('1')])
  .optional()
  .transform((v) => v !== undefined)

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))

/** Danish or international numbers: 8–15 digits, with spaces, dashes, brackets or a leading +. */
export function normalisePhone(value: string): string | null {
  const compact = value.replace(/[\s\-().]/g, '')
  if (!/^\+?\d{8,15}$/.test(compact)) return null
  return compact
}

const sessionId = z.guid(`${S}.sessionRequired`)
const role = z.enum(ACTIVITY_ROLES, `${S}.roleInvalid`).default('participant')

/** A signed-in person: the account already says who they are. */
export const PersonSignupSchema = z.object({
  intent: z.literal('signup'),
  sessionId,
  role,
  namedCheckin: checkbox,
})

/** A guest: a first name and a way to reach them (phone or e-mail, at least one). */
export const GuestSignupSchema = z
  .object({
    intent: z.literal('signup'),
    sessionId,
    role,
    namedCheckin: checkbox,
    firstName: z
      .string(`${S}.firstNameRequired`)
      .trim()
      .min(1, `${S}.firstNameRequired`)
      .max(FIRST_NAME_MAX, `${S}.firstNameTooLong`),
    phone: optionalText.pipe(
      z
        .string()
        .max(30, `${S}.phoneInvalid`)
        .transform((v, ctx) => {
          const phone = normalisePhone(v)
          if (!phone) {
            ctx.addIssue({ code: 'custom', message: `${S}.phoneInvalid` })
            return z.NEVER
          }
          return phone
        })
        .optional(),
    ),
    email: optionalText.pipe(
      z
        .string()
        .max(GUEST_EMAIL_MAX, `${S}.emailInvalid`)
        .pipe(z.email(`${S}.emailInvalid`))
        .optional(),
    ),
  })
  .refine((v) => Boolean(v.phone || v.email), {
    path: ['phone'],
    message: `${S}.contactRequired`,
    // Also when the name is missing, so every error shows at once; not when a contact given
    // was malformed (that field has its own message).
    when: (payload) =>
      !payload.issues.some((i) => i.path?.[0] === 'phone' || i.path?.[0] === 'email'),
  })

/** The signed-in holder's own buttons on the sign-up page. */
export const OwnSignupActionSchema = z.object({
  intent: z.enum(['cancel', 'confirm'], BAD),
  signupId: z.guid(BAD),
})

export const TokenActionSchema = z.object({ intent: z.enum(['cancel', 'confirm'], BAD) })

export const SessionStaffActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('checkin'),
      attended: z
        .union([z.guid(BAD), z.array(z.guid(BAD))])
        .optional()
        .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
      restNoShow: checkbox,
    }),
    z.object({
      intent: z.literal('headcount'),
      count: z
        .string(`${A}.countInvalid`)
        .trim()
        .regex(/^\d{1,4}$/, `${A}.countInvalid`)
        .transform(Number),
    }),
    z.object({ intent: z.literal('headcountPlusOne') }),
    z.object({ intent: z.literal('openKiosk') }),
    z.object({ intent: z.literal('closeKiosk') }),
  ],
  BAD,
)

export const KioskActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('checkin'), signupId: z.guid(BAD) }),
    z.object({ intent: z.literal('here') }),
    z.object({
      intent: z.literal('feedback'),
      rating: z.coerce.number(BAD).int(BAD).min(1, BAD).max(5, BAD),
    }),
  ],
  BAD,
)

export const FEEDBACK_RATINGS = [5, 4, 3, 2, 1] as const
