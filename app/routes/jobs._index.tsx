import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { listOpenJobs } from '~/modules/frikort/job-postings.server'
import { kroner } from '~/modules/frikort/view'
import { requireCtx } from '~/modules/identity/guards.server'
import { ExplainerLinks } from '~/ui/frikort-parts'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const jobs = await listOpenJobs(ctx)
  return {
    title: t('pages.jobs.list.metaTitle'),
    jobs: jobs.map((j) => ({
      id: j.id,
      title: j.title,
      organisation: j.organisationName,
      place: j.place,
      hours: j.hours,
      pay: t('pages.jobs.perHour', { amount: kroner(t, j.payPerHourOre, lng) }),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function Jobs() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.jobs.list'
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ExplainerLinks />
      {d.jobs.length === 0 ? (
        <p>{t(`${P}.empty`)}</p>
      ) : (
        <ul className="activity-list">
          {d.jobs.map((j) => (
            <li key={j.id} className="card">
              <h2 className="activity-card__title">
                <Link to={`/jobs/${j.id}`}>{j.title}</Link>
              </h2>
              <p className="activity-card__meta">{j.organisation}</p>
              <dl className="summary-list">
                <dt>{t('pages.jobs.fields.place')}</dt>
                <dd>{j.place}</dd>
                <dt>{t('pages.jobs.fields.hours')}</dt>
                <dd>{j.hours}</dd>
                <dt>{t('pages.jobs.fields.pay')}</dt>
                <dd>{j.pay}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
