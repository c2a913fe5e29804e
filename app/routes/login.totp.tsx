import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isDemo, isProduction } from '~/env.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { decryptSecret } from '~/modules/identity/crypto.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { verifySecondFactor } from '~/modules/identity/login.server'
import { requestInfo } from '~/modules/identity/request-info.server'
import { TotpSchema } from '~/modules/identity/schemas'
import { timeStep, totpAt } from '~/modules/identity/totp'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { parseForm, safeRedirect } from '~/ui/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request, { allowMfaPending: true })
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  if (ctx.actor.mfaVerified) throw redirect(redirectTo)
  if (!ctx.actor.totpEnabled) throw redirect('/account/two-factor')
  const t = getFixedT(detectLanguage(request))
  // Demo only: show the current code for the seeded demo staff, so anyone can try the flow.
  let demoCode: string | null = null
  if (isDemo() && !isProduction() && ctx.actor.isDemo) {
    const person = await ctx.db
      .selectFrom('person')
      .select('totp_secret_enc')
      .where('id', '=', ctx.actor.personId)
      .executeTakeFirst()
    if (person?.totp_secret_enc)
      demoCode = totpAt(decryptSecret(person.totp_secret_enc), timeStep(new Date()))
  }
  return { title: t('pages.totp.metaTitle'), redirectTo, demoCode }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request, { allowMfaPending: true })
  const form = await request.formData()
  const redirectTo = safeRedirect(form.get('redirectTo'))
  const parsed = parseForm(TotpSchema, form)
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const result = await verifySecondFactor(
    ctx.db,
    ctx.actor.sessionId,
    ctx.actor.personId,
    parsed.data.code,
    requestInfo(request),
  )
  if (result.ok) return redirect(redirectTo)
  return data(
    {
      errors: {
        code: [
          result.reason === 'locked' ? 'pages.login.errors.locked' : 'pages.totp.errors.invalid',
        ],
      },
    },
    { status: result.reason === 'locked' ? 429 : 401 },
  )
}

export default function LoginTotp() {
  const { t } = useTranslation()
  const { redirectTo, demoCode } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  return (
    <>
      <h1>{t('pages.totp.title')}</h1>
      <p>{t('pages.totp.lead')}</p>
      {demoCode ? (
        <p className="notice" data-testid="demo-code">
          {t('pages.totp.demoCode', { code: demoCode })}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t('pages.totp.label')}
          hint={t('pages.totp.hint')}
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          spellCheck={false}
          errors={errors.code}
        />
        <button type="submit" className="button">
          {t('pages.totp.submit')}
        </button>
      </Form>
    </>
  )
}
