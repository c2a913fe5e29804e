import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getMyFrikort } from '~/modules/frikort/citizen.server'
import { balanceView, dayText, earningView } from '~/modules/frikort/view'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { formatDate } from '~/ui/format'
import { BalanceSummary, EarningsTable } from '~/ui/frikort-parts'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const mine = await getMyFrikort(ctx)
  return {
    title: t('pages.frikort.me.metaTitle'),
    decision: mine.decision
      ? { active: mine.decision.active, decidedOn: dayText(mine.decision.decidedOn, lng) }
      : null,
    balance: balanceView(mine.balance, lng, t),
    earnings: mine.earnings.map((e) => earningView(e, lng, t)),
    matches: mine.matches.map((m) => ({
      id: m.id,
      state: m.state,
      jobId: m.jobId,
      job: m.job,
      employer: m.employer,
      since: formatDate(m.since, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function MyFrikort() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.frikort.me'
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      {d.decision?.active ? (
        <p className="lead">{t(`${P}.active`, { date: d.decision.decidedOn })}</p>
      ) : (
        <p className="lead">{t(d.decision ? `${P}.notActive` : `${P}.none`)}</p>
      )}
      <BalanceSummary
        balance={d.balance}
        title={t(`${P}.balanceTitle`, { year: d.balance.year })}
      />
      <p>{t(`${P}.benefits`)}</p>
      <p>
        <Link to="/frikort/borger">{t(`${P}.explainerLink`)}</Link>
      </p>
      {d.decision?.active ? (
        <p>
          <Link to="/jobs">{t(`${P}.jobsLink`)}</Link>
        </p>
      ) : null}

      <section aria-labelledby="matches-title">
        <h2 id="matches-title">{t(`${P}.matchesTitle`)}</h2>
        {d.matches.length === 0 ? (
          <p>{t(`${P}.noMatches`)}</p>
        ) : (
          <ul className="plain-list">
            {d.matches.map((m) => (
              <li key={m.id}>
                {m.jobId && m.state !== 'ended' ? (
                  <Link to={`/jobs/${m.jobId}`}>{m.job ?? '–'}</Link>
                ) : (
                  (m.job ?? '–')
                )}
                {m.employer ? ` – ${m.employer}` : ''}: {t(`${P}.matchStates.${m.state}`)} (
                {m.since})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="earnings-title">
        <h2 id="earnings-title">{t(`${P}.earningsTitle`)}</h2>
        <p>{t(`${P}.earningsLead`)}</p>
        <EarningsTable earnings={d.earnings} caption={t(`${P}.earningsCaption`)} showEmployer />
      </section>
    </>
  )
}
