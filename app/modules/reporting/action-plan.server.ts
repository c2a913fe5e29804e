import { sql } from 'kysely'
import { inTransaction } from '~/db.server'
import { utcToZoned } from '../activities/schedule'
import { recordAudit } from '../audit/audit.server'
import { requireMunicipalRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { activityGrid, criteriaProgress, type ReportScope } from './dashboard.server'
import type { InitiativeInput } from './schemas'
import { suppressCount, type Figure } from './suppression'

// The action-plan status table (handleplanens status): the municipality's initiatives in the
// columns its own plans use — Indsats og målgruppe | Formål, mål og succeskriterier | Tovholder |
// Periode | Samarbejdspartnere | Status — with Status filled in from the platform: progress on
// the linked partnership's success criteria, and activities and attendance under the linked goal.

const S = 'pages.staff.reports.errors'

export interface InitiativeStatus {
  criteria: { reached: number; total: number } | null
  outreach: number | null
  goal: { activities: number; sessions: number; visits: Figure; participants: Figure } | null
}

export interface Initiative {
  id: string
  position: number
  title: string
  purpose: string
  lead: string
  periodStart: string | null
  periodEnd: string | null
  partners: string
  partnershipId: string | null
  goalId: string | null
  status: InitiativeStatus
}

/** The initiatives with their status, for the municipality's administrators and council viewers. */
export async function listInitiatives(ctx: Ctx, scope: ReportScope): Promise<Initiative[]> {
  const rows = await ctx.db
    .selectFrom('action_plan_initiative')
    .select([
      'id',
      'position',
      'title',
      'purpose',
      'lead',
      'period_start',
      'period_end',
      'partners',
      'partnership_id',
      'goal_id',
    ])
    .where('municipality_id', '=', scope.municipalityId)
    .orderBy('position')
    .orderBy('created_at')
    .execute()
  const today = utcToZoned(ctx.now).date
  const partnershipIds = rows.flatMap((r) => (r.partnership_id ? [r.partnership_id] : []))
  const criteria = await criteriaProgress(ctx.db, partnershipIds, today)
  const out: Initiative[] = []
  for (const r of rows) {
    const from = r.period_start ?? `${today.slice(0, 4)}-01-01`
    const to = r.period_end ?? today
    let outreach: number | null = null
    if (r.partnership_id) {
      const o = await ctx.db
        .selectFrom('outreach_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', r.partnership_id)
        .where('contacted_on', '>=', from)
        .where('contacted_on', '<=', to)
        .executeTakeFirst()
      outreach = Number(o?.n ?? 0)
    }
    let goal: InitiativeStatus['goal'] = null
    if (r.goal_id) {
      const g = await sql<Record<string, unknown>>`
        with ${activityGrid({ municipalityId: scope.municipalityId, goalId: r.goal_id, period: { from, to }, now: ctx.now })}
        select
          (select count(distinct activity_id) from grid where sessions > 0) as activities,
          (select coalesce(sum(sessions), 0) from grid) as sessions,
          (select coalesce(sum(anonymous), 0) from grid) as visits,
          (select count(distinct pkey) from participants) as participants`.execute(ctx.db)
      const f = g.rows[0] ?? {}
      goal = {
        activities: Number(f.activities ?? 0),
        sessions: Number(f.sessions ?? 0),
        visits: suppressCount(Number(f.visits ?? 0)),
        participants: suppressCount(Number(f.participants ?? 0)),
      }
    }
    const list = r.partnership_id ? (criteria.get(r.partnership_id) ?? []) : null
    out.push({
      id: r.id,
      position: r.position,
      title: r.title,
      purpose: r.purpose,
      lead: r.lead,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      partners: r.partners,
      partnershipId: r.partnership_id,
      goalId: r.goal_id,
      status: {
        criteria: list
          ? { reached: list.filter((c) => c.status === 'reached').length, total: list.length }
          : null,
        outreach,
        goal,
      },
    })
  }
  return out
}

/** The choices for the Status column's sources: the municipality's partnerships and goals. */
export async function initiativeSources(ctx: Ctx, municipalityId: string) {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const [partnerships, goals] = await Promise.all([
    ctx.db
      .selectFrom('partnership')
      .select(['id', 'title', 'pool_year'])
      .where('municipality_id', '=', municipalityId)
      .orderBy('pool_year', 'desc')
      .orderBy('title')
      .execute(),
    ctx.db
      .selectFrom('goal as g')
      .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
      .select(['g.id', 'g.position', 'g.title_da', 'g.title_en'])
      .where('f.municipality_id', '=', municipalityId)
      .orderBy('f.valid_from', 'desc')
      .orderBy('g.position')
      .execute(),
  ])
  return { partnerships, goals }
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> }

/**
 * Adds an initiative (the form's id makes a second submit find the first) or, with `id`,
 * changes one of the municipality's. The sources must be the municipality's own.
 */
export async function saveInitiative(
  ctx: Ctx,
  municipalityId: string,
  input: InitiativeInput,
  id: string | null,
): Promise<SaveResult> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  if (id !== null && !isUuid(id)) return { ok: false, errors: { '': [`${S}.notFound`] } }
  return inTransaction(ctx.db, async (trx): Promise<SaveResult> => {
    const errors: Record<string, string[]> = {}
    if (input.partnershipId) {
      const p = await trx
        .selectFrom('partnership')
        .select('id')
        .where('id', '=', input.partnershipId)
        .where('municipality_id', '=', municipalityId)
        .executeTakeFirst()
      if (!p) errors.partnershipId = [`${S}.invalidChoice`]
    }
    if (input.goalId) {
      const g = await trx
        .selectFrom('goal as g')
        .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
        .select('g.id')
        .where('g.id', '=', input.goalId)
        .where('f.municipality_id', '=', municipalityId)
        .executeTakeFirst()
      if (!g) errors.goalId = [`${S}.invalidChoice`]
    }
    if (Object.keys(errors).length) return { ok: false, errors }
    const values = {
      title: input.title,
      purpose: input.purpose,
      lead: input.lead,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      partners: input.partners,
      partnership_id: input.partnershipId,
      goal_id: input.goalId,
      updated_at: ctx.now,
    }
    let savedId: string
    if (id) {
      const updated = await trx
        .updateTable('action_plan_initiative')
        .set(values)
        .where('id', '=', id)
        .where('municipality_id', '=', municipalityId)
        .returning('id')
        .executeTakeFirst()
      if (!updated) return { ok: false, errors: { '': [`${S}.notFound`] } }
      savedId = updated.id
    } else {
      const next = await trx
        .selectFrom('action_plan_initiative')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('municipality_id', '=', municipalityId)
        .executeTakeFirst()
      const inserted = await trx
        .insertInto('action_plan_initiative')
        .values({
          ...values,
          id: input.submissionId,
          municipality_id: municipalityId,
          position: Number(next?.max ?? 0) + 1,
          created_by: ctx.actor.personId,
          created_at: ctx.now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) return { ok: true, id: input.submissionId }
      savedId = inserted.id
    }
    await recordAudit(trx, {
      action: id ? 'action_plan.updated' : 'action_plan.created',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'action_plan_initiative',
      recordId: savedId,
      ipHash: ctx.ipHash,
      page: '/admin/reports/action-plan',
      now: ctx.now,
    })
    return { ok: true, id: savedId }
  })
}
