import { sql } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { ContactPreference, Language } from '../../../db/schema.ts'
import { recordAccess } from '../audit/audit.server'
import type { Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { requireMunicipalRole } from '../identity/guards.server'
import { caseworkerMunicipalities, escapeLike, SEARCH_LIMIT } from './access-codes.server'
import type { RegisterCitizenInput } from './schemas'

// The citizen record (borger) as caseworkers see it. Every query is scoped to the caseworker's
// own municipalities: another municipality's citizen is exactly like one that does not exist
// (PRODUCT.md §2, §5). The safety flag hides address and contact from every caseworker who is
// not one of the citizen's own. Sensitive target groups are tags for municipal staff only.

export const citizenPage = (id: string) => `/case/citizens/${id}`

export interface CitizenListItem {
  id: string
  chosenName: string
  birthYear: number | null
  areaName: string | null
  openReferrals: number
  safetyFlag: boolean
}

export interface CitizenRecord {
  id: string
  municipalityId: string
  municipalityName: string
  chosenName: string
  birthYear: number | null
  language: Language
  areaName: string | null
  contactPreference: ContactPreference
  safetyFlag: boolean
  anonymised: boolean
  /** One of the citizen's own caseworkers: the only ones who see a flagged citizen's contact. */
  isOwnCaseworker: boolean
  /** Null when hidden by the safety flag (see `contactHidden`) or not given. */
  phone: string | null
  email: string | null
  address: string | null
  contactHidden: boolean
  hasLogin: boolean
  targetGroups: { id: string; nameDa: string; nameEn: string }[]
  caseworkers: string[]
  openErasureRequest: { id: string; dueAt: Date } | null
}

/** The person asking is one of the citizen's caseworkers (registered or referred them). */
export async function addCaseworker(db: Executor, citizenId: string, personId: string, now: Date) {
  await db
    .insertInto('citizen_caseworker')
    .values({ citizen_id: citizenId, person_id: personId, added_at: now })
    .onConflict((oc) => oc.columns(['citizen_id', 'person_id']).doNothing())
    .execute()
}

/** Every target group, for the caseworker's tag choice; sensitive ones are marked. */
export async function listTargetGroups(db: Executor) {
  return db
    .selectFrom('target_group')
    .select(['id', 'code', 'name_da', 'name_en', 'sensitive'])
    .orderBy('name_da')
    .execute()
}

/** Citizens of the caseworker's municipalities whose chosen name contains `query`. */
export async function findCitizens(ctx: Ctx, query: string): Promise<CitizenListItem[]> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  const q = query.trim()
  if (!q) return []
  const rows = await citizenList(ctx.db)
    .where('c.municipality_id', 'in', municipalityIds)
    .where('c.anonymised_at', 'is', null)
    .where(sql<boolean>`c.chosen_name ilike ${`%${escapeLike(q)}%`}`)
    .orderBy('c.chosen_name')
    .limit(SEARCH_LIMIT)
    .execute()
  await logListRead(ctx, rows, '/case/citizens')
  return rows.map(listItem)
}

/** The caseworker's own citizens (citizen_caseworker), newest first. */
export async function listMyCitizens(ctx: Ctx): Promise<CitizenListItem[]> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  const rows = await citizenList(ctx.db)
    .innerJoin('citizen_caseworker as cc', 'cc.citizen_id', 'c.id')
    .where('cc.person_id', '=', ctx.actor.personId)
    .where('c.municipality_id', 'in', municipalityIds)
    .where('c.anonymised_at', 'is', null)
    .orderBy('c.chosen_name')
    .limit(200)
    .execute()
  await logListRead(ctx, rows, '/case')
  return rows.map(listItem)
}

function citizenList(db: Executor) {
  return db
    .selectFrom('citizen as c')
    .leftJoin('area as a', 'a.id', 'c.area_id')
    .select((eb) => [
      'c.id',
      'c.municipality_id',
      'c.chosen_name',
      'c.birth_year',
      'c.safety_flag',
      'a.name as area_name',
      eb
        .selectFrom('referral as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.citizen_id', '=', 'c.id')
        .where('r.state', 'in', ['sent', 'accepted', 'in_progress'])
        .as('open_referrals'),
    ])
}

type ListRow = {
  id: string
  municipality_id: string
  chosen_name: string
  birth_year: number | null
  safety_flag: boolean
  area_name: string | null
  open_referrals: number | null
}

const listItem = (r: ListRow): CitizenListItem => ({
  id: r.id,
  chosenName: r.chosen_name,
  birthYear: r.birth_year,
  areaName: r.area_name,
  openReferrals: Number(r.open_referrals ?? 0),
  safetyFlag: r.safety_flag,
})

async function logListRead(ctx: Ctx, rows: ListRow[], page: string) {
  for (const r of rows)
    await recordAccess(ctx, {
      citizenId: r.id,
      municipalityId: r.municipality_id,
      recordType: 'citizen',
      recordId: r.id,
      page,
      details: { view: 'list' },
    })
}

/**
 * Registers a citizen with what the work needs and nothing more (no CPR number exists). The
 * caseworker becomes one of the citizen's caseworkers. A person row is made so the citizen can
 * later sign in with an access code.
 */
export type RegisterResult =
  { ok: true; id: string } | { ok: false; errors: Record<string, string[]> }

export async function registerCitizen(
  ctx: Ctx,
  input: RegisterCitizenInput,
): Promise<RegisterResult> {
  const municipalityId = requireMunicipalRole(ctx, ['caseworker'], input.municipalityId)
  return inTransaction(ctx.db, async (trx): Promise<RegisterResult> => {
    if (input.areaId) {
      const area = await trx
        .selectFrom('area')
        .select('id')
        .where('id', '=', input.areaId)
        .where('municipality_id', '=', municipalityId)
        .executeTakeFirst()
      if (!area)
        return { ok: false, errors: { areaId: ['pages.case.citizens.errors.areaInvalid'] } }
    }
    const groups = input.targetGroups.length
      ? await trx
          .selectFrom('target_group')
          .select('id')
          .where('id', 'in', input.targetGroups)
          .execute()
      : []
    if (groups.length !== new Set(input.targetGroups).size)
      return {
        ok: false,
        errors: { targetGroups: ['pages.case.citizens.errors.targetGroupInvalid'] },
      }
    const person = await trx
      .insertInto('person')
      .values({
        display_name: input.chosenName,
        language: input.language,
        contact_preference: input.contactPreference,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const citizen = await trx
      .insertInto('citizen')
      .values({
        municipality_id: municipalityId,
        person_id: person.id,
        chosen_name: input.chosenName,
        birth_year: input.birthYear ?? null,
        language: input.language,
        area_id: input.areaId ?? null,
        contact_preference: input.contactPreference,
        phone: input.phone ?? null,
        email: input.email ?? null,
        address: input.address ?? null,
        safety_flag: input.safetyFlag,
        created_by: ctx.actor.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await addCaseworker(trx, citizen.id, ctx.actor.personId, ctx.now)
    if (groups.length)
      await trx
        .insertInto('citizen_target_group')
        .values(groups.map((g) => ({ citizen_id: citizen.id, target_group_id: g.id })))
        .execute()
    await recordAccess(
      { ...ctx, db: trx },
      {
        citizenId: citizen.id,
        municipalityId,
        action: 'citizen.change',
        recordType: 'citizen',
        recordId: citizen.id,
        page: '/case/citizens/new',
        details: { change: 'created' },
      },
    )
    return { ok: true, id: citizen.id }
  })
}

/**
 * One citizen of the caseworker's municipalities, or null (also for another municipality's
 * citizen). Every read is written to the access log the citizen can see.
 */
export async function getCitizenForCaseworker(
  ctx: Ctx,
  citizenId: string,
  page: string,
): Promise<CitizenRecord | null> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  if (!isUuid(citizenId)) return null
  const row = await ctx.db
    .selectFrom('citizen as c')
    .innerJoin('municipality as m', 'm.id', 'c.municipality_id')
    .leftJoin('area as a', 'a.id', 'c.area_id')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .select((eb) => [
      'c.id',
      'c.municipality_id',
      'm.name as municipality_name',
      'c.chosen_name',
      'c.birth_year',
      'c.language',
      'a.name as area_name',
      'c.contact_preference',
      'c.safety_flag',
      'c.anonymised_at',
      'c.phone',
      'c.email',
      'c.address',
      eb
        .or([
          eb.and([eb('p.email', 'is not', null), eb('p.password_hash', 'is not', null)]),
          eb.exists(
            eb
              .selectFrom('device_credential as d')
              .select('d.id')
              .whereRef('d.person_id', '=', 'p.id')
              .where('d.revoked_at', 'is', null),
          ),
        ])
        .as('has_login'),
      eb
        .exists(
          eb
            .selectFrom('citizen_caseworker as cc')
            .select('cc.person_id')
            .whereRef('cc.citizen_id', '=', 'c.id')
            .where('cc.person_id', '=', ctx.actor.personId),
        )
        .as('is_own'),
    ])
    .where('c.id', '=', citizenId)
    .where('c.municipality_id', 'in', municipalityIds)
    .executeTakeFirst()
  if (!row) return null
  const [groups, caseworkers, erasure] = await Promise.all([
    ctx.db
      .selectFrom('citizen_target_group as ct')
      .innerJoin('target_group as tg', 'tg.id', 'ct.target_group_id')
      .select(['tg.id', 'tg.name_da', 'tg.name_en'])
      .where('ct.citizen_id', '=', row.id)
      .orderBy('tg.name_da')
      .execute(),
    ctx.db
      .selectFrom('citizen_caseworker as cc')
      .innerJoin('person as p', 'p.id', 'cc.person_id')
      .select('p.display_name')
      .where('cc.citizen_id', '=', row.id)
      .orderBy('cc.added_at')
      .execute(),
    ctx.db
      .selectFrom('erasure_request')
      .select(['id', 'due_at'])
      .where('citizen_id', '=', row.id)
      .where('completed_at', 'is', null)
      .orderBy('requested_at')
      .executeTakeFirst(),
  ])
  await recordAccess(ctx, {
    citizenId: row.id,
    municipalityId: row.municipality_id,
    recordType: 'citizen',
    recordId: row.id,
    page,
  })
  const contactHidden = row.safety_flag && !row.is_own
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    municipalityName: row.municipality_name,
    chosenName: row.chosen_name,
    birthYear: row.birth_year,
    language: row.language as Language,
    areaName: row.area_name,
    contactPreference: row.contact_preference as ContactPreference,
    safetyFlag: row.safety_flag,
    anonymised: row.anonymised_at !== null,
    isOwnCaseworker: Boolean(row.is_own),
    phone: contactHidden ? null : row.phone,
    email: contactHidden ? null : row.email,
    address: contactHidden ? null : row.address,
    contactHidden,
    hasLogin: Boolean(row.has_login),
    targetGroups: groups.map((g) => ({ id: g.id, nameDa: g.name_da, nameEn: g.name_en })),
    caseworkers: caseworkers.map((c) => c.display_name),
    openErasureRequest: erasure ? { id: erasure.id, dueAt: new Date(erasure.due_at) } : null,
  }
}

/**
 * The citizen's id and municipality when the caseworker may act on them (own municipality, not
 * anonymised), locked for the transaction; null otherwise.
 */
export async function lockCitizenForCaseworker(trx: Executor, ctx: Ctx, citizenId: string) {
  const municipalityIds = caseworkerMunicipalities(ctx)
  if (!isUuid(citizenId)) return null
  const row = await trx
    .selectFrom('citizen')
    .select(['id', 'municipality_id', 'chosen_name', 'safety_flag'])
    .where('id', '=', citizenId)
    .where('municipality_id', 'in', municipalityIds)
    .where('anonymised_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
  return row ?? null
}
