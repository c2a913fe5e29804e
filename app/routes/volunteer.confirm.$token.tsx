import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { publicOrigin, requestInfo } from '~/modules/identity/request-info.server'
import { afterLogin } from '~/modules/identity/responses.server'
import {
  confirmVolunteerEmail,
  isUsableConfirmation,
} from '~/modules/volunteers/applications.server'

// The link from the sign-up e-mail. Opening it shows a button; pressing it confirms the address
// and the applications and signs in. Mail scanners that follow links would otherwise use it up.

const P = 'pages.volunteer.confirm'

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getFixedT(detectLanguage(request))
  const usable =
    (await isUsableConfirmation(await getDb(), params.token ?? '', new Date())) !== null
  return data({ title: t(`${P}.metaTitle`), usable }, { status: usable ? 200 : 410 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await confirmVolunteerEmail(await getDb(), params.token ?? '', {
    ...requestInfo(request),
    origin: publicOrigin(request),
  })
  if (!result.ok) return data({ failed: true }, { status: 410 })
  kickOutbox()
  return afterLogin(result, '/volunteer/me?done=confirmed')
}

export default function ConfirmVolunteer() {
  const { t } = useTranslation()
  const { usable } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (!usable || actionData?.failed)
    return (
      <>
        <h1>{t(`${P}.expiredTitle`)}</h1>
        <p>{t(`${P}.expiredBody`)}</p>
        <p>
          <Link to="/login/magic">{t(`${P}.login`)}</Link>
        </p>
      </>
    )
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p>{t(`${P}.lead`)}</p>
      <Form method="post">
        <button type="submit" className="button button--large">
          {t(`${P}.submit`)}
        </button>
      </Form>
    </>
  )
}
