import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'

// The statement follows the structure of the Danish Agency for Digital Government's WAS-Tool.
const PREPARED = '2026-11-23'
const REVIEWED = '2026-11-23'
const CONTACT = 'tilgaengelighed@brobygger.dk'

export async function loader({ request }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const format = (iso: string) =>
    new Intl.DateTimeFormat(lng === 'da' ? 'da-DK' : 'en-GB', {
      dateStyle: 'long',
      timeZone: 'Europe/Copenhagen',
    }).format(new Date(`${iso}T12:00:00Z`))
  return {
    title: t('pages.accessibility.metaTitle'),
    prepared: format(PREPARED),
    reviewed: format(REVIEWED),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function AccessibilityStatement() {
  const { t } = useTranslation()
  const { prepared, reviewed } = useLoaderData<typeof loader>()
  const k = (key: string) => t(`pages.accessibility.${key}`)
  return (
    <article className="prose">
      <h1>{k('title')}</h1>
      <p>{k('intro')}</p>
      <h2>{k('statusTitle')}</h2>
      <p>{k('statusBody')}</p>
      <h2>{k('inaccessibleTitle')}</h2>
      <h3>{k('inaccessibleLawTitle')}</h3>
      <p>{k('inaccessibleLawBody')}</p>
      <h3>{k('burdenTitle')}</h3>
      <p>{k('burdenBody')}</p>
      <h3>{k('outOfScopeTitle')}</h3>
      <p>{k('outOfScopeBody')}</p>
      <h2>{k('preparationTitle')}</h2>
      <p>{t('pages.accessibility.preparationBody', { prepared, reviewed })}</p>
      <h2>{k('feedbackTitle')}</h2>
      <p>
        {t('pages.accessibility.feedbackBody', { email: CONTACT })}{' '}
        <a href={`mailto:${CONTACT}`}>{CONTACT}</a>
      </p>
      <h2>{k('enforcementTitle')}</h2>
      <p>{k('enforcementBody')}</p>
      <p>
        <a href="https://www.was.digst.dk/">{k('enforcementLink')}</a>
      </p>
    </article>
  )
}
