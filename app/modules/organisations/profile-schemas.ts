import { z } from 'zod'
import { organisationDetails } from './schemas'

// What an organisation's coordinators may change about its public profile. The name, type and
// CVR number are what the municipality approved, so they are not on this form.

const E = 'pages.orgProfile.errors'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${E}.tooLong`)
    .prefault('')
    .transform((v) => (v === '' ? null : v))

export const OrganisationProfileSchema = z.object({
  description: optionalText(2000),
  phone: organisationDetails.phone,
  email: z
    .string()
    .trim()
    .max(254, `${E}.emailInvalid`)
    .prefault('')
    .refine((v) => v === '' || z.email().safeParse(v).success, `${E}.emailInvalid`)
    .transform((v) => (v === '' ? null : v)),
  website: organisationDetails.website,
  streetAddress: organisationDetails.streetAddress,
  postalCode: organisationDetails.postalCode,
  city: organisationDetails.city,
})

export type OrganisationProfileInput = z.infer<typeof OrganisationProfileSchema>
