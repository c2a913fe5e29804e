import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/db.server'
import { hsdsBadRequest, hsdsJson, listServices } from '~/modules/directory/hsds.server'
import { queryOf, ServicesQuerySchema } from '~/modules/directory/schemas'
import { publicOrigin } from '~/modules/identity/request-info.server'

// Public: published activities as a paged list of HSDS services.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = ServicesQuerySchema.safeParse(
    queryOf(url, [
      'page',
      'per_page',
      'full',
      'search',
      'organization_id',
      'taxonomy_term_id',
      'modified_after',
    ]),
  )
  if (!query.success) return hsdsBadRequest(query.error.issues)
  const page = await listServices(await getDb(), query.data, {
    origin: publicOrigin(request),
    now: new Date(),
  })
  return hsdsJson(page)
}
