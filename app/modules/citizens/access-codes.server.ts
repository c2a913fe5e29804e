import { sql } from 'kysely'
import { inTransaction } from '~/db.server'
import { recordAccess } from '../audit/audit.server'
import { formatAccessCode, generateAccessCode } from '../identity/codes'
import { ACCESS_CODE_DAYS } from '../identity/constants'
import { sha256 } from '../identity/crypto.server'
import { forbidden, requireMunicipalRole, type Ctx } from '../identity/guards.server'
import { municipalitiesWhere } from '../identity/policy'

// Caseworkers register citizens (borgere) who have no e-mail and hand them a one-time access
// code. Every query is scoped to the caseworker's own municipality (PRODUCT.md §2, §5), and
// every citizen shown or changed is written to the access log the citizen can read.

export const PAGE = '/case/access-codes'
export const SEARCH_LIMIT = 50

export interface CitizenRow {
  id: string
  chosenName: string
  hasLogin: boolean
  openCodeExpiresAt: Date | null
}

/** `%`, `_` and `\` typed by a person are letters, not wildcards. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Where the person asking is a caseworker (most have one municipality); 403 if nowhere. */
export function caseworkerMunicipalities(ctx: Ctx): string[] {
  const ids = municipalitiesWhere(ctx.actor, ['caseworker'])
  if (ids.length === 0) forbidden()
  return ids
}

/** Citizens of the caseworker's municipalities whose chosen name contains `query`. */
export async function searchCitizens(ctx: Ctx, query: string): Promise<CitizenRow[]> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  const q = query.trim()
  if (!q) return []
  const rows = await ctx.db
    .selectFrom('citizen as c')
    .leftJoin('person as p', (join) =>
      join.onRef('p.id', '=', 'c.person_id').on('p.deleted_at', 'is', null),
    )
    .select((eb) => [
      'c.id',
      'c.municipality_id',
      'c.chosen_name',
      // A way to sign in on their own: e-mail with a password, or a PIN on a phone.
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
        .selectFrom('access_code as a')
        .select((e) => e.fn.max('a.expires_at').as('x'))
        .whereRef('a.person_id', '=', 'p.id')
        .where('a.used_at', 'is', null)
        .where('a.expires_at', '>', ctx.now)
        .as('open_code_expires_at'),
    ])
    .where('c.municipality_id', 'in', municipalityIds)
    .where(sql<boolean>`c.chosen_name ilike ${`%${escapeLike(q)}%`}`)
    .orderBy('c.chosen_name')
    .orderBy('c.created_at')
    .limit(SEARCH_LIMIT)
    .execute()
  for (const r of rows) {
    await recordAccess(ctx, {
      citizenId: r.id,
      municipalityId: r.municipality_id,
      recordType: 'citizen',
      recordId: r.id,
      page: PAGE,
    })
  }
  return rows.map((r) => ({
    id: r.id,
    chosenName: r.chosen_name,
    hasLogin: Boolean(r.has_login),
    openCodeExpiresAt: r.open_code_expires_at ? new Date(r.open_code_expires_at) : null,
  }))
}

/**
 * A citizen known only by the name they chose; they are reached through their caseworker.
 * Registered in the given municipality (403 unless the person asking is a caseworker there),
 * by default their first.
 */
export async function createCitizen(
  ctx: Ctx,
  input: { chosenName: string; municipalityId?: string | undefined },
): Promise<{ id: string; chosenName: string }> {
  const municipalityId = requireMunicipalRole(ctx, ['caseworker'], input.municipalityId)
  return inTransaction(ctx.db, async (trx) => {
    const person = await trx
      .insertInto('person')
      .values({
        display_name: input.chosenName,
        contact_preference: 'via_caseworker',
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
        created_by: ctx.actor.personId,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAccess(
      { ...ctx, db: trx },
      {
        citizenId: citizen.id,
        municipalityId,
        action: 'citizen.change',
        recordType: 'citizen',
        recordId: citizen.id,
        page: PAGE,
        details: { change: 'created' },
      },
    )
    return { id: citizen.id, chosenName: input.chosenName }
  })
}

export interface IssuedCode {
  accessCodeId: string
  /** Formatted for reading aloud and printing. Exists only in this response; never stored. */
  code: string
  chosenName: string
  expiresAt: Date
}

/**
 * A new one-time code for a citizen of the caseworker's municipality, or null when there is no
 * such citizen (another municipality's citizen looks exactly like a missing one). Earlier codes
 * that were not used stop working, so a lost printout is harmless once a new one is made.
 */
export async function issueAccessCode(ctx: Ctx, citizenId: string): Promise<IssuedCode | null> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await trx
      .selectFrom('citizen as c')
      .leftJoin('person as p', 'p.id', 'c.person_id')
      .select(['c.id', 'c.municipality_id', 'c.chosen_name', 'c.person_id', 'p.deleted_at'])
      .where('c.id', '=', citizenId)
      .where('c.municipality_id', 'in', municipalityIds)
      .forUpdate('c')
      .executeTakeFirst()
    if (!citizen || citizen.deleted_at) return null
    let personId = citizen.person_id
    if (!personId) {
      const person = await trx
        .insertInto('person')
        .values({
          display_name: citizen.chosen_name,
          contact_preference: 'via_caseworker',
          created_at: ctx.now,
          updated_at: ctx.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      personId = person.id
      await trx
        .updateTable('citizen')
        .set({ person_id: personId })
        .where('id', '=', citizen.id)
        .execute()
    }
    await trx
      .updateTable('access_code')
      .set({ expires_at: ctx.now })
      .where('person_id', '=', personId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', ctx.now)
      .execute()
    const code = generateAccessCode()
    const expiresAt = new Date(ctx.now.getTime() + ACCESS_CODE_DAYS * 86_400_000)
    const row = await trx
      .insertInto('access_code')
      .values({
        code_hash: sha256(code),
        person_id: personId,
        issued_by: ctx.actor.personId,
        expires_at: expiresAt,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAccess(
      { ...ctx, db: trx },
      {
        citizenId: citizen.id,
        municipalityId: citizen.municipality_id,
        action: 'citizen.change',
        recordType: 'citizen',
        recordId: citizen.id,
        page: PAGE,
        details: { change: 'access_code_issued', accessCodeId: row.id },
      },
    )
    return {
      accessCodeId: row.id,
      code: formatAccessCode(code),
      chosenName: citizen.chosen_name,
      expiresAt,
    }
  })
}
