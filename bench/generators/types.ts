import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'

export interface GeneratorResult {
  /** Rows this run added (0 when the data was already there). */
  inserted: number
  /** Generated rows of this kind in the database after the run. */
  generated: number
  /** All rows in the table after the run, demo seed included. */
  tableRows: number
  /**
   * Session tokens a generator made for people the bench acts as (role → token); written to the
   * marker, sent by `bench/run.js` as the session cookie for routes that declare `as: <role>`.
   */
  sessions?: Record<string, string>
}

/**
 * One table's worth of scale data. Generators run in the order listed in `./index.ts`, each
 * in its own transaction, so a later one can read what an earlier one made.
 */
export interface Generator {
  /** Plural noun: the CLI flag (`--organisations 5000`) and env var (`BENCH_ORGANISATIONS`). */
  name: string
  defaultSize: number
  generate(trx: Transaction<DB>, size: number): Promise<GeneratorResult>
}
