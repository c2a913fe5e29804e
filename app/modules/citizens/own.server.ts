import { sql } from 'kysely'
import { requireCitizen, type Ctx } from '../identity/guards.server'
import { accessPlace, type AccessPlace } from './access-log'

// The citizen's own pages (Mine sider): always scoped to the citizen asking, never anyone else.

export interface OwnActivity {
  signupId: string
  activityId: string
  title: string
  organisation: string
  startsAt: Date
  state: string
}

/** The citizen's sign-ups, coming dates first, then the latest past ones. */
export async function listOwnActivities(ctx: Ctx): Promise<{
  upcoming: OwnActivity[]
  past: OwnActivity[]
}> {
  requireCitizen(ctx)
  const rows = await ctx.db
    .selectFrom('signup as s')
    .innerJoin('activity_session as se', 'se.id', 's.session_id')
    .innerJoin('activity as a', 'a.id', 'se.activity_id')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(['s.id', 'a.id as activity_id', 'a.title', 'o.name', 'se.starts_at', 's.state'])
    .where('s.person_id', '=', ctx.actor.personId)
    .where('s.state', '!=', 'cancelled')
    .orderBy('se.starts_at')
    .limit(200)
    .execute()
  const all = rows.map((r) => ({
    signupId: r.id,
    activityId: r.activity_id,
    title: r.title,
    organisation: r.name,
    startsAt: new Date(r.starts_at),
    state: r.state,
  }))
  return {
    upcoming: all.filter((a) => a.startsAt >= ctx.now),
    past: all
      .filter((a) => a.startsAt < ctx.now)
      .reverse()
      .slice(0, 20),
  }
}

export interface AccessLogEntry {
  at: Date
  who: string
  /** The organisation or the municipality the person read it for. */
  where: string | null
  place: AccessPlace
  change: boolean
}

/**
 * Every read (and change) of the citizen's data by another person, newest first: who, for
 * which organisation or municipality, when, on which page. The IP hash is never read here.
 */
export async function listOwnAccessLog(ctx: Ctx, limit = 200): Promise<AccessLogEntry[]> {
  const citizen = requireCitizen(ctx)
  const rows = await ctx.db
    .selectFrom('audit_log as l')
    .leftJoin('person as p', 'p.id', 'l.actor_person_id')
    .leftJoin('municipality as m', 'm.id', 'l.municipality_id')
    .leftJoin('organisation as o', (j) =>
      j.on(sql<boolean>`o.id::text = l.details->>'organisationId'`),
    )
    .select([
      'l.occurred_at',
      'l.action',
      'l.page',
      'p.display_name',
      'm.name as municipality_name',
      'o.name as organisation_name',
    ])
    .where('l.subject_citizen_id', '=', citizen.id)
    .where('l.action', 'in', ['citizen.read', 'citizen.change'])
    .where((eb) =>
      eb.or([
        eb('l.actor_person_id', 'is', null),
        eb('l.actor_person_id', '!=', ctx.actor.personId),
      ]),
    )
    .orderBy('l.occurred_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    at: new Date(r.occurred_at),
    who: r.display_name ?? '',
    where: r.organisation_name ?? r.municipality_name,
    place: accessPlace(r.page),
    change: r.action === 'citizen.change',
  }))
}
