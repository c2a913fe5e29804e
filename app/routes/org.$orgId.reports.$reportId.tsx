import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx, requireOrgRole } from '~/modules/identity/guards.server'
import { hasOrgRole } from '~/modules/identity/policy'
import { notFound } from '~/modules/identity/invitations.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { formatDay } from '~/modules/partnerships/format'
import { prefilledTables } from '~/modules/reporting/report'
import { ANSWER_SECTIONS, AnswersSchema, REQUIRED_SECTIONS } from '~/modules/reporting/schemas'
import { isEditable } from '~/modules/reporting/status-report-rules'
import { getStatusReport, saveStatusReport } from '~/modules/reporting/status-reports.server'
import { FigureTable } from '~/ui/chart'
import { ErrorSummary } from '~/ui/error-summary'
import { StatusReportFacts } from '~/ui/status-report-facts'
import { formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { TextareaField } from '~/ui/textarea-field'

const S = 'pages.staff.reports'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const report = await getStatusReport(ctx, params.reportId ?? '', {
    as: 'organisation',
    organisationId: orgId,
  })
  if (!report) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t(`${S}.detail.metaTitle`, { partnership: report.partnershipTitle }),
    orgId,
    done: done === 'saved' || done === 'submitted' ? done : null,
    canSubmit: hasOrgRole(ctx.actor, orgId, ['coordinator']),
    report: {
      id: report.id,
      partnership: report.partnershipTitle,
      municipality: report.municipalityName,
      period: `${formatDay(report.periodFrom, lng)} – ${formatDay(report.periodTo, lng)}`,
      due: formatDay(report.dueOn, lng),
      state: report.state,
      editable: isEditable(report.state),
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
  const orgId = params.orgId ?? ''
  requireOrgRole(ctx, orgId, ['coordinator', 'staff'])
  const parsed = parseForm(AnswersSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const { intent, ...answers } = parsed.data
  const result = await saveStatusReport(
    ctx,
    orgId,
    params.reportId ?? '',
    answers,
    intent === 'submit',
    publicOrigin(request),
  )
  if (!result.ok) return data({ errors: result.errors, values: answers }, { status: 400 })
  return redirect(
    `/org/${orgId}/reports/${result.id}?done=${intent === 'submit' ? 'submitted' : 'saved'}`,
  )
}

export default function OrgStatusReport() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const r = d.report
  const values: Record<string, string> = failed?.values ?? r.answers
  return (
    <>
      <p>
        <Link to={`/org/${d.orgId}/reports`}>{t(`${S}.org.back`)}</Link>
      </p>
      <h1>{t(`${S}.detail.title`, { partnership: r.partnership })}</h1>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${S}.org.done.${d.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <StatusReportFacts party={{ label: 'municipality', name: r.municipality }} report={r} />
      {r.adminComment ? (
        <div className="notice">
          <h2>{t(`${S}.detail.commentTitle`)}</h2>
          <p className="report-answer">{r.adminComment}</p>
        </div>
      ) : null}
      <h2>{t(`${S}.org.figuresTitle`)}</h2>
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
      {r.editable ? (
        <Form method="post">
          {ANSWER_SECTIONS.map((s) => (
            <TextareaField
              key={s}
              label={t(`${S}.sections.${s}`)}
              hint={`${t(`${S}.hints.${s}`)}${REQUIRED_SECTIONS.includes(s) ? ` ${t(`${S}.org.requiredToSubmit`)}` : ''}`}
              name={s}
              rows={6}
              maxLength={4000}
              defaultValue={values[s] ?? ''}
              errors={errors[s]}
            />
          ))}
          <div className="button-row">
            <button type="submit" name="intent" value="save" className="button button--secondary">
              {t(`${S}.org.save`)}
            </button>
            {d.canSubmit ? (
              <button type="submit" name="intent" value="submit" className="button">
                {t(`${S}.org.submit`)}
              </button>
            ) : null}
          </div>
          {!d.canSubmit ? <p className="field__hint">{t(`${S}.org.onlyCoordinator`)}</p> : null}
        </Form>
      ) : (
        ANSWER_SECTIONS.map((s) => (
          <section key={s} aria-labelledby={`answer-${s}`}>
            <h3 id={`answer-${s}`}>{t(`${S}.sections.${s}`)}</h3>
            <p className="report-answer">{r.answers[s] || t(`${S}.detail.noAnswer`)}</p>
          </section>
        ))
      )}
    </>
  )
}
