import { useTranslation } from 'react-i18next'
import { Field } from './field'

/** A new password typed twice (never filled in again after a failed submit). */
export function NewPasswordFields({ errors }: { errors: Record<string, string[] | undefined> }) {
  const { t } = useTranslation()
  return (
    <>
      <Field
        label={t('pages.password.new')}
        hint={t('pages.password.hint')}
        name="password"
        type="password"
        autoComplete="new-password"
        errors={errors.password}
      />
      <Field
        label={t('pages.password.confirm')}
        name="confirm"
        type="password"
        autoComplete="new-password"
        errors={errors.confirm}
      />
    </>
  )
}
