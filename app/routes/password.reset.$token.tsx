import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { isUsableToken, resetPassword } from '~/modules/identity/login.server'
import { requestInfo } from '~/modules/identity/request-info.server'
import { NewPasswordSchema } from '~/modules/identity/schemas'
import { clearSessionCookie } from '~/modules/identity/sessions.server'
import { ErrorSummary } from '~/ui/error-summary'
import { NewPasswordFields } from '~/ui/new-password-fields'
import { parseForm } from '~/ui/forms'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getFixedT(detectLanguage(request))
  const usable = await isUsableToken(
    await getDb(),
    params.token ?? '',
    'password_reset',
    new Date(),
  )
  return data(
    { title: t('pages.password.reset.metaTitle'), usable },
    { status: usable ? 200 : 410 },
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(NewPasswordSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, expired: false }, { status: 400 })
  const ok = await resetPassword(
    await getDb(),
    params.token ?? '',
    parsed.data.password,
    requestInfo(request),
  )
  if (!ok) return data({ errors: {}, expired: true }, { status: 410 })
  return redirect('/login?reset=1', { headers: { 'Set-Cookie': clearSessionCookie() } })
}

export default function ResetPassword() {
  const { t } = useTranslation()
  const { usable } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, (v as string[]).map((m) => t(m))]),
  )
  if (!usable || actionData?.expired) {
    return (
      <>
        <h1>{t('pages.magic.expiredTitle')}</h1>
        <p>{t('pages.password.reset.expired')}</p>
        <p>
          <Link to="/password/forgot">{t('pages.password.forgot.title')}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{t('pages.password.reset.title')}</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <NewPasswordFields errors={errors} />
        <button type="submit" className="button">
          {t('pages.password.reset.submit')}
        </button>
      </Form>
    </>
  )
}
