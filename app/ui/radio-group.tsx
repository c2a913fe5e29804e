import type { ReactNode } from 'react'

export interface RadioGroupProps {
  legend: ReactNode
  name: string
  options: { value: string; label: ReactNode; hint?: ReactNode }[]
  defaultValue?: string | null
  hint?: ReactNode
  /** Already translated error messages for this group. */
  errors?: string[]
}

/**
 * Radios in a fieldset with a legend (GOV.UK pattern). The first radio gets `field-<name>`, so
 * the error summary's link lands on the group.
 */
export function RadioGroup({ legend, name, options, defaultValue, hint, errors }: RadioGroupProps) {
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
        <div className="radios">
          {options.map((option, i) => {
            const id = i === 0 ? baseId : `${baseId}-${option.value}`
            const optionHintId = option.hint ? `${id}-hint` : undefined
            return (
              <div className="radio" key={option.value}>
                <input
                  type="radio"
                  id={id}
                  name={name}
                  value={option.value}
                  defaultChecked={defaultValue === option.value}
                  aria-describedby={optionHintId}
                  className="radio__input"
                />
                <label htmlFor={id} className="radio__label">
                  {option.label}
                </label>
                {option.hint ? (
                  <p id={optionHintId} className="radio__hint">
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
