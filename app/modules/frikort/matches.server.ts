import { inTransaction, type Executor } from '~/db.server'
import type { FrikortEndReason } from '../../../db/schema.ts'
import { recordAccess, recordAudit } from '../audit/audit.server'
import { requireCitizen, type Ctx } from '../identity/guards.server'
import { consentForFrikort, consentForName, requireMatchmaker } from './access.server'
import { canMove, STATE_TIMESTAMP, type MatchState, type Mover } from './transitions'

// Frikort matchmaking (jobformidling), run by a matchmaker organisation. The matchmaker sees a
// citizen only with an active consent that names it and covers 'frikort'.

const F = 'pages.frikort.errors'

export interface BoardMatch {
  id: string
  citizenId: string
  /** null when the consent does not cover the name */
  citizenName: string | null
  state: MatchState
  job: string | null
  employer: string | null
  since: Date
  endedReason: FrikortEndReason | null
}

export async function listBoard(ctx: Ctx, organisationId: string): Promise<BoardMatch[]> {
  await requireMatchmaker(ctx, organisationId)
  const rows = await ctx.db
    .selectFrom('frikort_match as fm')
    .innerJoin('citizen as c', 'c.id', 'fm.citizen_id')
    .leftJoin('job as j', 'j.id', 'fm.job_id')
    .leftJoin('organisation as e', 'e.id', 'fm.employer_organisation_id')
    .select([
      'fm.id',
      'fm.citizen_id',
      'c.chosen_name',
      'c.municipality_id',
      'fm.state',
      'j.title',
      'e.name as employer',
      'fm.updated_at',
      'fm.ended_reason',
      consentForName('fm.citizen_id', organisationId, ctx.now).as('name_allowed'),
    ])
    .where('fm.matchmaker_organisation_id', '=', organisationId)
    .where(consentForFrikort('fm.citizen_id', organisationId, ctx.now))
    .orderBy('fm.updated_at', 'desc')
    .limit(500)
    .execute()
  for (const citizenId of new Set(rows.map((r) => r.citizen_id))) {
    await recordAccess(ctx, {
      citizenId,
      municipalityId: rows.find((r) => r.citizen_id === citizenId)!.municipality_id,
      recordType: 'frikort_match',
      recordId: citizenId,
      page: `/org/${organisationId}/frikort/matchmaking`,
    })
  }
  return rows.map((r) => ({
    id: r.id,
    citizenId: r.citizen_id,
    citizenName: r.name_allowed ? r.chosen_name : null,
    state: r.state,
    job: r.title,
    employer: r.employer,
    since: new Date(r.updated_at),
    endedReason: r.ended_reason,
  }))
}

/** Citizens who gave the matchmaker consent, with "has a frikort: yes/no". */
export async function listCandidates(ctx: Ctx, organisationId: string) {
  await requireMatchmaker(ctx, organisationId)
  const rows = await ctx.db
    .selectFrom('citizen as c')
    .select((eb) => [
      'c.id',
      'c.chosen_name',
      consentForName('c.id', organisationId, ctx.now).as('name_allowed'),
      eb
        .exists(
          eb
            .selectFrom('frikort_decision as d')
            .select('d.id')
            .whereRef('d.citizen_id', '=', 'c.id')
            .where('d.status', '=', 'active'),
        )
        .as('has_frikort'),
    ])
    .where(consentForFrikort('c.id', organisationId, ctx.now))
    .where('c.anonymised_at', 'is', null)
    .orderBy('c.chosen_name')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name_allowed ? r.chosen_name : null,
    hasFrikort: Boolean(r.has_frikort),
  }))
}

export type MatchResult = { ok: true } | { ok: false; errors: Record<string, string[]> }
const fail = (field: string, key: string): MatchResult => ({
  ok: false,
  errors: { [field]: [`${F}.matchmaking.${key}`] },
})

async function event(
  trx: Executor,
  ctx: Ctx,
  match: { id: string; citizenId: string; municipalityId: string },
  from: MatchState | null,
  to: MatchState,
  page: string,
  extra: Record<string, unknown> = {},
) {
  const data = { from, to, ...extra }
  await trx
    .insertInto('event')
    .values({
      occurred_at: ctx.now,
      municipality_id: match.municipalityId,
      actor_person_id: ctx.actor.personId,
      entity_type: 'frikort_match',
      entity_id: match.id,
      type: `frikort.match.${to}`,
      data: JSON.stringify(data),
    })
    .execute()
  await recordAudit(trx, {
    action: 'citizen.change',
    actorPersonId: ctx.actor.personId,
    municipalityId: match.municipalityId,
    recordType: 'frikort_match',
    recordId: match.id,
    subjectCitizenId: match.citizenId,
    ipHash: ctx.ipHash,
    page,
    details: data,
    now: ctx.now,
  })
}

/** The matchmaker suggests an open frikort job to a citizen who has an active decision. */
export async function suggestMatch(
  ctx: Ctx,
  organisationId: string,
  input: { citizenId: string; jobId: string },
): Promise<MatchResult> {
  await requireMatchmaker(ctx, organisationId)
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await trx
      .selectFrom('citizen as c')
      .select(['c.id', 'c.municipality_id'])
      .where('c.id', '=', input.citizenId)
      .where(consentForFrikort('c.id', organisationId, ctx.now))
      .forUpdate()
      .executeTakeFirst()
    if (!citizen) return fail('citizenId', 'citizenRequired')
    const decision = await trx
      .selectFrom('frikort_decision')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (!decision) return fail('citizenId', 'noDecision')
    const job = await trx
      .selectFrom('job')
      .select(['id', 'organisation_id'])
      .where('id', '=', input.jobId)
      .where('status', '=', 'open')
      .where('suitable_for_frikort', '=', true)
      .executeTakeFirst()
    if (!job) return fail('jobId', 'jobRequired')
    const open = await trx
      .selectFrom('frikort_match')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('job_id', '=', job.id)
      .where('state', '<>', 'ended')
      .executeTakeFirst()
    if (open) return fail('jobId', 'alreadySuggested')
    const row = await trx
      .insertInto('frikort_match')
      .values({
        citizen_id: citizen.id,
        job_id: job.id,
        matchmaker_organisation_id: organisationId,
        employer_organisation_id: job.organisation_id,
        state: 'suggested',
        suggested_at: ctx.now,
        created_by: ctx.actor.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await event(
      trx,
      ctx,
      { id: row.id, citizenId: citizen.id, municipalityId: citizen.municipality_id },
      null,
      'suggested',
      `/org/${organisationId}/frikort/matchmaking`,
      { jobId: job.id },
    )
    return { ok: true }
  })
}

async function move(
  ctx: Ctx,
  trx: Executor,
  match: { id: string; state: MatchState; citizen_id: string; municipality_id: string },
  to: MatchState,
  by: Mover,
  page: string,
  reason?: FrikortEndReason,
): Promise<MatchResult> {
  if (!canMove(match.state, to, by)) return fail('', 'notAllowed')
  await trx
    .updateTable('frikort_match')
    .set({
      state: to,
      [STATE_TIMESTAMP[to]]: ctx.now,
      updated_at: ctx.now,
      ...(to === 'ended' ? { ended_reason: reason ?? 'other' } : {}),
    })
    .where('id', '=', match.id)
    .execute()
  await event(
    trx,
    ctx,
    { id: match.id, citizenId: match.citizen_id, municipalityId: match.municipality_id },
    match.state,
    to,
    page,
    reason ? { reason } : {},
  )
  return { ok: true }
}

/** One step on the board; the transition table decides, the row is locked while it does. */
export async function moveMatch(
  ctx: Ctx,
  organisationId: string,
  input: { matchId: string; to: MatchState; reason?: FrikortEndReason },
): Promise<MatchResult | null> {
  await requireMatchmaker(ctx, organisationId)
  return inTransaction(ctx.db, async (trx) => {
    const match = await trx
      .selectFrom('frikort_match as fm')
      .innerJoin('citizen as c', 'c.id', 'fm.citizen_id')
      .select(['fm.id', 'fm.state', 'fm.citizen_id', 'c.municipality_id'])
      .where('fm.id', '=', input.matchId)
      .where('fm.matchmaker_organisation_id', '=', organisationId)
      .where(consentForFrikort('fm.citizen_id', organisationId, ctx.now))
      .forUpdate('fm')
      .executeTakeFirst()
    if (!match) return null
    return move(
      ctx,
      trx,
      match,
      input.to,
      'matchmaker',
      `/org/${organisationId}/frikort/matchmaking`,
      input.reason,
    )
  })
}

// --- the citizen's side --------------------------------------------------------------------

export interface MyMatch {
  id: string
  state: MatchState
  jobId: string | null
  job: string | null
  employer: string | null
  since: Date
}

export async function listMyMatches(ctx: Ctx): Promise<MyMatch[]> {
  const citizen = requireCitizen(ctx)
  const rows = await ctx.db
    .selectFrom('frikort_match as fm')
    .leftJoin('job as j', 'j.id', 'fm.job_id')
    .leftJoin('organisation as e', 'e.id', 'fm.employer_organisation_id')
    .select(['fm.id', 'fm.state', 'fm.job_id', 'j.title', 'e.name', 'fm.updated_at'])
    .where('fm.citizen_id', '=', citizen.id)
    .orderBy('fm.updated_at', 'desc')
    .limit(100)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    jobId: r.job_id,
    job: r.title,
    employer: r.name,
    since: new Date(r.updated_at),
  }))
}

/**
 * "I'm interested" on a job: says yes to an open suggestion for it, or starts a match with the
 * matchmaker the citizen gave consent to. Saying it twice changes nothing.
 */
export async function expressInterest(
  ctx: Ctx,
  jobId: string,
): Promise<{ ok: true } | { ok: false; error: 'noDecision' | 'noMatchmaker' | 'noJob' }> {
  const self = requireCitizen(ctx)
  return inTransaction(ctx.db, async (trx) => {
    const citizen = await trx
      .selectFrom('citizen')
      .select(['id', 'municipality_id'])
      .where('id', '=', self.id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const decision = await trx
      .selectFrom('frikort_decision')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (!decision) return { ok: false, error: 'noDecision' }
    const job = await trx
      .selectFrom('job')
      .select(['id', 'organisation_id'])
      .where('id', '=', jobId)
      .where('status', '=', 'open')
      .where('suitable_for_frikort', '=', true)
      .executeTakeFirst()
    if (!job) return { ok: false, error: 'noJob' }
    const open = await trx
      .selectFrom('frikort_match')
      .select(['id', 'state', 'citizen_id'])
      .where('citizen_id', '=', citizen.id)
      .where('job_id', '=', job.id)
      .where('state', '<>', 'ended')
      .forUpdate()
      .executeTakeFirst()
    const page = `/jobs/${job.id}`
    if (open) {
      if (open.state === 'suggested')
        await move(
          ctx,
          trx,
          { ...open, municipality_id: citizen.municipality_id },
          'interested',
          'citizen',
          page,
        )
      return { ok: true }
    }
    const chosen = await matchmakerFor(trx, citizen.id, ctx.now)
    if (!chosen) return { ok: false, error: 'noMatchmaker' }
    const row = await trx
      .insertInto('frikort_match')
      .values({
        citizen_id: citizen.id,
        job_id: job.id,
        matchmaker_organisation_id: chosen,
        employer_organisation_id: job.organisation_id,
        state: 'interested',
        interested_at: ctx.now,
        created_by: ctx.actor.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await event(
      trx,
      ctx,
      { id: row.id, citizenId: citizen.id, municipalityId: citizen.municipality_id },
      null,
      'interested',
      page,
      { jobId: job.id },
    )
    return { ok: true }
  })
}

/** The matchmaker organisation the citizen's active frikort consent names (the first one). */
async function matchmakerFor(db: Executor, citizenId: string, now: Date): Promise<string | null> {
  const rows = await db
    .selectFrom('frikort_matchmaker as mm')
    .innerJoin('organisation as o', 'o.id', 'mm.organisation_id')
    .select('mm.organisation_id')
    .orderBy('o.name')
    .execute()
  for (const r of rows) {
    const allowed = await db
      .selectFrom('citizen as c')
      .select(consentForFrikort('c.id', r.organisation_id, now).as('ok'))
      .where('c.id', '=', citizenId)
      .executeTakeFirst()
    if (allowed?.ok) return r.organisation_id
  }
  return null
}
