import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { getDb } from '~/db.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { kickOutbox } from '~/lifecycle.server'
import { listMailFiles, requireDevMail } from '~/modules/notifications/dev-mail.server'
import { enqueueEmail, listRecentMessages } from '~/modules/notifications/outbox.server'
import { ErrorSummary } from '~/ui/error-summary'
import { Field } from '~/ui/field'

export async function loader({ request }: LoaderFunctionArgs) {
  requireDevMail()
  const t = getFixedT(detectLanguage(request))
  const [messages, files] = await Promise.all([listRecentMessages(await getDb()), listMailFiles()])
  return {
    title: t('pages.devMail.metaTitle'),
    messages: messages.map((m) => ({ ...m, hasFile: files.has(m.id) })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const TestMailSchema = z.object({ to: z.email({ message: 'common.form.invalidEmail' }) })

export async function action({ request }: ActionFunctionArgs) {
  requireDevMail()
  const form = Object.fromEntries(await request.formData())
  const parsed = TestMailSchema.safeParse(form)
  if (!parsed.success) {
    return data(
      {
        errors: { to: parsed.error.issues.map((i) => i.message) },
        values: { to: String(form.to ?? '') },
      },
      { status: 400 },
    )
  }
  await enqueueEmail(await getDb(), {
    to: parsed.data.to,
    language: detectLanguage(request),
    template: 'test',
    data: {},
  })
  kickOutbox()
  return redirect('/dev/mail?sent=1')
}

export default function DevMail() {
  const { t, i18n } = useTranslation()
  const { messages } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors = actionData?.errors ? { to: actionData.errors.to.map((k) => t(k)) } : undefined
  const format = new Intl.DateTimeFormat(i18n.language === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Copenhagen',
  })
  return (
    <>
      <h1>{t('pages.devMail.title')}</h1>
      <p>{t('pages.devMail.lead')}</p>
      {params.get('sent') ? (
        <p className="notice" role="status">
          {t('pages.devMail.sent')}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Field
          label={t('pages.devMail.testTo')}
          name="to"
          type="email"
          autoComplete="email"
          defaultValue={actionData?.values.to ?? 'test@example.dk'}
          errors={errors?.to}
        />
        <button type="submit" className="button">
          {t('pages.devMail.sendTest')}
        </button>
      </Form>
      {messages.length === 0 ? (
        <p>{t('pages.devMail.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('pages.devMail.columns.when')}</th>
                <th scope="col">{t('pages.devMail.columns.to')}</th>
                <th scope="col">{t('pages.devMail.columns.subject')}</th>
                <th scope="col">{t('pages.devMail.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{format.format(new Date(m.created_at))}</td>
                  <td>{m.to_address}</td>
                  <td>
                    <Link to={`/dev/mail/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{t(`pages.devMail.status.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
