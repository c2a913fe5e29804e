import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import { preparedStatement, type Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import type { Actor } from './actor'
import { sessionIsLive, touchSession } from './sessions.server'

// Who is asking, in one round trip: a signed-in page reads the session, the person and all
// their roles with one statement, prepared once per connection (ADR 020).

function selectActor(db: Executor) {
  return db
    .selectFrom('person as p')
    .select((eb) => [
      'p.id',
      'p.display_name',
      'p.email',
      'p.language',
      'p.totp_enabled_at',
      'p.is_demo',
      jsonArrayFrom(
        eb
          .selectFrom('municipal_role as r')
          .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
          .select(['r.municipality_id', 'm.name', 'r.role'])
          .whereRef('r.person_id', '=', 'p.id')
          .orderBy('m.name'),
      ).as('municipalRoles'),
      jsonArrayFrom(
        eb
          .selectFrom('organisation_membership as om')
          .innerJoin('organisation as o', 'o.id', 'om.organisation_id')
          .select(['om.organisation_id', 'o.name', 'om.role'])
          .whereRef('om.person_id', '=', 'p.id')
          .orderBy('o.name'),
      ).as('orgRoles'),
      jsonObjectFrom(
        eb
          .selectFrom('citizen as c')
          .select(['c.id', 'c.municipality_id'])
          .whereRef('c.person_id', '=', 'p.id'),
      ).as('citizen'),
      eb
        .exists(
          eb
            .selectFrom('volunteer_profile as v')
            .select('v.person_id')
            .whereRef('v.person_id', '=', 'p.id'),
        )
        .as('volunteer'),
    ])
    .where('p.deleted_at', 'is', null)
}

type ActorRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectActor>['executeTakeFirst']>>>

function toActor(row: ActorRow, session: { id: string; mfaVerified: boolean }): Actor {
  return {
    personId: row.id,
    displayName: row.display_name,
    email: row.email,
    language: row.language as Language,
    sessionId: session.id,
    mfaVerified: session.mfaVerified,
    totpEnabled: row.totp_enabled_at !== null,
    municipalRoles: row.municipalRoles.map((r) => ({
      municipalityId: r.municipality_id,
      municipalityName: r.name,
      role: r.role,
    })),
    orgRoles: row.orgRoles.map((r) => ({
      organisationId: r.organisation_id,
      organisationName: r.name,
      role: r.role,
    })),
    citizen: row.citizen
      ? { id: row.citizen.id, municipalityId: row.citizen.municipality_id }
      : null,
    isVolunteer: Boolean(row.volunteer),
    isDemo: row.is_demo,
  }
}

export async function loadActor(
  db: Executor,
  personId: string,
  session: { id: string; mfaVerified: boolean },
): Promise<Actor | null> {
  const row = await selectActor(db).where('p.id', '=', personId).executeTakeFirst()
  return row ? toActor(row, session) : null
}

/** The person behind a live session (sha256 of the cookie's token), or null. */
export async function loadSessionActor(
  db: Executor,
  sessionId: string,
  now: Date,
): Promise<Actor | null> {
  const row = await selectActor(db)
    .modifyFront(preparedStatement('session_actor'))
    .innerJoin('session as s', 's.person_id', 'p.id')
    .select([
      's.id as session_id',
      's.mfa_verified_at',
      's.last_seen_at',
      's.idle_timeout_seconds',
      's.expires_at',
      's.revoked_at',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst()
  if (!row || !sessionIsLive(row, now)) return null
  await touchSession(db, row.session_id, row.last_seen_at, now)
  return toActor(row, { id: row.session_id, mfaVerified: row.mfa_verified_at !== null })
}
