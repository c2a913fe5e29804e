import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/db.server'
import { getService, hsdsJson, hsdsNotFound } from '~/modules/directory/hsds.server'
import { publicOrigin } from '~/modules/identity/request-info.server'

// Public: one published activity as a fully nested HSDS service.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const service = await getService(await getDb(), params.id ?? '', {
    origin: publicOrigin(request),
    now: new Date(),
  })
  return service ? hsdsJson(service) : hsdsNotFound()
}
