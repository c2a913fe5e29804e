import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { changePassword, getProfile } from '~/modules/identity/account.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { ChangePasswordSchema } from '~/modules/identity/schemas'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { NewPasswordFields } from '~/ui/new-password-fields'
import { parseForm } from '~/ui/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const t = getFixedT(detectLanguage(request))
  const profile = await getProfile(ctx)
  return {
    title: t('pages.accountPages.password.metaTitle'),
    hasPassword: profile.hasPassword,
    hasEmail: profile.email !== null,
    changed: new URL(request.url).searchParams.get('changed') === '1',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const parsed = parseForm(ChangePasswordSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const result = await changePassword(ctx, parsed.data)
  if (result.ok) return redirect('/account/password?changed=1')
  const message =
    result.reason === 'locked'
      ? 'pages.login.errors.locked'
      : parsed.data.currentPassword
        ? 'pages.password.errors.current'
        : 'pages.accountPages.password.errors.currentRequired'
  return data(
    { errors: { currentPassword: [message] } },
    { status: result.reason === 'locked' ? 429 : 400 },
  )
}

export default function AccountPassword() {
  const { t } = useTranslation()
  const { hasPassword, hasEmail, changed } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.accountPages.password'
  return (
    <>
      <h1>{t(hasPassword ? `${P}.title` : `${P}.titleFirst`)}</h1>
      {changed && !actionData ? (
        <p className="notice" role="status">
          {t(`${P}.changed`)}
        </p>
      ) : null}
      {!hasEmail && !hasPassword ? (
        // A password needs an e-mail address to log in with; setup adds both at once.
        <>
          <p>{t(`${P}.noEmail`)}</p>
          <p>
            <Link to="/account/setup" className="button">
              {t(`${P}.toSetup`)}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>{t(`${P}.lead`)}</p>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            {hasPassword ? (
              <Field
                label={t(`${P}.current`)}
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                errors={errors.currentPassword}
              />
            ) : null}
            <NewPasswordFields errors={errors} />
            <button type="submit" className="button">
              {t(`${P}.submit`)}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/account">{t('pages.accountPages.back')}</Link>
      </p>
    </>
  )
}
