import { Form } from '@remix-run/react'
import type { TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import type { CriterionItem, OutreachRow } from '~/modules/partnerships/view'
import { INSTITUTION_TYPES } from '~/modules/partnerships/schemas'
import { Field } from './field'
import { SelectField } from './select-field'

// The parts the administrator's and the organisation's partnership pages share: progress per
// success criterion, the manual progress form, and the outreach log with its form.

const Q = 'pages.orgPartnerships'

/** Progress as a bar and as words: the figures never depend on seeing the bar or its colour. */
export function CriteriaProgress({ criteria }: { criteria: CriterionItem[] }) {
  const { t } = useTranslation()
  if (criteria.length === 0) return <p>{t(`${Q}.progress.none`)}</p>
  return (
    <ul className="partnership-criteria">
      {criteria.map((c) => (
        <li key={c.id} className="partnership-criteria__item">
          <h3 id={`criterion-${c.id}`} className="partnership-criteria__title">
            {c.description}
          </h3>
          <p className="partnership-criteria__figures">
            <strong>{t(`${Q}.progress.value`, { value: c.value, target: c.target })}</strong>{' '}
            {t(`${Q}.progress.percent`, { percent: c.percent })}{' '}
            <span
              className={`partnership-criteria__status partnership-criteria__status--${c.status}`}
            >
              {t(`${Q}.progress.status.${c.status}`)}
            </span>
          </p>
          <progress
            className={`partnership-criteria__bar partnership-criteria__bar--${c.status}`}
            aria-labelledby={`criterion-${c.id}`}
            max={c.target}
            value={Math.min(c.value, c.target)}
          >
            {t(`${Q}.progress.percent`, { percent: c.percent })}
          </progress>
          <p className="muted-line">{t(`${Q}.progress.measure.${c.measure}`)}</p>
          {c.latestOn ? (
            <p className="muted-line">
              {c.latestNote
                ? t(`${Q}.progress.latestWithNote`, { date: c.latestOn, note: c.latestNote })
                : t(`${Q}.progress.latest`, { date: c.latestOn })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** "7 af 10 · 18 af 20": a partnership's criteria in one line, for lists. */
export function ProgressSummary({ criteria }: { criteria: CriterionItem[] }) {
  const { t } = useTranslation()
  if (criteria.length === 0) return <>{t(`${Q}.progress.none`)}</>
  const reached = criteria.filter((c) => c.status === 'reached').length
  return (
    <>
      {t(`${Q}.progress.summary`, { reached, total: criteria.length })}
      <ul className="plain-list muted-line">
        {criteria.map((c) => (
          <li key={c.id}>
            {t(`${Q}.progress.short`, {
              description: c.description,
              value: c.value,
              target: c.target,
              percent: c.percent,
            })}
          </li>
        ))}
      </ul>
    </>
  )
}

export function TextArea({
  label,
  name,
  hint,
  errors,
  ...rest
}: {
  label: string
  name: string
  hint?: string
  errors?: string[]
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>) {
  const id = `field-${name}`
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className={['field', errorId ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="field__error">
          {errors!.join(' ')}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...rest}
      />
    </div>
  )
}

interface FormState {
  errors: Record<string, string[]>
  values: Record<string, string>
}

/** A progress figure for one of the manual criteria. */
export function ProgressForm({
  criteria,
  entryId,
  action,
  state,
}: {
  criteria: CriterionItem[]
  entryId: string
  action?: string
  state: FormState
}) {
  const { t } = useTranslation()
  const manual = criteria.filter((c) => c.measure === 'manual')
  if (manual.length === 0) return <p>{t(`${Q}.progressForm.noManual`)}</p>
  const { errors, values } = state
  return (
    <Form method="post" action={action} noValidate>
      <input type="hidden" name="intent" value="progress" />
      <input type="hidden" name="entryId" value={values.entryId ?? entryId} />
      <SelectField
        label={t(`${Q}.progressForm.criterion`)}
        name="criterionId"
        options={manual.map((c) => ({ value: c.id, label: c.description }))}
        defaultValue={values.criterionId ?? manual[0]!.id}
        errors={errors.criterionId}
      />
      <Field
        label={t(`${Q}.progressForm.value`)}
        hint={t(`${Q}.progressForm.valueHint`)}
        name="value"
        inputMode="numeric"
        autoComplete="off"
        className="field--short"
        defaultValue={values.value ?? ''}
        errors={errors.value}
      />
      <Field
        label={`${t(`${Q}.progressForm.note`)} ${t('common.form.optional')}`}
        hint={t(`${Q}.progressForm.noteHint`)}
        name="note"
        autoComplete="off"
        maxLength={500}
        defaultValue={values.note ?? ''}
        errors={errors.note}
      />
      <button type="submit" className="button">
        {t(`${Q}.progressForm.submit`)}
      </button>
    </Form>
  )
}

/** One line in the outreach log. */
export function OutreachForm({
  entryId,
  today,
  defaultDate,
  period,
  action,
  state,
}: {
  entryId: string
  today: string
  /** Today while the period runs; empty otherwise, so an old period gets a date typed in. */
  defaultDate: string
  period: string
  action?: string
  state: FormState
}) {
  const { t } = useTranslation()
  const { errors, values } = state
  return (
    <Form method="post" action={action} noValidate>
      <input type="hidden" name="intent" value="outreach" />
      <input type="hidden" name="entryId" value={values.entryId ?? entryId} />
      <Field
        label={t(`${Q}.outreachForm.contactedOn`)}
        hint={t(`${Q}.outreachForm.contactedOnHint`, { period })}
        name="contactedOn"
        type="date"
        max={today}
        className="field--short"
        defaultValue={values.contactedOn ?? defaultDate}
        errors={errors.contactedOn}
      />
      <SelectField
        label={t(`${Q}.outreachForm.institutionType`)}
        name="institutionType"
        placeholder={t(`${Q}.outreachForm.choose`)}
        options={INSTITUTION_TYPES.map((type) => ({
          value: type,
          label: t(`${Q}.institutionTypes.${type}`),
        }))}
        defaultValue={values.institutionType ?? ''}
        errors={errors.institutionType}
      />
      <Field
        label={t(`${Q}.outreachForm.institution`)}
        hint={t(`${Q}.outreachForm.institutionHint`)}
        name="institution"
        autoComplete="off"
        maxLength={200}
        defaultValue={values.institution ?? ''}
        errors={errors.institution}
      />
      <TextArea
        label={`${t(`${Q}.outreachForm.outcome`)} ${t('common.form.optional')}`}
        hint={t(`${Q}.outreachForm.outcomeHint`)}
        name="outcome"
        rows={3}
        maxLength={1000}
        defaultValue={values.outcome ?? ''}
        errors={errors.outcome}
      />
      <button type="submit" className="button">
        {t(`${Q}.outreachForm.submit`)}
      </button>
    </Form>
  )
}

export function OutreachTable({ rows, counted }: { rows: OutreachRow[]; counted: number }) {
  const { t } = useTranslation()
  if (rows.length === 0) return <p>{t(`${Q}.outreach.empty`)}</p>
  return (
    <div className="table-wrap">
      <table>
        <caption>{t(`${Q}.outreach.caption`, { total: rows.length, counted })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`${Q}.outreach.columns.date`)}</th>
            <th scope="col">{t(`${Q}.outreach.columns.institution`)}</th>
            <th scope="col">{t(`${Q}.outreach.columns.type`)}</th>
            <th scope="col">{t(`${Q}.outreach.columns.outcome`)}</th>
            <th scope="col">{t(`${Q}.outreach.columns.loggedBy`)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                {r.contactedOn}
                {r.inPeriod ? null : (
                  <span className="muted-line">{t(`${Q}.outreach.outsidePeriod`)}</span>
                )}
              </td>
              <th scope="row">{r.institution}</th>
              <td>{t(`${Q}.institutionTypes.${r.institutionType}`)}</td>
              <td className="break">{r.outcome ?? '–'}</td>
              <td>{r.loggedBy ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
