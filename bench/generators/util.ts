import { sql, type InsertObject, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'

export const BATCH_SIZE = 500

/**
 * Deterministic ids make every generator idempotent: row i of a kind always has the same id,
 * so a second run inserts with `on conflict do nothing` and adds only what is missing.
 * `kind` (0–4095) keeps kinds apart; the `b` block keeps them apart from the demo seed's ids.
 */
export function benchId(kind: number, index: number): string {
  const k = kind.toString(16).padStart(3, '0')
  const i = index.toString(16).padStart(12, '0')
  return `00000000-0000-4000-b${k}-${i}`
}

/** The prefix all ids of a kind share, for counting the generated rows of that kind. */
export function benchIdPrefix(kind: number): string {
  return `00000000-0000-4000-b${kind.toString(16).padStart(3, '0')}-`
}

/** Inserts rows `BATCH_SIZE` at a time (one multi-row insert each); returns rows inserted. */
export async function insertInBatches<T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  count: number,
  makeRow: (index: number) => InsertObject<DB, T>,
): Promise<number> {
  let inserted = 0
  for (let start = 0; start < count; start += BATCH_SIZE) {
    const rows = []
    for (let i = start; i < Math.min(start + BATCH_SIZE, count); i++) rows.push(makeRow(i))
    const result = await trx
      .insertInto(table)
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return inserted
}

export async function countRows(
  trx: Transaction<DB>,
  table: keyof DB & string,
  idPrefix?: string,
): Promise<number> {
  const where = idPrefix ? sql`where id::text like ${idPrefix + '%'}` : sql``
  const result = await sql<{
    n: number
  }>`select count(*)::int as n from ${sql.table(table)} ${where}`.execute(trx)
  return result.rows[0]?.n ?? 0
}

/** Small deterministic PRNG (mulberry32), so generated data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function listMunicipalities(trx: Transaction<DB>) {
  const rows = await trx
    .selectFrom('municipality')
    .select(['id', 'slug', 'code'])
    .orderBy('slug')
    .execute()
  if (rows.length === 0) throw new Error('No municipalities: seed the demo data before generating.')
  return rows
}
