import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { BalanceView, EarningView } from '~/modules/frikort/view'
import { CheckboxField } from './checkbox-field'
import { Field } from './field'
import { TextareaField } from './textarea-field'

// Shared parts of the frikort pages: the year's balance, the list of earnings, the job form and
// the links to the plain-language explainers.

const P = 'pages.frikort.parts'

/** This year's total against the cap, with what is left, in words and figures. */
export function BalanceSummary({ balance, title }: { balance: BalanceView; title?: string }) {
  const { t } = useTranslation()
  return (
    <section className="card frikort-balance" aria-labelledby="balance-title">
      <h2 id="balance-title">{title ?? t(`${P}.balanceTitle`, { year: balance.year })}</h2>
      {balance.cap === null ? (
        <p>{t(`${P}.noCap`, { year: balance.year, total: balance.total })}</p>
      ) : (
        <>
          <dl className="summary-list">
            <dt>{t(`${P}.earned`)}</dt>
            <dd>{balance.total}</dd>
            <dt>{t(`${P}.cap`)}</dt>
            <dd>{balance.cap}</dd>
            <dt>{t(`${P}.remaining`)}</dt>
            <dd>
              <strong>{balance.remaining}</strong>
            </dd>
          </dl>
          <p className="frikort-balance__percent">
            {t(`${P}.percent`, { percent: balance.percent })}
          </p>
          {balance.percent !== null && balance.percent >= 80 ? (
            <p className="notice">
              {t(balance.percent >= 100 ? `${P}.reached100` : `${P}.reached80`)}
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}

/** Earnings as a table; `reverse` adds a correction button to each entry that can have one. */
export function EarningsTable({
  earnings,
  caption,
  showEmployer,
  reverse,
}: {
  earnings: EarningView[]
  caption: string
  showEmployer: boolean
  reverse?: (e: EarningView) => React.ReactNode
}) {
  const { t } = useTranslation()
  if (earnings.length === 0) return <p>{t(`${P}.noEarnings`)}</p>
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {showEmployer ? <th scope="col">{t(`${P}.columns.employer`)}</th> : null}
            <th scope="col">{t(`${P}.columns.period`)}</th>
            <th scope="col">{t(`${P}.columns.paidOn`)}</th>
            <th scope="col" className="partnership-amount">
              {t(`${P}.columns.amount`)}
            </th>
            {reverse ? (
              <th scope="col">
                <span className="visually-hidden">{t(`${P}.columns.actions`)}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {earnings.map((e) => (
            <tr key={e.id}>
              {showEmployer ? <td>{e.employer}</td> : null}
              <td>
                {e.period}
                {e.isReversal ? <span className="muted-line">{t(`${P}.reversal`)}</span> : null}
                {e.reversed ? <span className="muted-line">{t(`${P}.reversed`)}</span> : null}
              </td>
              <td>{e.paidOn}</td>
              <td className="partnership-amount">{e.amount}</td>
              {reverse ? <td>{reverse(e)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The two explainers, linked from every job and every frikort page. */
export function ExplainerLinks() {
  const { t } = useTranslation()
  return (
    <ul className="plain-list frikort-explainers">
      <li>
        <Link to="/frikort/borger">{t(`${P}.explainerCitizen`)}</Link>
      </li>
      <li>
        <Link to="/frikort/arbejdsgiver">{t(`${P}.explainerEmployer`)}</Link>
      </li>
    </ul>
  )
}

/** The fields of a job, for new and edit. */
export function JobFields({
  values,
  errors,
}: {
  values: Record<string, string>
  errors: Record<string, string[]>
}) {
  const { t } = useTranslation()
  const J = 'pages.jobs.form'
  return (
    <>
      <Field
        label={t(`${J}.title`)}
        name="title"
        defaultValue={values.title ?? ''}
        errors={errors.title}
        maxLength={200}
      />
      <TextareaField
        label={t(`${J}.tasks`)}
        hint={t(`${J}.tasksHint`)}
        name="tasks"
        defaultValue={values.tasks ?? ''}
        errors={errors.tasks}
      />
      <Field
        label={t(`${J}.hours`)}
        hint={t(`${J}.hoursHint`)}
        name="hours"
        defaultValue={values.hours ?? ''}
        errors={errors.hours}
      />
      <Field
        label={t(`${J}.place`)}
        name="place"
        defaultValue={values.place ?? ''}
        errors={errors.place}
      />
      <Field
        label={t(`${J}.pay`)}
        hint={t(`${J}.payHint`)}
        name="pay"
        inputMode="decimal"
        className="field--short"
        defaultValue={values.pay ?? ''}
        errors={errors.pay}
      />
      <TextareaField
        label={t(`${J}.support`)}
        hint={t(`${J}.supportHint`)}
        name="support"
        defaultValue={values.support ?? ''}
        errors={errors.support}
      />
      <Field
        label={t(`${J}.contact`)}
        hint={t(`${J}.contactHint`)}
        name="contact"
        defaultValue={values.contact ?? ''}
        errors={errors.contact}
      />
      <CheckboxField
        label={t(`${J}.suitableForFrikort`)}
        hint={t(`${J}.suitableHint`)}
        name="suitableForFrikort"
        defaultChecked={values.suitableForFrikort === 'yes'}
        errors={errors.suitableForFrikort}
      />
      <CheckboxField
        label={t(`${J}.wageSubsidised`)}
        name="wageSubsidised"
        defaultChecked={values.wageSubsidised === 'yes'}
        errors={errors.wageSubsidised}
      />
    </>
  )
}
