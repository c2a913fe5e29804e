import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getOptionalCtx } from '~/modules/identity/guards.server'
import {
  deviceOwnerName,
  loginWithPassword,
  loginWithPin,
  type LoginResult,
} from '~/modules/identity/login.server'
import { afterLogin } from '~/modules/identity/responses.server'
import { requestInfo } from '~/modules/identity/request-info.server'
import { LoginSchema } from '~/modules/identity/schemas'
import { DEVICE_COOKIE } from '~/modules/identity/sessions.server'
import { readCookie } from '~/cookies.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm, safeRedirect } from '~/ui/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  if (await getOptionalCtx(request)) throw redirect(redirectTo)
  const t = getFixedT(detectLanguage(request))
  const device = readCookie(request, DEVICE_COOKIE())
  const deviceName = device ? await deviceOwnerName(await getDb(), device) : null
  return { title: t('pages.login.metaTitle'), redirectTo, deviceName }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(LoginSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const db = await getDb()
  const info = requestInfo(request)
  const input = parsed.data
  const redirectTo = safeRedirect(input.redirectTo)
  let result: LoginResult
  if (input.intent === 'pin') {
    const device = readCookie(request, DEVICE_COOKIE())
    result = device
      ? await loginWithPin(db, device, input.pin, info)
      : { ok: false, reason: 'invalid' }
  } else {
    result = await loginWithPassword(db, input.email, input.password, info)
  }
  if (result.ok) return afterLogin(result, redirectTo)
  const field = input.intent === 'pin' ? 'pin' : 'password'
  const message =
    result.reason === 'locked'
      ? 'pages.login.errors.locked'
      : `pages.login.errors.${input.intent}Invalid`
  const values = input.intent === 'password' ? { email: input.email } : {}
  return data(
    { errors: { [field]: [message] }, values },
    { status: result.reason === 'locked' ? 429 : 401 },
  )
}

export default function Login() {
  const { t } = useTranslation()
  const { redirectTo, deviceName } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  return (
    <>
      <h1>{t('pages.login.title')}</h1>
      <ErrorSummary errors={errors} />
      {deviceName ? (
        <section aria-labelledby="pin-title">
          <h2 id="pin-title">{t('pages.login.pin.title', { name: deviceName })}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="pin" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field
              label={t('pages.login.pin.label')}
              name="pin"
              type="password"
              inputMode="numeric"
              autoComplete="current-password"
              pattern="[0-9]*"
              errors={errors.pin}
            />
            <button type="submit" className="button">
              {t('pages.login.submit')}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="password-title">
        <h2 id="password-title">{t('pages.login.password.title')}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            label={t('pages.login.email')}
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={actionData?.values?.email ?? ''}
            errors={errors.email}
          />
          <Field
            label={t('pages.login.password.label')}
            name="password"
            type="password"
            autoComplete="current-password"
            errors={errors.password}
          />
          <button type="submit" className="button">
            {t('pages.login.submit')}
          </button>
        </Form>
        <p>
          <Link to="/password/forgot">{t('pages.login.forgot')}</Link>
        </p>
      </section>
      <section aria-labelledby="other-title">
        <h2 id="other-title">{t('pages.login.other.title')}</h2>
        <ul>
          <li>
            <Link to="/login/magic">{t('pages.login.other.magic')}</Link>
          </li>
          <li>
            <Link to="/login/code">{t('pages.login.other.code')}</Link>
          </li>
        </ul>
      </section>
    </>
  )
}
