import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import stylesHref from './styles/app.css'
import { getDb } from './db.server'
import { cachedPublic } from './public-cache.server'
import { readCookie } from './cookies.server'
import { SESSION_COOKIE } from './modules/identity/sessions.server'
import { detectLanguage, languageCookieFor } from './i18n/i18n.server'
import { supportedLanguages, type Language } from './i18n/config'
import { listMunicipalities, pickMunicipality } from './modules/network/network.server'
import { useNonce } from './nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = detectLanguage(request)
  const db = await getDb()
  const municipalities = await cachedPublic('municipalities', () => listMunicipalities(db))
  const municipality = pickMunicipality(municipalities, request)
  const headers = new Headers()
  const cookie = languageCookieFor(request)
  if (cookie) headers.append('Set-Cookie', cookie)
  return data(
    {
      locale,
      municipality: municipality ? { slug: municipality.slug, name: municipality.name } : null,
      // Whether a session cookie is present, not whether it is still valid: the header needs no
      // database read, and /account sends an expired session to the login page anyway.
      signedIn: readCookie(request, SESSION_COOKIE()) !== null,
    },
    { headers },
  )
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>['data']

/**
 * `handle` a route may export. `hydrate: false`: the page is sent as plain HTML without the
 * React runtime and its data (the public catalogue pages work fully without JavaScript, and a
 * cheap phone need not download, parse and hydrate them; ADR 019).
 */
export interface RouteHandle {
  hydrate?: boolean
}

function languageHref(pathname: string, search: string, lng: Language) {
  const params = new URLSearchParams(search)
  params.set('lng', lng)
  return `${pathname}?${params.toString()}`
}

function Shell({
  locale,
  children,
  municipality,
  signedIn,
}: {
  locale: Language
  children: React.ReactNode
  municipality: RootLoaderData['municipality']
  signedIn: boolean
}) {
  const nonce = useNonce()
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const hydrate = useMatches().every(
    (m) => (m.handle as RouteHandle | undefined)?.hydrate !== false,
  )
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale)
  }, [i18n, locale])
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <header className="site-header">
          <div className="container site-header__inner">
            <Link to="/" className="site-header__brand">
              {t('common.appName')}
            </Link>
            {municipality ? (
              <p className="site-header__municipality">
                <span className="visually-hidden">{t('common.municipality.label')}: </span>
                {municipality.name}{' '}
                <Link to="/kommune" className="site-header__change">
                  {t('common.municipality.change')}
                </Link>
              </p>
            ) : null}
            <nav aria-label={t('common.nav.label')} className="site-nav">
              <ul>
                <li>
                  <Link to="/activities">{t('common.nav.activities')}</Link>
                </li>
                <li>
                  <Link to="/volunteer">{t('common.nav.volunteer')}</Link>
                </li>
                <li>
                  {signedIn ? (
                    <Link to="/account">{t('common.nav.account')}</Link>
                  ) : (
                    <Link to="/login">{t('common.nav.login')}</Link>
                  )}
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="container main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>{t('common.footer.about')}</p>
            <ul className="site-footer__links">
              <li>
                <Link to="/tilgaengelighed">{t('common.footer.accessibility')}</Link>
              </li>
            </ul>
            <nav aria-label={t('common.footer.language')}>
              <ul className="language-switch">
                {supportedLanguages.map((lng) => (
                  <li key={lng}>
                    {lng === locale ? (
                      <span aria-current="true" lang={lng}>
                        {t(`common.language.${lng}`)}
                      </span>
                    ) : (
                      <a
                        href={languageHref(location.pathname, location.search, lng)}
                        lang={lng}
                        hrefLang={lng}
                      >
                        {t(`common.language.${lng}`)}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  )
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root')
  return (
    <Shell
      locale={root?.locale ?? 'da'}
      municipality={root?.municipality ?? null}
      signedIn={root?.signedIn ?? false}
    >
      {children}
    </Shell>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key =
    status === 404
      ? 'notFound'
      : status === 403
        ? 'forbidden'
        : status === 400
          ? 'badRequest'
          : 'server'
  return (
    <div className="prose">
      <title>{t(`common.errors.${key}Title`)}</title>
      <h1>{t(`common.errors.${key}Title`)}</h1>
      {key !== 'badRequest' ? <p>{t(`common.errors.${key}Body`)}</p> : null}
      <p>
        <Link to="/">{t('common.errors.goHome')}</Link>
      </p>
    </div>
  )
}
