// Fills a database with demo data plus generated rows at a chosen scale, for `npm run bench`.
//   npm run bench:data -- --organisations 5000 --areas 100
// Target: DATABASE_URL (a PostgreSQL server) or else the PGlite folder PGLITE_DIR
// (default ./.data/bench-pglite). Safe to run twice: ids are deterministic and inserts skip
// rows that exist. PGlite folders have one owner: never run this while a server has it open.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../app/db.server.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { seedDemo } from '../db/seed/demo.ts'
import { generators } from './generators/index.ts'
import type { Generator } from './generators/types.ts'

const DEFAULT_PGLITE_DIR = './.data/bench-pglite'
/** Where the sessions of a PostgreSQL generation go (bench/run.js reads them). */
const POSTGRES_SESSIONS = './.data/bench-postgres.sessions.json'

/** Written next to a PGlite folder once generation has finished; `bench/run.js` looks for it. */
function markerFor(pgliteDir: string): string {
  return `${path.resolve(pgliteDir)}.generated.json`
}

function usage(): string {
  const flags = generators.map(
    (g) =>
      `  --${g.name} N`.padEnd(22) +
      `(env BENCH_${g.name.toUpperCase()}, default ${g.defaultSize})`,
  )
  return ['Usage: npm run bench:data -- [flags]', ...flags].join('\n')
}

function sizeOf(name: string, flag: string | undefined, fallback: number): number {
  const raw = flag ?? process.env[`BENCH_${name.toUpperCase()}`]
  if (raw === undefined) return fallback
  const size = Number(raw)
  if (!Number.isSafeInteger(size) || size < 0)
    throw new Error(`--${name} must be a whole number ≥ 0, not "${raw}".`)
  return size
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(generators.map((g) => [g.name, { type: 'string' as const }])),
    },
  })
  if (values.help) {
    console.log(usage())
    return
  }
  const flags = values as Record<string, string | undefined>
  let sizes: { generator: Generator; size: number }[]
  try {
    sizes = generators.map((g) => ({
      generator: g,
      size: sizeOf(g.name, flags[g.name], g.defaultSize),
    }))
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage()}`)
    process.exitCode = 2
    return
  }

  const url = process.env.DATABASE_URL
  const pgliteDir = process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR
  const started = performance.now()
  const database = url
    ? await openDatabase({ url, poolSize: 2 })
    : await openDatabase({ pgliteDir })
  const target = url ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${pgliteDir}`
  console.log(`Generating bench data in ${target}`)
  const made: Record<string, unknown> = {}
  const sessions: Record<string, string> = {}
  try {
    await migrateToLatest(database.db)
    await seedDemo(database.db)
    for (const { generator, size } of sizes) {
      const t0 = performance.now()
      const result = await database.db.transaction().execute((trx) => generator.generate(trx, size))
      const seconds = (performance.now() - t0) / 1000
      const { sessions: madeSessions, ...counts } = result
      Object.assign(sessions, madeSessions)
      made[generator.name] = { size, ...counts, seconds: Number(seconds.toFixed(2)) }
      console.log(
        `  ${generator.name.padEnd(16)} ${String(size).padStart(7)} wanted, ${String(result.inserted).padStart(7)} inserted, ` +
          `${String(result.generated).padStart(7)} generated in total, ${String(result.tableRows).padStart(7)} rows in table  (${seconds.toFixed(2)} s)`,
      )
    }
  } finally {
    await database.close()
  }
  const seconds = (performance.now() - started) / 1000
  if (!url) {
    writeFileSync(
      markerFor(pgliteDir),
      JSON.stringify({ finishedAt: new Date().toISOString(), seconds, made, sessions }, null, 2) +
        '\n',
    )
  } else {
    // PostgreSQL has no marker; the bench reads the sessions from here instead.
    mkdirSync(path.dirname(POSTGRES_SESSIONS), { recursive: true })
    writeFileSync(
      POSTGRES_SESSIONS,
      JSON.stringify({ finishedAt: new Date().toISOString(), sessions }, null, 2) + '\n',
    )
  }
  console.log(`Done in ${seconds.toFixed(1)} s.`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
