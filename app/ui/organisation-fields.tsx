import { useTranslation } from 'react-i18next'
import { AddressFields } from './address-fields'
import { Field } from './field'
import { RadioGroup } from './radio-group'

const TYPES = ['association', 'drop_in', 'ngo', 'social_enterprise', 'employer'] as const

/**
 * What an organisation tells about itself and who its contact is. Shared by the public
 * registration form and the administrator's "add an organisation" form.
 */
export function OrganisationFields({
  values,
  errors,
  headingLevel = 2,
}: {
  values: Record<string, string | undefined>
  errors: Record<string, string[] | undefined>
  headingLevel?: 2 | 3
}) {
  const { t } = useTranslation()
  const P = 'pages.orgRegister'
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <>
      <Heading>{t(`${P}.sections.organisation`)}</Heading>
      <Field
        label={t(`${P}.fields.name`)}
        name="name"
        autoComplete="organization"
        defaultValue={values.name ?? ''}
        errors={errors.name}
      />
      <RadioGroup
        legend={t(`${P}.fields.type`)}
        name="type"
        defaultValue={values.type ?? null}
        errors={errors.type}
        options={TYPES.map((type) => ({ value: type, label: t(`${P}.types.${type}`) }))}
      />
      <Field
        label={t(`${P}.fields.cvr`)}
        hint={t(`${P}.fields.cvrHint`)}
        name="cvr"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className="field--short"
        defaultValue={values.cvr ?? ''}
        errors={errors.cvr}
      />
      <Heading>{t(`${P}.sections.address`)}</Heading>
      <AddressFields labels={`${P}.fields`} values={values} errors={errors} />
      <Field
        label={t(`${P}.fields.phone`)}
        hint={t(`${P}.fields.phoneHint`)}
        name="phone"
        type="tel"
        autoComplete="tel"
        defaultValue={values.phone ?? ''}
        errors={errors.phone}
      />
      <Field
        label={`${t(`${P}.fields.website`)} ${t('common.form.optional')}`}
        name="website"
        type="url"
        autoComplete="url"
        spellCheck={false}
        defaultValue={values.website ?? ''}
        errors={errors.website}
      />
      <Heading>{t(`${P}.sections.contact`)}</Heading>
      <p>{t(`${P}.contactLead`)}</p>
      <Field
        label={t(`${P}.fields.contactName`)}
        name="contactName"
        autoComplete="name"
        defaultValue={values.contactName ?? ''}
        errors={errors.contactName}
      />
      <Field
        label={t(`${P}.fields.contactEmail`)}
        name="contactEmail"
        type="email"
        autoComplete="email"
        spellCheck={false}
        defaultValue={values.contactEmail ?? ''}
        errors={errors.contactEmail}
      />
    </>
  )
}
