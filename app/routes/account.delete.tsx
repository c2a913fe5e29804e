import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, redirect, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { getOpenErasureRequest } from '~/modules/citizens/erasure.server'
import { deleteOwnAccount } from '~/modules/identity/account-deletion.server'
import { forbidden, requireCtx } from '~/modules/identity/guards.server'
import { can } from '~/modules/identity/policy'
import { clearDeviceCookie, clearSessionCookie } from '~/modules/identity/sessions.server'
import { formatDate } from '~/ui/format'

// PRODUCT.md §5: people who are not staff can delete their own account. A volunteer's account
// is anonymised at once; a citizen's record is erased by the municipality within a month.

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireCtx(request)
  if (!can(ctx.actor, 'account.deleteSelf')) forbidden()
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const open = ctx.actor.citizen ? await getOpenErasureRequest(ctx) : null
  return {
    title: t('pages.accountPages.delete.metaTitle'),
    kind: ctx.actor.citizen ? ('citizen' as const) : ('volunteer' as const),
    requestedOn: open ? formatDate(open.requestedAt, lng) : null,
    dueOn: open ? formatDate(open.dueAt, lng) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireCtx(request)
  const result = await deleteOwnAccount(ctx)
  if (result.kind === 'erasureRequested') return redirect('/account/delete')
  const headers = new Headers()
  headers.append('Set-Cookie', clearSessionCookie())
  headers.append('Set-Cookie', clearDeviceCookie())
  return redirect('/?deleted=1', { headers })
}

export default function AccountDelete() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const P = 'pages.accountPages.delete'
  if (d.requestedOn) {
    return (
      <>
        <h1>{t(`${P}.requestedTitle`)}</h1>
        <p className="notice" role="status">
          {t(`${P}.requested`, { date: d.requestedOn })}
        </p>
        <p>{t(`${P}.requestedDue`, { date: d.dueOn })}</p>
        <p>{t(`${P}.requestedQuestions`)}</p>
        <p>
          <Link to="/account">{t('pages.accountPages.back')}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      {d.kind === 'citizen' ? (
        <>
          <p>{t(`${P}.citizen.lead`)}</p>
          <ul>
            <li>{t(`${P}.citizen.point1`)}</li>
            <li>{t(`${P}.citizen.point2`)}</li>
            <li>{t(`${P}.citizen.point3`)}</li>
          </ul>
        </>
      ) : (
        <>
          <p>{t(`${P}.volunteer.lead`)}</p>
          <ul>
            <li>{t(`${P}.volunteer.point1`)}</li>
            <li>{t(`${P}.volunteer.point2`)}</li>
            <li>{t(`${P}.volunteer.point3`)}</li>
          </ul>
        </>
      )}
      <Form method="post">
        <button type="submit" className="button button--warning">
          {t(d.kind === 'citizen' ? `${P}.citizen.submit` : `${P}.volunteer.submit`)}
        </button>
      </Form>
      <p>
        <Link to="/account">{t(`${P}.cancel`)}</Link>
      </p>
    </>
  )
}
