import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import {
  addEmailAndPassword,
  createPinCredential,
  getProfile,
  hasDeviceCredential,
} from '~/modules/identity/account.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { SetupSchema } from '~/modules/identity/schemas'
import { DEVICE_COOKIE, deviceCookie } from '~/modules/identity/sessions.server'
import { readCookie } from '~/cookies.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { NewPasswordFields } from '~/ui/new-password-fields'
import { parseForm } from '~/ui/forms'

// Where a citizen lands after logging in with an access code from their caseworker: choose how
// to log in next time. Plain words, big buttons, and it can be skipped.

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  const t = getFixedT(detectLanguage(request))
  const profile = await getProfile(ctx)
  const saved = new URL(request.url).searchParams.get('saved')
  return {
    title: t('pages.accountPages.setup.metaTitle'),
    name: profile.displayName,
    hasEmail: profile.email !== null,
    hasPinHere: await hasDeviceCredential(ctx, readCookie(request, DEVICE_COOKIE())),
    saved: saved === 'pin' || saved === 'email' ? saved : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const parsed = parseForm(SetupSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 })
  const input = parsed.data
  if (input.intent === 'pin') {
    const { token } = await createPinCredential(ctx, {
      pin: input.pin,
      userAgent: request.headers.get('User-Agent'),
      previousDeviceToken: readCookie(request, DEVICE_COOKIE()),
    })
    return redirect('/account/setup?saved=pin', { headers: { 'Set-Cookie': deviceCookie(token) } })
  }
  const result = await addEmailAndPassword(ctx, { email: input.email, password: input.password })
  if (result.ok) return redirect('/account/setup?saved=email')
  if (result.reason === 'hasEmail') return redirect('/account/setup')
  return data(
    {
      errors: { email: ['pages.accountPages.setup.errors.emailUnavailable'] },
      values: { email: input.email } as Record<string, string>,
    },
    { status: 400 },
  )
}

export default function AccountSetup() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.accountPages.setup'
  if (d.saved && !actionData) {
    return (
      <div className="setup">
        <h1>{t(d.saved === 'pin' ? `${P}.savedPinTitle` : `${P}.savedEmailTitle`)}</h1>
        <p className="notice" role="status">
          {t(d.saved === 'pin' ? `${P}.savedPin` : `${P}.savedEmail`)}
        </p>
        <p>
          <Link to="/account" className="button button--large">
            {t(`${P}.continue`)}
          </Link>
        </p>
      </div>
    )
  }
  return (
    <div className="setup">
      <h1>{t(`${P}.title`, { name: d.name })}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="pin-title" className="setup__option">
        <h2 id="pin-title">{t(`${P}.pin.title`)}</h2>
        <p>{t(`${P}.pin.lead`)}</p>
        {d.hasPinHere ? <p className="notice">{t(`${P}.pin.replaces`)}</p> : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="pin" />
          <Field
            label={t(`${P}.pin.label`)}
            hint={t(`${P}.pin.hint`)}
            name="pin"
            type="password"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="new-password"
            className="field--short"
            errors={errors.pin}
          />
          <Field
            label={t(`${P}.pin.confirm`)}
            name="pinConfirm"
            type="password"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="new-password"
            className="field--short"
            errors={errors.pinConfirm}
          />
          <button type="submit" className="button button--large">
            {t(`${P}.pin.submit`)}
          </button>
        </Form>
      </section>
      {!d.hasEmail ? (
        <section aria-labelledby="email-title" className="setup__option">
          <h2 id="email-title">{t(`${P}.email.title`)}</h2>
          <p>{t(`${P}.email.lead`)}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="email" />
            <Field
              label={t('pages.login.email')}
              name="email"
              type="email"
              autoComplete="email"
              spellCheck={false}
              defaultValue={actionData?.values?.email ?? ''}
              errors={errors.email}
            />
            <NewPasswordFields errors={errors} />
            <button type="submit" className="button button--large">
              {t(`${P}.email.submit`)}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="skip-title" className="setup__option">
        <h2 id="skip-title">{t(`${P}.skip.title`)}</h2>
        <p>{t(`${P}.skip.lead`)}</p>
        <p>
          <Link to="/account" className="button button--secondary button--large">
            {t(`${P}.skip.link`)}
          </Link>
        </p>
      </section>
    </div>
  )
}
