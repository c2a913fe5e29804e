import type { ExpressionBuilder } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { OutreachInstitutionType } from '../../../db/schema.ts'
import { utcToZoned } from '../activities/schedule'
import { recordAudit } from '../audit/audit.server'
import {
  forbidden,
  requireMunicipalRole,
  requireOrgRole,
  type Ctx,
} from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { notFound } from '../identity/invitations.server'
import { municipalitiesWhere } from '../identity/policy'
import { canLogOutreach, canRecordProgress } from './policy'
import { computeProgress, type CriterionProgress } from './progress'
import type { CriterionMeasure, LegalBasis, OutreachInput, PartnershipInput } from './schemas'

// §18/§82d partnerships (partnerskaber): a municipality's grant to one organisation for a
// period, with success criteria (succeskriterier), progress against them and the organisation's
// outreach log (opsøgning). Administrators of the municipality run the grant; the organisation's
// coordinators and staff see their own partnerships and keep the log.

const S = 'pages.staff.partnerships.errors'
const O = 'pages.orgPartnerships.errors'
const INVALID = 'pages.admin.errors.invalidRequest'

export type FieldErrors = Record<string, string[]>
export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors }

/** Which pages a call serves: the municipality's administration, or one organisation's own. */
export type PartnershipScope =
  { as: 'administrator' } | { as: 'organisation'; organisationId: string }

export interface CriterionView {
  id: string
  position: number
  description: string
  targetValue: number
  measure: CriterionMeasure
  progress: CriterionProgress
  latest: { value: number; note: string | null; recordedAt: Date } | null
}

export interface PartnershipSummary {
  id: string
  municipalityId: string
  municipalityName: string
  organisationId: string
  organisationName: string
  title: string
  poolYear: number
  amountOere: number
  periodStart: string
  periodEnd: string
  legalBasis: LegalBasis
  criteria: CriterionView[]
}

export interface PartnershipDetail extends PartnershipSummary {
  purpose: string
  targetGroups: { id: string; nameDa: string; nameEn: string }[]
  goals: { id: string; position: number; titleDa: string; titleEn: string; framework: string }[]
  updatedAt: Date
}

export interface OutreachEntry {
  id: string
  contactedOn: string
  institutionType: OutreachInstitutionType
  institution: string
  outcome: string | null
  loggedBy: string | null
  /** Only entries inside the partnership's period count towards its targets. */
  inPeriod: boolean
}

/** The local date in Copenhagen: what "today" means for a period and an outreach date. */
export const localToday = (ctx: Pick<Ctx, 'now'>) => utcToZoned(ctx.now).date

interface Visible {
  municipalityIds: string[]
  organisationIds: string[]
}

/**
 * The partnerships a person may see from where they stand: their municipalities' as an
 * administrator, their organisations' as its coordinator or staff. A scope narrows it to one
 * side (and answers 403 before any query when the person has no place there).
 */
function visibleFor(ctx: Ctx, scope?: PartnershipScope): Visible {
  const adminOf = municipalitiesWhere(ctx.actor, ['administrator'])
  if (!scope)
    return {
      municipalityIds: adminOf,
      organisationIds: [...new Set(ctx.actor.orgRoles.map((r) => r.organisationId))],
    }
  if (scope.as === 'administrator') {
    if (adminOf.length === 0) forbidden()
    return { municipalityIds: adminOf, organisationIds: [] }
  }
  requireOrgRole(ctx, scope.organisationId, ['coordinator', 'staff'])
  return { municipalityIds: [], organisationIds: [scope.organisationId] }
}

function whereVisible(eb: ExpressionBuilder<any, any>, visible: Visible) {
  return eb.or([
    ...(visible.municipalityIds.length
      ? [eb('p.municipality_id', 'in', visible.municipalityIds)]
      : []),
    ...(visible.organisationIds.length
      ? [eb('p.organisation_id', 'in', visible.organisationIds)]
      : []),
  ])
}

const nothingVisible = (v: Visible) =>
  v.municipalityIds.length === 0 && v.organisationIds.length === 0

async function criteriaOf(
  db: Executor,
  partnershipIds: string[],
  today: string,
): Promise<Map<string, CriterionView[]>> {
  const byPartnership = new Map<string, CriterionView[]>()
  if (partnershipIds.length === 0) return byPartnership
  const rows = await db
    .selectFrom('success_criterion as sc')
    .innerJoin('partnership as p', 'p.id', 'sc.partnership_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('criterion_progress as cp')
          .select(['cp.value', 'cp.note', 'cp.recorded_at'])
          .whereRef('cp.criterion_id', '=', 'sc.id')
          .orderBy('cp.recorded_at', 'desc')
          .orderBy('cp.id', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'sc.id',
      'sc.partnership_id',
      'sc.position',
      'sc.description',
      'sc.target_value',
      'sc.measure',
      'p.period_end',
      'latest.value as latest_value',
      'latest.note as latest_note',
      'latest.recorded_at as latest_at',
      eb
        .selectFrom('outreach_log as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.partnership_id', '=', 'sc.partnership_id')
        .whereRef('o.contacted_on', '>=', 'p.period_start')
        .whereRef('o.contacted_on', '<=', 'p.period_end')
        .as('outreach_count'),
    ])
    .where('sc.partnership_id', 'in', partnershipIds)
    .orderBy('sc.partnership_id')
    .orderBy('sc.position')
    .execute()
  for (const r of rows) {
    const latest =
      r.latest_value === null || r.latest_at === null
        ? null
        : { value: r.latest_value, note: r.latest_note, recordedAt: new Date(r.latest_at) }
    const view: CriterionView = {
      id: r.id,
      position: r.position,
      description: r.description,
      targetValue: r.target_value,
      measure: r.measure,
      latest,
      progress: computeProgress({
        measure: r.measure,
        target: r.target_value,
        outreachCount: Number(r.outreach_count ?? 0),
        latestManual: latest?.value ?? null,
        periodEnd: r.period_end,
        today,
      }),
    }
    const list = byPartnership.get(r.partnership_id) ?? []
    list.push(view)
    byPartnership.set(r.partnership_id, list)
  }
  return byPartnership
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('partnership as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .innerJoin('municipality as m', 'm.id', 'p.municipality_id')
    .select([
      'p.id',
      'p.municipality_id',
      'm.name as municipality_name',
      'p.organisation_id',
      'o.name as organisation_name',
      'p.title',
      'p.pool_year',
      'p.amount_oere',
      'p.period_start',
      'p.period_end',
      'p.legal_basis',
      'p.purpose',
      'p.updated_at',
    ])
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

function summaryOf(r: BaseRow, criteria: CriterionView[]): PartnershipSummary {
  return {
    id: r.id,
    municipalityId: r.municipality_id,
    municipalityName: r.municipality_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    title: r.title,
    poolYear: r.pool_year,
    amountOere: Number(r.amount_oere),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    legalBasis: r.legal_basis,
    criteria,
  }
}

/** A municipality's partnerships, newest pool year first, with progress per criterion. */
export async function listPartnerships(
  ctx: Ctx,
  municipalityId: string,
  filter: { year?: number | null } = {},
): Promise<PartnershipSummary[]> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const rows = await baseQuery(ctx.db)
    .where('p.municipality_id', '=', municipalityId)
    .$if(Boolean(filter.year), (qb) => qb.where('p.pool_year', '=', filter.year!))
    .orderBy('p.pool_year', 'desc')
    .orderBy('p.period_start', 'desc')
    .orderBy('p.title')
    .execute()
  const criteria = await criteriaOf(
    ctx.db,
    rows.map((r) => r.id),
    localToday(ctx),
  )
  return rows.map((r) => summaryOf(r, criteria.get(r.id) ?? []))
}

/** The pool years a municipality has partnerships in (for the list's filter). */
export async function listPoolYears(ctx: Ctx, municipalityId: string): Promise<number[]> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const rows = await ctx.db
    .selectFrom('partnership')
    .select('pool_year')
    .distinct()
    .where('municipality_id', '=', municipalityId)
    .orderBy('pool_year', 'desc')
    .execute()
  return rows.map((r) => r.pool_year)
}

/** An organisation's partnerships with every municipality, for its coordinators and staff. */
export async function listOrganisationPartnerships(
  ctx: Ctx,
  organisationId: string,
): Promise<PartnershipSummary[]> {
  requireOrgRole(ctx, organisationId, ['coordinator', 'staff'])
  const rows = await baseQuery(ctx.db)
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.period_end', 'desc')
    .orderBy('p.title')
    .execute()
  const criteria = await criteriaOf(
    ctx.db,
    rows.map((r) => r.id),
    localToday(ctx),
  )
  return rows.map((r) => summaryOf(r, criteria.get(r.id) ?? []))
}

/** One partnership with its criteria and progress; null when it does not exist for this person. */
export async function getPartnership(
  ctx: Ctx,
  partnershipId: string,
  scope?: PartnershipScope,
): Promise<PartnershipDetail | null> {
  const visible = visibleFor(ctx, scope)
  if (!isUuid(partnershipId) || nothingVisible(visible)) return null
  const row = await baseQuery(ctx.db)
    .where('p.id', '=', partnershipId)
    .where((eb) => whereVisible(eb, visible))
    .executeTakeFirst()
  if (!row) return null
  const goals = await ctx.db
    .selectFrom('partnership_goal as pg')
    .innerJoin('goal as g', 'g.id', 'pg.goal_id')
    .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
    .select(['g.id', 'g.position', 'g.title_da', 'g.title_en', 'f.name'])
    .where('pg.partnership_id', '=', row.id)
    .orderBy('f.name')
    .orderBy('g.position')
    .execute()
  const targetGroups = await ctx.db
    .selectFrom('partnership_target_group as ptg')
    .innerJoin('target_group as tg', 'tg.id', 'ptg.target_group_id')
    .select(['tg.id', 'tg.name_da', 'tg.name_en'])
    .where('ptg.partnership_id', '=', row.id)
    .orderBy('tg.name_da')
    .execute()
  const criteria = await criteriaOf(ctx.db, [row.id], localToday(ctx))
  return {
    ...summaryOf(row, criteria.get(row.id) ?? []),
    purpose: row.purpose,
    updatedAt: new Date(row.updated_at),
    goals: goals.map((g) => ({
      id: g.id,
      position: g.position,
      titleDa: g.title_da,
      titleEn: g.title_en,
      framework: g.name,
    })),
    targetGroups: targetGroups.map((t) => ({ id: t.id, nameDa: t.name_da, nameEn: t.name_en })),
  }
}

export interface PartnershipFormOptions {
  organisations: { id: string; name: string; homeMunicipality: string | null; own: boolean }[]
  targetGroups: { id: string; nameDa: string; nameEn: string }[]
  frameworks: {
    id: string
    name: string
    goals: { id: string; position: number; titleDa: string; titleEn: string }[]
  }[]
}

/**
 * What the partnership form offers: approved organisations anywhere in the network (the
 * municipality's own first), the target groups, and the goals of the municipality's frameworks.
 * An organisation already linked stays selectable even if it was suspended since.
 */
export async function getPartnershipFormOptions(
  ctx: Ctx,
  municipalityId: string,
  currentOrganisationId?: string,
): Promise<PartnershipFormOptions> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const organisations = await ctx.db
    .selectFrom('organisation as o')
    .leftJoin('municipality as m', 'm.id', 'o.home_municipality_id')
    .select(['o.id', 'o.name', 'o.home_municipality_id', 'm.name as municipality_name'])
    .where((eb) =>
      eb.or([
        eb('o.status', '=', 'approved'),
        ...(currentOrganisationId && isUuid(currentOrganisationId)
          ? [eb('o.id', '=', currentOrganisationId)]
          : []),
      ]),
    )
    .orderBy('o.name')
    .execute()
  const targetGroups = await ctx.db
    .selectFrom('target_group')
    .select(['id', 'name_da', 'name_en'])
    .orderBy('name_da')
    .execute()
  const goals = await ctx.db
    .selectFrom('goal as g')
    .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
    .select(['f.id as framework_id', 'f.name', 'g.id', 'g.position', 'g.title_da', 'g.title_en'])
    .where('f.municipality_id', '=', municipalityId)
    .orderBy('f.valid_from', 'desc')
    .orderBy('f.name')
    .orderBy('g.position')
    .execute()
  const frameworks = new Map<string, PartnershipFormOptions['frameworks'][number]>()
  for (const g of goals) {
    const framework = frameworks.get(g.framework_id) ?? {
      id: g.framework_id,
      name: g.name,
      goals: [],
    }
    framework.goals.push({
      id: g.id,
      position: g.position,
      titleDa: g.title_da,
      titleEn: g.title_en,
    })
    frameworks.set(g.framework_id, framework)
  }
  return {
    organisations: organisations
      .map((o) => ({
        id: o.id,
        name: o.name,
        homeMunicipality: o.municipality_name,
        own: o.home_municipality_id === municipalityId,
      }))
      .sort((a, b) => Number(b.own) - Number(a.own)),
    targetGroups: targetGroups.map((t) => ({ id: t.id, nameDa: t.name_da, nameEn: t.name_en })),
    frameworks: [...frameworks.values()],
  }
}

/** Checks what the form names exists and may be used here; field errors otherwise. */
async function referenceErrors(
  trx: Executor,
  municipalityId: string,
  input: PartnershipInput,
  currentOrganisationId: string | null,
): Promise<FieldErrors | null> {
  const errors: FieldErrors = {}
  const organisation = await trx
    .selectFrom('organisation')
    .select(['id', 'status'])
    .where('id', '=', input.organisationId)
    .executeTakeFirst()
  if (
    !organisation ||
    (organisation.status !== 'approved' && organisation.id !== currentOrganisationId)
  )
    errors.organisationId = [`${S}.organisationInvalid`]
  if (input.goalIds.length) {
    const goals = await trx
      .selectFrom('goal as g')
      .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
      .select('g.id')
      .where('f.municipality_id', '=', municipalityId)
      .where('g.id', 'in', input.goalIds)
      .execute()
    if (goals.length !== input.goalIds.length) errors.goalIds = [`${S}.invalidChoice`]
  }
  if (input.targetGroupIds.length) {
    const groups = await trx
      .selectFrom('target_group')
      .select('id')
      .where('id', 'in', input.targetGroupIds)
      .execute()
    if (groups.length !== input.targetGroupIds.length)
      errors.targetGroupIds = [`${S}.invalidChoice`]
  }
  return Object.keys(errors).length ? errors : null
}

async function replaceTags(trx: Executor, partnershipId: string, input: PartnershipInput) {
  await trx
    .deleteFrom('partnership_target_group')
    .where('partnership_id', '=', partnershipId)
    .execute()
  await trx.deleteFrom('partnership_goal').where('partnership_id', '=', partnershipId).execute()
  if (input.targetGroupIds.length)
    await trx
      .insertInto('partnership_target_group')
      .values(
        input.targetGroupIds.map((id) => ({ partnership_id: partnershipId, target_group_id: id })),
      )
      .execute()
  if (input.goalIds.length)
    await trx
      .insertInto('partnership_goal')
      .values(input.goalIds.map((id) => ({ partnership_id: partnershipId, goal_id: id })))
      .execute()
}

/**
 * A new partnership in one of the administrator's municipalities. The form carries an id chosen
 * when it was shown, so a second submit of the same form finds the first row instead of making
 * a twin (the primary key decides, also when both submits race).
 */
export async function createPartnership(
  ctx: Ctx,
  municipalityId: string,
  input: PartnershipInput,
): Promise<SaveResult> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  return inTransaction(ctx.db, async (trx): Promise<SaveResult> => {
    const errors = await referenceErrors(trx, municipalityId, input, null)
    if (errors) return { ok: false, errors }
    const inserted = await trx
      .insertInto('partnership')
      .values({
        ...(input.submissionId ? { id: input.submissionId } : {}),
        municipality_id: municipalityId,
        organisation_id: input.organisationId,
        title: input.title,
        pool_year: input.poolYear,
        amount_oere: input.amountOere,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        legal_basis: input.legalBasis,
        purpose: input.purpose,
        created_by: ctx.actor.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) {
      const first = await trx
        .selectFrom('partnership')
        .select(['id', 'municipality_id', 'created_by'])
        .where('id', '=', input.submissionId!)
        .executeTakeFirst()
      if (first?.municipality_id === municipalityId && first.created_by === ctx.actor.personId)
        return { ok: true, id: first.id }
      return { ok: false, errors: { '': [INVALID] } }
    }
    await replaceTags(trx, inserted.id, input)
    if (input.criteria.length)
      await trx
        .insertInto('success_criterion')
        .values(
          input.criteria.map((c, i) => ({
            partnership_id: inserted.id,
            position: i + 1,
            description: c.description,
            target_value: c.targetValue,
            measure: c.measure,
          })),
        )
        .execute()
    await recordAudit(trx, {
      action: 'partnership.created',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'partnership',
      recordId: inserted.id,
      ipHash: ctx.ipHash,
      page: '/admin/partnerships/new',
      details: {
        organisationId: input.organisationId,
        poolYear: input.poolYear,
        amountOere: input.amountOere,
        legalBasis: input.legalBasis,
        criteria: input.criteria.length,
      },
      now: ctx.now,
    })
    return { ok: true, id: inserted.id }
  })
}

/**
 * Changes a partnership of the administrator's municipality (404 for anyone else's). Saved
 * criteria keep their id and recorded progress; a criterion left out is removed with its
 * progress; new rows are added. The audit row names what changed.
 */
export async function updatePartnership(
  ctx: Ctx,
  partnershipId: string,
  input: PartnershipInput,
): Promise<SaveResult> {
  const visible = visibleFor(ctx, { as: 'administrator' })
  if (!isUuid(partnershipId)) notFound()
  return inTransaction(ctx.db, async (trx): Promise<SaveResult> => {
    const current = await trx
      .selectFrom('partnership as p')
      .selectAll('p')
      .where('p.id', '=', partnershipId)
      .where((eb) => whereVisible(eb, visible))
      .forUpdate()
      .executeTakeFirst()
    if (!current) notFound()
    const errors = await referenceErrors(
      trx,
      current.municipality_id,
      input,
      current.organisation_id,
    )
    if (errors) return { ok: false, errors }
    const saved = await trx
      .selectFrom('success_criterion')
      .select(['id', 'description', 'target_value', 'measure'])
      .where('partnership_id', '=', partnershipId)
      .execute()
    const savedIds = new Set(saved.map((c) => c.id))
    const keptIds = new Set(input.criteria.flatMap((c) => (c.id ? [c.id] : [])))
    // A criterion id from another partnership (or a stale tab) is a broken form, not a new row.
    if ([...keptIds].some((id) => !savedIds.has(id)))
      return { ok: false, errors: { '': [INVALID] } }

    const fields = {
      organisation_id: input.organisationId,
      title: input.title,
      pool_year: input.poolYear,
      amount_oere: input.amountOere,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      legal_basis: input.legalBasis,
      purpose: input.purpose,
    }
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
      (k) => String(current[k]) !== String(fields[k]),
    )
    await trx
      .updateTable('partnership')
      .set({ ...fields, updated_at: ctx.now })
      .where('id', '=', partnershipId)
      .execute()
    await replaceTags(trx, partnershipId, input)

    const removed = saved.filter((c) => !keptIds.has(c.id)).map((c) => c.id)
    if (removed.length)
      await trx.deleteFrom('success_criterion').where('id', 'in', removed).execute()
    // Positions are unique per partnership: move the kept rows out of the way, then renumber.
    if (keptIds.size)
      await trx
        .updateTable('success_criterion')
        .set((eb) => ({ position: eb('position', '+', 1000) }))
        .where('id', 'in', [...keptIds])
        .execute()
    let changedCriteria = 0
    for (const [i, c] of input.criteria.entries()) {
      const values = {
        position: i + 1,
        description: c.description,
        target_value: c.targetValue,
        measure: c.measure,
      }
      if (c.id) {
        const before = saved.find((s) => s.id === c.id)!
        if (
          before.description !== c.description ||
          before.target_value !== c.targetValue ||
          before.measure !== c.measure
        )
          changedCriteria++
        await trx.updateTable('success_criterion').set(values).where('id', '=', c.id).execute()
      } else {
        await trx
          .insertInto('success_criterion')
          .values({ ...values, partnership_id: partnershipId })
          .execute()
      }
    }
    await recordAudit(trx, {
      action: 'partnership.updated',
      actorPersonId: ctx.actor.personId,
      municipalityId: current.municipality_id,
      recordType: 'partnership',
      recordId: partnershipId,
      ipHash: ctx.ipHash,
      page: `/admin/partnerships/${partnershipId}`,
      details: {
        changed,
        criteriaAdded: input.criteria.filter((c) => !c.id).length,
        criteriaRemoved: removed.length,
        criteriaChanged: changedCriteria,
        goals: input.goalIds.length,
        targetGroups: input.targetGroupIds.length,
      },
      now: ctx.now,
    })
    return { ok: true, id: partnershipId }
  })
}

export type EntryResult = { ok: true; partnershipId: string } | { ok: false; errors: FieldErrors }

/**
 * A progress figure for a manual criterion, by the municipality's administrator or the
 * organisation's coordinator. The latest figure is the criterion's progress; older ones stay as
 * history. `entryId` (chosen when the form was shown) makes a double submit harmless.
 */
export async function recordProgress(
  ctx: Ctx,
  criterionId: string,
  value: number,
  note: string | null,
  options: { scope?: PartnershipScope; entryId?: string; partnershipId?: string } = {},
): Promise<EntryResult> {
  const visible = visibleFor(ctx, options.scope)
  if (!isUuid(criterionId))
    return { ok: false, errors: { criterionId: [`${O}.criterionRequired`] } }
  if (nothingVisible(visible)) notFound()
  if (options.partnershipId !== undefined && !isUuid(options.partnershipId)) notFound()
  return inTransaction(ctx.db, async (trx): Promise<EntryResult> => {
    const criterion = await trx
      .selectFrom('success_criterion as sc')
      .innerJoin('partnership as p', 'p.id', 'sc.partnership_id')
      .select([
        'sc.id',
        'sc.measure',
        'p.id as partnership_id',
        'p.municipality_id',
        'p.organisation_id',
      ])
      .where('sc.id', '=', criterionId)
      .where((eb) => whereVisible(eb, visible))
      .$if(options.partnershipId !== undefined, (qb) =>
        qb.where('sc.partnership_id', '=', options.partnershipId!),
      )
      .executeTakeFirst()
    if (!criterion) notFound()
    const parties = {
      municipalityId: criterion.municipality_id,
      organisationId: criterion.organisation_id,
    }
    if (!canRecordProgress(ctx.actor, parties)) forbidden()
    if (criterion.measure !== 'manual')
      return { ok: false, errors: { criterionId: [`${O}.criterionNotManual`] } }
    const inserted = await trx
      .insertInto('criterion_progress')
      .values({
        ...(options.entryId ? { id: options.entryId } : {}),
        criterion_id: criterion.id,
        value,
        note,
        recorded_by: ctx.actor.personId,
        recorded_at: ctx.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) {
      const first = await trx
        .selectFrom('criterion_progress')
        .select(['criterion_id', 'recorded_by'])
        .where('id', '=', options.entryId!)
        .executeTakeFirst()
      return first?.criterion_id === criterion.id && first.recorded_by === ctx.actor.personId
        ? { ok: true, partnershipId: criterion.partnership_id }
        : { ok: false, errors: { '': [INVALID] } }
    }
    await recordAudit(trx, {
      action: 'partnership.progressRecorded',
      actorPersonId: ctx.actor.personId,
      municipalityId: criterion.municipality_id,
      recordType: 'success_criterion',
      recordId: criterion.id,
      ipHash: ctx.ipHash,
      details: { partnershipId: criterion.partnership_id, progressId: inserted.id, value },
      now: ctx.now,
    })
    return { ok: true, partnershipId: criterion.partnership_id }
  })
}

/** A line in a partnership's outreach log, by the organisation's people or the administrator. */
export async function addOutreach(
  ctx: Ctx,
  partnershipId: string,
  input: Omit<OutreachInput, 'intent' | 'entryId'>,
  options: { scope?: PartnershipScope; entryId?: string } = {},
): Promise<EntryResult> {
  const visible = visibleFor(ctx, options.scope)
  if (!isUuid(partnershipId) || nothingVisible(visible)) notFound()
  if (input.contactedOn > localToday(ctx))
    return { ok: false, errors: { contactedOn: [`${O}.dateInFuture`] } }
  return inTransaction(ctx.db, async (trx): Promise<EntryResult> => {
    const partnership = await trx
      .selectFrom('partnership as p')
      .select(['p.id', 'p.municipality_id', 'p.organisation_id'])
      .where('p.id', '=', partnershipId)
      .where((eb) => whereVisible(eb, visible))
      .executeTakeFirst()
    if (!partnership) notFound()
    if (
      !canLogOutreach(ctx.actor, {
        municipalityId: partnership.municipality_id,
        organisationId: partnership.organisation_id,
      })
    )
      forbidden()
    const inserted = await trx
      .insertInto('outreach_log')
      .values({
        ...(options.entryId ? { id: options.entryId } : {}),
        partnership_id: partnership.id,
        contacted_on: input.contactedOn,
        institution_type: input.institutionType,
        institution: input.institution,
        outcome: input.outcome,
        created_by: ctx.actor.personId,
        created_at: ctx.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) {
      const first = await trx
        .selectFrom('outreach_log')
        .select(['partnership_id', 'created_by'])
        .where('id', '=', options.entryId!)
        .executeTakeFirst()
      return first?.partnership_id === partnership.id && first.created_by === ctx.actor.personId
        ? { ok: true, partnershipId: partnership.id }
        : { ok: false, errors: { '': [INVALID] } }
    }
    await recordAudit(trx, {
      action: 'partnership.outreachAdded',
      actorPersonId: ctx.actor.personId,
      municipalityId: partnership.municipality_id,
      recordType: 'outreach_log',
      recordId: inserted.id,
      ipHash: ctx.ipHash,
      details: {
        partnershipId: partnership.id,
        contactedOn: input.contactedOn,
        institutionType: input.institutionType,
      },
      now: ctx.now,
    })
    return { ok: true, partnershipId: partnership.id }
  })
}

/** The outreach log, newest first; 404 for a partnership the person cannot see. */
export async function listOutreach(
  ctx: Ctx,
  partnershipId: string,
  scope?: PartnershipScope,
): Promise<OutreachEntry[]> {
  const visible = visibleFor(ctx, scope)
  if (!isUuid(partnershipId) || nothingVisible(visible)) notFound()
  const partnership = await ctx.db
    .selectFrom('partnership as p')
    .select(['p.id', 'p.period_start', 'p.period_end'])
    .where('p.id', '=', partnershipId)
    .where((eb) => whereVisible(eb, visible))
    .executeTakeFirst()
  if (!partnership) notFound()
  const rows = await ctx.db
    .selectFrom('outreach_log as l')
    .leftJoin('person as who', 'who.id', 'l.created_by')
    .select([
      'l.id',
      'l.contacted_on',
      'l.institution_type',
      'l.institution',
      'l.outcome',
      'who.display_name',
    ])
    .where('l.partnership_id', '=', partnership.id)
    .orderBy('l.contacted_on', 'desc')
    .orderBy('l.created_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    contactedOn: r.contacted_on,
    institutionType: r.institution_type,
    institution: r.institution,
    outcome: r.outcome,
    loggedBy: r.display_name,
    inPeriod:
      r.contacted_on >= partnership.period_start && r.contacted_on <= partnership.period_end,
  }))
}
