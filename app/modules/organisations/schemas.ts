import { z } from 'zod'
import { inviteEmail, personName, uuid } from '../identity/invitation-schemas'
import { isValidCvr, normaliseCvr } from './cvr'

export const ORGANISATION_TYPES = [
  'association',
  'drop_in',
  'ngo',
  'social_enterprise',
  'employer',
] as const

const text = (required: string, max: number, tooLong = 'pages.orgRegister.errors.tooLong') =>
  z.string().trim().min(1, required).max(max, tooLong)

const cvr = z
  .string()
  .trim()
  .min(1, 'pages.orgRegister.errors.cvrRequired')
  .transform(normaliseCvr)
  .refine(isValidCvr, 'pages.orgRegister.errors.cvrInvalid')

const phone = z
  .string()
  .trim()
  .min(1, 'pages.orgRegister.errors.phoneRequired')
  .regex(/^\+?[0-9][0-9 -]{6,18}[0-9]$/, 'pages.orgRegister.errors.phoneInvalid')

/** Optional; "example.dk" becomes "https://example.dk". Only http(s) addresses with a domain. */
const website = z
  .string()
  .trim()
  .max(300, 'pages.orgRegister.errors.tooLong')
  .transform((value) =>
    value === '' ? undefined : /^https?:\/\//i.test(value) ? value : `https://${value}`,
  )
  .refine((value) => {
    if (value === undefined) return true
    try {
      const url = new URL(value)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
    } catch {
      return false
    }
  }, 'pages.orgRegister.errors.websiteInvalid')
  .optional()

/** What the organisation tells about itself; shared by public registration and the admin form. */
export const organisationDetails = {
  name: text('pages.orgRegister.errors.nameRequired', 200),
  type: z.enum(ORGANISATION_TYPES, 'pages.orgRegister.errors.typeRequired'),
  cvr,
  streetAddress: text('pages.orgRegister.errors.streetAddressRequired', 200),
  postalCode: z
    .string()
    .trim()
    .regex(/^[0-9]{4}$/, 'pages.orgRegister.errors.postalCodeInvalid'),
  city: text('pages.orgRegister.errors.cityRequired', 100),
  phone,
  website,
  contactName: personName,
  contactEmail: inviteEmail,
}

export const OrganisationRegistrationSchema = z.object({
  ...organisationDetails,
  municipalityId: z
    .string()
    .regex(/^[0-9a-f-]{36}$/i, 'pages.orgRegister.errors.municipalityRequired'),
})

export type OrganisationDetails = z.infer<z.ZodObject<typeof organisationDetails>>
export type OrganisationRegistration = z.infer<typeof OrganisationRegistrationSchema>

// /admin/organisations
export const AdminOrganisationsSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), municipalityId: uuid, organisationId: uuid }),
  z.object({
    intent: z.literal('reject'),
    municipalityId: uuid,
    organisationId: uuid,
    reason: text(
      'pages.admin.organisations.errors.reasonRequired',
      1000,
      'pages.admin.organisations.errors.reasonTooLong',
    ),
  }),
  z.object({ intent: z.literal('create'), municipalityId: uuid, ...organisationDetails }),
])
