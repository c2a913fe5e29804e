import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { needsMfa } from '~/modules/identity/policy'
import { TwoFactorSchema } from '~/modules/identity/schemas'
import { groupSecret } from '~/modules/identity/totp'
import {
  confirmEnrolment,
  disableTwoFactor,
  getOrCreateEnrolment,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
} from '~/modules/identity/two-factor.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { formatDate } from '~/ui/format'
import { parseForm } from '~/ui/forms'

const SELF = '/account/two-factor'
const verifyFirst = () => redirect(`/login/totp?redirectTo=${encodeURIComponent(SELF)}`)

// The page shows a TOTP secret or recovery codes: no copy may be kept by any cache.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

// Staff who must use two-factor are sent here before anything else, so a session that has not
// passed the second step yet may use the page — but only to enrol, not to change what is set up.
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request, { allowMfaPending: true })
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const status = await getTwoFactorStatus(ctx)
  if (status.enabled && !ctx.actor.mfaVerified) throw verifyFirst()
  const enrolment = status.enabled ? null : await getOrCreateEnrolment(ctx)
  return {
    title: t('pages.accountPages.twoFactor.metaTitle'),
    enabled: status.enabled,
    enabledOn: status.enabledAt ? formatDate(status.enabledAt, lng) : null,
    unusedRecoveryCodes: status.unusedRecoveryCodes,
    required: needsMfa(ctx.actor),
    enrolment: enrolment
      ? { secret: groupSecret(enrolment.secret), qrDataUrl: enrolment.qrDataUrl }
      : null,
    disabled: new URL(request.url).searchParams.get('disabled') === '1',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

type ActionData =
  { errors: Record<string, string[]> } | { recoveryCodes: string[]; kind: 'enabled' | 'replaced' }

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request, { allowMfaPending: true })
  const form = await request.formData()
  const parsed = parseForm(TwoFactorSchema, form)
  // The turn-off form has its own field id, so its error links to its own input.
  const field = form.get('intent') === 'disable' ? 'disableCode' : 'code'
  if (!parsed.ok) {
    const { code, ...rest } = parsed.errors
    return data<ActionData>({ errors: code ? { ...rest, [field]: code } : rest }, { status: 400 })
  }
  const input = parsed.data
  if (input.intent !== 'enable' && !ctx.actor.mfaVerified) throw verifyFirst()
  if (input.intent === 'disable') {
    const result = await disableTwoFactor(ctx, input.code)
    if (result.ok) return redirect(`${SELF}?disabled=1`)
    return codeError(field, result.reason)
  }
  const result =
    input.intent === 'enable'
      ? await confirmEnrolment(ctx, input.code)
      : await regenerateRecoveryCodes(ctx, input.code)
  if (result.ok) {
    return data<ActionData>({
      recoveryCodes: result.recoveryCodes,
      kind: input.intent === 'enable' ? 'enabled' : 'replaced',
    })
  }
  // Already enabled (another tab) or nothing being set up: show the page as it is now.
  if (result.reason === 'notPending') return redirect(SELF)
  return codeError(field, result.reason)
}

function codeError(field: string, reason: 'invalid' | 'locked') {
  return data<ActionData>(
    {
      errors: {
        [field]: [reason === 'locked' ? 'pages.login.errors.locked' : 'pages.totp.errors.invalid'],
      },
    },
    { status: reason === 'locked' ? 429 : 400 },
  )
}

export default function AccountTwoFactor() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const P = 'pages.accountPages.twoFactor'
  if (actionData && 'recoveryCodes' in actionData) {
    return (
      <>
        <h1>
          {t(
            actionData.kind === 'enabled' ? `${P}.codes.titleEnabled` : `${P}.codes.titleReplaced`,
          )}
        </h1>
        <p className="notice" role="status">
          {t(`${P}.codes.once`)}
        </p>
        <p>{t(`${P}.codes.lead`)}</p>
        <ol className="recovery-codes">
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p>{t(`${P}.codes.advice`)}</p>
        <p className="print-hide">
          <Link to="/account" className="button">
            {t(`${P}.codes.done`)}
          </Link>
        </p>
      </>
    )
  }
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  if (!d.enabled && d.enrolment) {
    return (
      <>
        <h1>{t(`${P}.enrol.title`)}</h1>
        {d.required ? <p className="notice">{t(`${P}.enrol.required`)}</p> : null}
        {d.disabled && !actionData ? (
          <p className="notice" role="status">
            {t(`${P}.disabled`)}
          </p>
        ) : null}
        <p>{t(`${P}.enrol.lead`)}</p>
        <ErrorSummary errors={errors} />
        <ol className="steps">
          <li>
            <h2>{t(`${P}.enrol.step1Title`)}</h2>
            <p>{t(`${P}.enrol.step1Body`)}</p>
          </li>
          <li>
            <h2>{t(`${P}.enrol.step2Title`)}</h2>
            <p>{t(`${P}.enrol.step2Body`)}</p>
            <img
              className="qr-code"
              src={d.enrolment.qrDataUrl}
              alt={t(`${P}.enrol.qrAlt`)}
              width={220}
              height={220}
            />
            <p>{t(`${P}.enrol.manual`)}</p>
            <p>
              <code className="secret-key">{d.enrolment.secret}</code>
            </p>
          </li>
          <li>
            <h2>{t(`${P}.enrol.step3Title`)}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="enable" />
              <Field
                label={t(`${P}.codeLabel`)}
                hint={t(`${P}.enrol.codeHint`)}
                name="code"
                autoComplete="one-time-code"
                inputMode="numeric"
                spellCheck={false}
                errors={errors.code}
              />
              <button type="submit" className="button">
                {t(`${P}.enrol.submit`)}
              </button>
            </Form>
          </li>
        </ol>
        {!d.required ? (
          <p>
            <Link to="/account">{t('pages.accountPages.back')}</Link>
          </p>
        ) : null}
      </>
    )
  }
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p>{d.enabledOn ? t(`${P}.status.onSince`, { date: d.enabledOn }) : t(`${P}.status.on`)}</p>
      <p>{t(`${P}.status.codesLeft`, { count: d.unusedRecoveryCodes })}</p>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="regenerate-title">
        <h2 id="regenerate-title">{t(`${P}.regenerate.title`)}</h2>
        <p>{t(`${P}.regenerate.lead`)}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="regenerate" />
          <Field
            label={t(`${P}.codeLabel`)}
            hint={t(`${P}.codeHint`)}
            name="code"
            autoComplete="one-time-code"
            spellCheck={false}
            errors={errors.code}
          />
          <button type="submit" className="button">
            {t(`${P}.regenerate.submit`)}
          </button>
        </Form>
      </section>
      <section aria-labelledby="disable-title">
        <h2 id="disable-title">{t(`${P}.disable.title`)}</h2>
        {d.required ? (
          <p>{t(`${P}.disable.required`)}</p>
        ) : (
          <>
            <p>{t(`${P}.disable.lead`)}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="disable" />
              <Field
                id="field-disableCode"
                label={t(`${P}.codeLabel`)}
                hint={t(`${P}.codeHint`)}
                name="code"
                autoComplete="one-time-code"
                spellCheck={false}
                errors={errors.disableCode}
              />
              <button type="submit" className="button button--secondary">
                {t(`${P}.disable.submit`)}
              </button>
            </Form>
          </>
        )}
      </section>
      <p>
        <Link to="/account">{t('pages.accountPages.back')}</Link>
      </p>
    </>
  )
}
