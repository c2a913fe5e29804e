import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/db.server'
import { hsdsBadRequest, hsdsJson, listOrganizations } from '~/modules/directory/hsds.server'
import { OrganizationsQuerySchema, queryOf } from '~/modules/directory/schemas'
import { publicOrigin } from '~/modules/identity/request-info.server'

// Public: approved organisations as a paged list of HSDS organizations.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = OrganizationsQuerySchema.safeParse(
    queryOf(url, ['page', 'per_page', 'full', 'search']),
  )
  if (!query.success) return hsdsBadRequest(query.error.issues)
  return hsdsJson(await listOrganizations(await getDb(), query.data, publicOrigin(request)))
}
