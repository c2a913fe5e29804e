import type { APIResponse } from '@playwright/test'
import { expect, test } from './fixtures'
import { APP_URL } from './ports.ts'

/** The CSP directives as a map: name → sources. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), sources)
  }
  return directives
}

function expectSecurityHeaders(res: APIResponse): string {
  const headers = res.headers()
  const csp = parseCsp(headers['content-security-policy'])
  const scriptSrc = csp.get('script-src') ?? []
  expect(scriptSrc, `script-src on ${res.url()}`).not.toContain("'unsafe-inline'")
  expect(scriptSrc).not.toContain("'unsafe-eval'")
  const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))
  expect(nonce, `a nonce in script-src on ${res.url()}`).toMatch(
    /^'nonce-[A-Za-z0-9+/]{16,}={0,2}'$/,
  )
  expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  expect(csp.get('object-src')).toEqual(["'none'"])
  expect(csp.get('base-uri')).toEqual(["'none'"])
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['permissions-policy']).toContain('camera=()')
  expect(headers['permissions-policy']).toContain('geolocation=()')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-powered-by']).toBeUndefined()
  return nonce!.slice("'nonce-".length, -1)
}

test('Every response carries the security headers', async ({ request }) => {
  const home = await request.get('/')
  expect(home.status()).toBe(200)
  const homeNonce = expectSecurityHeaders(home)

  const health = await request.get('/healthz')
  expect(health.status()).toBe(200)
  expectSecurityHeaders(health)

  const statement = await request.get('/tilgaengelighed')
  expect(statement.status()).toBe(200)
  const statementNonce = expectSecurityHeaders(statement)
  expect(statementNonce, 'a fresh nonce for every response').not.toBe(homeNonce)

  const missing = await request.get('/findes-ikke')
  expect(missing.status()).toBe(404)
  expectSecurityHeaders(missing)
  expect(await missing.text()).toContain('Siden findes ikke')

  // A static asset: the stylesheet the front page links to.
  const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(await home.text())?.[1]
  expect(stylesheet, 'the front page links a stylesheet').toMatch(/^\/build\/.+\.css$/)
  const css = await request.get(stylesheet!)
  expect(css.status()).toBe(200)
  expect(css.headers()['content-type']).toContain('text/css')
  expectSecurityHeaders(css)

  const favicon = await request.get('/favicon.svg')
  expect(favicon.status()).toBe(200)
  expectSecurityHeaders(favicon)
})

test('The inline scripts carry the nonce from the header', async ({ request }) => {
  for (const path of ['/', '/tilgaengelighed', '/findes-ikke']) {
    const res = await request.get(path)
    const nonce = expectSecurityHeaders(res)
    const html = await res.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1] ?? '')
    expect(scripts.length, `scripts on ${path}`).toBeGreaterThan(0)
    for (const attributes of scripts) {
      if (/\bsrc=/.test(attributes)) continue // external scripts come from 'self'
      expect(attributes, `an inline script on ${path}`).toContain(`nonce="${nonce}"`)
    }
    // The module preloads Remix writes are scripts too; they come from our own origin.
    for (const [, href] of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) {
      expect(href).toMatch(/^\/build\//)
    }
  }
})

test('A form posted from another site is refused', async ({ request }) => {
  const form = { municipality: 'rodovre' }

  const evil = await request.post('/kommune', {
    form,
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  })
  expect(evil.status()).toBe(403)
  expect(evil.headers()['set-cookie']).toBeUndefined()

  const evilReferer = await request.post('/kommune', {
    form,
    headers: { Referer: 'https://evil.example/page' },
    maxRedirects: 0,
  })
  expect(evilReferer.status()).toBe(403)

  // Playwright's request context adds neither Origin nor Referer by itself.
  const anonymous = await request.post('/kommune', { form, maxRedirects: 0 })
  expect(anonymous.status()).toBe(403)

  const own = await request.post('/kommune', {
    form,
    headers: { Origin: APP_URL },
    maxRedirects: 0,
  })
  expect([200, 302, 303]).toContain(own.status())
  expect(own.headers()['set-cookie']).toContain('kommune=rodovre')

  const ownReferer = await request.post('/kommune', {
    form,
    headers: { Referer: `${APP_URL}/kommune` },
    maxRedirects: 0,
  })
  expect([200, 302, 303]).toContain(ownReferer.status())
})

test('The health check says the app and its database are up', async ({ request }) => {
  const res = await request.get('/healthz')
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toContain('application/json')
  expect(res.headers()['cache-control']).toBe('no-store')
  expect(await res.json()).toEqual({ status: 'ok', db: 'ok' })
})
