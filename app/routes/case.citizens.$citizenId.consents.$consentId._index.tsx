import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { caseworkerMunicipalities } from '~/modules/citizens/access-codes.server'
import { getConsentForCaseworker } from '~/modules/consent/consents.server'
import { receiptData } from '~/modules/consent/view'
import { requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { ConsentReceipt } from '~/ui/consent-receipt'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  caseworkerMunicipalities(ctx)
  const consent = await getConsentForCaseworker(ctx, params.citizenId ?? '', params.consentId ?? '')
  if (!consent) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.case.consent.receipt.metaTitle', { name: consent.citizenName }),
    done: done === 'recorded' || done === 'withdrawn' ? done : null,
    citizenId: consent.citizenId,
    citizenName: consent.citizenName,
    consent: receiptData(consent, lng),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function CaseConsentReceipt() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.case.consent.receipt'
  return (
    <>
      <p className="print-hide">
        <Link to={`/case/citizens/${d.citizenId}`}>
          {t('pages.case.backToCitizen', { name: d.citizenName })}
        </Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      {d.done ? (
        <p className="notice print-hide" role="status">
          {t(`${P}.done.${d.done}`)}
        </p>
      ) : null}
      <ConsentReceipt consent={d.consent} />
      <p className="print-hide">{t(`${P}.print`)}</p>
      {d.consent.status === 'active' ? (
        <p className="print-hide">
          <Link
            to={`/case/citizens/${d.citizenId}/consents/${d.consent.id}/withdraw`}
            className="button button--warning"
          >
            {t(`${P}.withdraw`)}
          </Link>
        </p>
      ) : null}
    </>
  )
}
