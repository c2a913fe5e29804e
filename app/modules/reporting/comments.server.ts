import { recordAudit } from '../audit/audit.server'
import { forbidden, type Ctx } from '../identity/guards.server'
import type { ReportScope } from './dashboard.server'

// The council viewers' (Udsatterådet) comments on the dashboard of a period. Read by the
// municipality's administrators and council viewers; written by council viewers. A comment
// carries no author name on the page: it is the council's voice, not a person's.

export interface CommentView {
  id: string
  body: string
  periodFrom: string
  periodTo: string
  createdAt: Date
}

export async function listComments(ctx: Ctx, scope: ReportScope): Promise<CommentView[]> {
  const rows = await ctx.db
    .selectFrom('report_comment')
    .select(['id', 'body', 'period_from', 'period_to', 'created_at'])
    .where('municipality_id', '=', scope.municipalityId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(50)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    createdAt: new Date(r.created_at),
  }))
}

/** The id comes from the form, so a second submit of the same form adds nothing. */
export async function addComment(
  ctx: Ctx,
  scope: ReportScope,
  input: { commentId: string; body: string; periodFrom: string; periodTo: string },
): Promise<void> {
  const isViewer = ctx.actor.municipalRoles.some(
    (r) => r.municipalityId === scope.municipalityId && r.role === 'council_viewer',
  )
  if (!isViewer) forbidden()
  const inserted = await ctx.db
    .insertInto('report_comment')
    .values({
      id: input.commentId,
      municipality_id: scope.municipalityId,
      author_id: ctx.actor.personId,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      body: input.body,
      created_at: ctx.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return
  await recordAudit(ctx.db, {
    action: 'report.commented',
    actorPersonId: ctx.actor.personId,
    municipalityId: scope.municipalityId,
    recordType: 'report_comment',
    recordId: inserted.id,
    ipHash: ctx.ipHash,
    page: '/reports',
    details: { periodFrom: input.periodFrom, periodTo: input.periodTo },
    now: ctx.now,
  })
}
