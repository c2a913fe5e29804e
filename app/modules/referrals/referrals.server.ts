import { sql, type RawBuilder } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { DataCategory, Language, ReferralKind, ReferralState } from '../../../db/schema.ts'
import { recordAccess } from '../audit/audit.server'
import { caseworkerMunicipalities } from '../citizens/access-codes.server'
import { addCaseworker, lockCitizenForCaseworker } from '../citizens/citizens.server'
import { insertConsent } from '../consent/consents.server'
import { DEFAULT_CONSENT_MONTHS, purposeForKind, uncoveredCategories } from '../consent/rules'
import { activeConsentCovers } from '../consent/scope.server'
import { requireCitizen, requireOrgRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { enqueueEmail } from '../notifications/outbox.server'
import { coordinatorsOf, dateFor, link, personRecipient } from './mail.server'
import type { CreateReferralInput } from './schemas'
import {
  canTransition,
  CONSENT_WITHDRAWN,
  OPEN_STATES,
  TRANSITIONS,
  type ReferralActorSide,
  type ReferralTransition,
} from './transitions'

// Referrals (henvisninger) between a caseworker and an organisation: a closed loop (PRODUCT.md
// §3.4, §4). The organisation's side reads a referred citizen only through an active consent
// that names it, checked in the same query (`activeConsentCovers`), so a withdrawn or expired
// consent makes the same page a 404 at once. Every change is one transition, made under a row
// lock with its event row and its e-mails in one transaction.

const DAY = 86_400_000
const E = 'pages.case.referral.errors'

export const orgReferralPage = (orgId: string, id: string) => `/org/${orgId}/referrals/${id}`
export const caseReferralPage = (id: string) => `/case/referrals/${id}`

export type FieldErrors = Record<string, string[]>

// ---- History ---------------------------------------------------------------------------------

export interface HistoryEntry {
  at: Date
  /** The state the referral moved to ('sent' for the referral itself). */
  state: ReferralState
  by: ReferralActorSide | 'citizen'
  /** The person who made the change, for staff pages only. */
  actorName: string | null
  reasonCode: string | null
}

export async function referralHistory(db: Executor, referralId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('event as e')
    .leftJoin('person as p', 'p.id', 'e.actor_person_id')
    .select(['e.occurred_at', 'e.type', 'e.data', 'p.display_name'])
    .where('e.entity_type', '=', 'referral')
    .where('e.entity_id', '=', referralId)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute()
  return rows.map((r) => {
    const data = r.data as { by?: HistoryEntry['by']; reasonCode?: string }
    return {
      at: new Date(r.occurred_at),
      state: r.type.replace(/^referral\./, '') as ReferralState,
      by: data.by ?? 'system',
      actorName: r.display_name,
      reasonCode: data.reasonCode ?? null,
    }
  })
}

async function writeEvent(
  db: Executor,
  e: {
    referralId: string
    municipalityId: string
    actorPersonId: string | null
    state: ReferralState
    from: ReferralState | null
    by: HistoryEntry['by']
    reasonCode?: string
    now: Date
  },
) {
  await db
    .insertInto('event')
    .values({
      occurred_at: e.now,
      municipality_id: e.municipalityId,
      actor_person_id: e.actorPersonId,
      entity_type: 'referral',
      entity_id: e.referralId,
      type: `referral.${e.state}`,
      data: JSON.stringify({
        from: e.from,
        to: e.state,
        by: e.by,
        ...(e.reasonCode ? { reasonCode: e.reasonCode } : {}),
      }),
    })
    .execute()
}

// ---- Creating a referral (caseworker) --------------------------------------------------------

export type CreateResult =
  { ok: true; id: string; existing: boolean } | { ok: false; errors: FieldErrors }

/**
 * A caseworker refers a citizen of their municipality. The consent must be active, name the
 * organisation and cover every category shared; `consentId: 'new'` records that consent now,
 * with the citizen present. An open referral of the same kind to the same place is not made
 * twice (the citizen row is locked, so a double submit finds the first one). Null: no such
 * citizen for this caseworker.
 */
export async function createReferral(
  ctx: Ctx,
  input: CreateReferralInput,
): Promise<CreateResult | null> {
  caseworkerMunicipalities(ctx)
  const result = await inTransaction(ctx.db, async (trx): Promise<CreateResult | null> => {
    const citizen = await lockCitizenForCaseworker(trx, ctx, input.citizenId)
    if (!citizen) return null
    const org = await trx
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('id', '=', input.organisationId)
      .where('status', '=', 'approved')
      .executeTakeFirst()
    if (!org) return { ok: false, errors: { organisationId: [`${E}.organisationRequired`] } }
    let activityId: string | null = null
    if (input.kind === 'activity') {
      const activity = await trx
        .selectFrom('activity')
        .select('id')
        .where('id', '=', input.activityId ?? '')
        .where('organisation_id', '=', org.id)
        .where('status', '=', 'published')
        .executeTakeFirst()
      if (!activity)
        return { ok: false, errors: { activityId: [`${E}.activityNotAtOrganisation`] } }
      activityId = activity.id
    }
    // A double submit (or a colleague at the same moment) finds the first one: the citizen row
    // is locked, so this check and the insert below cannot interleave.
    const existing = await trx
      .selectFrom('referral')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('to_organisation_id', '=', org.id)
      .where('kind', '=', input.kind)
      .where((eb) =>
        activityId ? eb('activity_id', '=', activityId) : eb('activity_id', 'is', null),
      )
      .where('state', 'in', OPEN_STATES)
      .executeTakeFirst()
    if (existing) return { ok: true, id: existing.id, existing: true }
    const categories = input.categories as DataCategory[]
    let consentId: string
    if (input.consentId === 'new') {
      consentId = await insertConsent(trx, {
        citizenId: citizen.id,
        purpose: purposeForKind(input.kind),
        categories,
        recipients: [org.id],
        channel: input.newConsentChannel as 'assisted' | 'paper' | 'oral',
        assistedBy: ctx.actor.personId,
        recordedBy: ctx.actor.personId,
        months: DEFAULT_CONSENT_MONTHS,
        now: ctx.now,
      })
    } else {
      const consent = await trx
        .selectFrom('consent as k')
        .select(['k.id', 'k.data_categories'])
        .where('k.id', '=', input.consentId)
        .where('k.citizen_id', '=', citizen.id)
        .where(activeConsentCovers('k', org.id, ctx.now))
        .executeTakeFirst()
      if (!consent) return { ok: false, errors: { consentId: [`${E}.consentNotCovering`] } }
      if (uncoveredCategories(consent.data_categories, categories).length > 0)
        return { ok: false, errors: { categories: [`${E}.categoriesNotCovered`] } }
      consentId = consent.id
    }
    const deadline = new Date(ctx.now.getTime() + input.deadlineDays * DAY)
    const referral = await trx
      .insertInto('referral')
      .values({
        citizen_id: citizen.id,
        municipality_id: citizen.municipality_id,
        caseworker_id: ctx.actor.personId,
        to_organisation_id: org.id,
        kind: input.kind,
        activity_id: activityId,
        consent_id: consentId,
        shared_categories: categories,
        note: input.note ?? null,
        assisted_by: input.assisted ? ctx.actor.personId : null,
        sent_at: ctx.now,
        deadline_at: deadline,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeEvent(trx, {
      referralId: referral.id,
      municipalityId: citizen.municipality_id,
      actorPersonId: ctx.actor.personId,
      state: 'sent',
      from: null,
      by: 'caseworker',
      now: ctx.now,
    })
    await addCaseworker(trx, citizen.id, ctx.actor.personId, ctx.now)
    await recordAccess(
      { ...ctx, db: trx },
      {
        citizenId: citizen.id,
        municipalityId: citizen.municipality_id,
        action: 'citizen.change',
        recordType: 'referral',
        recordId: referral.id,
        page: '/case/referrals/new',
        details: { change: 'referral_sent', organisationId: org.id },
      },
    )
    for (const to of await coordinatorsOf(trx, org.id))
      await enqueueEmail(trx, {
        to: to.email,
        toName: to.name,
        language: to.language,
        template: 'referralReceived',
        data: {
          name: to.name,
          organisation: org.name,
          kind: input.kind,
          deadline: dateFor(deadline, to.language),
          link: link(orgReferralPage(org.id, referral.id)),
          discreet: citizen.safety_flag,
        },
        dedupeKey: `referral-received:${referral.id}:${to.personId}`,
      })
    return { ok: true, id: referral.id, existing: false }
  })
  return result
}

// ---- The organisation's side -----------------------------------------------------------------

/** True when the referral shares `category` and the consent (alias k) still covers it. */
function shares(category: DataCategory, organisation: string | RawBuilder<unknown>, now: Date) {
  return sql<boolean>`(${category} = any(r.shared_categories) and ${activeConsentCovers(
    'k',
    organisation,
    now,
    category,
  )})`
}

export interface IncomingReferral {
  id: string
  kind: ReferralKind
  state: ReferralState
  stateReason: string | null
  activityTitle: string | null
  sentAt: Date
  deadlineAt: Date
  /** Null unless the name is shared under an active consent. */
  citizenName: string | null
  /** The consent still covers this organisation: the referral can be opened. */
  visible: boolean
}

/**
 * The organisation's inbox: every referral to it, with age and deadline. The citizen's name
 * is there only while the consent is active and covers it; a referral whose consent was
 * withdrawn stays in the list (its state says so) but says nothing about the person.
 */
export async function listIncomingReferrals(ctx: Ctx, orgId: string): Promise<IncomingReferral[]> {
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const rows = await ctx.db
    .selectFrom('referral as r')
    .innerJoin('consent as k', 'k.id', 'r.consent_id')
    .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
    .leftJoin('activity as a', 'a.id', 'r.activity_id')
    .select([
      'r.id',
      'r.kind',
      'r.state',
      'r.state_reason',
      'a.title as activity_title',
      'r.sent_at',
      'r.deadline_at',
      sql<string | null>`case when ${shares('name', orgId, ctx.now)} then ci.chosen_name end`.as(
        'citizen_name',
      ),
      activeConsentCovers('k', orgId, ctx.now).as('visible'),
    ])
    .where('r.to_organisation_id', '=', orgId)
    .orderBy(
      sql`case when r.state = 'sent' then 0 when r.state in ('accepted', 'in_progress') then 1 else 2 end`,
    )
    .orderBy('r.sent_at', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    state: r.state,
    // Free text from the other side is not the inbox's business once consent has gone.
    stateReason: r.visible || r.state_reason === CONSENT_WITHDRAWN ? r.state_reason : null,
    activityTitle: r.activity_title,
    sentAt: new Date(r.sent_at),
    deadlineAt: new Date(r.deadline_at),
    citizenName: r.citizen_name,
    visible: Boolean(r.visible),
  }))
}

export interface OrgReferralView {
  id: string
  kind: ReferralKind
  state: ReferralState
  stateReason: string | null
  activityTitle: string | null
  sentAt: Date
  deadlineAt: Date
  caseworkerName: string | null
  municipalityName: string
  assisted: boolean
  sharedCategories: DataCategory[]
  consentExpiresAt: Date
  citizen: {
    name: string | null
    birthYear: number | null
    area: string | null
    language: Language | null
    contactPreference: string | null
    phone: string | null
    email: string | null
    /** The safety flag hides contact details even where the consent covers them. */
    contactWithheld: boolean
  }
  note: string | null
  history: HistoryEntry[]
}

/**
 * One referral as the organisation sees it: exactly the shared categories the active consent
 * covers, or null (a 404) when there is no such referral or no active covering consent.
 * Each read is written to the access log with the organisation named.
 */
export async function getReferralForOrg(
  ctx: Ctx,
  orgId: string,
  referralId: string,
): Promise<OrgReferralView | null> {
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  if (!isUuid(referralId)) return null
  const row = await ctx.db
    .selectFrom('referral as r')
    .innerJoin('consent as k', 'k.id', 'r.consent_id')
    .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
    .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
    .leftJoin('area as ar', 'ar.id', 'ci.area_id')
    .leftJoin('activity as a', 'a.id', 'r.activity_id')
    .leftJoin('person as cw', 'cw.id', 'r.caseworker_id')
    .select([
      'r.id',
      'r.citizen_id',
      'r.municipality_id',
      'r.kind',
      'r.state',
      'r.state_reason',
      'a.title as activity_title',
      'r.sent_at',
      'r.deadline_at',
      'cw.display_name as caseworker_name',
      'm.name as municipality_name',
      'r.assisted_by',
      'r.shared_categories',
      'k.expires_at',
      sql<boolean>`ci.safety_flag`.as('safety_flag'),
      sql<string | null>`case when ${shares('name', orgId, ctx.now)} then ci.chosen_name end`.as(
        'name',
      ),
      sql<
        number | null
      >`case when ${shares('birth_year', orgId, ctx.now)} then ci.birth_year end`.as('birth_year'),
      sql<string | null>`case when ${shares('area', orgId, ctx.now)} then ar.name end`.as('area'),
      sql<string | null>`case when ${shares('language', orgId, ctx.now)} then ci.language end`.as(
        'language',
      ),
      sql<
        string | null
      >`case when ${shares('contact', orgId, ctx.now)} and not ci.safety_flag then ci.contact_preference end`.as(
        'contact_preference',
      ),
      sql<
        string | null
      >`case when ${shares('contact', orgId, ctx.now)} and not ci.safety_flag then ci.phone end`.as(
        'phone',
      ),
      sql<
        string | null
      >`case when ${shares('contact', orgId, ctx.now)} and not ci.safety_flag then ci.email end`.as(
        'email',
      ),
      sql<string | null>`case when ${shares('referral_note', orgId, ctx.now)} then r.note end`.as(
        'note',
      ),
    ])
    .where('r.id', '=', referralId)
    .where('r.to_organisation_id', '=', orgId)
    .where(activeConsentCovers('k', orgId, ctx.now))
    .executeTakeFirst()
  if (!row) return null
  await recordAccess(ctx, {
    citizenId: row.citizen_id,
    municipalityId: row.municipality_id,
    recordType: 'referral',
    recordId: row.id,
    page: orgReferralPage(orgId, row.id),
    details: { organisationId: orgId },
  })
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    stateReason: row.state_reason,
    activityTitle: row.activity_title,
    sentAt: new Date(row.sent_at),
    deadlineAt: new Date(row.deadline_at),
    caseworkerName: row.caseworker_name,
    municipalityName: row.municipality_name,
    assisted: row.assisted_by !== null,
    sharedCategories: row.shared_categories,
    consentExpiresAt: new Date(row.expires_at),
    citizen: {
      name: row.name,
      birthYear: row.birth_year,
      area: row.area,
      language: row.language as Language | null,
      contactPreference: row.contact_preference,
      phone: row.phone,
      email: row.email,
      contactWithheld: row.safety_flag && row.shared_categories.includes('contact'),
    },
    note: row.note,
    history: await referralHistory(ctx.db, row.id),
  }
}

export type AnswerResult =
  { ok: true; state: ReferralState } | { ok: false; reason: 'notAllowed'; state: ReferralState }

type OrgAnswer =
  { intent: 'accept' | 'start' | 'complete' } | { intent: 'decline' | 'cancel'; reason: string }

/**
 * The organisation's coordinator answers: accept, decline (reason), start, complete, cancel
 * (reason). Null (a 404) without an active covering consent: nothing can be done about a
 * citizen the organisation may no longer see. A second click finds the state already moved.
 */
export async function answerReferral(
  ctx: Ctx,
  orgId: string,
  referralId: string,
  answer: OrgAnswer,
): Promise<AnswerResult | null> {
  requireOrgRole(ctx, orgId, ['coordinator'])
  if (!isUuid(referralId)) return null
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .selectFrom('referral as r')
      .innerJoin('consent as k', 'k.id', 'r.consent_id')
      .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
      .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
      .select([
        'r.id',
        'r.state',
        'r.citizen_id',
        'r.municipality_id',
        'r.caseworker_id',
        'o.name as organisation_name',
        'ci.safety_flag',
      ])
      .where('r.id', '=', referralId)
      .where('r.to_organisation_id', '=', orgId)
      .where(activeConsentCovers('k', orgId, ctx.now))
      .forUpdate('r')
      .executeTakeFirst()
    if (!row) return null
    const transition = answer.intent as ReferralTransition
    if (!canTransition(row.state, transition, 'organisation'))
      return { ok: false, reason: 'notAllowed', state: row.state }
    const to = TRANSITIONS[transition].to
    const reason = 'reason' in answer ? answer.reason : null
    await moveReferral(trx, {
      id: row.id,
      from: row.state,
      to,
      reason,
      municipalityId: row.municipality_id,
      actorPersonId: ctx.actor.personId,
      by: 'organisation',
      now: ctx.now,
    })
    await recordAccess(
      { ...ctx, db: trx },
      {
        citizenId: row.citizen_id,
        municipalityId: row.municipality_id,
        action: 'citizen.change',
        recordType: 'referral',
        recordId: row.id,
        page: orgReferralPage(orgId, row.id),
        details: { organisationId: orgId, change: `referral_${to}` },
      },
    )
    const caseworker = await personRecipient(trx, row.caseworker_id)
    if (caseworker)
      await enqueueEmail(trx, {
        to: caseworker.email,
        toName: caseworker.name,
        language: caseworker.language,
        template: 'referralAnswered',
        data: {
          name: caseworker.name,
          organisation: row.organisation_name,
          state: to as 'accepted',
          reason,
          link: link(caseReferralPage(row.id)),
          discreet: row.safety_flag,
        },
        dedupeKey: `referral-${to}:${row.id}:${caseworker.personId}`,
      })
    return { ok: true, state: to }
  })
}

async function moveReferral(
  trx: Executor,
  m: {
    id: string
    from: ReferralState
    to: ReferralState
    reason: string | null
    reasonCode?: string
    municipalityId: string
    actorPersonId: string | null
    by: HistoryEntry['by']
    now: Date
  },
) {
  const answered = m.from === 'sent' && ['accepted', 'declined'].includes(m.to)
  const closed = !OPEN_STATES.includes(m.to)
  await trx
    .updateTable('referral')
    .set({
      state: m.to,
      state_reason: m.reason ?? m.reasonCode ?? null,
      updated_at: m.now,
      ...(answered ? { answered_at: m.now } : {}),
      ...(closed ? { closed_at: m.now } : {}),
    })
    .where('id', '=', m.id)
    .execute()
  await writeEvent(trx, {
    referralId: m.id,
    municipalityId: m.municipalityId,
    actorPersonId: m.actorPersonId,
    state: m.to,
    from: m.from,
    by: m.by,
    ...(m.reasonCode ? { reasonCode: m.reasonCode } : {}),
    now: m.now,
  })
}

// ---- The caseworker's side -------------------------------------------------------------------

export interface CaseReferralItem {
  id: string
  citizenId: string
  citizenName: string
  organisationName: string
  kind: ReferralKind
  state: ReferralState
  stateReason: string | null
  sentAt: Date
  deadlineAt: Date
  overdue: boolean
}

function caseReferralQuery(ctx: Ctx, municipalityIds: string[]) {
  return ctx.db
    .selectFrom('referral as r')
    .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
    .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
    .select([
      'r.id',
      'r.citizen_id',
      'ci.chosen_name',
      'o.name as organisation_name',
      'r.kind',
      'r.state',
      'r.state_reason',
      'r.sent_at',
      'r.deadline_at',
    ])
    .where('r.municipality_id', 'in', municipalityIds)
}

const caseItem =
  (now: Date) =>
  (r: {
    id: string
    citizen_id: string
    chosen_name: string
    organisation_name: string
    kind: ReferralKind
    state: ReferralState
    state_reason: string | null
    sent_at: Date
    deadline_at: Date
  }): CaseReferralItem => ({
    id: r.id,
    citizenId: r.citizen_id,
    citizenName: r.chosen_name,
    organisationName: r.organisation_name,
    kind: r.kind,
    state: r.state,
    stateReason: r.state_reason,
    sentAt: new Date(r.sent_at),
    deadlineAt: new Date(r.deadline_at),
    // Unanswered for a week: the organisation has had its first reminder.
    overdue:
      r.state === 'expired' ||
      (r.state === 'sent' && now.getTime() - new Date(r.sent_at).getTime() >= 7 * DAY),
  })

/** Referrals of the caseworker's own citizens (or made by them), newest first. */
export async function listCaseworkerReferrals(ctx: Ctx): Promise<CaseReferralItem[]> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  const rows = await caseReferralQuery(ctx, municipalityIds)
    .where((eb) =>
      eb.or([
        eb('r.caseworker_id', '=', ctx.actor.personId),
        eb.exists(
          eb
            .selectFrom('citizen_caseworker as cc')
            .select('cc.person_id')
            .whereRef('cc.citizen_id', '=', 'r.citizen_id')
            .where('cc.person_id', '=', ctx.actor.personId),
        ),
      ]),
    )
    .where('ci.anonymised_at', 'is', null)
    .orderBy('r.sent_at', 'desc')
    .limit(500)
    .execute()
  return rows.map(caseItem(ctx.now))
}

/** One citizen's referrals (the citizen's record page; the record read is logged there). */
export async function listReferralsOfCitizen(ctx: Ctx, citizenId: string) {
  const municipalityIds = caseworkerMunicipalities(ctx)
  const rows = await caseReferralQuery(ctx, municipalityIds)
    .where('r.citizen_id', '=', citizenId)
    .orderBy('r.sent_at', 'desc')
    .execute()
  return rows.map(caseItem(ctx.now))
}

export interface ChangeItem {
  referralId: string
  citizenName: string
  organisationName: string
  state: ReferralState
  at: Date
}

/** What others changed on the caseworker's referrals since they last said they had looked. */
export async function changesSinceLastLook(
  ctx: Ctx,
): Promise<{ since: Date | null; changes: ChangeItem[] }> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  const seen = await ctx.db
    .selectFrom('caseworker_seen')
    .select('seen_at')
    .where('person_id', '=', ctx.actor.personId)
    .executeTakeFirst()
  const since = seen ? new Date(seen.seen_at) : null
  const rows = await ctx.db
    .selectFrom('event as e')
    .innerJoin('referral as r', (j) =>
      j.on('e.entity_type', '=', 'referral').onRef('r.id', '=', 'e.entity_id'),
    )
    .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
    .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
    .select(['r.id', 'ci.chosen_name', 'o.name', 'e.type', 'e.occurred_at'])
    .where('r.municipality_id', 'in', municipalityIds)
    .where('r.caseworker_id', '=', ctx.actor.personId)
    .where('ci.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('e.actor_person_id', 'is', null),
        eb('e.actor_person_id', '!=', ctx.actor.personId),
      ]),
    )
    .where('e.occurred_at', '>', since ?? new Date(ctx.now.getTime() - 30 * DAY))
    .orderBy('e.occurred_at', 'desc')
    .limit(100)
    .execute()
  return {
    since,
    changes: rows.map((r) => ({
      referralId: r.id,
      citizenName: r.chosen_name,
      organisationName: r.name,
      state: r.type.replace(/^referral\./, '') as ReferralState,
      at: new Date(r.occurred_at),
    })),
  }
}

export async function markSeen(ctx: Ctx): Promise<void> {
  caseworkerMunicipalities(ctx)
  await ctx.db
    .insertInto('caseworker_seen')
    .values({ person_id: ctx.actor.personId, seen_at: ctx.now })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ seen_at: ctx.now }))
    .execute()
}

export interface CaseReferralView extends CaseReferralItem {
  municipalityName: string
  caseworkerName: string | null
  activityTitle: string | null
  sharedCategories: DataCategory[]
  note: string | null
  consentId: string
  assisted: boolean
  history: HistoryEntry[]
}

/** One referral in the caseworker's municipalities, with its history; null otherwise. */
export async function getReferralForCaseworker(
  ctx: Ctx,
  referralId: string,
): Promise<CaseReferralView | null> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  if (!isUuid(referralId)) return null
  const row = await caseReferralQuery(ctx, municipalityIds)
    .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
    .leftJoin('person as cw', 'cw.id', 'r.caseworker_id')
    .leftJoin('activity as a', 'a.id', 'r.activity_id')
    .select([
      'm.name as municipality_name',
      'r.municipality_id',
      'cw.display_name as caseworker_name',
      'a.title as activity_title',
      'r.shared_categories',
      'r.note',
      'r.consent_id',
      'r.assisted_by',
    ])
    .where('r.id', '=', referralId)
    .executeTakeFirst()
  if (!row) return null
  await recordAccess(ctx, {
    citizenId: row.citizen_id,
    municipalityId: row.municipality_id,
    recordType: 'referral',
    recordId: row.id,
    page: caseReferralPage(row.id),
  })
  return {
    ...caseItem(ctx.now)(row),
    municipalityName: row.municipality_name,
    caseworkerName: row.caseworker_name,
    activityTitle: row.activity_title,
    sharedCategories: row.shared_categories,
    note: row.note,
    consentId: row.consent_id,
    assisted: row.assisted_by !== null,
    history: await referralHistory(ctx.db, row.id),
  }
}

/** The caseworker takes a referral back (reason required; the organisation is told). */
export async function cancelReferralAsCaseworker(
  ctx: Ctx,
  referralId: string,
  reason: string,
): Promise<AnswerResult | null> {
  const municipalityIds = caseworkerMunicipalities(ctx)
  if (!isUuid(referralId)) return null
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .selectFrom('referral as r')
      .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
      .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
      .select([
        'r.id',
        'r.state',
        'r.citizen_id',
        'r.municipality_id',
        'r.to_organisation_id',
        'o.name as organisation_name',
        'ci.safety_flag',
      ])
      .where('r.id', '=', referralId)
      .where('r.municipality_id', 'in', municipalityIds)
      .forUpdate('r')
      .executeTakeFirst()
    if (!row) return null
    if (!canTransition(row.state, 'cancel', 'caseworker'))
      return { ok: false, reason: 'notAllowed', state: row.state }
    await moveReferral(trx, {
      id: row.id,
      from: row.state,
      to: 'cancelled',
      reason,
      municipalityId: row.municipality_id,
      actorPersonId: ctx.actor.personId,
      by: 'caseworker',
      now: ctx.now,
    })
    await recordAccess(
      { ...ctx, db: trx },
      {
        citizenId: row.citizen_id,
        municipalityId: row.municipality_id,
        action: 'citizen.change',
        recordType: 'referral',
        recordId: row.id,
        page: caseReferralPage(row.id),
        details: { change: 'referral_cancelled' },
      },
    )
    for (const to of await coordinatorsOf(trx, row.to_organisation_id))
      await enqueueEmail(trx, {
        to: to.email,
        toName: to.name,
        language: to.language,
        template: 'referralCancelled',
        data: {
          name: to.name,
          organisation: row.organisation_name,
          reason,
          link: link(`/org/${row.to_organisation_id}/referrals`),
          discreet: row.safety_flag,
        },
        dedupeKey: `referral-cancelled:${row.id}:${to.personId}`,
      })
    return { ok: true, state: 'cancelled' as const }
  })
}

/**
 * Withdrawn consent closes every open referral that rests on it, in the withdrawal's own
 * transaction, with the reason code `consent_withdrawn`. Returns what was closed.
 */
export async function cancelReferralsForConsent(
  trx: Executor,
  consentId: string,
  actor: { personId: string | null; by: HistoryEntry['by'] },
  now: Date,
) {
  const open = await trx
    .selectFrom('referral')
    .select(['id', 'state', 'municipality_id', 'to_organisation_id', 'caseworker_id'])
    .where('consent_id', '=', consentId)
    .where('state', 'in', OPEN_STATES)
    .forUpdate()
    .execute()
  for (const r of open)
    await moveReferral(trx, {
      id: r.id,
      from: r.state,
      to: 'cancelled',
      reason: null,
      reasonCode: CONSENT_WITHDRAWN,
      municipalityId: r.municipality_id,
      actorPersonId: actor.personId,
      by: actor.by,
      now,
    })
  return open
}

// ---- The citizen's own view --------------------------------------------------------------------

export interface OwnReferral {
  id: string
  organisationName: string
  kind: ReferralKind
  activityTitle: string | null
  state: ReferralState
  stateReason: string | null
  sentAt: Date
  history: HistoryEntry[]
}

/** The citizen's own referrals, with their history (Mine sider). */
export async function listOwnReferrals(ctx: Ctx): Promise<OwnReferral[]> {
  const citizen = requireCitizen(ctx)
  const rows = await ctx.db
    .selectFrom('referral as r')
    .innerJoin('organisation as o', 'o.id', 'r.to_organisation_id')
    .leftJoin('activity as a', 'a.id', 'r.activity_id')
    .select(['r.id', 'o.name', 'r.kind', 'a.title', 'r.state', 'r.state_reason', 'r.sent_at'])
    .where('r.citizen_id', '=', citizen.id)
    .orderBy('r.sent_at', 'desc')
    .execute()
  const out: OwnReferral[] = []
  for (const r of rows)
    out.push({
      id: r.id,
      organisationName: r.name,
      kind: r.kind,
      activityTitle: r.title,
      state: r.state,
      // Only the reason the citizen caused is theirs to read here; the organisation's own words
      // are for the caseworker, who explains them.
      stateReason: r.state_reason === CONSENT_WITHDRAWN ? CONSENT_WITHDRAWN : null,
      sentAt: new Date(r.sent_at),
      history: (await referralHistory(ctx.db, r.id)).map((h) => ({ ...h, actorName: null })),
    })
  return out
}
