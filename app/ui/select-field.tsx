import type { ReactNode } from 'react'

export interface SelectFieldProps {
  label: ReactNode
  name: string
  options: { value: string; label: ReactNode }[]
  hint?: ReactNode
  /** Already translated error messages for this field. */
  errors?: string[]
  defaultValue?: string
  id?: string
  /** A first, empty option ("choose…"), so nothing is preselected. */
  placeholder?: string
}

function describedBy(id: string, hint: ReactNode, errors?: string[]) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined }
}

/** A labelled select with hint and error, linked like Field. */
export function SelectField({
  label,
  name,
  options,
  hint,
  errors,
  defaultValue,
  id,
  placeholder,
}: SelectFieldProps) {
  const selectId = id ?? `field-${name}`
  const d = describedBy(selectId, hint, errors)
  return (
    <div className={['field', d.errorId ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={selectId} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={d.hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {d.errorId ? (
        <p id={d.errorId} className="field__error">
          {errors!.join(' ')}
        </p>
      ) : null}
      <select
        id={selectId}
        name={name}
        defaultValue={defaultValue ?? ''}
        aria-invalid={d.errorId ? true : undefined}
        aria-describedby={d.describedBy}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
