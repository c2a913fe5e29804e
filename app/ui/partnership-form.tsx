import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  CRITERION_MEASURES,
  criterionField,
  DESCRIPTION_MAX,
  LEGAL_BASES,
  PURPOSE_MAX,
  TITLE_MAX,
  type CriterionRow,
} from '~/modules/partnerships/schemas'
import { Field } from './field'
import { TextArea } from './partnership-parts'
import { RadioGroup } from './radio-group'
import { SelectField } from './select-field'

// The partnership form, for a new partnership and for changes. Success criteria are a fixed set
// of rows (blank ones are ignored), so the form needs no JavaScript to add one.

const P = 'pages.staff.partnerships.form'

export interface PartnershipFormOptionsView {
  organisations: { id: string; label: string }[]
  targetGroups: { id: string; label: string }[]
  frameworks: { id: string; name: string; goals: { id: string; label: string }[] }[]
}

interface Choice {
  id: string
  label: string
}

/** Checkboxes in a fieldset; the first box gets `field-<name>` so the error summary lands on it. */
function Checkboxes({
  legend,
  name,
  hint,
  choices,
  checked,
  errors,
  firstId,
}: {
  legend: string
  name: string
  hint?: string
  choices: Choice[]
  checked: string[]
  errors?: string[]
  firstId: boolean
}) {
  const base = `field-${name}`
  const groupId = firstId ? base : `${base}-${choices[0]?.id ?? 'group'}-group`
  const hintId = hint ? `${groupId}-hint` : undefined
  const errorId = errors?.length ? `${groupId}-error` : undefined
  return (
    <div className={['field', errorId ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <fieldset
        className="fieldset"
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      >
        <legend className="field__label">{legend}</legend>
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
        <div className="radios">
          {choices.map((c, i) => {
            const id = firstId && i === 0 ? base : `${base}-${c.id}`
            return (
              <div className="radio" key={c.id}>
                <input
                  type="checkbox"
                  id={id}
                  name={name}
                  value={c.id}
                  defaultChecked={checked.includes(c.id)}
                  className="radio__input"
                />
                <label htmlFor={id} className="radio__label">
                  {c.label}
                </label>
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

/** "Target" for sighted readers, "Target, criterion 2" for screen readers and tests. */
function RowLabel({ text, row }: { text: string; row: number }) {
  const { t } = useTranslation()
  return (
    <>
      {text}
      <span className="visually-hidden">{`, ${t(`${P}.criterion`, { number: row })}`}</span>
    </>
  )
}

export function PartnershipForm({
  action,
  hidden,
  options,
  values,
  checked,
  rows,
  errors,
  submitLabel,
  cancelTo,
}: {
  action?: string
  hidden: Record<string, string>
  options: PartnershipFormOptionsView
  values: Record<string, string>
  checked: { targetGroupIds: string[]; goalIds: string[] }
  rows: CriterionRow[]
  errors: Record<string, string[]>
  submitLabel: string
  cancelTo: string
}) {
  const { t } = useTranslation()
  return (
    <Form method="post" action={action} noValidate className="partnership-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <h2>{t(`${P}.grantTitle`)}</h2>
      <SelectField
        label={t(`${P}.organisation`)}
        hint={t(`${P}.organisationHint`)}
        name="organisationId"
        placeholder={t(`${P}.choose`)}
        options={options.organisations.map((o) => ({ value: o.id, label: o.label }))}
        defaultValue={values.organisationId ?? ''}
        errors={errors.organisationId}
      />
      <Field
        label={t(`${P}.title`)}
        hint={t(`${P}.titleHint`)}
        name="title"
        autoComplete="off"
        maxLength={TITLE_MAX}
        defaultValue={values.title ?? ''}
        errors={errors.title}
      />
      <RadioGroup
        legend={t(`${P}.legalBasis`)}
        name="legalBasis"
        defaultValue={values.legalBasis ?? null}
        errors={errors.legalBasis}
        options={LEGAL_BASES.map((basis) => ({
          value: basis,
          label: t(`pages.staff.partnerships.legalBasis.${basis}`),
        }))}
      />
      <div className="field-row">
        <Field
          label={t(`${P}.poolYear`)}
          hint={t(`${P}.poolYearHint`)}
          name="poolYear"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          defaultValue={values.poolYear ?? ''}
          errors={errors.poolYear}
        />
        <Field
          label={t(`${P}.amount`)}
          hint={t(`${P}.amountHint`)}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={values.amount ?? ''}
          errors={errors.amount}
        />
      </div>
      <div className="field-row">
        <Field
          label={t(`${P}.periodStart`)}
          hint={t(`${P}.dateHint`)}
          name="periodStart"
          type="date"
          defaultValue={values.periodStart ?? ''}
          errors={errors.periodStart}
        />
        <Field
          label={t(`${P}.periodEnd`)}
          hint={t(`${P}.dateHint`)}
          name="periodEnd"
          type="date"
          defaultValue={values.periodEnd ?? ''}
          errors={errors.periodEnd}
        />
      </div>
      <TextArea
        label={t(`${P}.purpose`)}
        hint={t(`${P}.purposeHint`)}
        name="purpose"
        rows={5}
        maxLength={PURPOSE_MAX}
        defaultValue={values.purpose ?? ''}
        errors={errors.purpose}
      />

      <h2>{t(`${P}.tagsTitle`)}</h2>
      <Checkboxes
        legend={t(`${P}.targetGroups`)}
        hint={t(`${P}.targetGroupsHint`)}
        name="targetGroupIds"
        choices={options.targetGroups}
        checked={checked.targetGroupIds}
        errors={errors.targetGroupIds}
        firstId
      />
      {options.frameworks.length === 0 ? (
        <p>{t(`${P}.noGoals`)}</p>
      ) : (
        options.frameworks.map((f, i) => (
          <Checkboxes
            key={f.id}
            legend={t(`${P}.goals`, { framework: f.name })}
            name="goalIds"
            choices={f.goals}
            checked={checked.goalIds}
            errors={i === 0 ? errors.goalIds : undefined}
            firstId={i === 0}
          />
        ))
      )}

      <h2>{t(`${P}.criteriaTitle`)}</h2>
      <p>{t(`${P}.criteriaLead`)}</p>
      {rows.map((row, i) => (
        <fieldset key={i} className="fieldset partnership-form__criterion">
          <legend className="field__label">{t(`${P}.criterion`, { number: i + 1 })}</legend>
          {row.id ? <input type="hidden" name={criterionField(i, 'id')} value={row.id} /> : null}
          <Field
            label={<RowLabel text={t(`${P}.criterionDescription`)} row={i + 1} />}
            name={criterionField(i, 'description')}
            autoComplete="off"
            maxLength={DESCRIPTION_MAX}
            defaultValue={row.description}
            errors={errors[criterionField(i, 'description')]}
          />
          <div className="field-row">
            <Field
              label={<RowLabel text={t(`${P}.criterionTarget`)} row={i + 1} />}
              name={criterionField(i, 'target')}
              inputMode="numeric"
              autoComplete="off"
              defaultValue={row.target}
              errors={errors[criterionField(i, 'target')]}
            />
            <SelectField
              label={<RowLabel text={t(`${P}.criterionMeasure`)} row={i + 1} />}
              name={criterionField(i, 'measure')}
              options={CRITERION_MEASURES.map((m) => ({
                value: m,
                label: t(`${P}.measures.${m}`),
              }))}
              defaultValue={row.measure}
              errors={errors[criterionField(i, 'measure')]}
            />
          </div>
        </fieldset>
      ))}
      <p className="partnership-form__actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>{' '}
        <Link to={cancelTo}>{t(`${P}.cancel`)}</Link>
      </p>
    </Form>
  )
}
