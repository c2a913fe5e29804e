import { z } from 'zod'
import { isAcceptablePin } from './codes'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './constants'

const email = z
  .string()
  .trim()
  .min(1, 'pages.login.errors.emailRequired')
  .max(254, 'pages.login.errors.emailInvalid')
  .pipe(z.email('pages.login.errors.emailInvalid'))

export const PasswordLoginSchema = z.object({
  intent: z.literal('password'),
  email,
  password: z.string().min(1, 'pages.login.errors.passwordRequired').max(PASSWORD_MAX_LENGTH),
  redirectTo: z.string().optional(),
})

export const PinLoginSchema = z.object({
  intent: z.literal('pin'),
  pin: z.string().regex(/^\d{4,8}$/, 'pages.login.errors.pinFormat'),
  redirectTo: z.string().optional(),
})

export const LoginSchema = z.discriminatedUnion('intent', [PasswordLoginSchema, PinLoginSchema])

export const EmailSchema = z.object({ email })

export const TotpSchema = z.object({
  code: z.string().trim().min(1, 'pages.totp.errors.required').max(20, 'pages.totp.errors.invalid'),
})

export const AccessCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'pages.accessCode.errors.required')
    .max(30, 'pages.accessCode.errors.invalid'),
})

export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, 'pages.password.errors.tooShort')
  .max(PASSWORD_MAX_LENGTH, 'pages.password.errors.tooLong')

export const NewPasswordSchema = z
  .object({ password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'pages.password.errors.mismatch',
  })

// The person's own account pages (/account/*).
const A = 'pages.accountPages'
/** A form the page did not offer (a tampered or stale `intent`). */
export const BAD_FORM = 'common.errors.badRequestTitle'

export const CONTACT_PREFERENCES = ['email', 'sms', 'phone', 'via_caseworker'] as const

export const ProfileSchema = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1, `${A}.profile.errors.nameRequired`)
      .max(100, `${A}.profile.errors.nameTooLong`),
    language: z.enum(['da', 'en'], `${A}.profile.errors.languageRequired`),
    contactPreference: z.enum(CONTACT_PREFERENCES, `${A}.profile.errors.contactRequired`),
    phone: z
      .string()
      .trim()
      .max(30, `${A}.profile.errors.phoneInvalid`)
      .regex(/^(\+?[0-9][0-9 ()-]{5,28})?$/, `${A}.profile.errors.phoneInvalid`)
      .optional()
      .transform((v) => v || null),
  })
  .refine(
    (v) => v.phone !== null || (v.contactPreference !== 'sms' && v.contactPreference !== 'phone'),
    {
      path: ['phone'],
      message: `${A}.profile.errors.phoneRequired`,
    },
  )

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(),
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'pages.password.errors.mismatch',
  })

const secondFactorCode = z
  .string()
  .trim()
  .min(1, 'pages.totp.errors.required')
  .max(20, 'pages.totp.errors.invalid')

export const TwoFactorSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('enable'), code: secondFactorCode }),
    z.object({ intent: z.literal('regenerate'), code: secondFactorCode }),
    z.object({ intent: z.literal('disable'), code: secondFactorCode }),
  ],
  BAD_FORM,
)

export const SessionsActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('revoke'),
      sessionId: z.string().regex(/^[0-9a-f]{64}$/, `${A}.sessions.errors.notFound`),
    }),
    z.object({ intent: z.literal('everywhere-else') }),
  ],
  BAD_FORM,
)

export const PinSetupSchema = z
  .object({
    intent: z.literal('pin'),
    pin: z
      .string()
      .regex(/^\d{4,8}$/, { error: `${A}.setup.errors.pinFormat`, abort: true })
      .refine(isAcceptablePin, `${A}.setup.errors.pinWeak`),
    pinConfirm: z.string(),
  })
  .refine((v) => !isAcceptablePin(v.pin) || v.pin === v.pinConfirm, {
    path: ['pinConfirm'],
    message: `${A}.setup.errors.pinMismatch`,
  })

export const EmailSetupSchema = z
  .object({ intent: z.literal('email'), email, password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'pages.password.errors.mismatch',
  })

export const SetupSchema = z.discriminatedUnion(
  'intent',
  [PinSetupSchema, EmailSetupSchema],
  BAD_FORM,
)
