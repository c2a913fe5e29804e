// `npm run db:migrate`: brings the database in DATABASE_URL (or the embedded one in
// PGLITE_DIR, when no app process has it open) to the latest migration. Safe to run from
// several instances at once: kysely's migrator takes a lock.
import { openDatabase } from '../app/db.server.ts'
import { migrateToLatest } from './migrate.ts'

const url = process.env.DATABASE_URL
const database = url
  ? await openDatabase({ url, poolSize: 1 })
  : await openDatabase({ pgliteDir: process.env.PGLITE_DIR ?? './.data/pglite' })
try {
  const result = await migrateToLatest(database.db)
  const applied = result.results?.filter((r) => r.status === 'Success') ?? []
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s):\n${applied.map((r) => `  ${r.migrationName}`).join('\n')}`
      : 'The database is up to date.',
  )
} finally {
  await database.close()
}
