import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { AuditSearchSchema } from '~/modules/audit/schemas'
import { listAuditActions, searchAudit } from '~/modules/audit/search.server'
import { requireAdminScope } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { Pagination } from '~/ui/pagination'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'
import { MunicipalityPicker } from '~/ui/municipality-picker'
import { SelectField } from '~/ui/select-field'

// A GET form: a search is a link that can be bookmarked, paged and used without JavaScript.

const FILTERS = ['email', 'recordId', 'action', 'from', 'to'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const form = new FormData()
  for (const key of [...FILTERS, 'page'] as const) {
    const value = url.searchParams.get(key)
    if (value !== null) form.set(key, value)
  }
  const values = Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k) ?? '']))
  const actions = await listAuditActions(ctx.db)
  const base = {
    title: t('pages.admin.audit.metaTitle'),
    scope,
    actions,
    values,
  }
  const parsed = parseForm(AuditSearchSchema, form)
  if (!parsed.ok) {
    return data(
      { ...base, errors: parsed.errors, rows: [], page: 1, previousHref: null, nextHref: null },
      { status: 400 },
    )
  }
  const result = await searchAudit(ctx, scope.municipalityId, parsed.data, '/admin/audit')
  const pageHref = (page: number) => {
    const params = new URLSearchParams()
    if (scope.municipalities.length > 1) params.set('municipality', scope.municipalityId)
    for (const key of FILTERS) if (values[key]) params.set(key, values[key]!)
    if (page > 1) params.set('page', String(page))
    const query = params.toString()
    return `/admin/audit${query ? `?${query}` : ''}`
  }
  return {
    ...base,
    errors: {} as Record<string, string[]>,
    page: result.page,
    previousHref: result.hasPrevious ? pageHref(result.page - 1) : null,
    nextHref: result.hasNext ? pageHref(result.page + 1) : null,
    rows: result.rows.map((r) => ({
      id: r.id,
      time: formatDateTime(r.occurredAt, lng),
      iso: r.occurredAt.toISOString(),
      who: r.actorName,
      action: r.action,
      record: r.recordType
        ? `${r.recordType}${r.recordId ? ` ${r.recordId}` : ''}`
        : (r.recordId ?? null),
      page: r.page,
      ip: r.ipHash ? r.ipHash.slice(0, 8) : null,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function AdminAudit() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const errors = Object.fromEntries(
    Object.entries(d.errors).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.admin.audit'
  const searched = FILTERS.some((k) => d.values[k])
  return (
    <>
      <h1>{t(`${P}.title`, { municipality: d.scope.municipalityName })}</h1>
      <p>{t(`${P}.lead`)}</p>
      <ErrorSummary errors={errors} />
      <MunicipalityPicker
        municipalities={d.scope.municipalities}
        current={d.scope.municipalityId}
      />
      <Form method="get" noValidate aria-labelledby="search-title">
        <h2 id="search-title">{t(`${P}.search.title`)}</h2>
        {d.scope.municipalities.length > 1 ? (
          <input type="hidden" name="municipality" value={d.scope.municipalityId} />
        ) : null}
        <Field
          label={t(`${P}.search.email`)}
          hint={t(`${P}.search.emailHint`)}
          name="email"
          type="email"
          spellCheck={false}
          autoComplete="off"
          defaultValue={d.values.email}
          errors={errors.email}
        />
        <Field
          label={t(`${P}.search.recordId`)}
          hint={t(`${P}.search.recordIdHint`)}
          name="recordId"
          spellCheck={false}
          autoComplete="off"
          defaultValue={d.values.recordId}
          errors={errors.recordId}
        />
        <SelectField
          label={t(`${P}.search.action`)}
          name="action"
          placeholder={t(`${P}.search.anyAction`)}
          defaultValue={d.values.action}
          errors={errors.action}
          options={d.actions.map((a) => ({ value: a, label: a }))}
        />
        <div className="field-row">
          <Field
            label={t(`${P}.search.from`)}
            name="from"
            type="date"
            defaultValue={d.values.from}
            errors={errors.from}
          />
          <Field
            label={t(`${P}.search.to`)}
            name="to"
            type="date"
            defaultValue={d.values.to}
            errors={errors.to}
          />
        </div>
        <button type="submit" className="button">
          {t(`${P}.search.submit`)}
        </button>
        {searched ? (
          <p>
            <Link
              to={
                d.scope.municipalities.length > 1
                  ? `/admin/audit?municipality=${d.scope.municipalityId}`
                  : '/admin/audit'
              }
            >
              {t(`${P}.search.clear`)}
            </Link>
          </p>
        ) : null}
      </Form>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t(`${P}.results.title`, { page: d.page })}</h2>
        {d.rows.length === 0 ? (
          <p>{t(`${P}.results.empty`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t(`${P}.results.caption`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.columns.time`)}</th>
                  <th scope="col">{t(`${P}.columns.who`)}</th>
                  <th scope="col">{t(`${P}.columns.action`)}</th>
                  <th scope="col">{t(`${P}.columns.record`)}</th>
                  <th scope="col">{t(`${P}.columns.page`)}</th>
                  <th scope="col">{t(`${P}.columns.ip`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <time dateTime={r.iso}>{r.time}</time>
                    </td>
                    <td>{r.who ?? t(`${P}.nobody`)}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td className="break">{r.record ?? '–'}</td>
                    <td className="break">{r.page ?? '–'}</td>
                    <td>
                      <code>{r.ip ?? '–'}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          label={t(`${P}.pagination.label`)}
          previous={{ href: d.previousHref ?? null, text: t(`${P}.pagination.previous`) }}
          next={{ href: d.nextHref ?? null, text: t(`${P}.pagination.next`) }}
        />
      </section>
    </>
  )
}
