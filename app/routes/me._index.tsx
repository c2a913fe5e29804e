import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'

// Mine sider: the citizen's own overview. Plain words, big links.

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const t = getFixedT(detectLanguage(request))
  return { title: t('pages.me.home.metaTitle'), name: ctx.actor.displayName }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const LINKS = ['referrals', 'consents', 'activities', 'log'] as const

export default function MePage() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.me.home'
  return (
    <>
      <h1>{t(`${P}.title`, { name: d.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ul className="me-links">
        {LINKS.map((l) => (
          <li key={l}>
            <Link to={`/me/${l}`} className="me-link">
              <span className="me-link__title">{t(`${P}.links.${l}.title`)}</span>
              <span className="me-link__text">{t(`${P}.links.${l}.text`)}</span>
            </Link>
          </li>
        ))}
        <li>
          <Link to="/me/buddy" className="me-link">
            <span className="me-link__title">{t('pages.myBuddy.meLink')}</span>
            <span className="me-link__text">{t('pages.myBuddy.meLinkText')}</span>
          </Link>
        </li>
        <li>
          <Link to="/me/frikort" className="me-link">
            <span className="me-link__title">{t('pages.frikort.meLink.title')}</span>
            <span className="me-link__text">{t('pages.frikort.meLink.text')}</span>
          </Link>
        </li>
      </ul>
      <p>
        <Link to="/account">{t(`${P}.account`)}</Link>
      </p>
    </>
  )
}
