import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/db.server'
import {
  calendarResponse,
  feedNotFound,
  privateFeed,
} from '~/modules/directory/calendar-feeds.server'
import { publicOrigin } from '~/modules/identity/request-info.server'

// A person's own sessions. Calendar apps cannot log in: the secret token in the URL is the
// credential, made and revoked on /account/calendar.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await privateFeed(await getDb(), params.token ?? '', {
    origin: publicOrigin(request),
    now: new Date(),
  })
  return feed ? calendarResponse(feed, 'private') : feedNotFound()
}
