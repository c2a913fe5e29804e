import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'

export interface EmailLinkResult {
  sent: boolean
  errors: Record<string, string[]>
  values: Record<string, string>
}

/** The page behind "e-mail me a link": `keys` is the locale prefix (pages.magic, pages.password.forgot). */
export function EmailLinkPage({
  keys,
  result,
}: {
  keys: string
  result: EmailLinkResult | undefined
}) {
  const { t } = useTranslation()
  const errors = Object.fromEntries(
    Object.entries(result?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  if (result?.sent) {
    return (
      <>
        <h1>{t(`${keys}.sentTitle`)}</h1>
        <p role="status">{t(`${keys}.sentBody`, { email: result.values.email })}</p>
      </>
    )
  }
  return (
    <>
      <h1>{t(`${keys}.title`)}</h1>
      <p>{t(`${keys}.lead`)}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          label={t('pages.login.email')}
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={result?.values?.email ?? ''}
          errors={errors.email}
        />
        <button type="submit" className="button">
          {t(`${keys}.submit`)}
        </button>
      </Form>
    </>
  )
}
