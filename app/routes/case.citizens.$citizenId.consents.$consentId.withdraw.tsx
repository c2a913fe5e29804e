import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { getConsentForCaseworker } from '~/modules/consent/consents.server'
import { STAFF_CHANNELS } from '~/modules/consent/rules'
import { StaffWithdrawSchema } from '~/modules/consent/schemas'
import { withdrawConsent } from '~/modules/consent/withdraw.server'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { ErrorSummary } from '~/ui/error-summary'
import { parseForm } from '~/ui/forms'
import { RadioGroup } from '~/ui/radio-group'

// Withdrawal on the citizen's word (by phone, on paper, or with them present). The page says
// plainly what will happen before anything does.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const consent = await getConsentForCaseworker(ctx, params.citizenId ?? '', params.consentId ?? '')
  if (!consent) notFound()
  const t = getFixedT(detectLanguage(request))
  return {
    title: t('pages.case.consent.withdraw.metaTitle'),
    citizenId: consent.citizenId,
    citizenName: consent.citizenName,
    consentId: consent.id,
    active: consent.status === 'active',
    recipients: consent.recipients.map((r) => r.name),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const parsed = parseForm(StaffWithdrawSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const citizenId = params.citizenId ?? ''
  const result = await withdrawConsent(ctx, params.consentId ?? '', {
    as: 'caseworker',
    citizenId,
    channel: parsed.data.channel as 'assisted' | 'paper' | 'oral',
  })
  if (!result) notFound()
  if (!result.ok)
    return data({ errors: { '': ['pages.case.consent.withdraw.expired'] } }, { status: 409 })
  kickOutbox()
  return redirect(`/case/citizens/${citizenId}/consents/${params.consentId}?done=withdrawn`)
}

export default function CaseWithdrawConsent() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([k, v]) => [k, v.map((m) => t(m))]),
  )
  const P = 'pages.case.consent.withdraw'
  return (
    <>
      <p>
        <Link to={`/case/citizens/${d.citizenId}/consents/${d.consentId}`}>{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`, { name: d.citizenName })}</h1>
      <ErrorSummary errors={errors} />
      {d.active ? (
        <>
          <p>{t(`${P}.what`)}</p>
          <ul>
            <li>{t(`${P}.effects.access`, { organisations: d.recipients.join(', ') })}</li>
            <li>{t(`${P}.effects.referrals`)}</li>
            <li>{t(`${P}.effects.told`)}</li>
          </ul>
          <Form method="post" noValidate>
            <RadioGroup
              legend={t(`${P}.channel`)}
              name="channel"
              options={STAFF_CHANNELS.map((c) => ({
                value: c,
                label: t(`common.consent.channels.${c}`),
              }))}
              defaultValue="oral"
              errors={errors.channel}
            />
            <button type="submit" className="button button--warning">
              {t(`${P}.submit`)}
            </button>
          </Form>
        </>
      ) : (
        <p>{t(`${P}.notActive`)}</p>
      )}
    </>
  )
}
