import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { getDb } from '~/db.server'
import { requireDevMail } from '~/modules/notifications/dev-mail.server'
import { getMessage } from '~/modules/notifications/outbox.server'

export async function loader({ params }: LoaderFunctionArgs) {
  requireDevMail()
  const id = z.uuid().safeParse(params.id)
  if (!id.success) throw data(null, { status: 404 })
  const message = await getMessage(await getDb(), id.data)
  if (!message) throw data(null, { status: 404 })
  return { message }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.message.subject }]

export default function DevMailMessage() {
  const { t } = useTranslation()
  const { message } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/dev/mail">{t('pages.devMail.back')}</Link>
      </p>
      <h1>{message.subject}</h1>
      <p>
        {t('pages.devMail.columns.to')}:{' '}
        {message.to_name ? `${message.to_name} <${message.to_address}>` : message.to_address}
      </p>
      <h2>{t('pages.devMail.textVersion')}</h2>
      <pre className="mail">{message.text_body}</pre>
    </>
  )
}
