import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { listOwnReferrals } from '~/modules/referrals/referrals.server'
import { historyData, stateKey } from '~/modules/referrals/view'
import { formatDate } from '~/ui/format'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const referrals = await listOwnReferrals(ctx)
  return {
    title: t('pages.me.referrals.metaTitle'),
    referrals: referrals.map((r) => ({
      id: r.id,
      organisation: r.organisationName,
      kind: r.kind,
      activity: r.activityTitle,
      state: r.state,
      stateKey: stateKey(r.state, r.stateReason),
      sent: formatDate(r.sentAt, lng),
      history: historyData(r.history, lng),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function MyReferrals() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.me.referrals'
  return (
    <>
      <p>
        <Link to="/me">{t('pages.me.back')}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      {d.referrals.length === 0 ? <p>{t(`${P}.none`)}</p> : null}
      {d.referrals.map((r) => (
        <section key={r.id} className="card" aria-labelledby={`referral-${r.id}`}>
          <h2 id={`referral-${r.id}`}>{r.organisation}</h2>
          <p>
            {t(`${P}.kind.${r.kind}`)}
            {r.activity ? ` – ${r.activity}` : ''}
          </p>
          <p className="me-state">
            {t(`${P}.state`)} <strong>{t(r.stateKey)}</strong>
          </p>
          <p>{t(`${P}.explain.${r.state}`)}</p>
          <h3>{t(`${P}.historyTitle`)}</h3>
          <ol className="referral-history">
            {r.history.map((h, i) => (
              <li key={i}>
                <span className="referral-history__when">{h.at}</span>{' '}
                {h.reasonCode
                  ? t(`common.referral.reasons.${h.reasonCode}`)
                  : t(`${P}.events.${h.state}`, { organisation: r.organisation })}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  )
}
