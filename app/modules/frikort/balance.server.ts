import { sql } from 'kysely'
import type { Executor } from '~/db.server'
import { utcToZoned } from '../activities/schedule'
import { balanceOf, capFor, yearOf, type Balance, type Cap } from './rules'

/** Today in Copenhagen: what "this year" means for a balance. */
export const localToday = (now: Date) => utcToZoned(now).date

export async function listCaps(db: Executor): Promise<Cap[]> {
  const rows = await db
    .selectFrom('frikort_cap')
    .select(['id', 'valid_from', 'valid_to', 'amount_ore'])
    .orderBy('valid_from')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    amountOre: r.amount_ore,
  }))
}

export async function capForDay(db: Executor, day: string): Promise<Cap | null> {
  const row = await db
    .selectFrom('frikort_cap')
    .select(['id', 'valid_from', 'valid_to', 'amount_ore'])
    .where('valid_from', '<=', day)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
    .executeTakeFirst()
  return row
    ? { id: row.id, validFrom: row.valid_from, validTo: row.valid_to, amountOre: row.amount_ore }
    : null
}

/** The citizen's total paid in a calendar year, across every employer, reversals included. */
export async function yearTotal(db: Executor, citizenId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('frikort_earning')
    .select(sql<number>`coalesce(sum(amount_ore), 0)::int`.as('total'))
    .where('citizen_id', '=', citizenId)
    .where('paid_on', '>=', `${year}-01-01`)
    .where('paid_on', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow()
  return Number(row.total)
}

/** The balance for the year of `day`, against the cap that applies on that day. */
export async function balanceOn(db: Executor, citizenId: string, day: string): Promise<Balance> {
  const [total, cap] = await Promise.all([
    yearTotal(db, citizenId, yearOf(day)),
    capForDay(db, day),
  ])
  return balanceOf(yearOf(day), total, cap?.amountOre ?? null)
}

/** This year's balance for several citizens at once (lists). */
export async function balancesToday(
  db: Executor,
  citizenIds: string[],
  now: Date,
): Promise<Map<string, Balance>> {
  const today = localToday(now)
  const year = yearOf(today)
  const result = new Map<string, Balance>()
  if (citizenIds.length === 0) return result
  const [rows, caps] = await Promise.all([
    db
      .selectFrom('frikort_earning')
      .select(['citizen_id', sql<number>`coalesce(sum(amount_ore), 0)::int`.as('total')])
      .where('citizen_id', 'in', citizenIds)
      .where('paid_on', '>=', `${year}-01-01`)
      .where('paid_on', '<=', `${year}-12-31`)
      .groupBy('citizen_id')
      .execute(),
    listCaps(db),
  ])
  const cap = capFor(caps, today)?.amountOre ?? null
  const totals = new Map(rows.map((r) => [r.citizen_id, Number(r.total)]))
  for (const id of citizenIds) result.set(id, balanceOf(year, totals.get(id) ?? 0, cap))
  return result
}

export interface EarningRow {
  id: string
  employerId: string
  employerName: string
  periodStart: string
  periodEnd: string
  paidOn: string
  amountOre: number
  reversesId: string | null
  reversedBy: string | null
  note: string | null
  recordedAt: Date
}

/** Earnings of one citizen, newest pay date first; `employerId` narrows to one employer. */
export async function listEarnings(
  db: Executor,
  citizenId: string,
  options: { employerId?: string; from?: string | null; to?: string | null } = {},
): Promise<EarningRow[]> {
  let query = db
    .selectFrom('frikort_earning as e')
    .innerJoin('organisation as o', 'o.id', 'e.employer_organisation_id')
    .leftJoin('frikort_earning as r', 'r.reverses_earning_id', 'e.id')
    .select([
      'e.id',
      'e.employer_organisation_id',
      'o.name',
      'e.period_start',
      'e.period_end',
      'e.paid_on',
      'e.amount_ore',
      'e.reverses_earning_id',
      'r.id as reversed_by',
      'e.note',
      'e.recorded_at',
    ])
    .where('e.citizen_id', '=', citizenId)
  if (options.employerId) query = query.where('e.employer_organisation_id', '=', options.employerId)
  if (options.from) query = query.where('e.paid_on', '>=', options.from)
  if (options.to) query = query.where('e.paid_on', '<=', options.to)
  const rows = await query.orderBy('e.paid_on', 'desc').orderBy('e.recorded_at', 'desc').execute()
  return rows.map((r) => ({
    id: r.id,
    employerId: r.employer_organisation_id,
    employerName: r.name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    paidOn: r.paid_on,
    amountOre: r.amount_ore,
    reversesId: r.reverses_earning_id,
    reversedBy: r.reversed_by,
    note: r.note,
    recordedAt: new Date(r.recorded_at),
  }))
}
