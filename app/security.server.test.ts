import { describe, expect, it } from 'vitest'
import { createNonce, isSameOriginRequest, securityHeaders } from './security.server'

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) map.set(name, values)
  }
  return map
}

describe('securityHeaders', () => {
  const nonce = createNonce()
  const dev = securityHeaders({ nonce, production: false })
  const prod = securityHeaders({ nonce, production: true })

  it('lets scripts run only with this response’s nonce', () => {
    for (const headers of [dev, prod]) {
      const csp = directives(headers['Content-Security-Policy']!)
      const scriptSrc = csp.get('script-src')
      expect(scriptSrc).toEqual(["'self'", `'nonce-${nonce}'`])
      expect(scriptSrc).not.toContain("'unsafe-inline'")
      expect(scriptSrc).not.toContain("'unsafe-eval'")
      expect(csp.get('default-src')).toEqual(["'self'"])
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('base-uri')).toEqual(["'none'"])
      expect(csp.get('form-action')).toEqual(["'self'"])
    }
  })

  it('lets nobody frame the site', () => {
    for (const headers of [dev, prod]) {
      expect(directives(headers['Content-Security-Policy']!).get('frame-ancestors')).toEqual([
        "'none'",
      ])
      expect(headers['X-Frame-Options']).toBe('DENY')
    }
  })

  it('sends HSTS and upgrades requests only in production', () => {
    expect(prod['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/)
    expect(dev).not.toHaveProperty('Strict-Transport-Security')
    expect(directives(prod['Content-Security-Policy']!).has('upgrade-insecure-requests')).toBe(true)
    expect(directives(dev['Content-Security-Policy']!).has('upgrade-insecure-requests')).toBe(false)
  })

  it('sets the other protective headers', () => {
    expect(prod).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
    })
    expect(prod['Permissions-Policy']).toContain('camera=()')
  })
})

describe('createNonce', () => {
  it('is 128 random bits in base64, new each time', () => {
    // more than one fill of the pool the nonces are cut from
    const nonces = new Set(Array.from({ length: 600 }, () => createNonce()))
    expect(nonces.size).toBe(600)
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
    }
  })
})

describe('isSameOriginRequest', () => {
  const host = 'brobygger.frederiksberg.dk'
  const post = (input: {
    origin?: string
    referer?: string
    host?: string
    publicOrigin?: string
    method?: string
  }) =>
    isSameOriginRequest({
      method: input.method ?? 'POST',
      host: 'host' in input ? input.host : host,
      origin: input.origin,
      referer: input.referer,
      publicOrigin: input.publicOrigin,
    })

  it('lets safe methods through whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(post({ method, origin: 'https://evil.example' })).toBe(true)
      expect(post({ method })).toBe(true)
    }
  })

  it('accepts a state change from the same host', () => {
    expect(post({ origin: `https://${host}` })).toBe(true)
    expect(post({ origin: `https://${host.toUpperCase()}` })).toBe(true)
    expect(post({ origin: `https://${host}`, host: host.toUpperCase() })).toBe(true)
    expect(post({ method: 'post', origin: `https://${host}` })).toBe(true)
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect(post({ method, origin: `https://${host}` })).toBe(true)
  })

  it('refuses a state change from another site (the server answers 403)', () => {
    expect(post({ origin: 'https://evil.example' })).toBe(false)
    expect(post({ origin: `https://${host}.evil.example` })).toBe(false)
    expect(post({ origin: `https://${host}:8443` })).toBe(false)
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect(post({ method, origin: 'https://evil.example' })).toBe(false)
  })

  it('does not let a same-site Referer overrule a cross-site Origin', () => {
    expect(post({ origin: 'https://evil.example', referer: `https://${host}/case/1` })).toBe(false)
  })

  it('falls back to the Referer when Origin is "null"', () => {
    expect(post({ origin: 'null', referer: `https://${host}/activities` })).toBe(true)
    expect(post({ origin: 'null', referer: 'https://evil.example/form' })).toBe(false)
    expect(post({ origin: 'null' })).toBe(false)
  })

  it('falls back to the Referer when Origin is missing', () => {
    expect(post({ referer: `https://${host}/activities` })).toBe(true)
    expect(post({ referer: 'https://evil.example/' })).toBe(false)
  })

  it('refuses a state change with neither Origin nor Referer', () => {
    expect(post({})).toBe(false)
    expect(post({ host: undefined })).toBe(false)
  })

  it('refuses malformed headers instead of throwing', () => {
    expect(post({ origin: 'not a url' })).toBe(false)
    expect(post({ origin: 'null', referer: '::::' })).toBe(false)
  })

  it('accepts the PUBLIC_URL host behind a proxy that rewrites Host', () => {
    const behindProxy = { host: '127.0.0.1:3000', publicOrigin: 'https://brobygger.dk' }
    expect(post({ ...behindProxy, origin: 'https://brobygger.dk' })).toBe(true)
    expect(post({ ...behindProxy, origin: 'null', referer: 'https://brobygger.dk/me' })).toBe(true)
    expect(post({ ...behindProxy, origin: 'https://evil.example' })).toBe(false)
    expect(post({ host: '127.0.0.1:3000', origin: 'https://brobygger.dk' })).toBe(false)
  })
})
