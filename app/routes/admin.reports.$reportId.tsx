import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireAdminScope } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { formatDay } from '~/modules/partnerships/format'
import { prefilledTables } from '~/modules/reporting/report'
import { ANSWER_SECTIONS, DecisionSchema } from '~/modules/reporting/schemas'
import { decideStatusReport, getStatusReport } from '~/modules/reporting/status-reports.server'
import { FigureTable } from '~/ui/chart'
import { ErrorSummary } from '~/ui/error-summary'
import { StatusReportFacts } from '~/ui/status-report-facts'
import { formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { TextareaField } from '~/ui/textarea-field'

const S = 'pages.staff.reports'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireAdminScope(ctx, null)
  const report = await getStatusReport(ctx, params.reportId ?? '', { as: 'administrator' })
  if (!report) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t(`${S}.detail.metaTitle`, { partnership: report.partnershipTitle }),
    done: done === 'approved' || done === 'returned' ? done : null,
    report: {
      id: report.id,
      partnership: report.partnershipTitle,
      organisation: report.organisationName,
      period: `${formatDay(report.periodFrom, lng)} – ${formatDay(report.periodTo, lng)}`,
      due: formatDay(report.dueOn, lng),
      state: report.state,
      submittedAt: report.submittedAt ? formatDateTime(report.submittedAt, lng) : null,
      adminComment: report.adminComment,
      answers: report.answers,
    },
    tables: prefilledTables(report.prefilled, t, lng),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  requireAdminScope(ctx, null)
  const parsed = parseForm(DecisionSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const decision = parsed.data.intent === 'approve' ? 'approved' : 'returned'
  const result = await decideStatusReport(
    ctx,
    params.reportId ?? '',
    decision,
    parsed.data.comment,
    publicOrigin(request),
  )
  if (!result.ok)
    return data(
      { errors: result.errors, values: { comment: parsed.data.comment } },
      { status: 400 },
    )
  return redirect(`/admin/reports/${result.id}?done=${decision}`)
}

export default function AdminStatusReport() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const r = d.report
  return (
    <>
      <p>
        <Link to="/admin/reports">{t(`${S}.detail.back`)}</Link>
      </p>
      <h1>{t(`${S}.detail.title`, { partnership: r.partnership })}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${S}.detail.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <StatusReportFacts party={{ label: 'organisation', name: r.organisation }} report={r} />
      {d.tables.map((tb) => (
        <FigureTable
          key={tb.id}
          caption={tb.title}
          rowHeader={tb.rowHeader}
          columns={tb.columns}
          rows={tb.rows}
          note={tb.note}
        />
      ))}
      <h2>{t(`${S}.detail.answersTitle`)}</h2>
      {ANSWER_SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`answer-${s}`}>
          <h3 id={`answer-${s}`}>{t(`${S}.sections.${s}`)}</h3>
          <p className="report-answer">{r.answers[s] || t(`${S}.detail.noAnswer`)}</p>
        </section>
      ))}
      {r.adminComment ? (
        <>
          <h2>{t(`${S}.detail.commentTitle`)}</h2>
          <p className="report-answer">{r.adminComment}</p>
        </>
      ) : null}
      {r.state === 'submitted' ? (
        <>
          <h2>{t(`${S}.detail.decideTitle`)}</h2>
          <Form method="post">
            <TextareaField
              label={t(`${S}.fields.comment`)}
              hint={t(`${S}.fields.commentHint`)}
              name="comment"
              defaultValue={failed?.values?.comment ?? ''}
              errors={errors.comment}
            />
            <div className="button-row">
              <button type="submit" name="intent" value="approve" className="button">
                {t(`${S}.detail.approve`)}
              </button>
              <button
                type="submit"
                name="intent"
                value="return"
                className="button button--secondary"
              >
                {t(`${S}.detail.return`)}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </>
  )
}
