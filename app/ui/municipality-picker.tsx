import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * For administrators of more than one municipality: a GET form (works without JavaScript) that
 * reloads the page for another of their municipalities. Hidden when there is nothing to choose.
 */
export function MunicipalityPicker({
  municipalities,
  current,
}: {
  municipalities: { id: string; name: string }[]
  current: string
}) {
  const { t } = useTranslation()
  if (municipalities.length < 2) return null
  return (
    <Form method="get" className="inline-form picker">
      <div className="field field--inline">
        <label htmlFor="field-municipality" className="field__label">
          {t('pages.admin.picker.label')}
        </label>
        <select id="field-municipality" name="municipality" defaultValue={current}>
          {municipalities.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        {t('pages.admin.picker.submit')}
      </button>
    </Form>
  )
}
