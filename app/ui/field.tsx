import type { InputHTMLAttributes, ReactNode } from 'react'

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode
  name: string
  hint?: ReactNode
  /** Already translated error messages for this field. */
  errors?: string[]
  id?: string
}

/** A labelled input with its hint and error linked by aria-describedby (GOV.UK pattern). */
export function Field({ label, name, hint, errors, id, className, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = errors?.length ? `${inputId}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', errorId ? 'field--error' : '', className].filter(Boolean).join(' ')}>
      <label htmlFor={inputId} className="field__label">
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
      <input
        id={inputId}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        className="field__input"
        {...input}
      />
    </div>
  )
}
