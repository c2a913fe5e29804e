import type { Actor, MunicipalRole, OrgRole } from './actor'

// Pure rules, usable in the UI to hide what a person cannot use. The server's guards are the
// ones that count.

/** Two-factor is required for the roles that decide about citizens (PRODUCT.md §5). */
export const MFA_ROLES: readonly MunicipalRole[] = ['caseworker', 'administrator']

export const needsMfa = (actor: Pick<Actor, 'municipalRoles'>) =>
  actor.municipalRoles.some((r) => MFA_ROLES.includes(r.role))

/** Asked for at sign-in: by role, or because the person turned two-factor on themselves. */
export const secondFactorRequired = (actor: Pick<Actor, 'municipalRoles' | 'totpEnabled'>) =>
  needsMfa(actor) || actor.totpEnabled

/** Anyone working for a municipality or an organisation gets the shorter staff session. */
export const isStaff = (actor: Pick<Actor, 'municipalRoles' | 'orgRoles'>) =>
  actor.municipalRoles.length > 0 || actor.orgRoles.length > 0

export function hasMunicipalRole(
  actor: Actor,
  roles: readonly MunicipalRole[],
  municipalityId?: string,
): boolean {
  return actor.municipalRoles.some(
    (r) =>
      roles.includes(r.role) &&
      (municipalityId === undefined || r.municipalityId === municipalityId),
  )
}

export function municipalitiesWhere(actor: Actor, roles: readonly MunicipalRole[]): string[] {
  return [
    ...new Set(
      actor.municipalRoles.filter((r) => roles.includes(r.role)).map((r) => r.municipalityId),
    ),
  ]
}

export function hasOrgRole(
  actor: Actor,
  organisationId: string,
  roles: readonly OrgRole[],
): boolean {
  return actor.orgRoles.some((r) => r.organisationId === organisationId && roles.includes(r.role))
}

export type Action =
  | 'admin.people'
  | 'admin.organisations'
  | 'admin.audit'
  | 'case.accessCodes'
  | 'org.staff'
  | 'account.deleteSelf'

export function can(
  actor: Actor,
  action: Action,
  scope?: { municipalityId?: string; organisationId?: string },
): boolean {
  switch (action) {
    case 'admin.people':
    case 'admin.organisations':
    case 'admin.audit':
      return hasMunicipalRole(actor, ['administrator'], scope?.municipalityId)
    case 'case.accessCodes':
      return hasMunicipalRole(actor, ['caseworker'], scope?.municipalityId)
    case 'org.staff':
      return scope?.organisationId
        ? hasOrgRole(actor, scope.organisationId, ['coordinator'])
        : false
    case 'account.deleteSelf':
      // Staff accounts are closed by their administrator or coordinator, not by themselves.
      return !isStaff(actor)
  }
}
