import type { ReactNode } from 'react'
import { ChoicesFieldset } from './choices'

// Checkboxes for forms that are validated: the group's errors are shown inside its fieldset and
// linked by aria-describedby (GOV.UK pattern).

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

/** Several values under one name, validated; the first box gets `field-<name>`. */
export function CheckboxesField({ checked, ...props }: CheckboxesFieldProps) {
  return <ChoicesFieldset type="checkbox" isChecked={(v) => checked.includes(v)} {...props} />
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
