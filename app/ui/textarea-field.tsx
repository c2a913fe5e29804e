import type { ReactNode, TextareaHTMLAttributes } from 'react'

export interface TextareaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id'
> {
  label: ReactNode
  name: string
  hint?: ReactNode
  /** Already translated error messages for this field. */
  errors?: string[]
  id?: string
}

/** A labelled textarea with hint and error, linked like Field. */
export function TextareaField({ label, name, hint, errors, id, ...textarea }: TextareaFieldProps) {
  const inputId = id ?? `field-${name}`
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = errors?.length ? `${inputId}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', errorId ? 'field--error' : ''].filter(Boolean).join(' ')}>
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
      <textarea
        id={inputId}
        name={name}
        rows={4}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
    </div>
  )
}
