import type { VolunteerRole, VolunteerState } from '../../../db/schema.ts'
import type { Ctx } from '../identity/guards.server'
import { requirementLinesFor, todayIn } from './applications.server'
import type { RequirementLine } from './requirements'
import { availableTransitions } from './transitions'

// The volunteer's own page: what they signed up for, where each stands and what is missing,
// and what is coming up (their own sign-ups and the sessions of organisations they help at).

export const UPCOMING_DAYS = 14

export interface MyApplication {
  id: string
  organisationId: string
  organisation: string
  roles: VolunteerRole[]
  state: VolunteerState
  stateChangedAt: Date
  confirmed: boolean
  lines: RequirementLine[]
  actions: ('pause' | 'resume' | 'end')[]
}

export async function getMyVolunteering(ctx: Ctx) {
  const personId = ctx.actor.personId
  const [profile, apps] = await Promise.all([
    ctx.db
      .selectFrom('volunteer_profile')
      .select(['person_id', 'consent_version'])
      .where('person_id', '=', personId)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('volunteer_application as va')
      .innerJoin('organisation as o', 'o.id', 'va.organisation_id')
      .select([
        'va.id',
        'va.organisation_id',
        'o.name',
        'va.roles',
        'va.state',
        'va.state_changed_at',
        'va.confirmed_at',
      ])
      .where('va.person_id', '=', personId)
      .orderBy('o.name')
      .execute(),
  ])
  const lines = await requirementLinesFor(
    ctx.db,
    apps.map((a) => ({ id: a.id, organisationId: a.organisation_id })),
    todayIn(ctx.now),
  )
  const applications: MyApplication[] = apps.map((a) => ({
    id: a.id,
    organisationId: a.organisation_id,
    organisation: a.name,
    roles: a.roles,
    state: a.state,
    stateChangedAt: a.state_changed_at,
    confirmed: a.confirmed_at !== null,
    lines: lines.get(a.id) ?? [],
    actions:
      a.confirmed_at === null
        ? []
        : (availableTransitions(a.state, 'volunteer') as MyApplication['actions']),
  }))
  const helping = apps
    .filter((a) => a.confirmed_at !== null && (a.state === 'approved' || a.state === 'active'))
    .map((a) => a.organisation_id)
  const until = new Date(ctx.now.getTime() + UPCOMING_DAYS * 86_400_000)
  const [signups, sessions] = await Promise.all([
    ctx.db
      .selectFrom('signup as g')
      .innerJoin('activity_session as s', 's.id', 'g.session_id')
      .innerJoin('activity as a', 'a.id', 's.activity_id')
      .select([
        's.id',
        's.starts_at',
        's.ends_at',
        'a.id as activity_id',
        'a.title',
        'g.state',
        'g.role',
      ])
      .where('g.person_id', '=', personId)
      .where('g.state', 'in', ['confirmed', 'offered', 'waitlisted'])
      .where('s.starts_at', '>', ctx.now)
      .orderBy('s.starts_at')
      .limit(10)
      .execute(),
    helping.length === 0
      ? Promise.resolve([])
      : ctx.db
          .selectFrom('activity_session as s')
          .innerJoin('activity as a', 'a.id', 's.activity_id')
          .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
          .select([
            's.id',
            's.starts_at',
            's.ends_at',
            'a.id as activity_id',
            'a.title',
            'o.name as organisation',
          ])
          .where('a.organisation_id', 'in', helping)
          .where('a.status', '=', 'published')
          .where('s.status', '=', 'scheduled')
          .where('s.starts_at', '>', ctx.now)
          .where('s.starts_at', '<', until)
          .orderBy('s.starts_at')
          .limit(10)
          .execute(),
  ])
  return { hasProfile: profile !== undefined, applications, signups, sessions }
}
