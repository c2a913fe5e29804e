import { readCookie } from '~/cookies.server'
import { createInstance, type i18n, type TFunction } from 'i18next'
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

// Options that only choose where a key is looked up; any other (interpolation values, count,
// context, defaultValue, returnObjects …) can change the result from one call to the next.
const LOOKUP_OPTIONS = new Set(['lng', 'lngs', 'ns', 'keyPrefix'])
const MAX_MEMOISED = 5000

function lookupPart(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return `\u0001${value.join(',')}`
  return null
}

function memoKey(key: unknown, options: unknown, extra: number): string | null {
  if (typeof key !== 'string' || extra > 0) return null
  if (options === undefined) return `\u0000\u0000\u0000\u0000${key}`
  if (typeof options !== 'object' || options === null) return null
  const parts = ['', '', '', '']
  for (const name in options) {
    if (!LOOKUP_OPTIONS.has(name)) return null
    const part = lookupPart((options as Record<string, unknown>)[name])
    if (part === null) return null
    parts[name === 'lng' ? 0 : name === 'lngs' ? 1 : name === 'ns' ? 2 : 3] = part
  }
  return `${parts.join('\u0000')}\u0000${key}`
}

/**
 * Remembers the translations that depend on nothing but the key, language and namespace. The
 * resources never change while the server runs, and looking the same key up again (key parsing,
 * resource walk, interpolation scan) on every call was ~9 % of a catalogue page's server CPU
 * (ADR 019). `useTranslation()` and `getFixedT()` both end in the instance's `t`.
 */
export function memoiseTranslations<T extends i18n>(instance: T): T {
  type Translate = (...args: unknown[]) => unknown
  const translate = instance.t.bind(instance) as unknown as Translate
  const fixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => Translate
  const memos: Map<string, string>[] = []
  const newMemo = () => {
    const memo = new Map<string, string>()
    memos.push(memo)
    return memo
  }
  const remember = (memo: Map<string, string>, key: string, value: unknown) => {
    if (typeof value !== 'string') return
    // keys built from input (an unknown category in a URL) must not grow it without bound
    if (memo.size >= MAX_MEMOISED) memo.delete(memo.keys().next().value as string)
    memo.set(key, value)
  }
  const forget = () => memos.forEach((memo) => memo.clear())
  instance.on('languageChanged', forget)
  instance.store.on('added', forget)
  instance.store.on('removed', forget)

  const memo = newMemo()
  const t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    const cacheKey = memoKey(key, options, rest.length)
    if (cacheKey === null) return translate(key, options, ...rest)
    const known = memo.get(cacheKey)
    if (known !== undefined) return known
    const value = translate(key, options)
    remember(memo, cacheKey, value)
    return value
  }
  instance.t = t as unknown as T['t']

  // useTranslation() asks for a new fixed t on every render; one per signature is enough, and
  // its plain calls (a key, no options) skip even the option handling of i18next's fixed t.
  const fixed = new Map<string, Translate>()
  const getFixedT = (lng?: unknown, ns?: unknown, keyPrefix?: unknown, ...rest: unknown[]) => {
    const parts = [lookupPart(lng), lookupPart(ns), lookupPart(keyPrefix)]
    if (rest.length > 0 || parts.includes(null)) return fixedT(lng, ns, keyPrefix, ...rest)
    const signature = parts.join('\u0000')
    let known = fixed.get(signature)
    if (!known) {
      const inner = fixedT(lng, ns, keyPrefix)
      const plain = newMemo()
      known = Object.assign(
        (key: unknown, options?: unknown, ...more: unknown[]) => {
          if (typeof key !== 'string' || options !== undefined || more.length > 0)
            return inner(key, options, ...more)
          const hit = plain.get(key)
          if (hit !== undefined) return hit
          const value = inner(key)
          remember(plain, key, value)
          return value
        },
        {
          lng: (inner as { lng?: unknown }).lng,
          lngs: (inner as { lngs?: unknown }).lngs,
          ns,
          keyPrefix,
        },
      )
      fixed.set(signature, known)
    }
    return known
  }
  instance.getFixedT = getFixedT as unknown as T['getFixedT']
  return instance
}

const instances = new Map<Language, TFunction>()

/** A translation function for server code (loaders, e-mails) in the given language. */
export function getFixedT(lng: Language): TFunction {
  let t = instances.get(lng)
  if (!t) {
    const instance = createInstance()
    void instance.init(i18nOptions(lng))
    t = memoiseTranslations(instance).getFixedT(lng)
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
    instance = created.init(i18nOptions(lng)).then(() => memoiseTranslations(created))
    renderInstances.set(lng, instance)
  }
  return instance
}
