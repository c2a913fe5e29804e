import type { ReactNode } from 'react'

// Checkboxes for forms that are validated: the group's errors are shown inside its fieldset and
// linked by aria-describedby (GOV.UK pattern). Same look as CheckboxGroup (the catalogue's).

export interface CheckboxOption {
  value: string
  label: ReactNode
  hint?: ReactNode
}

export interface CheckboxesFieldProps {
  legend: ReactNode
  name: string
  options: CheckboxOption[]
  checked: readonly string[]
  hint?: ReactNode
  /** Already translated error messages for this group. */
  errors?: string[]
}

/** Several values under one name; the first box gets `field-<name>` for the error summary. */
export function CheckboxesField({
  legend,
  name,
  options,
  checked,
  hint,
  errors,
}: CheckboxesFieldProps) {
  const baseId = `field-${name}`
  const hintId = hint ? `${baseId}-hint` : undefined
  const errorId = errors?.length ? `${baseId}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', errorId ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
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
        <div className="checkboxes">
          {options.map((option, i) => {
            const id = i === 0 ? baseId : `${baseId}-${option.value}`
            const optionHintId = option.hint ? `${id}-hint` : undefined
            return (
              <div className="checkbox" key={option.value}>
                <input
                  type="checkbox"
                  id={id}
                  name={name}
                  value={option.value}
                  defaultChecked={checked.includes(option.value)}
                  aria-describedby={optionHintId}
                  className="checkbox__input"
                />
                <label htmlFor={id} className="checkbox__label">
                  {option.label}
                </label>
                {option.hint ? (
                  <p id={optionHintId} className="checkbox__hint">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

/** One yes/no box; posts `yes` when ticked and nothing when not. */
export function CheckboxField({
  label,
  name,
  hint,
  errors,
  defaultChecked,
}: {
  label: ReactNode
  name: string
  hint?: ReactNode
  /** Already translated error messages for this box. */
  errors?: string[]
  defaultChecked: boolean
}) {
  const id = `field-${name}`
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', errorId ? 'field--error' : ''].filter(Boolean).join(' ')}>
      {errorId ? (
        <p id={errorId} className="field__error">
          {errors!.join(' ')}
        </p>
      ) : null}
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          name={name}
          value="yes"
          defaultChecked={defaultChecked}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={describedBy}
          className="checkbox__input"
        />
        <label htmlFor={id} className="checkbox__label">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="checkbox__hint">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  )
}
