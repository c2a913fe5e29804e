import { readCookie } from '~/cookies.server'
import type { Executor } from '~/db.server'

export const MUNICIPALITY_COOKIE = 'kommune'

export async function listMunicipalities(db: Executor) {
  return db.selectFrom('municipality').select(['id', 'slug', 'name']).orderBy('name').execute()
}

/** The municipality a visitor chose (cookie), else the only or first one in the network. */
export function pickMunicipality<M extends { slug: string }>(all: M[], request: Request): M | null {
  const chosen = readCookie(request, MUNICIPALITY_COOKIE)
  return all.find((m) => m.slug === chosen) ?? all[0] ?? null
}

export function municipalityCookie(slug: string, secure: boolean): string {
  return `${MUNICIPALITY_COOKIE}=${encodeURIComponent(slug)}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`
}

export async function listAreas(db: Executor, municipalityId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'slug', 'name'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('name')
    .execute()
}

export async function getGoalFramework(db: Executor, municipalityId: string) {
  const framework = await db
    .selectFrom('goal_framework')
    .select(['id', 'name', 'valid_from', 'valid_to'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst()
  if (!framework) return null
  const goals = await db
    .selectFrom('goal')
    .select(['id', 'position', 'title_da', 'title_en'])
    .where('framework_id', '=', framework.id)
    .orderBy('position')
    .execute()
  return { ...framework, goals }
}
