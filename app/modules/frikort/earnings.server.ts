import { sql } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import { recordAccess, recordAudit } from '../audit/audit.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { consentForFrikort, consentForName } from './access.server'
import {
  balanceOn,
  balancesToday,
  capForDay,
  listEarnings,
  localToday,
  yearTotal,
  type EarningRow,
} from './balance.server'
import { notifyThresholds } from './notify.server'
import { checkEntry, thresholdsCrossed, yearOf, type Balance } from './rules'
import type { EarningInput } from './schemas'

// Earnings: what an employer paid a citizen for a work period (holiday pay included). An
// employer sees a citizen here only while it employs or employed them through matchmaking AND
// an active consent names it and covers 'frikort'. Entries are never changed: a correction is
// a reversing entry.

const F = 'pages.frikort.errors'

/** The citizens (by column) that this organisation employs or has employed through a match. */
function employs(citizenColumn: string, organisationId: string) {
  return sql<boolean>`exists (select 1 from frikort_match em
    where em.citizen_id = ${sql.ref(citizenColumn)}
      and em.employer_organisation_id = ${organisationId}
      and em.hired_at is not null)`
}

export interface Employee {
  citizenId: string
  name: string | null
  hasFrikort: boolean
  balance: Balance
}

function employeeQuery(db: Executor, organisationId: string, now: Date) {
  return db
    .selectFrom('citizen as c')
    .select((eb) => [
      'c.id',
      'c.chosen_name',
      'c.municipality_id',
      consentForName('c.id', organisationId, now).as('name_allowed'),
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
    .where(employs('c.id', organisationId))
    .where(consentForFrikort('c.id', organisationId, now))
}

export async function listEmployees(ctx: Ctx, organisationId: string): Promise<Employee[]> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const rows = await employeeQuery(ctx.db, organisationId, ctx.now)
    .orderBy('c.chosen_name')
    .limit(500)
    .execute()
  const balances = await balancesToday(
    ctx.db,
    rows.map((r) => r.id),
    ctx.now,
  )
  for (const r of rows)
    await recordAccess(ctx, {
      citizenId: r.id,
      municipalityId: r.municipality_id,
      recordType: 'frikort',
      recordId: r.id,
      page: `/org/${organisationId}/frikort`,
    })
  return rows.map((r) => ({
    citizenId: r.id,
    name: r.name_allowed ? r.chosen_name : null,
    hasFrikort: Boolean(r.has_frikort),
    balance: balances.get(r.id)!,
  }))
}

export interface EmployeeDetail extends Employee {
  earnings: EarningRow[]
}

/** One employee with this employer's own entries; null without employment and consent. */
export async function getEmployee(
  ctx: Ctx,
  organisationId: string,
  citizenId: string,
  page: string,
): Promise<EmployeeDetail | null> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const row = await employeeQuery(ctx.db, organisationId, ctx.now)
    .where('c.id', '=', citizenId)
    .executeTakeFirst()
  if (!row) return null
  const [balance, earnings] = await Promise.all([
    balanceOn(ctx.db, row.id, localToday(ctx.now)),
    listEarnings(ctx.db, row.id, { employerId: organisationId }),
  ])
  await recordAccess(ctx, {
    citizenId: row.id,
    municipalityId: row.municipality_id,
    recordType: 'frikort',
    recordId: row.id,
    page,
  })
  return {
    citizenId: row.id,
    name: row.name_allowed ? row.chosen_name : null,
    hasFrikort: Boolean(row.has_frikort),
    balance,
    earnings,
  }
}

export type EarningResult =
  | { ok: true; thresholds: number[] }
  | { ok: false; errors: Record<string, string[]>; remainingOre?: number; capOre?: number }

async function lockEmployee(trx: Executor, organisationId: string, citizenId: string, now: Date) {
  return (
    trx
      .selectFrom('citizen as c')
      .select(['c.id', 'c.municipality_id'])
      .where('c.id', '=', citizenId)
      .where(employs('c.id', organisationId))
      .where(consentForFrikort('c.id', organisationId, now))
      // Two employers recording at once must not pass the cap together: one waits for the other.
      .forUpdate('c')
      .executeTakeFirst()
  )
}

async function logEarning(
  trx: Executor,
  ctx: Ctx,
  citizen: { id: string; municipality_id: string },
  earningId: string,
  type: string,
  data: Record<string, unknown>,
  page: string,
) {
  await trx
    .insertInto('event')
    .values({
      occurred_at: ctx.now,
      municipality_id: citizen.municipality_id,
      actor_person_id: ctx.actor.personId,
      entity_type: 'frikort_earning',
      entity_id: earningId,
      type,
      data: JSON.stringify(data),
    })
    .execute()
  await recordAudit(trx, {
    action: 'citizen.change',
    actorPersonId: ctx.actor.personId,
    municipalityId: citizen.municipality_id,
    recordType: 'frikort_earning',
    recordId: earningId,
    subjectCitizenId: citizen.id,
    ipHash: ctx.ipHash,
    page,
    details: data,
    now: ctx.now,
  })
}

/**
 * Records one work period's pay. Refused when the year's total across all employers would pass
 * the cap for the pay date; the refusal says how much is left, so the part that fits can be
 * recorded instead. At 80 % and 100 % the citizen and the caseworker are told (once a year).
 */
export async function recordEarning(
  ctx: Ctx,
  organisationId: string,
  citizenId: string,
  input: EarningInput,
  options: { origin?: string; page: string },
): Promise<EarningResult | null> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  return inTransaction(ctx.db, async (trx): Promise<EarningResult | null> => {
    const citizen = await lockEmployee(trx, organisationId, citizenId, ctx.now)
    if (!citizen) return null
    const done = await trx
      .selectFrom('frikort_earning')
      .select('id')
      .where('submission_id', '=', input.submissionId)
      .executeTakeFirst()
    if (done) return { ok: true, thresholds: [] }
    const cap = await capForDay(trx, input.paidOn)
    if (!cap) return { ok: false, errors: { paidOn: [`${F}.noCap`] } }
    const year = yearOf(input.paidOn)
    const before = await yearTotal(trx, citizen.id, year)
    const check = checkEntry(before, cap.amountOre, input.amount)
    if (!check.ok)
      return {
        ok: false,
        errors: { amount: [check.remainingOre > 0 ? `${F}.overCap` : `${F}.capReached`] },
        remainingOre: check.remainingOre,
        capOre: cap.amountOre,
      }
    const row = await trx
      .insertInto('frikort_earning')
      .values({
        citizen_id: citizen.id,
        employer_organisation_id: organisationId,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        paid_on: input.paidOn,
        amount_ore: input.amount,
        note: input.note,
        submission_id: input.submissionId,
        recorded_by: ctx.actor.personId,
        recorded_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const crossed = thresholdsCrossed(before, check.newTotalOre, cap.amountOre)
    await notifyThresholds(trx, {
      citizenId: citizen.id,
      year,
      crossed,
      totalOre: check.newTotalOre,
      capOre: cap.amountOre,
      origin: options.origin,
    })
    await logEarning(
      trx,
      ctx,
      citizen,
      row.id,
      'frikort.earning.recorded',
      { amountOre: input.amount, paidOn: input.paidOn, organisationId },
      options.page,
    )
    return { ok: true, thresholds: crossed }
  })
}

/** A correction: the whole entry is reversed by a negative one on the same pay date. */
export async function reverseEarning(
  ctx: Ctx,
  organisationId: string,
  citizenId: string,
  earningId: string,
  options: { page: string },
): Promise<EarningResult | null> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await lockEmployee(trx, organisationId, citizenId, ctx.now)
    if (!citizen) return null
    const original = await trx
      .selectFrom('frikort_earning as e')
      .leftJoin('frikort_earning as r', 'r.reverses_earning_id', 'e.id')
      .select([
        'e.id',
        'e.period_start',
        'e.period_end',
        'e.paid_on',
        'e.amount_ore',
        'r.id as reversed_by',
      ])
      .where('e.id', '=', earningId)
      .where('e.citizen_id', '=', citizen.id)
      .where('e.employer_organisation_id', '=', organisationId)
      .where('e.amount_ore', '>', 0)
      .executeTakeFirst()
    if (!original) return { ok: false, errors: { '': [`${F}.invalidRequest`] } }
    if (original.reversed_by) return { ok: true, thresholds: [] }
    const row = await trx
      .insertInto('frikort_earning')
      .values({
        citizen_id: citizen.id,
        employer_organisation_id: organisationId,
        period_start: original.period_start,
        period_end: original.period_end,
        paid_on: original.paid_on,
        amount_ore: -original.amount_ore,
        reverses_earning_id: original.id,
        recorded_by: ctx.actor.personId,
        recorded_at: ctx.now,
      })
      .onConflict((oc) => oc.column('reverses_earning_id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (row)
      await logEarning(
        trx,
        ctx,
        citizen,
        row.id,
        'frikort.earning.reversed',
        { reverses: original.id, amountOre: -original.amount_ore, organisationId },
        options.page,
      )
    return { ok: true, thresholds: [] }
  })
}

/** This employer's entries for one employee and period, for its own registration. */
export async function exportEarnings(
  ctx: Ctx,
  organisationId: string,
  citizenId: string,
  period: { from: string | null; to: string | null },
  page: string,
): Promise<{ name: string | null; earnings: EarningRow[] } | null> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const row = await employeeQuery(ctx.db, organisationId, ctx.now)
    .where('c.id', '=', citizenId)
    .executeTakeFirst()
  if (!row) return null
  const earnings = await listEarnings(ctx.db, row.id, { employerId: organisationId, ...period })
  await recordAccess(ctx, {
    citizenId: row.id,
    municipalityId: row.municipality_id,
    recordType: 'frikort',
    recordId: row.id,
    page,
    details: { export: 'csv', ...period },
  })
  return { name: row.name_allowed ? row.chosen_name : null, earnings }
}
