import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getFixedT(detectLanguage(request))
  return { title: t('pages.home.metaTitle'), description: t('pages.home.lead') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? 'Brobygger' },
  { name: 'description', content: data?.description ?? '' },
]

const doors = [
  { key: 'activities', to: '/activities' },
  { key: 'volunteer', to: '/volunteer' },
  { key: 'login', to: '/login' },
] as const

export default function Index() {
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('pages.home.title')}</h1>
      <p className="lead">{t('pages.home.lead')}</p>
      <ul>
        <li>{t('pages.home.points.free')}</li>
        <li>{t('pages.home.points.open')}</li>
        <li>{t('pages.home.points.help')}</li>
      </ul>
      <h2 id="doors-title">{t('pages.home.doorsLabel')}</h2>
      <ul className="doors" aria-labelledby="doors-title">
        {doors.map((door) => (
          <li key={door.key}>
            <Link to={door.to} className="door">
              <span className="door__title">{t(`pages.home.doors.${door.key}.title`)}</span>
              <span>{t(`pages.home.doors.${door.key}.body`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
