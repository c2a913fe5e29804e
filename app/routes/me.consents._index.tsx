import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { listOwnConsents } from '~/modules/consent/consents.server'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { formatDate } from '~/ui/format'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const consents = await listOwnConsents(ctx)
  return {
    title: t('pages.me.consents.metaTitle'),
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      recipients: c.recipients.map((r) => r.name).join(', '),
      status: c.status,
      givenAt: formatDate(c.givenAt, lng),
      expiresAt: formatDate(c.expiresAt, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function MyConsents() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.me.consents'
  return (
    <>
      <p>
        <Link to="/me">{t('pages.me.back')}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.consents.length === 0 ? <p>{t(`${P}.none`)}</p> : null}
      <ul className="me-links">
        {d.consents.map((c) => (
          <li key={c.id}>
            <Link to={`/me/consents/${c.id}`} className="me-link">
              <span className="me-link__title">
                {t(`${P}.item`, { organisations: c.recipients })}
              </span>
              <span className="me-link__text">
                {t(`common.consent.purposes.${c.purpose}`)}.{' '}
                {t(`${P}.status.${c.status}`, { date: c.expiresAt })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
