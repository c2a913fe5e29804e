import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { openDatabase, useDatabase, type Database } from '../../app/db.server.ts'
import { withDatabase } from './global-setup.ts'

/**
 * A database of its own for this test file: a PGlite clone of the migrated golden database,
 * or, with TEST_DATABASE_URL, a PostgreSQL database created from the golden template.
 * It is installed as the app's database (loaders and actions use it) and closed after the file.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL
  let database: Database
  if (url) {
    const name = `brobygger_t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    // Cloning needs the template to be idle; one clone at a time across parallel test files.
    await admin.query('select pg_advisory_lock(4242)')
    try {
      await admin.query(`create database ${name} template ${inject('goldenPostgres')}`)
    } finally {
      await admin.query('select pg_advisory_unlock(4242)')
      await admin.end()
    }
    const opened = await openDatabase({ url: withDatabase(url, name), poolSize: 4 })
    database = {
      ...opened,
      close: async () => {
        await opened.close()
        const dropper = new pg.Client({ connectionString: url })
        await dropper.connect()
        await dropper.query(`drop database if exists ${name} with (force)`)
        await dropper.end()
      },
    }
  } else {
    const file = inject('goldenPglite')
    if (!file)
      throw new Error('The golden test database was not prepared (tests/setup/global-setup.ts).')
    const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) })
    database = await openDatabase({ pglite, ownsPglite: true })
  }
  useDatabase(database)
  afterAll(() => database.close())
  return database
}
