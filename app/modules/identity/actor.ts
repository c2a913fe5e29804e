import type { Language, MunicipalRole, OrgRole } from '../../../db/schema.ts'

export type { MunicipalRole, OrgRole }

/** Who is asking: one person, every role they hold, resolved once per request. */
export interface Actor {
  personId: string
  displayName: string
  email: string | null
  language: Language
  sessionId: string
  mfaVerified: boolean
  totpEnabled: boolean
  municipalRoles: { municipalityId: string; municipalityName: string; role: MunicipalRole }[]
  orgRoles: { organisationId: string; organisationName: string; role: OrgRole }[]
  citizen: { id: string; municipalityId: string } | null
  isVolunteer: boolean
  isDemo: boolean
}
