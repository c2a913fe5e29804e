import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { formatShortDay } from '~/modules/partnerships/format'
import { addComment, listComments } from '~/modules/reporting/comments.server'
import { requireReportScope } from '~/modules/reporting/dashboard.server'
import { PERIOD_KINDS } from '~/modules/reporting/filters'
import { CommentSchema } from '~/modules/reporting/schemas'
import { prepareReport } from '~/modules/reporting/view.server'
import { ReportBody } from '~/ui/chart'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate } from '~/ui/format'
import { parseForm, safeRedirect } from '~/ui/forms'
import { MunicipalityPicker } from '~/ui/municipality-picker'
import { RadioGroup } from '~/ui/radio-group'
import { SelectField } from '~/ui/select-field'
import { TextareaField } from '~/ui/textarea-field'

const P = 'pages.reports'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  requireReportScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const prepared = await prepareReport(ctx, url, lng)
  const comments = await listComments(ctx, prepared.scope)
  const thisYear = Number(ctx.now.toISOString().slice(0, 4))
  const body = {
    title: t(`${P}.metaTitle`, { municipality: prepared.scope.municipalityName }),
    scope: prepared.scope,
    report: prepared.report,
    period: prepared.period,
    goalId: prepared.goalId,
    goals: prepared.goals,
    hasPlan: prepared.plan !== null,
    years: Array.from({ length: 8 }, (_, i) => thisYear - i),
    errors: prepared.errors,
    values: prepared.values,
    search: prepared.search,
    done: url.searchParams.get('done') === 'comment',
    comments: comments.map((c) => ({
      id: c.id,
      body: c.body,
      period: `${formatShortDay(c.periodFrom, lng)} – ${formatShortDay(c.periodTo, lng)}`,
      at: formatDate(c.createdAt, lng),
    })),
    commentId: crypto.randomUUID(),
  }
  // A filter that does not parse is answered 400 with the messages and the default period.
  return prepared.errors ? data(body, { status: 400 }) : body
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireReportScope(ctx, url.searchParams.get('municipality'))
  const form = await request.formData()
  const parsed = parseForm(CommentSchema, form)
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  await addComment(ctx, scope, parsed.data)
  const back = safeRedirect(form.get('back'), '/reports')
  const to = new URL(back, url.origin)
  to.searchParams.set('done', 'comment')
  return redirect(`${to.pathname}${to.search}#comments`)
}

export default function ReportsDashboard() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const filterErrors = Object.fromEntries(
    Object.entries(d.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const commentErrors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const isViewer = d.scope.role === 'council_viewer'
  const back = `/reports${d.search}`
  const v = (name: string) => d.values[name] ?? ''
  return (
    <>
      <h1>{t(`${P}.title`, { municipality: d.scope.municipalityName })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary errors={{ ...filterErrors, ...commentErrors }} />
      <MunicipalityPicker
        municipalities={d.scope.municipalities}
        current={d.scope.municipalityId}
      />

      <Form method="get" className="report-filters" aria-labelledby="filters-title">
        <h2 id="filters-title">{t(`${P}.filters.title`)}</h2>
        {d.scope.municipalities.length > 1 ? (
          <input type="hidden" name="municipality" value={d.scope.municipalityId} />
        ) : null}
        <RadioGroup
          legend={t(`${P}.filters.period`)}
          name="period"
          defaultValue={d.period.kind}
          errors={filterErrors.period}
          options={PERIOD_KINDS.filter((k) => k !== 'plan' || d.hasPlan).map((k) => ({
            value: k,
            label: t(`${P}.filters.kinds.${k}`),
          }))}
        />
        <SelectField
          label={t(`${P}.filters.year`)}
          name="year"
          defaultValue={String(d.period.year ?? v('year'))}
          errors={filterErrors.year}
          options={d.years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <div className="report-filters__dates">
          <Field
            label={t(`${P}.filters.from`)}
            name="from"
            type="date"
            defaultValue={d.period.kind === 'custom' ? d.period.from : v('from')}
            errors={filterErrors.from}
            hint={t(`${P}.filters.customHint`)}
          />
          <Field
            label={t(`${P}.filters.to`)}
            name="to"
            type="date"
            defaultValue={d.period.kind === 'custom' ? d.period.to : v('to')}
            errors={filterErrors.to}
          />
        </div>
        <SelectField
          label={t(`${P}.filters.goal`)}
          name="goal"
          defaultValue={d.goalId ?? ''}
          placeholder={t(`${P}.filters.allGoals`)}
          errors={filterErrors.goal}
          hint={t(`${P}.filters.goalHint`)}
          options={d.goals.map((g) => ({ value: g.id, label: g.label }))}
        />
        <button type="submit" className="button">
          {t(`${P}.filters.submit`)}
        </button>
      </Form>

      <p className="report-shown" role="status">
        {d.report.goalText
          ? t(`${P}.shownForGoal`, { period: d.report.periodText, goal: d.report.goalText })
          : t(`${P}.shown`, { period: d.report.periodText })}
      </p>
      <ul className="report-links">
        <li>
          <a href={`/reports/export.csv${d.search}`} download>
            {t(`${P}.links.csv`)}
          </a>
        </li>
        <li>
          <a href={`/reports/export.xlsx${d.search}`} download>
            {t(`${P}.links.xlsx`)}
          </a>
        </li>
        <li>
          <Link to={`/reports/print${d.search}`}>{t(`${P}.links.print`)}</Link>
        </li>
        <li>
          <Link
            to={`/reports/action-plan${d.scope.municipalities.length > 1 ? `?municipality=${d.scope.municipalityId}` : ''}`}
          >
            {t(`${P}.links.actionPlan`)}
          </Link>
        </li>
        {d.scope.role === 'administrator' ? (
          <li>
            <Link to="/admin/reports">{t(`${P}.links.statusReports`)}</Link>
          </li>
        ) : null}
      </ul>
      <p className="figure-table__note">{t(`${P}.suppressionNote`)}</p>

      <ReportBody sections={d.report.sections} />

      <section aria-labelledby="comments" className="report-section">
        <h2 id="comments">{t(`${P}.comments.title`)}</h2>
        {d.done ? (
          <p className="notice" role="status">
            {t(`${P}.comments.done`)}
          </p>
        ) : null}
        {d.comments.length === 0 ? (
          <p>{t(`${P}.comments.empty`)}</p>
        ) : (
          <ul className="report-comments">
            {d.comments.map((c) => (
              <li key={c.id}>
                <p className="muted-line">
                  {t(`${P}.comments.meta`, { at: c.at, period: c.period })}
                </p>
                <p className="report-comments__body">{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        {isViewer ? (
          <Form method="post">
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="commentId" value={d.commentId} />
            <input type="hidden" name="periodFrom" value={d.period.from} />
            <input type="hidden" name="periodTo" value={d.period.to} />
            <input type="hidden" name="back" value={back} />
            <TextareaField
              label={t(`${P}.comments.label`)}
              hint={t(`${P}.comments.hint`)}
              name="body"
              maxLength={2000}
              defaultValue={failed?.values?.body ?? ''}
              errors={commentErrors.body}
            />
            <button type="submit" className="button">
              {t(`${P}.comments.submit`)}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  )
}
