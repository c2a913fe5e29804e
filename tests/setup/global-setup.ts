import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../app/db.server.ts'
import { migrateToLatest } from '../../db/migrate.ts'

export const GOLDEN_DB = 'brobygger_golden'

// Migrate one "golden" database per run; every test file gets its own clone of it (~1 s)
// instead of a fresh database with migrations (~3 s each).
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`drop database if exists ${GOLDEN_DB} with (force)`)
    await admin.query(`create database ${GOLDEN_DB}`)
    await admin.end()
    const golden = await openDatabase({ url: withDatabase(url, GOLDEN_DB), poolSize: 1 })
    await migrateToLatest(golden.db)
    await golden.close()
    project.provide('goldenPostgres', GOLDEN_DB)
    return
  }
  const pglite = await PGlite.create('memory://')
  const golden = await openDatabase({ pglite })
  await migrateToLatest(golden.db)
  await golden.close()
  const dump = await pglite.dumpDataDir('gzip')
  await pglite.close()
  const dir = path.resolve('.data/test')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `golden-${process.pid}.tar.gz`)
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  project.provide('goldenPglite', file)
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

declare module 'vitest' {
  export interface ProvidedContext {
    goldenPglite?: string
    goldenPostgres?: string
  }
}
