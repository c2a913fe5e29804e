import { readCookie } from '~/cookies.server'
import { createInstance, type TFunction } from 'i18next'
import { isProduction } from '../env.server'
import {
  defaultLanguage,
  i18nOptions,
  isLanguage,
  supportedLanguages,
  type Language,
} from './config'

export const LANGUAGE_COOKIE = 'lng'

/** The language asked for by `?lng=`, then the cookie, then Accept-Language, then Danish. */
export function detectLanguage(request: Request): Language {
  const fromQuery = new URL(request.url).searchParams.get('lng')
  if (isLanguage(fromQuery)) return fromQuery
  const fromCookie = readCookie(request, LANGUAGE_COOKIE)
  if (isLanguage(fromCookie)) return fromCookie
  return fromAcceptLanguage(request.headers.get('Accept-Language')) ?? defaultLanguage
}

/** Set-Cookie value when the request chose a language by link; null otherwise. */
export function languageCookieFor(request: Request): string | null {
  const fromQuery = new URL(request.url).searchParams.get('lng')
  if (!isLanguage(fromQuery)) return null
  return languageCookie(fromQuery)
}

/** Set-Cookie value that keeps a chosen language for a year (the profile page sets it too). */
export function languageCookie(lng: Language): string {
  // The validated environment decides: DEMO=0 or DEMO=false in production is not demo mode.
  const secure = isProduction() ? '; Secure' : ''
  return `${LANGUAGE_COOKIE}=${lng}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`
}

export function fromAcceptLanguage(header: string | null): Language | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    const base = tag.split('-')[0]
    const match = supportedLanguages.find((l) => l === base)
    if (match) return match
    if (base === 'nb' || base === 'nn' || base === 'no' || base === 'sv') return 'da'
  }
  return null
}

const instances = new Map<Language, TFunction>()

/** A translation function for server code (loaders, e-mails) in the given language. */
export function getFixedT(lng: Language): TFunction {
  let t = instances.get(lng)
  if (!t) {
    const instance = createInstance()
    void instance.init(i18nOptions(lng))
    t = instance.getFixedT(lng)
    instances.set(lng, t)
  }
  return t
}

const renderInstances = new Map<Language, Promise<ReturnType<typeof createInstance>>>()

/**
 * The i18next instance a server render uses. One per language, shared by every request:
 * building one costs more than rendering a small page, and the server never changes an
 * instance's language (only the browser does, in its own copy).
 */
export function getI18nInstance(lng: Language) {
  let instance = renderInstances.get(lng)
  if (!instance) {
    const created = createInstance()
    instance = created.init(i18nOptions(lng)).then(() => created)
    renderInstances.set(lng, instance)
  }
  return instance
}
