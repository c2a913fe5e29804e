import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { localToday } from '~/modules/frikort/balance.server'
import { listDecisions, searchCitizens } from '~/modules/frikort/decisions.server'
import { addDays, CONTROL_REMINDER_DAYS } from '~/modules/frikort/rules'
import { kroner, shortDayText } from '~/modules/frikort/view'
import { requireCtx } from '~/modules/identity/guards.server'
import { Field } from '~/ui/field'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  const [decisions, found] = await Promise.all([listDecisions(ctx), searchCitizens(ctx, q)])
  const today = localToday(ctx.now)
  const soon = addDays(today, CONTROL_REMINDER_DAYS)
  return {
    title: t('pages.staff.frikort.list.metaTitle'),
    q,
    found,
    decisions: decisions.map((d) => ({
      citizenId: d.citizenId,
      name: d.citizenName,
      municipality: d.municipalityName,
      decidedOn: shortDayText(d.decidedOn, lng),
      controlDue: shortDayText(d.nextControlDue, lng),
      control: d.nextControlDue < today ? 'overdue' : d.nextControlDue <= soon ? 'soon' : 'ok',
      total: kroner(t, d.balance.totalOre, lng),
      percent: d.balance.percent,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function CaseFrikort() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.staff.frikort.list'
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <section aria-labelledby="search-title">
        <h2 id="search-title">{t(`${P}.search.title`)}</h2>
        <Form method="get" role="search" aria-labelledby="search-title">
          <Field
            label={t(`${P}.search.label`)}
            name="q"
            type="search"
            defaultValue={d.q}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t(`${P}.search.submit`)}
          </button>
        </Form>
        {d.q ? (
          d.found.length === 0 ? (
            <p>{t(`${P}.search.none`, { q: d.q })}</p>
          ) : (
            <ul className="plain-list">
              {d.found.map((c) => (
                <li key={c.id}>
                  <Link to={`/case/frikort/${c.id}`}>{c.name}</Link>
                  {c.birthYear ? ` (${c.birthYear})` : ''} –{' '}
                  {t(c.hasFrikort ? `${P}.hasFrikort` : `${P}.noFrikort`)}
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t(`${P}.decisionsTitle`)}</h2>
        {d.decisions.length === 0 ? (
          <p>{t(`${P}.empty`)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t(`${P}.caption`, { count: d.decisions.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.columns.name`)}</th>
                  <th scope="col">{t(`${P}.columns.decidedOn`)}</th>
                  <th scope="col">{t(`${P}.columns.controlDue`)}</th>
                  <th scope="col" className="partnership-amount">
                    {t(`${P}.columns.earned`)}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.decisions.map((r) => (
                  <tr key={r.citizenId}>
                    <th scope="row">
                      <Link to={`/case/frikort/${r.citizenId}`}>{r.name}</Link>
                      <span className="muted-line">{r.municipality}</span>
                    </th>
                    <td>{r.decidedOn}</td>
                    <td>
                      {r.controlDue}
                      {r.control !== 'ok' ? (
                        <span className="muted-line">
                          <strong>{t(`${P}.control.${r.control}`)}</strong>
                        </span>
                      ) : null}
                    </td>
                    <td className="partnership-amount">
                      {r.total}
                      {r.percent !== null ? (
                        <span className="muted-line">
                          {t('pages.frikort.parts.percent', { percent: r.percent })}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
