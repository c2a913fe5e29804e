import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { capForDay, localToday } from '~/modules/frikort/balance.server'
import { kroner } from '~/modules/frikort/view'
import { getDb } from '~/db.server'

// Public and plain: what an employer needs to do (under 300 words).
export async function loader({ request }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const today = localToday(new Date())
  const cap = await capForDay(await getDb(), today)
  return {
    title: t('pages.frikort.employerGuide.metaTitle'),
    year: Number(today.slice(0, 4)),
    cap: cap ? kroner(t, cap.amountOre, lng) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function EmployerGuide() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.frikort.employerGuide'
  return (
    <article className="frikort-guide">
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <h2>{t(`${P}.stepsTitle`)}</h2>
      <ol>
        <li>{t(`${P}.step1`)}</li>
        <li>{t(`${P}.step2`)}</li>
        <li>{t(`${P}.step3`)}</li>
        <li>{t(`${P}.step4`)}</li>
      </ol>
      <h2>{t(`${P}.capTitle`)}</h2>
      <p>{d.cap ? t(`${P}.cap`, { year: d.year, cap: d.cap }) : t(`${P}.capUnknown`)}</p>
      <h2>{t(`${P}.jobsTitle`)}</h2>
      <p>{t(`${P}.jobs`)}</p>
      <h2>{t(`${P}.helpTitle`)}</h2>
      <p>{t(`${P}.help`)}</p>
      <p>{t(`${P}.official`)}</p>
      <p>
        <Link to="/frikort/borger">{t(`${P}.otherLink`)}</Link>
      </p>
    </article>
  )
}
