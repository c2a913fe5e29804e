import { z } from 'zod'
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
  code: z.string().trim().min(1, 'pages.accessCode.errors.required').max(30, 'pages.accessCode.errors.invalid'),
})

export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, 'pages.password.errors.tooShort')
  .max(PASSWORD_MAX_LENGTH, 'pages.password.errors.tooLong')

export const NewPasswordSchema = z
  .object({ password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'pages.password.errors.mismatch' })
