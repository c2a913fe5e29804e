import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { listAuditActions } from '~/modules/audit/search.server'
import * as auditPage from '~/routes/admin.audit'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { callRoute, createPerson, getRequest, sessionCookieFor } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// /admin/audit: what an administrator may read of the trail (their municipality's), how the
// filters narrow it, and that reading it is itself written down.

const F = DEMO.frederiksberg
const R = DEMO.rodovre
const RECORD = '7a1c9e52-3b4d-4f60-8a71-92b3c4d5e6f7'

let database: Database
let fAdminCookie: string
let fAdminId: string
let rAdminCookie: string
let fCaseworkerId: string
let fCaseworkerCookie: string

interface Row {
  id: number
  who: string | null
  action: string
  record: string | null
  page: string | null
  ip: string | null
  iso: string
}

const search = async (cookie: string, query = '') =>
  callRoute(auditPage.loader, getRequest(`/admin/audit${query}`, cookie))

async function insert(
  rows: {
    at: string
    action: string
    actor: string | null
    municipality: string | null
    recordId?: string
    ip?: string
  }[],
) {
  await database.db
    .insertInto('audit_log')
    .values(
      rows.map((r) => ({
        occurred_at: r.at,
        action: r.action,
        actor_person_id: r.actor,
        municipality_id: r.municipality,
        record_type: r.recordId ? 'citizen' : null,
        record_id: r.recordId ?? null,
        page: '/case/citizens',
        ip_hash: r.ip ?? null,
      })),
    )
    .execute()
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db)
  const { db } = database
  const fAdmin = await createPerson(db, {
    name: 'Frida Admin',
    email: 'frida@frederiksberg.test',
    municipalRoles: [{ municipalityId: F, role: 'administrator' }],
  })
  fAdminId = fAdmin.id
  fAdminCookie = await sessionCookieFor(db, fAdmin.id)
  const rAdmin = await createPerson(db, {
    name: 'Rune Admin',
    email: 'rune@rodovre.test',
    municipalRoles: [{ municipalityId: R, role: 'administrator' }],
  })
  rAdminCookie = await sessionCookieFor(db, rAdmin.id)
  const fCaseworker = await createPerson(db, {
    name: 'Karin Sag',
    email: 'Karin.Sag@frederiksberg.test',
    municipalRoles: [{ municipalityId: F, role: 'caseworker' }],
  })
  fCaseworkerId = fCaseworker.id
  fCaseworkerCookie = await sessionCookieFor(db, fCaseworker.id)
  const rCaseworker = await createPerson(db, {
    name: 'Rasmus Sag',
    email: 'rasmus@rodovre.test',
    municipalRoles: [{ municipalityId: R, role: 'caseworker' }],
  })
  const both = await createPerson(db, {
    name: 'Bo Begge',
    email: 'bo@begge.test',
    municipalRoles: [
      { municipalityId: F, role: 'caseworker' },
      { municipalityId: R, role: 'caseworker' },
    ],
  })
  const citizen = await createPerson(db, {
    name: 'Mikkel',
    email: 'mikkel@example.dk',
    citizenOf: F,
  })

  await insert([
    {
      at: '2026-03-10T12:00:00Z',
      action: 'citizen.read',
      actor: fCaseworker.id,
      municipality: F,
      recordId: RECORD,
      ip: 'abcdef0123456789abcdef0123456789',
    },
    // 00:30 on 29 March in Copenhagen (CET, UTC+1), still 28 March in UTC.
    { at: '2026-03-28T23:30:00Z', action: 'auth.login', actor: fCaseworker.id, municipality: null },
    // 01:30 on 1 July in Copenhagen (CEST, UTC+2), still 30 June in UTC.
    {
      at: '2026-06-30T23:30:00Z',
      action: 'citizen.change',
      actor: fCaseworker.id,
      municipality: F,
      recordId: RECORD,
    },
    {
      at: '2026-03-11T09:00:00Z',
      action: 'citizen.read',
      actor: rCaseworker.id,
      municipality: R,
      recordId: RECORD,
    },
    { at: '2026-03-11T09:05:00Z', action: 'auth.login', actor: rCaseworker.id, municipality: null },
    {
      at: '2026-03-12T10:00:00Z',
      action: 'citizen.read',
      actor: both.id,
      municipality: R,
      recordId: RECORD,
    },
    { at: '2026-03-12T10:05:00Z', action: 'auth.login', actor: both.id, municipality: null },
    { at: '2026-03-13T08:00:00Z', action: 'auth.login', actor: citizen.id, municipality: null },
  ])
})

describe('/admin/audit', () => {
  it('shows only the municipality’s rows and its own staff’s, newest first, with the columns the page needs', async () => {
    const res = await search(fAdminCookie, '?from=2026-01-01&to=2026-08-31')
    expect(res.status).toBe(200)
    const rows: Row[] = res.data.rows
    expect(rows.map((r) => [r.who, r.action])).toEqual([
      ['Karin Sag', 'citizen.change'],
      ['Karin Sag', 'auth.login'],
      ['Bo Begge', 'auth.login'],
      ['Karin Sag', 'citizen.read'],
    ])
    const read = rows.find((r) => r.action === 'citizen.read')!
    expect(read.record).toBe(`citizen ${RECORD}`)
    expect(read.page).toBe('/case/citizens')
    expect(read.ip).toBe('abcdef01')
    // Rødovre's rows — also those by someone who works in both — stay with Rødovre.
    expect(rows.some((r) => r.who === 'Rasmus Sag')).toBe(false)
    expect(rows.some((r) => r.who === 'Bo Begge' && r.action === 'citizen.read')).toBe(false)
    expect(rows.some((r) => r.who === 'Mikkel')).toBe(false)
  })

  it('is scoped the other way round for Rødovre, and 403 for Frederiksberg', async () => {
    const res = await search(rAdminCookie, '?from=2026-01-01&to=2026-08-31')
    expect(res.status).toBe(200)
    const rows: Row[] = res.data.rows
    expect(rows.map((r) => r.who).sort()).toEqual([
      'Bo Begge',
      'Bo Begge',
      'Rasmus Sag',
      'Rasmus Sag',
    ])
    expect(rows.some((r) => r.who === 'Karin Sag')).toBe(false)
    expect((await search(rAdminCookie, `?municipality=${F}`)).status).toBe(403)
  })

  it('filters by person (the e-mail, whatever the case)', async () => {
    const res = await search(
      fAdminCookie,
      `?email=${encodeURIComponent('KARIN.sag@Frederiksberg.test')}`,
    )
    expect(res.status).toBe(200)
    expect(new Set(res.data.rows.map((r: Row) => r.who))).toEqual(new Set(['Karin Sag']))
    expect(res.data.rows).toHaveLength(3)
    const unknown = await search(fAdminCookie, `?email=${encodeURIComponent('nobody@example.dk')}`)
    expect(unknown.data.rows).toEqual([])
  })

  it('filters by action and by record id', async () => {
    const byAction = await search(fAdminCookie, '?action=auth.login&to=2026-12-31')
    expect(byAction.data.rows.map((r: Row) => r.who)).toEqual(['Karin Sag', 'Bo Begge'])
    const byRecord = await search(fAdminCookie, `?recordId=${RECORD}`)
    expect(byRecord.data.rows.map((r: Row) => r.action)).toEqual(['citizen.change', 'citizen.read'])
    expect(byAction.data.actions).toEqual(
      expect.arrayContaining(['auth.login', 'citizen.read', 'citizen.change']),
    )
  })

  it('filters by period in Copenhagen time, both ends included', async () => {
    const day = await search(fAdminCookie, '?from=2026-03-29&to=2026-03-29')
    expect(day.data.rows.map((r: Row) => r.iso)).toEqual(['2026-03-28T23:30:00.000Z'])
    const before = await search(fAdminCookie, '?from=2026-03-01&to=2026-03-28')
    expect(before.data.rows.map((r: Row) => r.iso)).toEqual([
      '2026-03-12T10:05:00.000Z',
      '2026-03-10T12:00:00.000Z',
    ])
    const summer = await search(fAdminCookie, '?from=2026-07-01&to=2026-07-01')
    expect(summer.data.rows.map((r: Row) => r.action)).toEqual(['citizen.change'])
    const june = await search(fAdminCookie, '?from=2026-06-01&to=2026-06-30')
    expect(june.data.rows).toEqual([])
  })

  it('answers bad filters with 400 and the field’s error, never 500', async () => {
    const badId = await search(fAdminCookie, "?recordId=1'%20or%201=1")
    expect(badId.status).toBe(400)
    expect(badId.data.errors.recordId).toEqual(['pages.admin.audit.errors.recordIdInvalid'])
    expect(badId.data.values.recordId).toBe("1' or 1=1")
    const badDate = await search(fAdminCookie, '?from=2026-02-30')
    expect(badDate.status).toBe(400)
    expect(badDate.data.errors.from).toEqual(['pages.admin.audit.errors.dateInvalid'])
    const reversed = await search(fAdminCookie, '?from=2026-05-01&to=2026-04-01')
    expect(reversed.status).toBe(400)
    expect(reversed.data.errors.to).toEqual(['pages.admin.audit.errors.periodOrder'])
    const badEmail = await search(fAdminCookie, '?email=not-an-address')
    expect(badEmail.status).toBe(400)
    const badPage = await search(fAdminCookie, '?page=-3')
    expect(badPage.status).toBe(200)
    expect(badPage.data.page).toBe(1)
  })

  it('writes every search to the trail', async () => {
    const before = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'audit.searched')
      .where('actor_person_id', '=', fAdminId)
      .execute()
    await search(fAdminCookie, '?action=citizen.read')
    const after = await database.db
      .selectFrom('audit_log')
      .select(['municipality_id', 'details', 'page'])
      .where('action', '=', 'audit.searched')
      .where('actor_person_id', '=', fAdminId)
      .orderBy('id', 'desc')
      .execute()
    expect(after).toHaveLength(before.length + 1)
    expect(after[0]).toMatchObject({
      municipality_id: F,
      page: '/admin/audit',
      details: { filters: { action: 'citizen.read' }, results: 1 },
    })
  })

  it('pages 50 rows at a time with previous and next links that keep the filters', async () => {
    await insert(
      Array.from({ length: 120 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 8, 1, 8, 0, i)).toISOString(),
        action: 'test.bulk',
        actor: fCaseworkerId,
        municipality: F,
      })),
    )
    const first = await search(fAdminCookie, '?action=test.bulk')
    expect(first.data.rows).toHaveLength(50)
    expect(first.data.previousHref).toBeNull()
    expect(first.data.nextHref).toBe('/admin/audit?action=test.bulk&page=2')
    const second = await search(fAdminCookie, '?action=test.bulk&page=2')
    expect(second.data.rows).toHaveLength(50)
    expect(second.data.previousHref).toBe('/admin/audit?action=test.bulk')
    expect(second.data.rows[0].id).toBeLessThan(first.data.rows[49].id)
    const third = await search(fAdminCookie, '?action=test.bulk&page=3')
    expect(third.data.rows).toHaveLength(20)
    expect(third.data.nextHref).toBeNull()
    const seen = new Set(
      [...first.data.rows, ...second.data.rows, ...third.data.rows].map((r: Row) => r.id),
    )
    expect(seen.size).toBe(120)
  })

  it('is for administrators only', async () => {
    expect((await search(fCaseworkerCookie)).status).toBe(403)
  })

  it('lists every action name once', async () => {
    const actions = await listAuditActions(database.db)
    expect(new Set(actions).size).toBe(actions.length)
    expect(actions).toEqual(
      expect.arrayContaining([
        'audit.searched',
        'auth.login',
        'citizen.change',
        'citizen.read',
        'test.bulk',
      ]),
    )
  })
})
