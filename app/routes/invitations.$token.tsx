import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getOptionalCtx } from '~/modules/identity/guards.server'
import { AcceptInvitationSchema } from '~/modules/identity/invitation-schemas'
import {
  acceptInvitation,
  accountExists,
  getInvitation,
  startSessionAfterInvitation,
} from '~/modules/identity/invitations.server'
import { MFA_ROLES, secondFactorRequired } from '~/modules/identity/policy'
import { requestInfo } from '~/modules/identity/request-info.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'
import { NewPasswordFields } from '~/ui/new-password-fields'
import { formatDateTime } from '~/ui/format'
import { parseForm } from '~/ui/forms'

// Public: the link in the invitation e-mail. The token is the permission; a used, revoked or
// expired one is 410 Gone. Taking the invitation is a POST (mail scanners follow links).

const sameAddress = (a: string | null | undefined, b: string) =>
  (a ?? '').trim().toLowerCase() === b.trim().toLowerCase()
const loginHref = (token: string) =>
  `/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const token = params.token ?? ''
  const db = await getDb()
  const invitation = await getInvitation(db, token, new Date())
  if (!invitation)
    return data(
      { usable: false as const, title: t('pages.invitation.gone.title') },
      { status: 410 },
    )
  const ctx = await getOptionalCtx(request)
  return {
    usable: true as const,
    title: t('pages.invitation.metaTitle'),
    invitation: {
      email: invitation.email,
      name: invitation.displayName,
      role: invitation.role,
      place: invitation.place,
      inviter: invitation.inviterName,
      expires: formatDateTime(invitation.expiresAt, lng),
      needsTwoFactor: (MFA_ROLES as readonly string[]).includes(invitation.role),
    },
    signedIn: ctx
      ? {
          name: ctx.actor.displayName,
          email: ctx.actor.email,
          matches: sameAddress(ctx.actor.email, invitation.email),
        }
      : null,
    accountExists: ctx ? false : await accountExists(db, invitation.email),
    loginHref: loginHref(token),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const parsed = parseForm(AcceptInvitationSchema, await request.formData())
  if (!parsed.ok)
    return data({ gone: false, errors: parsed.errors, values: parsed.values }, { status: 400 })
  const db = await getDb()
  const info = requestInfo(request)
  const input = parsed.data
  let secondFactorDone = false
  let result
  if (input.intent === 'accept') {
    const ctx = await getOptionalCtx(request)
    if (!ctx) return redirect(loginHref(token))
    // A session that needed the second factor and exists here has passed it.
    secondFactorDone = secondFactorRequired(ctx.actor) && ctx.actor.mfaVerified
    result = await acceptInvitation(db, token, { existingPersonId: ctx.actor.personId }, info.now, {
      ipHash: info.ipHash,
    })
  } else {
    result = await acceptInvitation(
      db,
      token,
      { name: input.name, password: input.password, language: detectLanguage(request) },
      info.now,
      {
        ipHash: info.ipHash,
      },
    )
  }
  if (!result.ok) {
    if (result.reason === 'unusable')
      return data(
        { gone: true, errors: {} as Record<string, string[]>, values: {} },
        { status: 410 },
      )
    const values = input.intent === 'create' ? { name: input.name } : {}
    const status = result.reason === 'wrongPerson' ? 403 : 409
    const errors: Record<string, string[]> = { '': [`pages.invitation.errors.${result.reason}`] }
    return data({ gone: false, errors, values }, { status })
  }
  const { session, redirectTo } = await startSessionAfterInvitation(db, result.personId, info, {
    secondFactorDone,
  })
  return redirect(redirectTo, { headers: { 'Set-Cookie': session.setCookie } })
}

export default function Invitation() {
  const { t } = useTranslation()
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.invitation'
  if (!loaderData.usable || actionData?.gone) {
    return (
      <>
        <h1>{t(`${P}.gone.title`)}</h1>
        <p>{t(`${P}.gone.body`)}</p>
        <p>
          <Link to="/">{t(`${P}.gone.home`)}</Link>
        </p>
      </>
    )
  }
  const { invitation, signedIn } = loaderData
  // Someone created the account between loading the page and sending the form: same advice.
  const accountExists =
    loaderData.accountExists ||
    (actionData?.errors?.[''] ?? []).includes('pages.invitation.errors.emailTaken')
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const role = t(`common.roles.${invitation.role}`)
  return (
    <>
      <h1>{t(`${P}.title`, { place: invitation.place })}</h1>
      <ErrorSummary errors={errors} />
      <p>
        {invitation.inviter
          ? t(`${P}.lead`, {
              inviter: invitation.inviter,
              name: invitation.name ?? invitation.email,
              role,
              place: invitation.place,
            })
          : t(`${P}.leadNoInviter`, {
              name: invitation.name ?? invitation.email,
              role,
              place: invitation.place,
            })}
      </p>
      <p>{t(`${P}.sentTo`, { email: invitation.email, expires: invitation.expires })}</p>
      {invitation.needsTwoFactor ? <p>{t(`${P}.twoFactor`, { role })}</p> : null}

      {signedIn?.matches ? (
        <Form method="post">
          <input type="hidden" name="intent" value="accept" />
          <p>{t(`${P}.signedIn`, { name: signedIn.name })}</p>
          <button type="submit" className="button">
            {t(`${P}.accept`)}
          </button>
        </Form>
      ) : signedIn ? (
        <div className="notice">
          <p>
            {t(`${P}.otherAccount`, {
              name: signedIn.name,
              email: signedIn.email ?? '–',
              invited: invitation.email,
            })}
          </p>
          <Form method="post" action="/logout">
            <button type="submit" className="button button--secondary">
              {t(`${P}.logout`)}
            </button>
          </Form>
        </div>
      ) : accountExists ? (
        <div className="notice">
          <p>{t(`${P}.accountExists`, { email: invitation.email })}</p>
          <p>
            <Link to={loaderData.loginHref}>{t(`${P}.login`)}</Link>
          </p>
        </div>
      ) : (
        <section aria-labelledby="create-title">
          <h2 id="create-title">{t(`${P}.create.title`)}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="create" />
            <Field
              label={t(`${P}.create.name`)}
              name="name"
              autoComplete="name"
              defaultValue={values.name ?? invitation.name ?? ''}
              errors={errors.name}
            />
            <Field
              label={t(`${P}.create.email`)}
              name="username"
              type="email"
              autoComplete="username"
              value={invitation.email}
              readOnly
            />
            <NewPasswordFields errors={errors} />
            <button type="submit" className="button">
              {t(`${P}.create.submit`)}
            </button>
          </Form>
        </section>
      )}
    </>
  )
}
