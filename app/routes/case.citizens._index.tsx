import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { findCitizens } from '~/modules/citizens/citizens.server'
import { CitizenSearchSchema } from '~/modules/citizens/schemas'
import { requireCtx } from '~/modules/identity/guards.server'
import { Field } from '~/ui/field'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const t = getFixedT(detectLanguage(request))
  const url = new URL(request.url)
  const search = CitizenSearchSchema.safeParse({ q: url.searchParams.get('q') ?? undefined })
  const q = search.success ? search.data.q : ''
  return {
    title: t('pages.case.citizens.metaTitle'),
    q,
    citizens: await findCitizens(ctx, q),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function CaseCitizens() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.case.citizens'
  return (
    <>
      <p>
        <Link to="/case">{t('pages.case.back')}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <Form method="get" role="search" aria-label={t(`${P}.search.label`)}>
        <Field
          label={t(`${P}.search.label`)}
          name="q"
          type="search"
          defaultValue={d.q}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button">
          {t(`${P}.search.submit`)}
        </button>
      </Form>
      {d.q ? (
        d.citizens.length === 0 ? (
          <p>{t(`${P}.search.none`, { q: d.q })}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t(`${P}.search.caption`, { q: d.q, count: d.citizens.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${P}.columns.name`)}</th>
                  <th scope="col">{t(`${P}.columns.birthYear`)}</th>
                  <th scope="col">{t(`${P}.columns.area`)}</th>
                  <th scope="col">{t(`${P}.columns.open`)}</th>
                </tr>
              </thead>
              <tbody>
                {d.citizens.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/case/citizens/${c.id}`}>{c.chosenName}</Link>
                    </th>
                    <td>{c.birthYear ?? '–'}</td>
                    <td>{c.areaName ?? '–'}</td>
                    <td>{c.openReferrals}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <p>
        <Link to="/case/citizens/new" className="button button--secondary">
          {t(`${P}.register`)}
        </Link>
      </p>
    </>
  )
}
