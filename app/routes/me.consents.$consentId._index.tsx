import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getOwnConsent } from '~/modules/consent/consents.server'
import { receiptData } from '~/modules/consent/view'
import { requireCitizen, requireCtx } from '~/modules/identity/guards.server'
import { notFound } from '~/modules/identity/invitations.server'
import { ConsentReceipt } from '~/ui/consent-receipt'
import { PrintButton } from '~/ui/print-button'

// The citizen's receipt for one consent: made to print (the page itself prints well; the
// print button only appears where JavaScript runs), and the first of the two taps to withdraw.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  requireCitizen(ctx)
  const consent = await getOwnConsent(ctx, params.consentId ?? '')
  if (!consent) notFound()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('pages.me.consent.metaTitle'),
    withdrawn: done === 'withdrawn',
    consent: receiptData(consent, lng),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export default function MyConsent() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.me.consent'
  return (
    <>
      <p className="print-hide">
        <Link to="/me/consents">{t(`${P}.back`)}</Link>
      </p>
      <h1>{t(`${P}.title`)}</h1>
      {d.withdrawn ? (
        <p className="notice print-hide" role="status">
          {t(`${P}.withdrawnNotice`)}
        </p>
      ) : null}
      <ConsentReceipt consent={d.consent} />
      <div className="print-hide button-row">
        <PrintButton label={t(`${P}.print`)} />
        {d.consent.status === 'active' ? (
          <Link
            to={`/me/consents/${d.consent.id}/withdraw`}
            className="button button--warning button--large"
          >
            {t(`${P}.withdraw`)}
          </Link>
        ) : null}
      </div>
    </>
  )
}
