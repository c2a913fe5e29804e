import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireAdminScope, scopeQuery } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { publicOrigin } from '~/modules/identity/request-info.server'
import { formatShortDay } from '~/modules/partnerships/format'
import { RequestReportSchema } from '~/modules/reporting/schemas'
import {
  listMunicipalReports,
  listReportablePartnerships,
  requestStatusReport,
} from '~/modules/reporting/status-reports.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'
import { MunicipalityPicker } from '~/ui/municipality-picker'
import { SelectField } from '~/ui/select-field'

const S = 'pages.staff.reports'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const [reports, partnerships] = await Promise.all([
    listMunicipalReports(ctx, scope.municipalityId),
    listReportablePartnerships(ctx, scope.municipalityId),
  ])
  return {
    title: t(`${S}.admin.metaTitle`),
    scope,
    query: scopeQuery(scope),
    done: url.searchParams.get('done') === 'requested',
    reports: reports.map((r) => ({
      id: r.id,
      partnership: r.partnershipTitle,
      organisation: r.organisationName,
      period: `${formatShortDay(r.periodFrom, lng)} – ${formatShortDay(r.periodTo, lng)}`,
      due: formatShortDay(r.dueOn, lng),
      state: r.state,
    })),
    partnerships: partnerships.map((p) => ({
      value: p.id,
      label: `${p.title} – ${p.organisation}`,
    })),
    submissionId: crypto.randomUUID(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const parsed = parseForm(RequestReportSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const result = await requestStatusReport(
    ctx,
    scope.municipalityId,
    parsed.data,
    publicOrigin(request),
  )
  if (!result.ok)
    return data(
      { errors: result.errors, values: parsed.data as Record<string, string> },
      { status: 400 },
    )
  return redirect(`/admin/reports${scopeQuery(scope, { done: 'requested' })}`)
}

export default function AdminStatusReports() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const values: Record<string, string> = failed?.values ?? {}
  return (
    <>
      <p>
        <Link to={`/reports${d.query}`}>{t(`${S}.admin.dashboardLink`)}</Link>
      </p>
      <h1>{t(`${S}.admin.title`, { municipality: d.scope.municipalityName })}</h1>
      <p className="lead">{t(`${S}.admin.lead`)}</p>
      {d.done && !failed ? (
        <p className="notice" role="status">
          {t(`${S}.admin.requested`)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <MunicipalityPicker
        municipalities={d.scope.municipalities}
        current={d.scope.municipalityId}
      />
      {d.reports.length === 0 ? (
        <p>{t(`${S}.admin.empty`)}</p>
      ) : (
        <div
          className="table-wrap"
          role="region"
          aria-label={t(`${S}.admin.caption`)}
          // wide on a phone: the scrolling region takes focus so a keyboard can scroll it
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
        >
          <table>
            <caption>{t(`${S}.admin.caption`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${S}.columns.partnership`)}</th>
                <th scope="col">{t(`${S}.columns.organisation`)}</th>
                <th scope="col">{t(`${S}.columns.period`)}</th>
                <th scope="col">{t(`${S}.columns.due`)}</th>
                <th scope="col">{t(`${S}.columns.state`)}</th>
              </tr>
            </thead>
            <tbody>
              {d.reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/admin/reports/${r.id}`}>
                      {r.partnership}
                      <span className="visually-hidden">, {r.period}</span>
                    </Link>
                  </th>
                  <td>{r.organisation}</td>
                  <td>{r.period}</td>
                  <td>{r.due}</td>
                  <td>{t(`${S}.states.${r.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t(`${S}.admin.requestTitle`)}</h2>
      <Form method="post">
        <input type="hidden" name="submissionId" value={d.submissionId} />
        <SelectField
          label={t(`${S}.fields.partnership`)}
          name="partnershipId"
          placeholder={t(`${S}.fields.choose`)}
          defaultValue={values.partnershipId ?? ''}
          errors={errors.partnershipId}
          options={d.partnerships}
        />
        <Field
          label={t(`${S}.fields.periodFrom`)}
          name="periodFrom"
          type="date"
          defaultValue={values.periodFrom ?? ''}
          errors={errors.periodFrom}
        />
        <Field
          label={t(`${S}.fields.periodTo`)}
          name="periodTo"
          type="date"
          defaultValue={values.periodTo ?? ''}
          errors={errors.periodTo}
        />
        <Field
          label={t(`${S}.fields.dueOn`)}
          name="dueOn"
          type="date"
          defaultValue={values.dueOn ?? ''}
          errors={errors.dueOn}
        />
        <button type="submit" className="button">
          {t(`${S}.admin.requestSubmit`)}
        </button>
      </Form>
    </>
  )
}
