import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/db.server'
import {
  activityFeed,
  calendarResponse,
  feedLanguage,
  feedNotFound,
} from '~/modules/directory/calendar-feeds.server'
import { publicOrigin } from '~/modules/identity/request-info.server'

// Public: the activity's series as iCalendar, for anyone to subscribe to.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await activityFeed(await getDb(), params.activityId ?? '', {
    origin: publicOrigin(request),
    lng: feedLanguage(request),
    now: new Date(),
  })
  return feed ? calendarResponse(feed, 'public') : feedNotFound()
}
