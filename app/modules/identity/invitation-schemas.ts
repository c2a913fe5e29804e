import { z } from 'zod'
import { newPassword } from './schemas'

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value)

/** An id from a hidden field or the URL: anything else is a broken or forged form, not a 500. */
export const uuid = z.string().regex(UUID_PATTERN, 'pages.admin.errors.invalidId')

export const inviteEmail = z
  .string()
  .trim()
  .min(1, 'pages.invitation.errors.emailRequired')
  .max(254, 'pages.invitation.errors.emailInvalid')
  .pipe(z.email('pages.invitation.errors.emailInvalid'))

export const personName = z
  .string()
  .trim()
  .min(1, 'pages.invitation.errors.nameRequired')
  .max(120, 'pages.invitation.errors.nameTooLong')

export const MUNICIPAL_ROLES = ['caseworker', 'administrator', 'council_viewer'] as const
export const ORG_ROLES = ['coordinator', 'staff'] as const

const municipalRole = z.enum(MUNICIPAL_ROLES, 'pages.admin.people.errors.roleRequired')
const orgRole = z.enum(ORG_ROLES, 'pages.orgStaff.errors.roleRequired')

// /admin/people: one schema per form on the page, told apart by `intent`.
export const AdminPeopleSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('invite'),
    municipalityId: uuid,
    email: inviteEmail,
    name: personName,
    role: municipalRole,
  }),
  z.object({
    intent: z.literal('addRole'),
    municipalityId: uuid,
    personId: uuid,
    role: municipalRole,
  }),
  z.object({
    intent: z.literal('removeRole'),
    municipalityId: uuid,
    personId: uuid,
    role: municipalRole,
  }),
  z.object({ intent: z.literal('revokeSessions'), municipalityId: uuid, personId: uuid }),
  z.object({ intent: z.literal('revokeInvitation'), municipalityId: uuid, invitationId: uuid }),
])

// /org/$orgId/staff
export const OrgStaffSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('invite'), email: inviteEmail, name: personName, role: orgRole }),
  z.object({ intent: z.literal('removeMember'), personId: uuid }),
  z.object({ intent: z.literal('revokeInvitation'), invitationId: uuid }),
])

// /invitations/$token: a new account, or the logged-in person taking the invitation.
export const AcceptInvitationSchema = z.discriminatedUnion('intent', [
  z
    .object({
      intent: z.literal('create'),
      name: personName,
      password: newPassword,
      confirm: z.string(),
    })
    .refine((v) => v.password === v.confirm, {
      path: ['confirm'],
      message: 'pages.password.errors.mismatch',
    }),
  z.object({ intent: z.literal('accept') }),
])
