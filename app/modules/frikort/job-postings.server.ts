import { inTransaction } from '~/db.server'
import { recordAudit } from '../audit/audit.server'
import { forbidden, requireOrgRole, type Ctx } from '../identity/guards.server'
import { municipalitiesWhere } from '../identity/policy'
import type { JobInput } from './schemas'

// Jobs (småjob) that employers and associations post. The open ones marked "suitable for social
// frikort" are listed for caseworkers, matchmakers and citizens with an active decision.

export interface Job {
  id: string
  organisationId: string
  organisationName: string
  title: string
  tasks: string
  hours: string
  place: string
  payPerHourOre: number
  support: string | null
  contact: string
  suitableForFrikort: boolean
  wageSubsidised: boolean
  status: 'open' | 'closed'
  updatedAt: Date
}

const COLUMNS = [
  'j.id',
  'j.organisation_id',
  'o.name',
  'j.title',
  'j.tasks',
  'j.hours',
  'j.place',
  'j.pay_per_hour_ore',
  'j.support_at_work',
  'j.contact',
  'j.suitable_for_frikort',
  'j.wage_subsidised',
  'j.status',
  'j.updated_at',
] as const

type Row = {
  id: string
  organisation_id: string
  name: string
  title: string
  tasks: string
  hours: string
  place: string
  pay_per_hour_ore: number
  support_at_work: string | null
  contact: string
  suitable_for_frikort: boolean
  wage_subsidised: boolean
  status: 'open' | 'closed'
  updated_at: Date
}

const toJob = (r: Row): Job => ({
  id: r.id,
  organisationId: r.organisation_id,
  organisationName: r.name,
  title: r.title,
  tasks: r.tasks,
  hours: r.hours,
  place: r.place,
  payPerHourOre: r.pay_per_hour_ore,
  support: r.support_at_work,
  contact: r.contact,
  suitableForFrikort: r.suitable_for_frikort,
  wageSubsidised: r.wage_subsidised,
  status: r.status,
  updatedAt: new Date(r.updated_at),
})

function base(ctx: Ctx) {
  return ctx.db.selectFrom('job as j').innerJoin('organisation as o', 'o.id', 'j.organisation_id')
}

export async function listOrganisationJobs(ctx: Ctx, organisationId: string): Promise<Job[]> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const rows = await base(ctx)
    .select(COLUMNS)
    .where('j.organisation_id', '=', organisationId)
    .orderBy('j.status', 'desc')
    .orderBy('j.created_at', 'desc')
    .execute()
  return rows.map(toJob)
}

export async function getOrganisationJob(
  ctx: Ctx,
  organisationId: string,
  jobId: string,
): Promise<Job | null> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const row = await base(ctx)
    .select(COLUMNS)
    .where('j.organisation_id', '=', organisationId)
    .where('j.id', '=', jobId)
    .executeTakeFirst()
  return row ? toJob(row) : null
}

const values = (input: JobInput) => ({
  title: input.title,
  tasks: input.tasks,
  hours: input.hours,
  place: input.place,
  pay_per_hour_ore: input.pay,
  support_at_work: input.support,
  contact: input.contact,
  suitable_for_frikort: input.suitableForFrikort,
  wage_subsidised: input.wageSubsidised,
})

/** A new job. The id was chosen when the form was shown, so a second submit finds the first. */
export async function createJob(
  ctx: Ctx,
  organisationId: string,
  input: JobInput,
): Promise<string> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const id = input.submissionId ?? crypto.randomUUID()
  return inTransaction(ctx.db, async (trx) => {
    const inserted = await trx
      .insertInto('job')
      .values({
        id,
        organisation_id: organisationId,
        ...values(input),
        created_by: ctx.actor.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted)
      await recordAudit(trx, {
        action: 'job.created',
        actorPersonId: ctx.actor.personId,
        recordType: 'job',
        recordId: id,
        ipHash: ctx.ipHash,
        details: { organisationId },
        now: ctx.now,
      })
    return id
  })
}

export async function updateJob(
  ctx: Ctx,
  organisationId: string,
  jobId: string,
  input: JobInput,
): Promise<boolean> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const updated = await ctx.db
    .updateTable('job')
    .set({ ...values(input), updated_at: ctx.now })
    .where('id', '=', jobId)
    .where('organisation_id', '=', organisationId)
    .returning('id')
    .executeTakeFirst()
  return updated !== undefined
}

export async function setJobStatus(
  ctx: Ctx,
  organisationId: string,
  jobId: string,
  status: 'open' | 'closed',
): Promise<boolean> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const updated = await ctx.db
    .updateTable('job')
    .set({ status, updated_at: ctx.now })
    .where('id', '=', jobId)
    .where('organisation_id', '=', organisationId)
    .returning('id')
    .executeTakeFirst()
  return updated !== undefined
}

export type JobViewer = 'caseworker' | 'matchmaker' | 'citizen'

/**
 * Who may read the list of frikort jobs: caseworkers, the people of a matchmaker organisation,
 * and citizens with an active decision. Anyone else: 403.
 */
export async function requireJobViewer(ctx: Ctx): Promise<JobViewer[]> {
  const as: JobViewer[] = []
  if (municipalitiesWhere(ctx.actor, ['caseworker']).length) as.push('caseworker')
  const orgIds = ctx.actor.orgRoles.map((r) => r.organisationId)
  if (orgIds.length) {
    const matchmaker = await ctx.db
      .selectFrom('frikort_matchmaker')
      .select('organisation_id')
      .where('organisation_id', 'in', orgIds)
      .executeTakeFirst()
    if (matchmaker) as.push('matchmaker')
  }
  if (ctx.actor.citizen) {
    const decision = await ctx.db
      .selectFrom('frikort_decision')
      .select('id')
      .where('citizen_id', '=', ctx.actor.citizen.id)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (decision) as.push('citizen')
  }
  if (as.length === 0) forbidden()
  return as
}

function openFrikortJobs(ctx: Ctx) {
  return base(ctx)
    .select(COLUMNS)
    .where('j.status', '=', 'open')
    .where('j.suitable_for_frikort', '=', true)
    .where('o.status', '=', 'approved')
}

export async function listOpenJobs(ctx: Ctx): Promise<Job[]> {
  await requireJobViewer(ctx)
  const rows = await openFrikortJobs(ctx).orderBy('j.created_at', 'desc').limit(200).execute()
  return rows.map(toJob)
}

export async function getOpenJob(ctx: Ctx, jobId: string): Promise<Job | null> {
  await requireJobViewer(ctx)
  const row = await openFrikortJobs(ctx).where('j.id', '=', jobId).executeTakeFirst()
  return row ? toJob(row) : null
}
