import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { EmailLinkPage } from '~/modules/identity/email-link-page'
import { emailLinkAction } from '~/modules/identity/email-link.server'

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: getFixedT(detectLanguage(request))('pages.password.forgot.metaTitle') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function action({ request }: ActionFunctionArgs) {
  return emailLinkAction(request, 'password_reset')
}

export default function ForgotPassword() {
  return <EmailLinkPage keys="pages.password.forgot" result={useActionData<typeof action>()} />
}
