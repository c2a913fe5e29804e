import { sql } from 'kysely'
import type { Executor } from '~/db.server'
import { requireMunicipalRole, type Ctx } from '../identity/guards.server'
import { recordAudit } from './audit.server'
import type { AuditSearch } from './schemas'

export const AUDIT_PAGE_SIZE = 50
/** Periods are calendar days where the municipality is (the trail itself stores UTC instants). */
export const AUDIT_TIME_ZONE = 'Europe/Copenhagen'

export interface AuditRow {
  id: number
  occurredAt: Date
  actorName: string | null
  action: string
  recordType: string | null
  recordId: string | null
  page: string | null
  ipHash: string | null
}

export interface AuditPage {
  rows: AuditRow[]
  page: number
  hasPrevious: boolean
  hasNext: boolean
}

/**
 * Every action name in the trail, without reading the whole table: a recursive "skip scan" that
 * jumps from one name to the next along the (action, occurred_at) index.
 */
export async function listAuditActions(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`
    with recursive actions(action) as (
      (select action from audit_log order by action limit 1)
      union all
      select (select a.action from audit_log a where a.action > actions.action order by a.action limit 1)
      from actions where actions.action is not null
    )
    select action from actions where action is not null
  `.execute(db)
  return rows.map((r) => r.action)
}

/**
 * Searches the trail as one municipality's administrator sees it: rows about the municipality,
 * and rows about no municipality in particular (sign-ins, own settings) by people who work
 * there. Rows another municipality owns stay with that municipality, even when the same person
 * works in both. The search itself is written to the trail.
 */
export async function searchAudit(
  ctx: Ctx,
  municipalityId: string,
  filters: AuditSearch,
  page: string,
): Promise<AuditPage> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const pageNumber = filters.page ?? 1
  let actorIds: string[] | null = null
  if (filters.email) {
    const people = await ctx.db
      .selectFrom('person')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', filters.email!.toLowerCase()))
      .execute()
    actorIds = people.map((p) => p.id)
  }

  let rows: AuditRow[] = []
  if (actorIds === null || actorIds.length > 0) {
    let query = ctx.db
      .selectFrom('audit_log as a')
      .leftJoin('person as p', 'p.id', 'a.actor_person_id')
      .select([
        'a.id',
        'a.occurred_at',
        'p.display_name',
        'a.action',
        'a.record_type',
        'a.record_id',
        'a.page',
        'a.ip_hash',
      ])
      .where((eb) =>
        eb.or([
          eb('a.municipality_id', '=', municipalityId),
          eb.and([
            eb('a.municipality_id', 'is', null),
            eb(
              'a.actor_person_id',
              'in',
              eb
                .selectFrom('municipal_role as r')
                .select('r.person_id')
                .where('r.municipality_id', '=', municipalityId),
            ),
          ]),
        ]),
      )
    if (actorIds) query = query.where('a.actor_person_id', 'in', actorIds)
    if (filters.recordId) query = query.where('a.record_id', '=', filters.recordId)
    if (filters.action) query = query.where('a.action', '=', filters.action)
    if (filters.from)
      query = query.where(
        'a.occurred_at',
        '>=',
        sql<Date>`(${filters.from}::date::timestamp at time zone ${AUDIT_TIME_ZONE})`,
      )
    if (filters.to)
      query = query.where(
        'a.occurred_at',
        '<',
        sql<Date>`((${filters.to}::date + 1)::timestamp at time zone ${AUDIT_TIME_ZONE})`,
      )
    const found = await query
      .orderBy('a.occurred_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(AUDIT_PAGE_SIZE + 1)
      .offset((pageNumber - 1) * AUDIT_PAGE_SIZE)
      .execute()
    rows = found.map((r) => ({
      id: Number(r.id),
      occurredAt: new Date(r.occurred_at),
      actorName: r.display_name,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      page: r.page,
      ipHash: r.ip_hash,
    }))
  }

  await recordAudit(ctx.db, {
    action: 'audit.searched',
    actorPersonId: ctx.actor.personId,
    municipalityId,
    ipHash: ctx.ipHash,
    page,
    details: {
      filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      results: Math.min(rows.length, AUDIT_PAGE_SIZE),
    },
    now: ctx.now,
  })
  return {
    rows: rows.slice(0, AUDIT_PAGE_SIZE),
    page: pageNumber,
    hasPrevious: pageNumber > 1,
    hasNext: rows.length > AUDIT_PAGE_SIZE,
  }
}
