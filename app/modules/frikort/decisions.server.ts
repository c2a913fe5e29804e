import { sql } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { FrikortDecisionStatus, FrikortMatchState } from '../../../db/schema.ts'
import { recordAccess, recordAudit } from '../audit/audit.server'
import type { Ctx } from '../identity/guards.server'
import { requireCaseworker } from './access.server'
import {
  balancesToday,
  balanceOn,
  listEarnings,
  localToday,
  type EarningRow,
} from './balance.server'
import type { Balance } from './rules'

// The municipality's decision (visitation) and the caseworker's view of a citizen's frikort.
// Every query is limited to the caseworker's own municipalities: another municipality's
// citizen is simply not found.

const S = 'pages.staff.frikort.errors'
const PAGE = '/case/frikort'

export interface DecisionListRow {
  decisionId: string
  citizenId: string
  citizenName: string
  municipalityName: string
  decidedOn: string
  status: FrikortDecisionStatus
  nextControlDue: string
  balance: Balance
}

/** Active decisions in the caseworker's municipalities, the soonest control first. */
export async function listDecisions(ctx: Ctx): Promise<DecisionListRow[]> {
  const municipalityIds = requireCaseworker(ctx)
  const rows = await ctx.db
    .selectFrom('frikort_decision as d')
    .innerJoin('citizen as c', 'c.id', 'd.citizen_id')
    .innerJoin('municipality as m', 'm.id', 'd.municipality_id')
    .select([
      'd.id',
      'd.citizen_id',
      'c.chosen_name',
      'm.name as municipality_name',
      'd.decided_on',
      'd.status',
      'd.next_control_due',
    ])
    .where('d.municipality_id', 'in', municipalityIds)
    .where('c.municipality_id', 'in', municipalityIds)
    .where('d.status', '=', 'active')
    .orderBy('d.next_control_due')
    .orderBy('c.chosen_name')
    .limit(500)
    .execute()
  const balances = await balancesToday(
    ctx.db,
    rows.map((r) => r.citizen_id),
    ctx.now,
  )
  return rows.map((r) => ({
    decisionId: r.id,
    citizenId: r.citizen_id,
    citizenName: r.chosen_name,
    municipalityName: r.municipality_name,
    decidedOn: r.decided_on,
    status: r.status,
    nextControlDue: r.next_control_due,
    balance: balances.get(r.citizen_id)!,
  }))
}

/** Citizens of the caseworker's municipalities by name, to open one and record a decision. */
export async function searchCitizens(ctx: Ctx, q: string) {
  const municipalityIds = requireCaseworker(ctx)
  if (!q) return []
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await ctx.db
    .selectFrom('citizen as c')
    .select((eb) => [
      'c.id',
      'c.chosen_name',
      'c.birth_year',
      eb
        .exists(
          eb
            .selectFrom('frikort_decision as d')
            .select('d.id')
            .whereRef('d.citizen_id', '=', 'c.id')
            .where('d.status', '=', 'active'),
        )
        .as('has_frikort'),
    ])
    .where('c.municipality_id', 'in', municipalityIds)
    .where('c.anonymised_at', 'is', null)
    .where(sql<boolean>`lower(c.chosen_name) like ${pattern}`)
    .orderBy('c.chosen_name')
    .limit(50)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.chosen_name,
    birthYear: r.birth_year,
    hasFrikort: Boolean(r.has_frikort),
  }))
}

export interface DecisionRow {
  id: string
  decidedOn: string
  decidedBy: string | null
  status: FrikortDecisionStatus
  deactivatedReason: string | null
  deactivatedAt: Date | null
  lastControlOn: string | null
  nextControlDue: string
}

export interface CitizenFrikort {
  citizen: { id: string; name: string; municipalityId: string; birthYear: number | null }
  active: DecisionRow | null
  history: DecisionRow[]
  balance: Balance
  earnings: EarningRow[]
  matches: {
    id: string
    state: FrikortMatchState
    job: string | null
    employer: string | null
    matchmaker: string
    updatedAt: Date
  }[]
}

async function citizenInScope(db: Executor, citizenId: string, municipalityIds: string[]) {
  return db
    .selectFrom('citizen')
    .select(['id', 'chosen_name', 'municipality_id', 'birth_year'])
    .where('id', '=', citizenId)
    .where('municipality_id', 'in', municipalityIds)
    .executeTakeFirst()
}

/** Everything the caseworker sees about one citizen's frikort; null outside their municipality. */
export async function getCitizenFrikort(
  ctx: Ctx,
  citizenId: string,
): Promise<CitizenFrikort | null> {
  const municipalityIds = requireCaseworker(ctx)
  const citizen = await citizenInScope(ctx.db, citizenId, municipalityIds)
  if (!citizen) return null
  const [decisions, balance, earnings, matches] = await Promise.all([
    ctx.db
      .selectFrom('frikort_decision as d')
      .leftJoin('person as p', 'p.id', 'd.decided_by')
      .select([
        'd.id',
        'd.decided_on',
        'p.display_name',
        'd.status',
        'd.deactivated_reason',
        'd.deactivated_at',
        'd.last_control_on',
        'd.next_control_due',
      ])
      .where('d.citizen_id', '=', citizen.id)
      .orderBy('d.created_at', 'desc')
      .execute(),
    balanceOn(ctx.db, citizen.id, localToday(ctx.now)),
    listEarnings(ctx.db, citizen.id),
    ctx.db
      .selectFrom('frikort_match as fm')
      .leftJoin('job as j', 'j.id', 'fm.job_id')
      .leftJoin('organisation as e', 'e.id', 'fm.employer_organisation_id')
      .innerJoin('organisation as mm', 'mm.id', 'fm.matchmaker_organisation_id')
      .select([
        'fm.id',
        'fm.state',
        'j.title',
        'e.name as employer',
        'mm.name as matchmaker',
        'fm.updated_at',
      ])
      .where('fm.citizen_id', '=', citizen.id)
      .orderBy('fm.updated_at', 'desc')
      .execute(),
  ])
  await recordAccess(ctx, {
    citizenId: citizen.id,
    municipalityId: citizen.municipality_id,
    recordType: 'frikort',
    recordId: citizen.id,
    page: `${PAGE}/${citizen.id}`,
  })
  const rows: DecisionRow[] = decisions.map((d) => ({
    id: d.id,
    decidedOn: d.decided_on,
    decidedBy: d.display_name,
    status: d.status,
    deactivatedReason: d.deactivated_reason,
    deactivatedAt: d.deactivated_at ? new Date(d.deactivated_at) : null,
    lastControlOn: d.last_control_on,
    nextControlDue: d.next_control_due,
  }))
  return {
    citizen: {
      id: citizen.id,
      name: citizen.chosen_name,
      municipalityId: citizen.municipality_id,
      birthYear: citizen.birth_year,
    },
    active: rows.find((d) => d.status === 'active') ?? null,
    history: rows.filter((d) => d.status !== 'active'),
    balance,
    earnings,
    matches: matches.map((m) => ({
      id: m.id,
      state: m.state,
      job: m.title,
      employer: m.employer,
      matchmaker: m.matchmaker,
      updatedAt: new Date(m.updated_at),
    })),
  }
}

export type CaseResult = { ok: true } | { ok: false; errors: Record<string, string[]> }

const fail = (field: string, key: string): CaseResult => ({
  ok: false,
  errors: { [field]: [`${S}.${key}`] },
})

async function lockCitizen(trx: Executor, citizenId: string, municipalityIds: string[]) {
  return trx
    .selectFrom('citizen')
    .select(['id', 'municipality_id'])
    .where('id', '=', citizenId)
    .where('municipality_id', 'in', municipalityIds)
    .forUpdate()
    .executeTakeFirst()
}

async function logChange(
  trx: Executor,
  ctx: Ctx,
  citizen: { id: string; municipality_id: string },
  decisionId: string,
  type: string,
  data: Record<string, unknown>,
) {
  await trx
    .insertInto('event')
    .values({
      occurred_at: ctx.now,
      municipality_id: citizen.municipality_id,
      actor_person_id: ctx.actor.personId,
      entity_type: 'frikort_decision',
      entity_id: decisionId,
      type,
      data: JSON.stringify(data),
    })
    .execute()
  await recordAudit(trx, {
    action: type,
    actorPersonId: ctx.actor.personId,
    municipalityId: citizen.municipality_id,
    recordType: 'frikort_decision',
    recordId: decisionId,
    subjectCitizenId: citizen.id,
    ipHash: ctx.ipHash,
    page: `${PAGE}/${citizen.id}`,
    details: data,
    now: ctx.now,
  })
}

/** Records the municipality's decision. A citizen has at most one active decision. */
export async function recordDecision(
  ctx: Ctx,
  citizenId: string,
  input: { decidedOn: string; nextControlDue: string },
): Promise<CaseResult | null> {
  const municipalityIds = requireCaseworker(ctx)
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await lockCitizen(trx, citizenId, municipalityIds)
    if (!citizen) return null
    const active = await trx
      .selectFrom('frikort_decision')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (active) return fail('decidedOn', 'alreadyActive')
    const row = await trx
      .insertInto('frikort_decision')
      .values({
        citizen_id: citizen.id,
        municipality_id: citizen.municipality_id,
        decided_on: input.decidedOn,
        decided_by: ctx.actor.personId,
        next_control_due: input.nextControlDue,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await logChange(trx, ctx, citizen, row.id, 'frikort.decision.recorded', input)
    return { ok: true }
  })
}

export async function deactivateDecision(
  ctx: Ctx,
  citizenId: string,
  input: { decisionId: string; reason: string },
): Promise<CaseResult | null> {
  const municipalityIds = requireCaseworker(ctx)
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await lockCitizen(trx, citizenId, municipalityIds)
    if (!citizen) return null
    const updated = await trx
      .updateTable('frikort_decision')
      .set({
        status: 'deactivated',
        deactivated_reason: input.reason,
        deactivated_at: ctx.now,
        deactivated_by: ctx.actor.personId,
      })
      .where('id', '=', input.decisionId)
      .where('citizen_id', '=', citizen.id)
      .where('status', '=', 'active')
      .returning('id')
      .executeTakeFirst()
    if (!updated) return fail('reason', 'notActive')
    await logChange(trx, ctx, citizen, updated.id, 'frikort.decision.deactivated', {
      reason: input.reason,
    })
    return { ok: true }
  })
}

/** The control is done: the next one is set (by the end of the second calendar year). */
export async function recordControl(
  ctx: Ctx,
  citizenId: string,
  input: { decisionId: string; controlOn: string; nextControlDue: string },
): Promise<CaseResult | null> {
  const municipalityIds = requireCaseworker(ctx)
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await lockCitizen(trx, citizenId, municipalityIds)
    if (!citizen) return null
    const decision = await trx
      .selectFrom('frikort_decision')
      .select(['id', 'decided_on'])
      .where('id', '=', input.decisionId)
      .where('citizen_id', '=', citizen.id)
      .where('status', '=', 'active')
      .forUpdate()
      .executeTakeFirst()
    if (!decision) return fail('controlOn', 'notActive')
    if (input.controlOn < decision.decided_on) return fail('controlOn', 'controlBeforeDecision')
    await trx
      .updateTable('frikort_decision')
      .set({
        last_control_on: input.controlOn,
        next_control_due: input.nextControlDue,
        control_reminded_for: null,
      })
      .where('id', '=', decision.id)
      .execute()
    await logChange(trx, ctx, citizen, decision.id, 'frikort.decision.controlled', {
      controlOn: input.controlOn,
      nextControlDue: input.nextControlDue,
    })
    return { ok: true }
  })
}
