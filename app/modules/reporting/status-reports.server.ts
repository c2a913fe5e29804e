import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import { inTransaction, type Executor } from '~/db.server'
import type { Language } from '~/i18n/config'
import type { DB, StatusReportState } from '../../../db/schema.ts'
import { defaultOrigin } from '../activities/signups.server'
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
import { enqueueEmail } from '../notifications/outbox.server'
import { formatDay } from '../partnerships/format'
import { activitiesOf, criteriaProgress, periodInstants, PERSON_KEY } from './dashboard.server'
import { ANSWER_SECTIONS, REQUIRED_SECTIONS, type Answers } from './schemas'
import { canTransition, isEditable, readPrefilled, type Prefilled } from './status-report-rules'
import { refreshChangedMonths } from './rollup'
import { suppressCount } from './suppression'

// The §18 status report (statusrapport) for one partnership and period. The administrator asks
// for it; the association's coordinator or staff write it (the figures come pre-filled from the
// platform and are refreshed while it is a draft); the coordinator submits; the administrator
// approves it or returns it with comments. Every transition locks the row, checks the table in
// status-report-rules.ts and writes its event, audit row and e-mails in one transaction.

const S = 'pages.staff.reports.errors'

export type ReportSide = { as: 'administrator' } | { as: 'organisation'; organisationId: string }

export interface StatusReportSummary {
  id: string
  partnershipId: string
  partnershipTitle: string
  organisationId: string
  organisationName: string
  municipalityId: string
  municipalityName: string
  periodFrom: string
  periodTo: string
  dueOn: string
  state: StatusReportState
  submittedAt: Date | null
  decidedAt: Date | null
}

export interface StatusReportDetail extends StatusReportSummary {
  prefilled: Prefilled
  answers: Answers
  adminComment: string | null
}

export type Result = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> }

function baseQuery(db: Executor) {
  return db
    .selectFrom('status_report as r')
    .innerJoin('partnership as p', 'p.id', 'r.partnership_id')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .innerJoin('municipality as m', 'm.id', 'p.municipality_id')
    .select([
      'r.id',
      'r.partnership_id',
      'p.title',
      'p.organisation_id',
      'o.name as organisation_name',
      'p.municipality_id',
      'm.name as municipality_name',
      'r.period_from',
      'r.period_to',
      'r.due_on',
      'r.state',
      'r.submitted_at',
      'r.decided_at',
    ])
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

const summaryOf = (r: BaseRow): StatusReportSummary => ({
  id: r.id,
  partnershipId: r.partnership_id,
  partnershipTitle: r.title,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  municipalityId: r.municipality_id,
  municipalityName: r.municipality_name,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  dueOn: r.due_on,
  state: r.state,
  submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
})

/** Which reports a side may see: its municipalities' (administrator) or its own (organisation). */
function visible(ctx: Ctx, side: ReportSide) {
  if (side.as === 'administrator') {
    const ids = ctx.actor.municipalRoles
      .filter((r) => r.role === 'administrator')
      .map((r) => r.municipalityId)
    if (ids.length === 0) forbidden()
    return (qb: ReturnType<typeof baseQuery>) => qb.where('p.municipality_id', 'in', ids)
  }
  requireOrgRole(ctx, side.organisationId, ['coordinator', 'staff'])
  return (qb: ReturnType<typeof baseQuery>) =>
    qb.where('p.organisation_id', '=', side.organisationId)
}

const ORDER: Record<StatusReportState, number> = {
  submitted: 0,
  returned: 1,
  draft: 2,
  approved: 3,
}

export async function listMunicipalReports(
  ctx: Ctx,
  municipalityId: string,
): Promise<StatusReportSummary[]> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  const rows = await baseQuery(ctx.db)
    .where('p.municipality_id', '=', municipalityId)
    .orderBy('r.due_on', 'desc')
    .orderBy('p.title')
    .execute()
  return rows.map(summaryOf).sort((a, b) => ORDER[a.state] - ORDER[b.state])
}

export async function listOrganisationReports(
  ctx: Ctx,
  organisationId: string,
): Promise<StatusReportSummary[]> {
  const scope = visible(ctx, { as: 'organisation', organisationId })
  const rows = await scope(baseQuery(ctx.db)).orderBy('r.due_on', 'desc').execute()
  return rows.map(summaryOf).sort((a, b) => ORDER[b.state] - ORDER[a.state] || 0)
}

/** The partnerships an administrator can ask a report for (their municipality's). */
export async function listReportablePartnerships(ctx: Ctx, municipalityId: string) {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  return ctx.db
    .selectFrom('partnership as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'p.title', 'o.name as organisation', 'p.period_start', 'p.period_end'])
    .where('p.municipality_id', '=', municipalityId)
    .orderBy('p.period_end', 'desc')
    .orderBy('p.title')
    .execute()
}

/** The report with its figures; for a report still being written the figures are fresh. */
export async function getStatusReport(
  ctx: Ctx,
  reportId: string,
  side: ReportSide,
): Promise<StatusReportDetail | null> {
  const scope = visible(ctx, side)
  if (!isUuid(reportId)) return null
  const row = await scope(baseQuery(ctx.db))
    .select(['r.prefilled', 'r.answers', 'r.admin_comment'])
    .where('r.id', '=', reportId)
    .executeTakeFirst()
  if (!row) return null
  const stored = readPrefilled(row.prefilled)
  const prefilled =
    isEditable(row.state) || !stored
      ? await computePrefilled(ctx.db, row.partnership_id, row.period_from, row.period_to, ctx.now)
      : stored
  return {
    ...summaryOf(row),
    prefilled,
    answers: answersOf(row.answers),
    adminComment: row.admin_comment,
  }
}

export function answersOf(value: unknown): Answers {
  const v = (value ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    ANSWER_SECTIONS.map((s) => [s, typeof v[s] === 'string' ? (v[s] as string) : '']),
  ) as Answers
}

/** The platform's figures for one partnership's organisation in a period. */
export async function computePrefilled(
  db: Executor,
  partnershipId: string,
  from: string,
  to: string,
  now: Date,
): Promise<Prefilled> {
  const p = await db
    .selectFrom('partnership')
    .select(['organisation_id', 'municipality_id'])
    .where('id', '=', partnershipId)
    .executeTakeFirstOrThrow()
  const { fromTs, toTs } = periodInstants({ from, to })
  const untilTs = toTs < now ? toTs : now
  const figures = await sql<Record<string, unknown>>`
    with acts as (
      select x.id from (${activitiesOf(p.municipality_id, null)}) x
      join activity a on a.id = x.id
      where a.organisation_id = ${p.organisation_id}
    ),
    held as (
      select s.id, s.activity_id from activity_session s
      where s.activity_id in (select id from acts) and s.status = 'scheduled'
        and s.starts_at >= ${fromTs} and s.starts_at < ${untilTs}
    )
    select
      (select count(distinct activity_id) from held) as activities,
      (select count(*) from held) as sessions,
      (select coalesce(sum(sa.anonymous_count), 0) from session_attendance sa
        where sa.session_id in (select id from held)) as anonymous,
      (select count(distinct ${PERSON_KEY}) from signup g
        where g.session_id in (select id from held) and g.state = 'attended') as named_unique,
      (select count(*) from outreach_log o where o.partnership_id = ${partnershipId}
        and o.contacted_on between ${from} and ${to}) as outreach`.execute(db)
  const f = figures.rows[0] ?? {}
  const criteria = await criteriaProgress(db, [partnershipId], utcToZoned(now).date)
  return {
    computedAt: now.toISOString(),
    activities: Number(f.activities ?? 0),
    sessions: Number(f.sessions ?? 0),
    anonymous: suppressCount(Number(f.anonymous ?? 0)),
    namedUnique: suppressCount(Number(f.named_unique ?? 0)),
    outreach: Number(f.outreach ?? 0),
    criteria: (criteria.get(partnershipId) ?? []).map((c) => ({
      description: c.description,
      value: c.value,
      target: c.target,
      status: c.status,
    })),
  }
}

async function recordEvent(
  trx: Executor,
  e: { municipalityId: string; actor: string; reportId: string; type: string; now: Date },
  data: Record<string, unknown> = {},
) {
  await trx
    .insertInto('event')
    .values({
      municipality_id: e.municipalityId,
      actor_person_id: e.actor,
      entity_type: 'status_report',
      entity_id: e.reportId,
      type: e.type,
      data: JSON.stringify(data),
      occurred_at: e.now,
    })
    .execute()
}

async function recipients(
  trx: Executor,
  who: { organisationId: string } | { municipalityId: string },
) {
  const q =
    'organisationId' in who
      ? trx
          .selectFrom('organisation_membership as mb')
          .innerJoin('person as pe', 'pe.id', 'mb.person_id')
          .where('mb.organisation_id', '=', who.organisationId)
          .where('mb.role', '=', 'coordinator')
      : trx
          .selectFrom('municipal_role as mb')
          .innerJoin('person as pe', 'pe.id', 'mb.person_id')
          .where('mb.municipality_id', '=', who.municipalityId)
          .where('mb.role', '=', 'administrator')
  const rows = await q
    .select(['pe.id', 'pe.email', 'pe.display_name', 'pe.language'])
    .where('pe.email', 'is not', null)
    .where('pe.deleted_at', 'is', null)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email!,
    name: r.display_name,
    language: r.language as Language,
  }))
}

const periodOf = (from: string, to: string, lng: Language) =>
  `${formatDay(from, lng)} – ${formatDay(to, lng)}`

/** An administrator asks the association for a report (the form's id makes a resubmit harmless). */
export async function requestStatusReport(
  ctx: Ctx,
  municipalityId: string,
  input: {
    submissionId: string
    partnershipId: string
    periodFrom: string
    periodTo: string
    dueOn: string
  },
  origin = defaultOrigin(),
): Promise<Result> {
  requireMunicipalRole(ctx, ['administrator'], municipalityId)
  return inTransaction(ctx.db, async (trx): Promise<Result> => {
    const p = await trx
      .selectFrom('partnership as p')
      .innerJoin('municipality as m', 'm.id', 'p.municipality_id')
      .select(['p.id', 'p.title', 'p.organisation_id', 'm.name as municipality'])
      .where('p.id', '=', input.partnershipId)
      .where('p.municipality_id', '=', municipalityId)
      .executeTakeFirst()
    if (!p) return { ok: false, errors: { partnershipId: [`${S}.partnershipRequired`] } }
    const prefilled = await computePrefilled(trx, p.id, input.periodFrom, input.periodTo, ctx.now)
    const inserted = await trx
      .insertInto('status_report')
      .values({
        id: input.submissionId,
        partnership_id: p.id,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        due_on: input.dueOn,
        prefilled: JSON.stringify(prefilled),
        requested_by: ctx.actor.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) {
      const same = await trx
        .selectFrom('status_report')
        .select('id')
        .where('id', '=', input.submissionId)
        .where('requested_by', '=', ctx.actor.personId)
        .executeTakeFirst()
      if (same) return { ok: true, id: same.id }
      return { ok: false, errors: { periodFrom: [`${S}.periodExists`] } }
    }
    await recordEvent(trx, {
      municipalityId,
      actor: ctx.actor.personId,
      reportId: inserted.id,
      type: 'status_report.requested',
      now: ctx.now,
    })
    await recordAudit(trx, {
      action: 'status_report.requested',
      actorPersonId: ctx.actor.personId,
      municipalityId,
      recordType: 'status_report',
      recordId: inserted.id,
      ipHash: ctx.ipHash,
      page: '/admin/reports',
      details: { partnershipId: p.id, from: input.periodFrom, to: input.periodTo },
      now: ctx.now,
    })
    for (const r of await recipients(trx, { organisationId: p.organisation_id }))
      await enqueueEmail(trx, {
        to: r.email,
        toName: r.name,
        language: r.language,
        template: 'reportRequested',
        data: {
          name: r.name,
          partnership: p.title,
          municipality: p.municipality,
          period: periodOf(input.periodFrom, input.periodTo, r.language),
          due: formatDay(input.dueOn, r.language),
          url: `${origin}/org/${p.organisation_id}/reports/${inserted.id}`,
        },
        dedupeKey: `status-report-requested:${inserted.id}:${r.id}`,
      })
    return { ok: true, id: inserted.id }
  })
}

/**
 * The association saves what it has written, and with `submit` hands it in. Saving a report
 * that is no longer open changes nothing (an error, never a 500); submitting twice is harmless.
 */
export async function saveStatusReport(
  ctx: Ctx,
  organisationId: string,
  reportId: string,
  answers: Answers,
  submit: boolean,
  origin = defaultOrigin(),
): Promise<Result> {
  requireOrgRole(ctx, organisationId, submit ? ['coordinator'] : ['coordinator', 'staff'])
  if (!isUuid(reportId)) notFound()
  return inTransaction(ctx.db, async (trx): Promise<Result> => {
    const row = await trx
      .selectFrom('status_report as r')
      .innerJoin('partnership as p', 'p.id', 'r.partnership_id')
      .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
      .select([
        'r.id',
        'r.state',
        'r.partnership_id',
        'r.period_from',
        'r.period_to',
        'r.submitted_by',
        'p.title',
        'p.municipality_id',
        'o.name as organisation',
      ])
      .where('r.id', '=', reportId)
      .where('p.organisation_id', '=', organisationId)
      .forUpdate('r')
      .executeTakeFirst()
    if (!row) notFound()
    if (submit && row.state === 'submitted' && row.submitted_by === ctx.actor.personId)
      return { ok: true, id: row.id }
    if (!isEditable(row.state)) return { ok: false, errors: { '': [`${S}.notEditable`] } }
    if (submit) {
      const missing = REQUIRED_SECTIONS.filter((s) => answers[s].trim() === '')
      if (missing.length)
        return {
          ok: false,
          errors: Object.fromEntries(missing.map((s) => [s, [`${S}.answerRequired`]])),
        }
    }
    const prefilled = await computePrefilled(
      trx,
      row.partnership_id,
      row.period_from,
      row.period_to,
      ctx.now,
    )
    const next: StatusReportState = submit ? 'submitted' : row.state
    if (submit && !canTransition(row.state, next))
      return { ok: false, errors: { '': [`${S}.notEditable`] } }
    await trx
      .updateTable('status_report')
      .set({
        answers: JSON.stringify(answers),
        prefilled: JSON.stringify(prefilled),
        state: next,
        updated_at: ctx.now,
        ...(submit ? { submitted_by: ctx.actor.personId, submitted_at: ctx.now } : {}),
      })
      .where('id', '=', row.id)
      .execute()
    if (!submit) return { ok: true, id: row.id }
    await recordEvent(
      trx,
      {
        municipalityId: row.municipality_id,
        actor: ctx.actor.personId,
        reportId: row.id,
        type: 'status_report.submitted',
        now: ctx.now,
      },
      { from: row.state },
    )
    await recordAudit(trx, {
      action: 'status_report.submitted',
      actorPersonId: ctx.actor.personId,
      municipalityId: row.municipality_id,
      recordType: 'status_report',
      recordId: row.id,
      ipHash: ctx.ipHash,
      page: `/org/${organisationId}/reports/${row.id}`,
      now: ctx.now,
    })
    for (const r of await recipients(trx, { municipalityId: row.municipality_id }))
      await enqueueEmail(trx, {
        to: r.email,
        toName: r.name,
        language: r.language,
        template: 'reportSubmitted',
        data: {
          name: r.name,
          organisation: row.organisation,
          partnership: row.title,
          period: periodOf(row.period_from, row.period_to, r.language),
          url: `${origin}/admin/reports/${row.id}`,
        },
        dedupeKey: `status-report-submitted:${row.id}:${ctx.now.getTime()}:${r.id}`,
      })
    return { ok: true, id: row.id }
  })
}

/** The administrator approves the submitted report, or returns it with a comment. */
export async function decideStatusReport(
  ctx: Ctx,
  reportId: string,
  decision: 'approved' | 'returned',
  comment: string,
  origin = defaultOrigin(),
): Promise<Result> {
  const adminOf = ctx.actor.municipalRoles
    .filter((r) => r.role === 'administrator')
    .map((r) => r.municipalityId)
  if (adminOf.length === 0) forbidden()
  if (!isUuid(reportId)) notFound()
  return inTransaction(ctx.db, async (trx): Promise<Result> => {
    const row = await trx
      .selectFrom('status_report as r')
      .innerJoin('partnership as p', 'p.id', 'r.partnership_id')
      .select([
        'r.id',
        'r.state',
        'r.period_from',
        'r.period_to',
        'r.decided_by',
        'p.title',
        'p.municipality_id',
        'p.organisation_id',
      ])
      .where('r.id', '=', reportId)
      .where('p.municipality_id', 'in', adminOf)
      .forUpdate('r')
      .executeTakeFirst()
    if (!row) notFound()
    // The same decision sent twice (a double click) is the first one.
    if (row.state === decision && row.decided_by === ctx.actor.personId)
      return { ok: true, id: row.id }
    if (!canTransition(row.state, decision))
      return { ok: false, errors: { '': [`${S}.notSubmitted`] } }
    if (decision === 'returned' && comment.trim() === '')
      return { ok: false, errors: { comment: [`${S}.commentRequired`] } }
    await trx
      .updateTable('status_report')
      .set({
        state: decision,
        decided_by: ctx.actor.personId,
        decided_at: ctx.now,
        admin_comment: comment.trim() === '' ? null : comment.trim(),
        updated_at: ctx.now,
      })
      .where('id', '=', row.id)
      .execute()
    await recordEvent(trx, {
      municipalityId: row.municipality_id,
      actor: ctx.actor.personId,
      reportId: row.id,
      type: `status_report.${decision}`,
      now: ctx.now,
    })
    await recordAudit(trx, {
      action: `status_report.${decision}`,
      actorPersonId: ctx.actor.personId,
      municipalityId: row.municipality_id,
      recordType: 'status_report',
      recordId: row.id,
      ipHash: ctx.ipHash,
      page: `/admin/reports/${row.id}`,
      now: ctx.now,
    })
    for (const r of await recipients(trx, { organisationId: row.organisation_id }))
      await enqueueEmail(trx, {
        to: r.email,
        toName: r.name,
        language: r.language,
        template: 'reportDecided',
        data: {
          name: r.name,
          decision,
          comment: comment.trim() || null,
          partnership: row.title,
          period: periodOf(row.period_from, row.period_to, r.language),
          url: `${origin}/org/${row.organisation_id}/reports/${row.id}`,
        },
        dedupeKey: `status-report-decided:${row.id}:${ctx.now.getTime()}:${r.id}`,
      })
    return { ok: true, id: row.id }
  })
}

export const REMINDER_DAYS = 7
export const OVERDUE_DAYS = 14

/**
 * Hourly: brings the dashboard's monthly rollup up to date (rollup.ts), and sends a reminder to
 * the association's coordinators when an open report is due within
 * REMINDER_DAYS days (or at most OVERDUE_DAYS overdue). Once per due date: `reminded_for` and the outbox's
 * dedupe key both say so, so two app instances or a rerun send nothing twice.
 */
export async function runReportingJobs(
  db: Kysely<DB>,
  now: Date,
): Promise<{ reminders: number; rollupRows: number }> {
  const today = utcToZoned(now).date
  const rollupRows = await refreshChangedMonths(db, now, today)
  const horizon = new Date(`${today}T00:00:00Z`)
  horizon.setUTCDate(horizon.getUTCDate() + REMINDER_DAYS)
  const until = horizon.toISOString().slice(0, 10)
  // A report long past its date is followed up by people, not by one more e-mail.
  const oldest = new Date(`${today}T00:00:00Z`)
  oldest.setUTCDate(oldest.getUTCDate() - OVERDUE_DAYS)
  const due = await db
    .selectFrom('status_report as r')
    .innerJoin('partnership as p', 'p.id', 'r.partnership_id')
    .select(['r.id', 'r.due_on', 'r.period_from', 'r.period_to', 'p.title', 'p.organisation_id'])
    .where('r.state', 'in', ['draft', 'returned'])
    .where('r.due_on', '<=', until)
    .where('r.due_on', '>=', oldest.toISOString().slice(0, 10))
    .where((eb) =>
      eb.or([eb('r.reminded_for', 'is', null), eb('r.reminded_for', '<>', eb.ref('r.due_on'))]),
    )
    .execute()
  let reminders = 0
  const origin = defaultOrigin()
  for (const d of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('status_report')
        .set({ reminded_for: d.due_on })
        .where('id', '=', d.id)
        .where((eb) => eb.or([eb('reminded_for', 'is', null), eb('reminded_for', '<>', d.due_on)]))
        .returning('id')
        .executeTakeFirst()
      if (!claimed) return
      for (const r of await recipients(trx, { organisationId: d.organisation_id })) {
        const id = await enqueueEmail(trx, {
          to: r.email,
          toName: r.name,
          language: r.language,
          template: 'reportDue',
          data: {
            name: r.name,
            partnership: d.title,
            period: periodOf(d.period_from, d.period_to, r.language),
            due: formatDay(d.due_on, r.language),
            url: `${origin}/org/${d.organisation_id}/reports/${d.id}`,
          },
          dedupeKey: `status-report-due:${d.id}:${d.due_on}:${r.id}`,
        })
        if (id) reminders++
      }
    })
  }
  return { reminders, rollupRows }
}
