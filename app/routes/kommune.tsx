import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, redirect, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { isProduction } from '~/env.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  listMunicipalities,
  municipalityCookie,
  pickMunicipality,
} from '~/modules/network/network.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getFixedT(detectLanguage(request))
  const municipalities = await listMunicipalities(await getDb())
  const current = pickMunicipality(municipalities, request)
  return {
    title: t('pages.municipality.metaTitle'),
    municipalities,
    current: current?.slug ?? null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const slug = String(form.get('municipality') ?? '')
  const municipalities = await listMunicipalities(await getDb())
  if (!municipalities.some((m) => m.slug === slug)) return data({ error: true }, { status: 400 })
  return redirect('/', { headers: { 'Set-Cookie': municipalityCookie(slug, isProduction()) } })
}

export default function ChooseMunicipality() {
  const { t } = useTranslation()
  const { municipalities, current } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('pages.municipality.title')}</h1>
      <p>{t('pages.municipality.lead')}</p>
      <Form method="post">
        <div className="field">
          <label htmlFor="field-municipality" className="field__label">
            {t('pages.municipality.field')}
          </label>
          <select id="field-municipality" name="municipality" defaultValue={current ?? undefined}>
            {municipalities.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('pages.municipality.submit')}
        </button>
      </Form>
    </>
  )
}
