import { data, redirect } from '@remix-run/node'
import { getDb, type Executor } from '~/db.server'
import { hashIp } from '../audit/audit.server'
import type { Actor, MunicipalRole, OrgRole } from './actor'
import { loadSessionActor } from './actor.server'
import { hasMunicipalRole, hasOrgRole, municipalitiesWhere, secondFactorRequired } from './policy'
import { sessionIdFromRequest } from './sessions.server'

/** What every module function takes first: the database, who is asking, and the time. */
export interface Ctx {
  db: Executor
  actor: Actor
  now: Date
  ipHash: string | null
}

/** Set by server.js from the socket (any value a client sends is overwritten there). */
export const CLIENT_IP_HEADER = 'x-brobygger-client-ip'
export const clientIpHash = (request: Request) => hashIp(request.headers.get(CLIENT_IP_HEADER))

export interface GuardOptions {
  /** Resource and API routes answer 401 instead of redirecting to the login page. */
  resource?: boolean
  /** For the second-factor pages themselves. */
  allowMfaPending?: boolean
}

function isResourceRequest(request: Request, options: GuardOptions) {
  return options.resource || new URL(request.url).pathname.startsWith('/api/')
}

function loginRedirect(request: Request) {
  const url = new URL(request.url)
  const back = url.pathname + url.search
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`)
}

export function forbidden(): never {
  throw data({ message: 'forbidden' }, { status: 403 })
}

/** The session's person with all their roles, or null. Second-factor rules are not applied. */
export async function getSessionActor(
  request: Request,
  now = new Date(),
): Promise<{ actor: Actor; db: Executor } | null> {
  const id = sessionIdFromRequest(request)
  if (!id) return null
  const db = await getDb()
  const actor = await loadSessionActor(db, id, now)
  return actor ? { actor, db } : null
}

/** The logged-in person, fully signed in (second factor done where required), or null. */
export async function getOptionalCtx(request: Request): Promise<Ctx | null> {
  const now = new Date()
  const found = await getSessionActor(request, now)
  if (!found) return null
  if (secondFactorRequired(found.actor) && !found.actor.mfaVerified) return null
  return { db: found.db, actor: found.actor, now, ipHash: clientIpHash(request) }
}

/**
 * Every non-public loader and action starts here. No session: the login page (pages) or 401
 * (resources). Staff who must use two-factor are sent to enrol or to enter their code first.
 */
export async function requireCtx(request: Request, options: GuardOptions = {}): Promise<Ctx> {
  const now = new Date()
  const found = await getSessionActor(request, now)
  if (!found) {
    if (isResourceRequest(request, options))
      throw data({ message: 'unauthorized' }, { status: 401 })
    throw loginRedirect(request)
  }
  const { actor, db } = found
  if (secondFactorRequired(actor) && !actor.mfaVerified && !options.allowMfaPending) {
    if (isResourceRequest(request, options))
      throw data({ message: 'unauthorized' }, { status: 401 })
    throw redirect(actor.totpEnabled ? '/login/totp' : '/account/two-factor')
  }
  return { db, actor, now, ipHash: clientIpHash(request) }
}

/** The municipality (one of the actor's) where they hold one of these roles; 403 otherwise. */
export function requireMunicipalRole(
  ctx: Ctx,
  roles: readonly MunicipalRole[],
  municipalityId?: string,
): string {
  if (municipalityId) {
    if (!hasMunicipalRole(ctx.actor, roles, municipalityId)) forbidden()
    return municipalityId
  }
  const ids = municipalitiesWhere(ctx.actor, roles)
  if (ids.length === 0) forbidden()
  return ids[0]!
}

export function requireOrgRole(ctx: Ctx, organisationId: string, roles: readonly OrgRole[]): void {
  if (!hasOrgRole(ctx.actor, organisationId, roles)) forbidden()
}

/** The citizen record of the person asking (their own pages); 403 for anyone else. */
export function requireCitizen(ctx: Ctx): { id: string; municipalityId: string } {
  if (!ctx.actor.citizen) forbidden()
  return ctx.actor.citizen
}
