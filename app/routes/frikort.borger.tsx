import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { capForDay, localToday } from '~/modules/frikort/balance.server'
import { kroner } from '~/modules/frikort/view'
import { getDb } from '~/db.server'

// Public and plain: what the social free card means for a citizen (under 300 words).
export async function loader({ request }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const today = localToday(new Date())
  const cap = await capForDay(await getDb(), today)
  return {
    title: t('pages.frikort.citizenGuide.metaTitle'),
    year: Number(today.slice(0, 4)),
    cap: cap ? kroner(t, cap.amountOre, lng) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function CitizenGuide() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.frikort.citizenGuide'
  return (
    <article className="frikort-guide">
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <h2>{t(`${P}.moneyTitle`)}</h2>
      <p>{t(`${P}.money`)}</p>
      <p>{d.cap ? t(`${P}.cap`, { year: d.year, cap: d.cap }) : t(`${P}.capUnknown`)}</p>
      <p>{t(`${P}.counts`)}</p>
      <h2>{t(`${P}.whoTitle`)}</h2>
      <p>{t(`${P}.who`)}</p>
      <h2>{t(`${P}.employerTitle`)}</h2>
      <p>{t(`${P}.employer`)}</p>
      <h2>{t(`${P}.seeTitle`)}</h2>
      <p>{t(`${P}.see`)}</p>
      <p>{t(`${P}.official`)}</p>
      <p>
        <Link to="/frikort/arbejdsgiver">{t(`${P}.otherLink`)}</Link>
      </p>
    </article>
  )
}
