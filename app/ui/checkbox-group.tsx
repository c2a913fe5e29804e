import type { ReactNode } from 'react'

export interface CheckboxGroupProps {
  legend: ReactNode
  name: string
  options: { value: string; label: ReactNode; name?: string }[]
  checked: readonly string[]
  hint?: ReactNode
  className?: string
}

/**
 * Checkboxes in a fieldset with a legend (GOV.UK pattern). An option may carry its own `name`
 * for independent yes/no flags that share one legend.
 */
export function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  hint,
  className,
}: CheckboxGroupProps) {
  const baseId = `field-${name}`
  const hintId = hint ? `${baseId}-hint` : undefined
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <fieldset className="fieldset" aria-describedby={hintId}>
        <legend className="field__label">{legend}</legend>
        {hint ? (
          <p id={hintId} className="field__hint">
            {hint}
          </p>
        ) : null}
        <div className="checkboxes">
          {options.map((option, i) => {
            const id = i === 0 ? baseId : `${baseId}-${option.value}`
            return (
              <div className="checkbox" key={`${option.name ?? name}-${option.value}`}>
                <input
                  type="checkbox"
                  id={id}
                  name={option.name ?? name}
                  value={option.name ? '1' : option.value}
                  defaultChecked={checked.includes(option.value)}
                  className="checkbox__input"
                />
                <label htmlFor={id} className="checkbox__label">
                  {option.label}
                </label>
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}
