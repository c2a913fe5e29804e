import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/db.server'
import {
  getOrganization,
  hsdsBadRequest,
  hsdsJson,
  hsdsNotFound,
} from '~/modules/directory/hsds.server'
import { OrganizationQuerySchema, queryOf } from '~/modules/directory/schemas'
import { publicOrigin } from '~/modules/identity/request-info.server'

// Public: one approved organisation with its services (HSDS organization).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const query = OrganizationQuerySchema.safeParse(queryOf(new URL(request.url), ['full_service']))
  if (!query.success) return hsdsBadRequest(query.error.issues)
  const organization = await getOrganization(await getDb(), params.id ?? '', {
    origin: publicOrigin(request),
    now: new Date(),
    fullService: query.data.full_service,
  })
  return organization ? hsdsJson(organization) : hsdsNotFound()
}
