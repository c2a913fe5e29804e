import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { listOwnAccessLog } from '~/modules/citizens/own.server'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { formatDateTime } from '~/ui/format'

// "Who has seen my information" (like sundhed.dk's Min log): every read of the citizen's data
// by someone else, from the audit trail.

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const entries = await listOwnAccessLog(ctx)
  return {
    title: t('pages.me.log.metaTitle'),
    entries: entries.map((e) => ({
      at: formatDateTime(e.at, lng),
      who: e.who,
      where: e.where,
      place: e.place,
      change: e.change,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function MyLog() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.me.log'
  return (
    <>
      <p>
        <Link to="/me">{t('pages.me.back')}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.entries.length === 0 ? (
        <p>{t(`${P}.none`)}</p>
      ) : (
        <ol className="access-log">
          {d.entries.map((e, i) => (
            <li key={i} className="access-log__item">
              <p className="access-log__when">{e.at}</p>
              <p>
                <strong>{e.who || t(`${P}.system`)}</strong>
                {e.where ? ` – ${e.where}` : ''}
              </p>
              <p>
                {t(`${P}.places.${e.place}`)}
                {e.change ? ` (${t(`${P}.changed`)})` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
