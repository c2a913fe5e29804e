import { z } from 'zod'
import { UUID_PATTERN } from '../identity/invitation-schemas'
import { BAD_FORM } from '../identity/schemas'

// The private calendar page's forms, and the HSDS API's query parameters.

export const CalendarFeedActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('create') }),
    z.object({
      intent: z.literal('renew'),
      feedId: z.string().regex(UUID_PATTERN, 'pages.calendar.account.errors.gone'),
    }),
    z.object({ intent: z.literal('revoke') }),
  ],
  BAD_FORM,
)

export const DEFAULT_PER_PAGE = 50
export const MAX_PER_PAGE = 200

// API answers are for programs: plain English messages, not i18n keys.
const wholeNumber = (name: string, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,7}$/, `${name} must be a whole number from 1 to ${max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `${name} must be a whole number from 1 to ${max}`)

const flag = (name: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1')

const id = (name: string) => z.string().regex(UUID_PATTERN, `${name} must be a UUID`)

const paging = {
  page: wholeNumber('page', 1_000_000).default(1),
  per_page: wholeNumber('per_page', MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
}

export const ServicesQuerySchema = z.object({
  ...paging,
  full: flag('full').default(false),
  search: z.string().trim().max(200, 'search is at most 200 characters').optional(),
  organization_id: id('organization_id').optional(),
  taxonomy_term_id: id('taxonomy_term_id').optional(),
  modified_after: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'modified_after must be an ISO 8601 date-time')
    .transform((v) => new Date(v))
    .optional(),
})
export type ServicesQuery = z.infer<typeof ServicesQuerySchema>

export const OrganizationsQuerySchema = z.object({
  ...paging,
  full: flag('full').default(false),
  search: z.string().trim().max(200, 'search is at most 200 characters').optional(),
})
export type OrganizationsQuery = z.infer<typeof OrganizationsQuerySchema>

export const OrganizationQuerySchema = z.object({
  full_service: flag('full_service').default(false),
})

/** The known query parameters of a URL (repeated ones: the first), for a zod schema. */
export function queryOf(url: URL, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) {
    const value = url.searchParams.get(name)
    if (value !== null && value !== '') out[name] = value
  }
  return out
}
