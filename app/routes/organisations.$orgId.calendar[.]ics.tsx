import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/db.server'
import {
  calendarResponse,
  feedLanguage,
  feedNotFound,
  organisationFeed,
} from '~/modules/directory/calendar-feeds.server'
import { publicOrigin } from '~/modules/identity/request-info.server'

// Public: every published activity of an approved organisation as iCalendar.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await organisationFeed(await getDb(), params.orgId ?? '', {
    origin: publicOrigin(request),
    lng: feedLanguage(request),
    now: new Date(),
  })
  return feed ? calendarResponse(feed, 'public') : feedNotFound()
}
