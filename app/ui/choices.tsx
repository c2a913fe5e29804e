import type { ReactNode } from 'react'

export interface ChoiceOption {
  value: string
  label: ReactNode
  hint?: ReactNode
  /** A box with its own name posts `1` under that name (independent yes/no flags). */
  name?: string
}

/**
 * Radios or checkboxes in a fieldset with a legend, a hint and errors (GOV.UK pattern). The first
 * input gets `field-<name>`, so the error summary's link lands on the group.
 */
export function ChoicesFieldset({
  type,
  legend,
  name,
  options,
  isChecked,
  hint,
  errors,
  className,
}: {
  type: 'radio' | 'checkbox'
  legend: ReactNode
  name: string
  options: readonly ChoiceOption[]
  isChecked: (value: string) => boolean
  hint?: ReactNode
  /** Already translated error messages for this group. */
  errors?: string[]
  className?: string
}) {
  const baseId = `field-${name}`
  const hintId = hint ? `${baseId}-hint` : undefined
  const errorId = errors?.length ? `${baseId}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  const item = type === 'radio' ? 'radio' : 'checkbox'
  return (
    <div className={['field', errorId ? 'field--error' : '', className].filter(Boolean).join(' ')}>
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
        <div className={type === 'radio' ? 'radios' : 'checkboxes'}>
          {options.map((option, i) => {
            const id = i === 0 ? baseId : `${baseId}-${option.value}`
            const optionHintId = option.hint ? `${id}-hint` : undefined
            return (
              <div className={item} key={`${option.name ?? name}-${option.value}`}>
                <input
                  type={type}
                  id={id}
                  name={option.name ?? name}
                  value={option.name ? '1' : option.value}
                  defaultChecked={isChecked(option.value)}
                  aria-describedby={optionHintId}
                  className={`${item}__input`}
                />
                <label htmlFor={id} className={`${item}__label`}>
                  {option.label}
                </label>
                {option.hint ? (
                  <p id={optionHintId} className={`${item}__hint`}>
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
