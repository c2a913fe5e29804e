import { useTranslation } from 'react-i18next'
import { Field } from './field'

/** Street, postal code and city. `labels` is the locale prefix holding those three keys. */
export function AddressFields({
  labels,
  values,
  errors,
}: {
  labels: string
  values: Record<string, string | undefined>
  errors: Record<string, string[] | undefined>
}) {
  const { t } = useTranslation()
  return (
    <>
      <Field
        label={t(`${labels}.streetAddress`)}
        name="streetAddress"
        autoComplete="street-address"
        defaultValue={values.streetAddress ?? ''}
        errors={errors.streetAddress}
      />
      <Field
        label={t(`${labels}.postalCode`)}
        name="postalCode"
        inputMode="numeric"
        autoComplete="postal-code"
        className="field--short"
        defaultValue={values.postalCode ?? ''}
        errors={errors.postalCode}
      />
      <Field
        label={t(`${labels}.city`)}
        name="city"
        autoComplete="address-level2"
        defaultValue={values.city ?? ''}
        errors={errors.city}
      />
    </>
  )
}
