import { data } from '@remix-run/node'
import { getDb } from '~/db.server'
import { kickOutbox } from '~/lifecycle.server'
import { parseForm } from '~/ui/forms'
import { requestMagicLink, requestPasswordReset } from './login.server'
import { publicOrigin, requestInfo } from './request-info.server'
import { EmailSchema } from './schemas'

/**
 * The action behind "e-mail me a link" (sign-in or password reset). The answer is the same
 * whether or not the address has an account.
 */
export async function emailLinkAction(request: Request, purpose: 'magic_link' | 'password_reset') {
  const parsed = parseForm(EmailSchema, await request.formData())
  if (!parsed.ok)
    return data({ sent: false, errors: parsed.errors, values: parsed.values }, { status: 400 })
  const send = purpose === 'magic_link' ? requestMagicLink : requestPasswordReset
  const result = await send(await getDb(), parsed.data.email, {
    ...requestInfo(request),
    origin: publicOrigin(request),
  })
  const values = { email: parsed.data.email }
  if (!result.ok)
    return data(
      { sent: false, errors: { email: ['pages.login.errors.locked'] }, values },
      { status: 429 },
    )
  kickOutbox()
  return data({ sent: true, errors: {} as Record<string, string[]>, values }, { status: 200 })
}
