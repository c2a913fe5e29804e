import { useTranslation } from 'react-i18next'

/** A consent as loaders send it: dates already written out on the server. */
export interface ReceiptData {
  id: string
  citizenName: string
  municipalityName: string
  purpose: string
  categories: string[]
  recipients: string[]
  wordingVersion: string
  channel: string
  assistedBy: string | null
  recordedBy: string | null
  givenAt: string
  expiresAt: string
  withdrawnAt: string | null
  withdrawnBy: string | null
  status: 'active' | 'withdrawn' | 'expired'
}

/**
 * The receipt of one consent (kvittering), the same for the citizen and the caseworker: what
 * was agreed, with whom, how it was given, and whether it still holds. Made to print.
 */
export function ConsentReceipt({ consent }: { consent: ReceiptData }) {
  const { t } = useTranslation()
  const R = 'common.consent.receipt'
  return (
    <div className="consent-receipt">
      <p className={`consent-status consent-status--${consent.status}`}>
        <strong>{t(`common.consent.status.${consent.status}`)}</strong>
      </p>
      <p>{t(`common.consent.wording.${consent.purpose}`)}</p>
      <dl className="summary-list">
        <dt>{t(`${R}.citizen`)}</dt>
        <dd>{consent.citizenName}</dd>
        <dt>{t(`${R}.purpose`)}</dt>
        <dd>{t(`common.consent.purposes.${consent.purpose}`)}</dd>
        <dt>{t(`${R}.recipients`)}</dt>
        <dd>
          <ul className="plain-list">
            {consent.recipients.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </dd>
        <dt>{t(`${R}.categories`)}</dt>
        <dd>
          <ul className="plain-list">
            {consent.categories.map((c) => (
              <li key={c}>{t(`common.consent.categories.${c}`)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t(`${R}.channel`)}</dt>
        <dd>
          {t(`common.consent.channels.${consent.channel}`)}
          {consent.assistedBy ? (
            <span className="muted-line">{t(`${R}.assistedBy`, { name: consent.assistedBy })}</span>
          ) : null}
        </dd>
        <dt>{t(`${R}.givenAt`)}</dt>
        <dd>{consent.givenAt}</dd>
        <dt>{t(`${R}.expiresAt`)}</dt>
        <dd>{consent.expiresAt}</dd>
        {consent.withdrawnAt ? (
          <>
            <dt>{t(`${R}.withdrawnAt`)}</dt>
            <dd>
              {consent.withdrawnAt}
              {consent.withdrawnBy ? (
                <span className="muted-line">
                  {t(`${R}.withdrawnBy`, { name: consent.withdrawnBy })}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{t(`${R}.municipality`)}</dt>
        <dd>{consent.municipalityName}</dd>
        <dt>{t(`${R}.reference`)}</dt>
        <dd>
          <code>{consent.id}</code>
          <span className="muted-line">
            {t(`${R}.wording`, { version: consent.wordingVersion })}
          </span>
        </dd>
      </dl>
    </div>
  )
}
