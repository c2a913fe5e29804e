import { useTranslation } from 'react-i18next'

export interface HistoryItem {
  at: string
  state: string
  by: string
  actorName: string | null
  reasonCode: string | null
}

/** What happened to a referral, oldest first: the history both sides see. */
export function ReferralHistory({ items, id }: { items: HistoryItem[]; id: string }) {
  const { t } = useTranslation()
  const H = 'common.referral.history'
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(`${H}.title`)}</h2>
      <ol className="referral-history">
        {items.map((h, i) => (
          <li key={`${h.at}-${i}`}>
            <span className="referral-history__when">{h.at}</span>{' '}
            <strong>
              {h.reasonCode
                ? t(`common.referral.reasons.${h.reasonCode}`)
                : t(`common.referral.states.${h.state}`)}
            </strong>{' '}
            <span className="muted-line">
              {h.actorName
                ? t(`${H}.byNamed`, { side: t(`common.referral.by.${h.by}`), name: h.actorName })
                : t(`common.referral.by.${h.by}`)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}
