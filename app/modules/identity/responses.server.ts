import { redirect } from '@remix-run/node'
import type { LoginResult } from './login.server'

/** Where a successful first factor leads, carrying the new session cookie. */
export function afterLogin(
  result: Extract<LoginResult, { ok: true }>,
  redirectTo: string,
  extraCookies: string[] = [],
) {
  const to =
    result.next === 'totp'
      ? `/login/totp?redirectTo=${encodeURIComponent(redirectTo)}`
      : result.next === 'enrol'
        ? '/account/two-factor'
        : redirectTo
  const headers = new Headers()
  headers.append('Set-Cookie', result.session.setCookie)
  for (const c of extraCookies) headers.append('Set-Cookie', c)
  return redirect(to, { headers })
}
