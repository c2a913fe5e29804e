import type { Actor } from '../identity/actor'
import { hasMunicipalRole, hasOrgRole } from '../identity/policy'

// Who may do what with a partnership. Pure, so pages can hide what a person cannot use; the
// module's queries are the checks that count.

export interface PartnershipParties {
  municipalityId: string
  organisationId: string
}

/** The municipality's administrators run the grant: create, change, read everything. */
export const canEditPartnership = (actor: Actor, p: PartnershipParties) =>
  hasMunicipalRole(actor, ['administrator'], p.municipalityId)

/** Seeing a partnership: its municipality's administrators and the organisation's people. */
export const canViewPartnership = (actor: Actor, p: PartnershipParties) =>
  canEditPartnership(actor, p) || hasOrgRole(actor, p.organisationId, ['coordinator', 'staff'])

/** The outreach log is kept by whoever does the outreach. */
export const canLogOutreach = canViewPartnership

/** A progress figure is reported by the organisation's coordinator or the administrator. */
export const canRecordProgress = (actor: Actor, p: PartnershipParties) =>
  canEditPartnership(actor, p) || hasOrgRole(actor, p.organisationId, ['coordinator'])
