import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { getOwnConsent } from '~/modules/consent/consents.server'
import { withdrawConsent } from '~/modules/consent/withdraw.server'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { ErrorSummary } from '~/ui/error-summary'

// The second tap: the page says plainly what will happen, and one button does it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const consent = await getOwnConsent(ctx, params.consentId ?? '')
  if (!consent) notFound()
  const t = getFixedT(detectLanguage(request))
  return {
    title: t('pages.me.withdraw.metaTitle'),
    id: consent.id,
    active: consent.status === 'active',
    organisations: consent.recipients.map((r) => r.name).join(', '),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const result = await withdrawConsent(ctx, params.consentId ?? '', { as: 'citizen' })
  if (!result) notFound()
  if (!result.ok) return data({ errors: { '': ['pages.me.withdraw.expired'] } }, { status: 409 })
  kickOutbox()
  return redirect(`/me/consents/${params.consentId}?done=withdrawn`)
}

export default function WithdrawMyConsent() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.me.withdraw'
  return (
    <>
      <p>
        <Link to={`/me/consents/${d.id}`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      <ErrorSummary errors={errors} />
      {d.active ? (
        <>
          <p>{t(`${P}.what`)}</p>
          <ul className="me-effects">
            <li>{t(`${P}.effects.access`, { organisations: d.organisations })}</li>
            <li>{t(`${P}.effects.referrals`)}</li>
            <li>{t(`${P}.effects.told`)}</li>
            <li>{t(`${P}.effects.again`)}</li>
          </ul>
          <Form method="post">
            <button type="submit" className="button button--warning button--large">
              {t(`${P}.submit`)}
            </button>
          </Form>
          <p>
            <Link to={`/me/consents/${d.id}`} className="button button--secondary button--large">
              {t(`${P}.keep`)}
            </Link>
          </p>
        </>
      ) : (
        <p>{t(`${P}.notActive`)}</p>
      )}
    </>
  )
}
