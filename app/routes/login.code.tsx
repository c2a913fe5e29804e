import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { loginWithAccessCode } from '~/modules/identity/login.server'
import { requestInfo } from '~/modules/identity/request-info.server'
import { afterLogin } from '~/modules/identity/responses.server'
import { AccessCodeSchema } from '~/modules/identity/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm } from '~/ui/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: getFixedT(detectLanguage(request))('pages.accessCode.metaTitle') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(AccessCodeSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const result = await loginWithAccessCode(await getDb(), parsed.data.code, requestInfo(request))
  if (result.ok) return afterLogin(result, '/account/setup')
  return data(
    {
      errors: {
        code: [
          result.reason === 'locked'
            ? 'pages.login.errors.locked'
            : 'pages.accessCode.errors.invalid',
        ],
      },
    },
    { status: result.reason === 'locked' ? 429 : 401 },
  )
}

export default function AccessCodeLogin() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  return (
    <>
      <h1>{t('pages.accessCode.title')}</h1>
      <p>{t('pages.accessCode.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          label={t('pages.accessCode.label')}
          hint={t('pages.accessCode.hint')}
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          errors={errors.code}
        />
        <button type="submit" className="button">
          {t('pages.accessCode.submit')}
        </button>
      </Form>
    </>
  )
}
