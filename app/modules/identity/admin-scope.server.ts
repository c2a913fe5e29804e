import { forbidden, type Ctx } from './guards.server'

export interface AdminScope {
  /** The municipality the page shows. */
  municipalityId: string
  municipalityName: string
  /** Every municipality where the actor is an administrator (for the selector). */
  municipalities: { id: string; name: string }[]
}

/**
 * Which municipality an administrator's page is about: `?municipality=<id>` among their own,
 * else the first. Someone else's municipality, or no administrator role at all, is a 403.
 */
export function requireAdminScope(ctx: Ctx, requested: string | null | undefined): AdminScope {
  const municipalities = [
    ...new Map(
      ctx.actor.municipalRoles
        .filter((r) => r.role === 'administrator')
        .map((r) => [r.municipalityId, { id: r.municipalityId, name: r.municipalityName }]),
    ).values(),
  ]
  if (municipalities.length === 0) forbidden()
  const chosen = requested ? municipalities.find((m) => m.id === requested) : municipalities[0]
  if (!chosen) forbidden()
  return { municipalityId: chosen.id, municipalityName: chosen.name, municipalities }
}

/** The query string that keeps an administrator on the same municipality after a redirect. */
export function scopeQuery(scope: AdminScope, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra)
  if (scope.municipalities.length > 1) params.set('municipality', scope.municipalityId)
  const query = params.toString()
  return query ? `?${query}` : ''
}
