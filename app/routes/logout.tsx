import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getDb } from '~/db.server'
import { recordAudit } from '~/modules/audit/audit.server'
import { clientIpHash } from '~/modules/identity/guards.server'
import {
  clearSessionCookie,
  revokeAllSessions,
  revokeSession,
  sessionIdFromRequest,
} from '~/modules/identity/sessions.server'

// Logging out changes state, so it is a POST (a link or an image could not log anyone out).
export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const id = sessionIdFromRequest(request)
  const form = await request.formData()
  if (id) {
    const db = await getDb()
    const now = new Date()
    const session = await db
      .selectFrom('session')
      .select('person_id')
      .where('id', '=', id)
      .executeTakeFirst()
    if (session && form.get('everywhere') === '1') {
      await revokeAllSessions(db, session.person_id, 'logged out everywhere', now)
      await recordAudit(db, {
        action: 'auth.logout_everywhere',
        actorPersonId: session.person_id,
        ipHash: clientIpHash(request),
        now,
      })
    } else if (session) {
      await revokeSession(db, id, 'logged out', now)
      await recordAudit(db, {
        action: 'auth.logout',
        actorPersonId: session.person_id,
        ipHash: clientIpHash(request),
        now,
      })
    }
  }
  return redirect('/?loggedOut=1', { headers: { 'Set-Cookie': clearSessionCookie() } })
}
