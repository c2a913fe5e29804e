import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireAdminScope, scopeQuery } from '~/modules/identity/admin-scope.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { formatKroner } from '~/modules/partnerships/money'
import {
  listPartnerships,
  listPoolYears,
  localToday,
} from '~/modules/partnerships/partnerships.server'
import { periodStatus } from '~/modules/partnerships/progress'
import { parseYearFilter } from '~/modules/partnerships/schemas'
import { criterionItem, periodText } from '~/modules/partnerships/view'
import { MunicipalityPicker } from '~/ui/municipality-picker'
import { ProgressSummary } from '~/ui/partnership-parts'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const url = new URL(request.url)
  const scope = requireAdminScope(ctx, url.searchParams.get('municipality'))
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const year = parseYearFilter(url.searchParams.get('year'))
  const years = await listPoolYears(ctx, scope.municipalityId)
  const partnerships = await listPartnerships(ctx, scope.municipalityId, { year })
  const today = localToday(ctx)
  return {
    title: t('pages.staff.partnerships.metaTitle'),
    scope,
    newHref: `/admin/partnerships/new${scopeQuery(scope)}`,
    year,
    years,
    partnerships: partnerships.map((p) => ({
      id: p.id,
      title: p.title,
      organisation: p.organisationName,
      poolYear: p.poolYear,
      legalBasis: p.legalBasis,
      period: periodText(p, lng),
      periodStatus: periodStatus(p.periodStart, p.periodEnd, today),
      amount: t('common.price.amount', { amount: formatKroner(p.amountOere, lng) }),
      criteria: p.criteria.map((c) => criterionItem(c, lng)),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function AdminPartnerships() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.staff.partnerships'
  return (
    <>
      <h1>{t(`${P}.title`, { municipality: d.scope.municipalityName })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <MunicipalityPicker
        municipalities={d.scope.municipalities}
        current={d.scope.municipalityId}
      />
      <p>
        <Link to={d.newHref} className="button">
          {t(`${P}.newLink`)}
        </Link>
      </p>
      {d.years.length > 1 || d.year ? (
        <Form method="get" className="inline-form picker">
          {d.scope.municipalities.length > 1 ? (
            <input type="hidden" name="municipality" value={d.scope.municipalityId} />
          ) : null}
          <div className="field field--inline">
            <label htmlFor="field-year" className="field__label">
              {t(`${P}.filter.label`)}
            </label>
            <select id="field-year" name="year" defaultValue={d.year ? String(d.year) : ''}>
              <option value="">{t(`${P}.filter.all`)}</option>
              {d.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t(`${P}.filter.submit`)}
          </button>
        </Form>
      ) : null}
      {d.partnerships.length === 0 ? (
        <p>{d.year ? t(`${P}.emptyYear`, { year: d.year }) : t(`${P}.empty`)}</p>
      ) : (
        <div className="table-wrap">
          <table className="partnership-table">
            <caption>
              {d.year ? t(`${P}.captionYear`, { year: d.year }) : t(`${P}.caption`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`${P}.columns.title`)}</th>
                <th scope="col">{t(`${P}.columns.organisation`)}</th>
                <th scope="col">{t(`${P}.columns.period`)}</th>
                <th scope="col" className="partnership-amount">
                  {t(`${P}.columns.amount`)}
                </th>
                <th scope="col">{t(`${P}.columns.progress`)}</th>
              </tr>
            </thead>
            <tbody>
              {d.partnerships.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/admin/partnerships/${p.id}`}>{p.title}</Link>
                    <span className="muted-line">
                      {t(`${P}.legalBasis.short.${p.legalBasis}`)}
                      {' · '}
                      {t(`${P}.poolYearLine`, { year: p.poolYear })}
                    </span>
                  </th>
                  <td>{p.organisation}</td>
                  <td>
                    {p.period}
                    <span className="muted-line">{t(`${P}.periodStatus.${p.periodStatus}`)}</span>
                  </td>
                  <td className="partnership-amount">{p.amount}</td>
                  <td>
                    <ProgressSummary criteria={p.criteria} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
