import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server'

const SECRET = 'a-real-session-secret-of-48-characters-xxxxxxxxx'

function startError(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('parseEnv accepted the environment')
}

describe('parseEnv', () => {
  it('refuses to start in production without SESSION_SECRET and SMTP_URL, naming both', () => {
    const message = startError({ NODE_ENV: 'production' })
    expect(message).toMatch(/^Brobygger cannot start/)
    expect(message).toMatch(/SESSION_SECRET/)
    expect(message).toMatch(/SMTP_URL/)
  })

  it('names only what is missing', () => {
    const noSmtp = startError({ NODE_ENV: 'production', SESSION_SECRET: SECRET })
    expect(noSmtp).toMatch(/SMTP_URL/)
    expect(noSmtp).not.toMatch(/SESSION_SECRET/)

    const noSecret = startError({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.dk:25' })
    expect(noSecret).toMatch(/SESSION_SECRET/)
    expect(noSecret).not.toMatch(/SMTP_URL/)
  })

  it('reports every problem at once, not one per attempt', () => {
    const message = startError({ NODE_ENV: 'production', SESSION_SECRET: 'short' })
    expect(message).toMatch(/SESSION_SECRET/)
    expect(message).toMatch(/SMTP_URL/)
  })

  it('starts in production when both are set', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      SMTP_URL: 'smtp://mail.example.dk:25',
    })
    expect(env.NODE_ENV).toBe('production')
    expect(env.DEMO).toBe(false)
  })

  it.each(['1', 'true'])('relaxes the production requirements in demo mode (DEMO=%s)', (demo) => {
    const env = parseEnv({ NODE_ENV: 'production', DEMO: demo })
    expect(env.DEMO).toBe(true)
    expect(env.SESSION_SECRET).toBeUndefined()
    expect(env.SMTP_URL).toBeUndefined()
  })

  it.each(['0', 'false'])('DEMO=%s is not demo mode', (demo) => {
    expect(parseEnv({ DEMO: demo }).DEMO).toBe(false)
    expect(() => parseEnv({ NODE_ENV: 'production', DEMO: demo })).toThrow(/SESSION_SECRET/)
  })

  it('needs no secrets outside production', () => {
    expect(() => parseEnv({ NODE_ENV: 'development' })).not.toThrow()
    expect(() => parseEnv({ NODE_ENV: 'test' })).not.toThrow()
  })

  it('has working defaults', () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      PGLITE_DIR: './.data/pglite',
      MAIL_FROM: 'Brobygger <no-reply@brobygger.local>',
      MAIL_DIR: './.data/mail',
      OUTBOX_POLL_MS: 2000,
      DEMO: false,
      LOG_LEVEL: 'info',
    })
  })

  it('reads numbers from strings and rejects nonsense', () => {
    expect(parseEnv({ PORT: '8080', OUTBOX_POLL_MS: '500' })).toMatchObject({
      PORT: 8080,
      OUTBOX_POLL_MS: 500,
    })
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseEnv({ PORT: '-1' })).toThrow(/PORT/)
    expect(() => parseEnv({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/)
    expect(() => parseEnv({ DEMO: 'yes' })).toThrow(/DEMO/)
    expect(() => parseEnv({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/)
  })

  it('refuses a short session secret without repeating it in the error', () => {
    const short = 'tooshort-secret-value'
    const message = startError({ SESSION_SECRET: short })
    expect(message).toMatch(/SESSION_SECRET/)
    expect(message).not.toContain(short)
  })
})
