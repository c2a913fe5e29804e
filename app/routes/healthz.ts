import { sql } from 'kysely'
import { getDb } from '~/db.server'

const TIMEOUT_MS = 2_000

// Load balancers ask this; it answers without a session and says only ok / down.
export async function loader() {
  const ok = await Promise.race([
    (async () => {
      await sql`select 1`.execute(await getDb())
      return true
    })().catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TIMEOUT_MS).unref()),
  ])
  return Response.json(
    { status: ok ? 'ok' : 'degraded', db: ok ? 'ok' : 'down' },
    { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
