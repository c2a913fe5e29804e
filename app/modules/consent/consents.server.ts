import { inTransaction, type Executor } from '~/db.server'
import type { ConsentChannel, ConsentPurpose, DataCategory } from '../../../db/schema.ts'
import { recordAccess } from '../audit/audit.server'
import { addCaseworker, lockCitizenForCaseworker } from '../citizens/citizens.server'
import { caseworkerMunicipalities } from '../citizens/access-codes.server'
import { requireCitizen, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { addMonths, consentStatus, CONSENT_WORDING_VERSION, type ConsentStatus } from './rules'
import type { RecordConsentInput } from './schemas'

// Consent records (samtykke). Never edited: the database refuses it (a trigger); a change is a
// new consent, and the only update allowed is the withdrawal (withdraw.server.ts).

export interface ConsentView {
  id: string
  citizenId: string
  citizenName: string
  municipalityName: string
  purpose: ConsentPurpose
  categories: DataCategory[]
  recipients: { id: string; name: string }[]
  wordingVersion: string
  channel: ConsentChannel
  assistedBy: string | null
  recordedBy: string | null
  givenAt: Date
  expiresAt: Date
  withdrawnAt: Date | null
  withdrawnBy: string | null
  withdrawalChannel: ConsentChannel | null
  status: ConsentStatus
}

/** Organisations a consent can name: the approved ones, by name. */
export async function listRecipientChoices(db: Executor) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('status', '=', 'approved')
    .orderBy('name')
    .execute()
}

export interface NewConsent {
  citizenId: string
  purpose: ConsentPurpose
  categories: DataCategory[]
  recipients: string[]
  channel: ConsentChannel
  assistedBy: string | null
  recordedBy: string | null
  months: number
  now: Date
}

/** Inserts a consent and its recipients; the caller has checked who may. */
export async function insertConsent(trx: Executor, c: NewConsent): Promise<string> {
  const row = await trx
    .insertInto('consent')
    .values({
      citizen_id: c.citizenId,
      purpose: c.purpose,
      data_categories: c.categories,
      wording_version: CONSENT_WORDING_VERSION,
      channel: c.channel,
      assisted_by: c.assistedBy,
      recorded_by: c.recordedBy,
      given_at: c.now,
      expires_at: addMonths(c.now, c.months),
      created_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('consent_recipient')
    .values([...new Set(c.recipients)].map((o) => ({ consent_id: row.id, organisation_id: o })))
    .execute()
  await trx
    .insertInto('event')
    .values({
      occurred_at: c.now,
      actor_person_id: c.recordedBy,
      entity_type: 'consent',
      entity_id: row.id,
      type: 'consent.given',
      data: JSON.stringify({ channel: c.channel, citizenId: c.citizenId }),
    })
    .execute()
  return row.id
}

export type RecordResult =
  { ok: true; id: string } | { ok: false; errors: Record<string, string[]> }

/**
 * A caseworker records a consent given with the citizen present (assisted), on paper or by
 * phone (oral); the record names the caseworker as the one who assisted. Null: no such citizen
 * in the caseworker's municipalities.
 */
export async function recordConsent(
  ctx: Ctx,
  citizenId: string,
  input: RecordConsentInput,
): Promise<RecordResult | null> {
  caseworkerMunicipalities(ctx)
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await lockCitizenForCaseworker(trx, ctx, citizenId)
    if (!citizen) return null
    const orgs = await trx
      .selectFrom('organisation')
      .select('id')
      .where('id', 'in', input.recipients)
      .where('status', '=', 'approved')
      .execute()
    if (orgs.length !== new Set(input.recipients).size)
      return { ok: false, errors: { recipients: ['pages.case.consent.errors.recipientsRequired'] } }
    const id = await insertConsent(trx, {
      citizenId: citizen.id,
      purpose: input.purpose as ConsentPurpose,
      categories: input.categories as DataCategory[],
      recipients: input.recipients,
      channel: input.channel as ConsentChannel,
      assistedBy: ctx.actor.personId,
      recordedBy: ctx.actor.personId,
      months: input.months,
      now: ctx.now,
    })
    await addCaseworker(trx, citizen.id, ctx.actor.personId, ctx.now)
    await recordAccess(
      { ...ctx, db: trx },
      {
        citizenId: citizen.id,
        municipalityId: citizen.municipality_id,
        action: 'citizen.change',
        recordType: 'consent',
        recordId: id,
        page: `/case/citizens/${citizen.id}/consents/new`,
        details: { change: 'consent_recorded' },
      },
    )
    return { ok: true, id }
  })
}

function consentQuery(db: Executor) {
  return db
    .selectFrom('consent as k')
    .innerJoin('citizen as c', 'c.id', 'k.citizen_id')
    .innerJoin('municipality as m', 'm.id', 'c.municipality_id')
    .leftJoin('person as pa', 'pa.id', 'k.assisted_by')
    .leftJoin('person as pr', 'pr.id', 'k.recorded_by')
    .leftJoin('person as pw', 'pw.id', 'k.withdrawn_by')
    .select([
      'k.id',
      'k.citizen_id',
      'c.chosen_name',
      'c.municipality_id',
      'm.name as municipality_name',
      'k.purpose',
      'k.data_categories',
      'k.wording_version',
      'k.channel',
      'pa.display_name as assisted_by_name',
      'pr.display_name as recorded_by_name',
      'k.given_at',
      'k.expires_at',
      'k.withdrawn_at',
      'k.withdrawn_by',
      'pw.display_name as withdrawn_by_name',
      'k.withdrawal_channel',
    ])
}

type ConsentRow = Awaited<ReturnType<ReturnType<typeof consentQuery>['execute']>>[number]

async function withRecipients(db: Executor, rows: ConsentRow[], now: Date, citizenSelf: boolean) {
  const recipients = rows.length
    ? await db
        .selectFrom('consent_recipient as cr')
        .innerJoin('organisation as o', 'o.id', 'cr.organisation_id')
        .select(['cr.consent_id', 'o.id', 'o.name'])
        .where(
          'cr.consent_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('o.name')
        .execute()
    : []
  return rows.map((r): ConsentView => ({
    id: r.id,
    citizenId: r.citizen_id,
    citizenName: r.chosen_name,
    municipalityName: r.municipality_name,
    purpose: r.purpose,
    categories: r.data_categories,
    recipients: recipients
      .filter((x) => x.consent_id === r.id)
      .map((x) => ({ id: x.id, name: x.name })),
    wordingVersion: r.wording_version,
    channel: r.channel,
    assistedBy: r.assisted_by_name,
    recordedBy: r.recorded_by_name,
    givenAt: new Date(r.given_at),
    expiresAt: new Date(r.expires_at),
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
    // The citizen who withdrew it themselves is "you", not their own name.
    withdrawnBy: citizenSelf && r.withdrawal_channel === 'digital' ? null : r.withdrawn_by_name,
    withdrawalChannel: r.withdrawal_channel,
    status: consentStatus(
      {
        withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
        expiresAt: new Date(r.expires_at),
      },
      now,
    ),
  }))
}

/** A citizen's consents, for a caseworker who has already opened the record (scoped there). */
export async function listConsentsForCaseworker(ctx: Ctx, citizenId: string) {
  const municipalityIds = caseworkerMunicipalities(ctx)
  const rows = await consentQuery(ctx.db)
    .where('k.citizen_id', '=', citizenId)
    .where('c.municipality_id', 'in', municipalityIds)
    .orderBy('k.given_at', 'desc')
    .execute()
  return withRecipients(ctx.db, rows, ctx.now, false)
}

/** One consent of a citizen in the caseworker's municipalities (the receipt), or null. */
export async function getConsentForCaseworker(ctx: Ctx, citizenId: string, consentId: string) {
  const municipalityIds = caseworkerMunicipalities(ctx)
  if (!isUuid(consentId) || !isUuid(citizenId)) return null
  const row = await consentQuery(ctx.db)
    .where('k.id', '=', consentId)
    .where('k.citizen_id', '=', citizenId)
    .where('c.municipality_id', 'in', municipalityIds)
    .executeTakeFirst()
  if (!row) return null
  await recordAccess(ctx, {
    citizenId: row.citizen_id,
    municipalityId: row.municipality_id,
    recordType: 'consent',
    recordId: row.id,
    page: `/case/citizens/${row.citizen_id}/consents/${row.id}`,
  })
  return (await withRecipients(ctx.db, [row], ctx.now, false))[0]!
}

/** The citizen's own consents (Mine sider). */
export async function listOwnConsents(ctx: Ctx) {
  const citizen = requireCitizen(ctx)
  const rows = await consentQuery(ctx.db)
    .where('k.citizen_id', '=', citizen.id)
    .orderBy('k.given_at', 'desc')
    .execute()
  return withRecipients(ctx.db, rows, ctx.now, true)
}

/** One of the citizen's own consents, or null. */
export async function getOwnConsent(ctx: Ctx, consentId: string) {
  const citizen = requireCitizen(ctx)
  if (!isUuid(consentId)) return null
  const row = await consentQuery(ctx.db)
    .where('k.id', '=', consentId)
    .where('k.citizen_id', '=', citizen.id)
    .executeTakeFirst()
  return row ? (await withRecipients(ctx.db, [row], ctx.now, true))[0]! : null
}

/**
 * Active consents of a citizen that name an organisation, for the referral form (the caseworker
 * picks one). The same rule as `activeConsentCovers`, applied here to offer the choices.
 */
export async function listActiveConsents(db: Executor, citizenId: string, now: Date) {
  const rows = await consentQuery(db)
    .where('k.citizen_id', '=', citizenId)
    .where('k.withdrawn_at', 'is', null)
    .where('k.expires_at', '>', now)
    .orderBy('k.given_at', 'desc')
    .execute()
  return withRecipients(db, rows, now, false)
}
