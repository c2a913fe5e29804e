import { createInstance } from 'i18next'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  detectLanguage,
  fromAcceptLanguage,
  getFixedT,
  getI18nInstance,
  LANGUAGE_COOKIE,
  languageCookieFor,
  memoiseTranslations,
} from './i18n.server'

function request(path: string, headers: Record<string, string> = {}) {
  return new Request(`https://brobygger.test${path}`, { headers })
}

describe('detectLanguage', () => {
  it('prefers ?lng over the cookie over Accept-Language over Danish', () => {
    const all = { Cookie: `${LANGUAGE_COOKIE}=da`, 'Accept-Language': 'da' }
    expect(detectLanguage(request('/?lng=en', all))).toBe('en')
    expect(detectLanguage(request('/?lng=da', { Cookie: 'lng=en', 'Accept-Language': 'en' }))).toBe(
      'da',
    )

    expect(detectLanguage(request('/', { Cookie: 'lng=en', 'Accept-Language': 'da' }))).toBe('en')
    expect(detectLanguage(request('/', { Cookie: 'lng=da', 'Accept-Language': 'en' }))).toBe('da')

    expect(detectLanguage(request('/', { 'Accept-Language': 'en-GB,en;q=0.9' }))).toBe('en')
    expect(detectLanguage(request('/'))).toBe('da')
  })

  it('ignores languages it does not have and falls through to the next source', () => {
    expect(detectLanguage(request('/?lng=fr', { Cookie: 'lng=en' }))).toBe('en')
    expect(detectLanguage(request('/?lng=', { Cookie: 'lng=de', 'Accept-Language': 'en' }))).toBe(
      'en',
    )
    expect(detectLanguage(request('/', { 'Accept-Language': 'fr-FR,de;q=0.8' }))).toBe('da')
  })

  it('finds the cookie among others', () => {
    expect(
      detectLanguage(request('/', { Cookie: 'session=abc; xlng=da; lng=en; theme=dark' })),
    ).toBe('en')
    expect(
      detectLanguage(request('/', { Cookie: 'session=abc; xlng=en', 'Accept-Language': 'da' })),
    ).toBe('da')
  })

  it('falls back instead of failing on a malformed cookie', () => {
    expect(detectLanguage(request('/', { Cookie: 'lng=%E0%A4%A', 'Accept-Language': 'en' }))).toBe(
      'en',
    )
    expect(detectLanguage(request('/', { Cookie: 'lng=%' }))).toBe('da')
  })
})

describe('fromAcceptLanguage', () => {
  it('ranks by q-value, not by order', () => {
    expect(fromAcceptLanguage('en;q=0.5, da;q=0.9')).toBe('da')
    expect(fromAcceptLanguage('da;q=0.1, en')).toBe('en')
    expect(fromAcceptLanguage('fr, en;q=0.8, da;q=0.7')).toBe('en')
    expect(fromAcceptLanguage('da, en')).toBe('da')
  })

  it('never picks a language the browser refused with q=0', () => {
    expect(fromAcceptLanguage('da;q=0, en;q=0.1')).toBe('en')
    expect(fromAcceptLanguage('en;q=0')).toBeNull()
    expect(fromAcceptLanguage('en;q=nonsense')).toBeNull()
  })

  it('matches regional variants and is case-insensitive', () => {
    expect(fromAcceptLanguage('en-US')).toBe('en')
    expect(fromAcceptLanguage('EN-gb')).toBe('en')
    expect(fromAcceptLanguage('da-DK')).toBe('da')
  })

  it('serves Norwegian and Swedish readers Danish', () => {
    expect(fromAcceptLanguage('nb-NO, en;q=0.5')).toBe('da')
    expect(fromAcceptLanguage('sv')).toBe('da')
  })

  it('returns null when nothing matches', () => {
    expect(fromAcceptLanguage(null)).toBeNull()
    expect(fromAcceptLanguage('')).toBeNull()
    expect(fromAcceptLanguage('*')).toBeNull()
    expect(fromAcceptLanguage('fr, de')).toBeNull()
  })
})

describe('languageCookieFor', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.resetModules()
  })

  it('sets a cookie only when the language was chosen with ?lng', () => {
    expect(languageCookieFor(request('/?lng=en'))).toMatch(
      /^lng=en; Path=\/; Max-Age=31536000; SameSite=Lax/,
    )
    expect(languageCookieFor(request('/about?lng=da&x=1'))).toMatch(/^lng=da;/)
    expect(languageCookieFor(request('/', { Cookie: 'lng=en' }))).toBeNull()
    expect(languageCookieFor(request('/', { 'Accept-Language': 'en' }))).toBeNull()
    expect(languageCookieFor(request('/?lng=fr'))).toBeNull()
    expect(languageCookieFor(request('/?lng=en;%20Domain=evil.example'))).toBeNull()
  })

  it('is not Secure outside production', () => {
    expect(languageCookieFor(request('/?lng=en'))).not.toMatch(/Secure/)
  })

  // The module reads the validated environment, which is cached per module instance.
  const inEnvironment = async (vars: Record<string, string | undefined>) => {
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv('SESSION_SECRET', 'a-real-session-secret-of-48-characters-xxxxxxxxx')
    vi.stubEnv('SMTP_URL', 'smtp://mail.example.dk:25')
    vi.stubEnv('DEMO', undefined)
    for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value)
    vi.resetModules()
    return (await import('./i18n.server')).languageCookieFor
  }

  it('is Secure in production, also when DEMO is set to 0', async () => {
    expect((await inEnvironment({}))(request('/?lng=en'))).toMatch(/; Secure$/)
    expect((await inEnvironment({ DEMO: '0' }))(request('/?lng=en'))).toMatch(/; Secure$/)
    expect((await inEnvironment({ DEMO: 'false' }))(request('/?lng=en'))).toMatch(/; Secure$/)
  })

  it('is not Secure in demo mode, which is served over plain http on localhost', async () => {
    expect((await inEnvironment({ DEMO: '1' }))(request('/?lng=en'))).not.toMatch(/Secure/)
  })
})

describe('getFixedT', () => {
  it('translates in the language asked for, Danish being the fallback', () => {
    expect(getFixedT('da')('common.nav.home')).toBe('Forside')
    expect(getFixedT('en')('common.nav.home')).toBe('Home')
    expect(getFixedT('en')('emails.layout.greeting', { name: 'Sam' })).toBe('Hello Sam')
  })
})

// The app's key types describe its own resources; these tests bring their own.
type LooseT = (key: string, options?: object) => unknown
interface TestInstance {
  t: LooseT
  getFixedT(lng: string | string[] | null, ns?: string | null, keyPrefix?: string): LooseT
  translator: { translate: (...args: unknown[]) => unknown }
  addResource(lng: string, ns: string, key: string, value: string): void
  changeLanguage(lng: string): Promise<unknown>
}

describe('memoised translations', () => {
  function instance(): TestInstance {
    const created = createInstance()
    void created.init({
      lng: 'da',
      fallbackLng: 'da',
      initImmediate: false,
      interpolation: { escapeValue: false },
      resources: {
        da: {
          translation: {
            plain: 'Fast tekst',
            greeting: 'Hej {{name}}',
            item_one: '{{count}} aktivitet',
            item_other: '{{count}} aktiviteter',
            friend: 'En ven',
            friend_male: 'En ven (han)',
            friend_female: 'En veninde',
            nested: { title: 'Titel' },
          },
        },
        en: { translation: { plain: 'Fixed text', greeting: 'Hello {{name}}' } },
      },
    })
    return memoiseTranslations(created) as unknown as TestInstance
  }

  it('looks a plain key up once and answers from memory after that', () => {
    const i18n = instance()
    const translate = vi.spyOn(i18n.translator, 'translate')
    const t = i18n.getFixedT(null)
    expect(t('plain')).toBe('Fast tekst')
    expect(t('plain')).toBe('Fast tekst')
    expect(i18n.t('plain')).toBe('Fast tekst')
    expect(translate).toHaveBeenCalledTimes(1) // both ask for the instance's own language
  })

  it('never reuses an interpolated, plural or context translation for other values', () => {
    const t = instance().getFixedT(null)
    expect(t('greeting', { name: 'Aya' })).toBe('Hej Aya')
    expect(t('greeting', { name: 'Bo' })).toBe('Hej Bo')
    expect(t('item', { count: 1 })).toBe('1 aktivitet')
    expect(t('item', { count: 3 })).toBe('3 aktiviteter')
    expect(t('friend')).toBe('En ven')
    expect(t('friend', { context: 'male' })).toBe('En ven (han)')
    expect(t('friend', { context: 'female' })).toBe('En veninde')
    expect(t('missing', { defaultValue: 'Standard' })).toBe('Standard')
    expect(t('missing', { defaultValue: 'Anden' })).toBe('Anden')
    expect(t('nested', { returnObjects: true })).toEqual({ title: 'Titel' })
  })

  it('keeps languages, key prefixes and namespaces apart', () => {
    const i18n = instance()
    expect(i18n.getFixedT('da')('plain')).toBe('Fast tekst')
    expect(i18n.getFixedT('en')('plain')).toBe('Fixed text')
    expect(i18n.t('plain', { lng: 'en' })).toBe('Fixed text')
    expect(i18n.t('plain')).toBe('Fast tekst')
    expect(i18n.getFixedT('da', null, 'nested')('title')).toBe('Titel')
    expect(i18n.t('title')).toBe('title')
  })

  it('forgets what it knows when the resources or the language change', async () => {
    const i18n = instance()
    const t = i18n.getFixedT(null, 'translation')
    expect(i18n.t('plain')).toBe('Fast tekst')
    expect(t('plain')).toBe('Fast tekst')
    i18n.addResource('da', 'translation', 'plain', 'Ny tekst')
    expect(i18n.t('plain')).toBe('Ny tekst')
    expect(t('plain')).toBe('Ny tekst')
    await i18n.changeLanguage('en')
    expect(i18n.t('plain')).toBe('Fixed text')
    expect(t('plain')).toBe('Fixed text')
  })

  it('hands out one fixed t per language, namespace and key prefix', () => {
    const i18n = instance()
    expect(i18n.getFixedT(null, 'translation')).toBe(i18n.getFixedT(null, 'translation'))
    expect(i18n.getFixedT('en')).not.toBe(i18n.getFixedT('da'))
    expect(i18n.getFixedT('da', null, 'nested')).not.toBe(i18n.getFixedT('da'))
    expect(i18n.getFixedT(['en'])('plain')).toBe('Fixed text')
  })

  it('gives each language its own answers in loaders and in the render', async () => {
    expect(getFixedT('da')('common.nav.home')).toBe('Forside')
    expect(getFixedT('en')('common.nav.home')).toBe('Home')
    expect(getFixedT('da')('common.nav.home')).toBe('Forside')
    // react-i18next's useTranslation() asks the render instance for getFixedT(null, ns)
    const [da, en] = await Promise.all([getI18nInstance('da'), getI18nInstance('en')])
    expect(da.getFixedT(null, 'translation')('common.nav.home')).toBe('Forside')
    expect(en.getFixedT(null, 'translation')('common.nav.home')).toBe('Home')
    expect(
      en.getFixedT(null, 'translation')('common.volunteer.duration.minutes', { count: 2 }),
    ).toBe('2 minutes')
    expect(da.getFixedT(null, 'translation')('common.nav.home')).toBe('Forside')
  })
})
