import { z } from 'zod'
import { UUID_PATTERN } from '../identity/invitation-schemas'

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'pages.admin.audit.errors.dateInvalid')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, 'pages.admin.audit.errors.dateInvalid')

/** The search form on /admin/audit (a GET form: every field is optional). */
export const AuditSearchSchema = z
  .object({
    email: z.preprocess(
      blankToUndefined,
      z.string().trim().max(254).pipe(z.email('pages.admin.audit.errors.emailInvalid')).optional(),
    ),
    recordId: z.preprocess(
      blankToUndefined,
      z.string().trim().regex(UUID_PATTERN, 'pages.admin.audit.errors.recordIdInvalid').optional(),
    ),
    action: z.preprocess(
      blankToUndefined,
      z.string().trim().max(100, 'pages.admin.audit.errors.actionInvalid').optional(),
    ),
    from: z.preprocess(blankToUndefined, isoDate.optional()),
    to: z.preprocess(blankToUndefined, isoDate.optional()),
    page: z
      .preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).optional())
      .catch(undefined),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ['to'],
    message: 'pages.admin.audit.errors.periodOrder',
  })

export type AuditSearch = z.infer<typeof AuditSearchSchema>
