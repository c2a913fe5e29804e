import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

export interface ErrorSummaryProps {
  /** field name → translated messages; the link goes to `#field-<name>`. */
  errors: Record<string, string[] | undefined> | undefined
  title?: string
}

/** Lists every error at the top of the form and takes focus, so screen readers hear it first. */
export function ErrorSummary({ errors, title }: ErrorSummaryProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const entries = Object.entries(errors ?? {}).filter(([, m]) => m && m.length > 0)
  const hasErrors = entries.length > 0
  useEffect(() => {
    if (hasErrors) ref.current?.focus()
  }, [hasErrors, errors])
  if (!hasErrors) return null
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {title ?? t('common.form.errorSummaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {entries.map(([name, messages]) => (
          <li key={name}>
            <a href={name === '' ? '#main' : `#field-${name}`}>{messages!.join(' ')}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}
