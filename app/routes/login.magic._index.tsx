import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { requestMagicLink } from '~/modules/identity/login.server'
import { publicOrigin, requestInfo } from '~/modules/identity/request-info.server'
import { EmailSchema } from '~/modules/identity/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: getFixedT(detectLanguage(request))('pages.magic.metaTitle') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(EmailSchema, await request.formData())
  if (!parsed.ok)
    return data({ sent: false, errors: parsed.errors, values: parsed.values }, { status: 400 })
  const result = await requestMagicLink(await getDb(), parsed.data.email, {
    ...requestInfo(request),
    origin: publicOrigin(request),
    language: detectLanguage(request),
  })
  if (!result.ok) {
    return data(
      {
        sent: false,
        errors: { email: ['pages.login.errors.locked'] },
        values: { email: parsed.data.email },
      },
      { status: 429 },
    )
  }
  kickOutbox()
  // The same answer whether or not the address has an account.
  return { sent: true, errors: {}, values: { email: parsed.data.email } }
}

export default function MagicLink() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, (v as string[]).map((m) => t(m))]),
  )
  if (actionData?.sent) {
    return (
      <>
        <h1>{t('pages.magic.sentTitle')}</h1>
        <p role="status">{t('pages.magic.sentBody', { email: actionData.values.email })}</p>
      </>
    )
  }
  return (
    <>
      <h1>{t('pages.magic.title')}</h1>
      <p>{t('pages.magic.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          label={t('pages.login.email')}
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={actionData?.values?.email ?? ''}
          errors={errors.email}
        />
        <button type="submit" className="button">
          {t('pages.magic.submit')}
        </button>
      </Form>
    </>
  )
}
