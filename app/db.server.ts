import { mkdirSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { Kysely, PostgresDialect, sql, type RawBuilder, type Transaction } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import type { DB } from '../db/schema.ts'
import { migrateToLatest } from '../db/migrate.ts'

export type Executor = Kysely<DB> | Transaction<DB>

export interface Database {
  db: Kysely<DB>
  engine: 'postgres' | 'pglite'
  /** Present for the embedded engine (tests clone it with dumpDataDir). */
  pglite?: PGlite
  close(): Promise<void>
}

// `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift.
pg.types.setTypeParser(1082, (v: string) => v)
// bigint counts fit easily in a JS number here (row counts, øre amounts under 2^53).
pg.types.setTypeParser(20, (v: string) => Number(v))

// A query run on every view of a busy page can be prepared once per connection instead of
// planned on every call (planning was a fifth of the buddy suggestions' cost, ADR 020): it starts
// with `preparedStatement(label)`, and the pool's clients send such SQL as a named statement,
// named after its text. Same SQL on both engines; only how it travels differs.
const PREPARED_MARKER = '/* prepared:'
const PREPARED_LABEL = /^\s*(?:[a-z]+ )?\/\* prepared:([a-z_]+) \*\//
const statementNames = new Map<string, string>()

/** Put first in a `sql` template: that statement is prepared once per connection. */
export function preparedStatement(label: string): RawBuilder<unknown> {
  if (!/^[a-z_]{1,40}$/.test(label)) throw new Error(`Bad prepared statement label: ${label}`)
  return sql.raw(`${PREPARED_MARKER}${label} */`)
}

function statementName(text: string): string | undefined {
  let name = statementNames.get(text)
  if (name === undefined) {
    // First in the text, or right after the leading keyword (kysely's `modifyFront`).
    const label = PREPARED_LABEL.exec(text.slice(0, 80))?.[1]
    if (!label) return undefined
    name = `${label}_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`
    statementNames.set(text, name)
  }
  return name
}

function prepareMarkedStatements(pool: pg.Pool): pg.Pool {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    client.query = ((...args: unknown[]) => {
      const [text, values] = args
      const name =
        typeof text === 'string' && args.length <= 2 && text.lastIndexOf(PREPARED_MARKER, 40) >= 0
          ? statementName(text)
          : undefined
      return name ? query({ name, text, values }) : query(...args)
    }) as typeof client.query
  })
  return pool
}

export type OpenOptions =
  | { url: string; poolSize?: number }
  | { pgliteDir: string }
  | { pglite: PGlite; ownsPglite?: boolean }

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ('url' in options) {
    const pool = prepareMarkedStatements(
      new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 }),
    )
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    return { db, engine: 'postgres', close: () => db.destroy() }
  }
  let pglite: PGlite
  let owns = true
  if ('pglite' in options) {
    pglite = options.pglite
    owns = options.ownsPglite ?? false
  } else {
    if (!options.pgliteDir.startsWith('memory://'))
      mkdirSync(options.pgliteDir, { recursive: true })
    pglite = await PGlite.create(options.pgliteDir)
  }
  // PGlite is one connection; its node-postgres adapter must not be given a larger pool.
  const pool = prepareMarkedStatements(
    new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig),
  )
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy()
      if (owns) await pglite.close()
    },
  }
}

// One database per process. A failed start is not cached, so the next request tries again.
let current: Promise<Database> | undefined

export interface StartOptions {
  databaseUrl?: string
  pgliteDir: string
  /** Run migrations in this process (always for the embedded engine, which one process owns). */
  migrate?: boolean
}

export function startDatabase(options: StartOptions): Promise<Database> {
  if (current) return current
  const attempt = (async () => {
    const database = options.databaseUrl
      ? await openDatabase({ url: options.databaseUrl })
      : await openDatabase({ pgliteDir: options.pgliteDir })
    if (options.migrate || database.engine === 'pglite') await migrateToLatest(database.db)
    return database
  })()
  current = attempt
  attempt.catch(() => {
    if (current === attempt) current = undefined
  })
  return attempt
}

/** Tests install the database they made (a PGlite clone or a PostgreSQL schema). */
export function useDatabase(database: Database): void {
  current = Promise.resolve(database)
}

export async function getDatabase(): Promise<Database> {
  if (!current) throw new Error('The database has not been started (startDatabase was not called).')
  return current
}

export async function getDb(): Promise<Kysely<DB>> {
  return (await getDatabase()).db
}

export async function stopDatabase(): Promise<void> {
  const database = current
  current = undefined
  if (database) await (await database).close()
}

/** Runs `fn` in a transaction: the caller's, when it already is one, else a new one. */
export function inTransaction<T>(
  db: Executor,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn)
}
