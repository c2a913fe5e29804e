import { readdirSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../app/db.server.ts'
import { createTestDatabase } from '../tests/setup/database.ts'
import { migrations } from './migrations/index.ts'

describe('migrations', () => {
  it('lists every migration file, in file-name order', () => {
    const files = readdirSync(path.join(import.meta.dirname, 'migrations'))
      .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort()
    expect(Object.keys(migrations)).toEqual(files)
  })
})

describe('append-only tables', () => {
  let database: Database
  beforeAll(async () => {
    database = await createTestDatabase()
  })

  for (const table of ['audit_log', 'event'] as const) {
    it(`refuses UPDATE, DELETE and TRUNCATE on ${table}`, async () => {
      const { db } = database
      if (table === 'audit_log') {
        await db.insertInto('audit_log').values({ action: 'test.insert' }).execute()
      } else {
        await db
          .insertInto('event')
          .values({
            entity_type: 'test',
            entity_id: '00000000-0000-4000-8000-000000000001',
            type: 'test.insert',
          })
          .execute()
      }
      await expect(
        sql`update ${sql.table(table)} set occurred_at = now()`.execute(db),
      ).rejects.toThrow(/append-only/)
      await expect(sql`delete from ${sql.table(table)}`.execute(db)).rejects.toThrow(/append-only/)
      await expect(sql`truncate ${sql.table(table)}`.execute(db)).rejects.toThrow(/append-only/)
      const { rows } = await sql<{
        n: number
      }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
      expect(rows[0]?.n).toBe(1)
    })
  }
})
