import { env } from './env.server'

// A short memory for answers that are the same for every visitor: the public catalogue and
// activity pages. Under load they were the costliest pages (PostgreSQL's share included), and
// the same few filter combinations are asked for again and again. Per process and in memory:
// any state-changing request this process handles, and the periodic jobs, clear it at once
// (server.js), so a person who just changed something sees it; a change made through another
// instance shows within PUBLIC_CACHE_SECONDS. The promise is kept, so simultaneous identical
// requests share one query. ADR 019.

const MAX_ENTRIES = 1000
const entries = new Map<string, { expires: number; value: Promise<unknown> }>()

export function publicCacheSeconds(): number {
  const config = env()
  return config.PUBLIC_CACHE_SECONDS ?? (config.NODE_ENV === 'production' ? 30 : 0)
}

export function cachedPublic<T>(
  key: string,
  compute: () => Promise<T>,
  seconds = publicCacheSeconds(),
): Promise<T> {
  if (seconds <= 0) return compute()
  const now = performance.now()
  const hit = entries.get(key)
  if (hit && hit.expires > now) return hit.value as Promise<T>
  const value = compute()
  entries.delete(key)
  entries.set(key, { expires: now + seconds * 1000, value })
  value.catch(() => entries.delete(key))
  // Map order is insertion order: the first key is the oldest.
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
  return value
}

export function clearPublicCache(): void {
  entries.clear()
}
