import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { isUsableToken, loginWithMagicLink } from '~/modules/identity/login.server'
import { requestInfo } from '~/modules/identity/request-info.server'
import { afterLogin } from '~/modules/identity/responses.server'

// Opening the link shows a button; only pressing it logs in. Mail scanners that follow links
// would otherwise use up the single-use token before the person gets to it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getFixedT(detectLanguage(request))
  const usable = await isUsableToken(await getDb(), params.token ?? '', 'magic_link', new Date())
  return data({ title: t('pages.magic.metaTitle'), usable }, { status: usable ? 200 : 410 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await loginWithMagicLink(await getDb(), params.token ?? '', requestInfo(request))
  if (result.ok) return afterLogin(result, '/account')
  return data({ failed: true }, { status: 410 })
}

export default function UseMagicLink() {
  const { t } = useTranslation()
  const { usable } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (!usable || actionData?.failed) {
    return (
      <>
        <h1>{t('pages.magic.expiredTitle')}</h1>
        <p>{t('pages.magic.expiredBody')}</p>
        <p>
          <Link to="/login/magic">{t('pages.magic.again')}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{t('pages.magic.confirmTitle')}</h1>
      <Form method="post">
        <button type="submit" className="button">
          {t('pages.magic.confirm')}
        </button>
      </Form>
    </>
  )
}
