import { z } from 'zod'

// Every setting the app reads comes from the environment and is checked once, at start.
// In production a missing secret stops the start with a message that names it.
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().positive().default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_URL: z.string().url().optional(),
    DATABASE_URL: z.string().optional(),
    PGLITE_DIR: z.string().default('./.data/pglite'),
    SESSION_SECRET: z.string().min(32).optional(),
    AUDIT_HASH_SECRET: z.string().min(32).optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Brobygger <no-reply@brobygger.local>'),
    MAIL_DIR: z.string().default('./.data/mail'),
    OUTBOX_POLL_MS: z.coerce.number().int().positive().default(2000),
    DEMO: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    SESSION_IDLE_STAFF_MINUTES: z.coerce.number().positive().default(30),
    SESSION_IDLE_OTHER_DAYS: z.coerce.number().positive().default(7),
    SESSION_ABSOLUTE_STAFF_HOURS: z.coerce.number().positive().default(12),
    SESSION_ABSOLUTE_OTHER_DAYS: z.coerce.number().positive().default(30),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    // How long a process may reuse a public catalogue answer; 0 turns it off. Default: 30 s in
    // a production build, off in development and tests (app/public-cache.server.ts).
    PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).optional(),
    // Citizens are anonymised this long after their last closed referral (PRODUCT.md §5).
    CITIZEN_RETENTION_MONTHS: z.coerce.number().int().positive().default(24),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production' || env.DEMO) return
    if (!env.SESSION_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'SESSION_SECRET is required in production (at least 32 random characters).',
      })
    if (!env.SMTP_URL && !env.DEMO)
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message:
          'SMTP_URL is required in production (e.g. smtps://user:pass@mail.example.dk:465), so e-mail can be delivered.',
      })
  })

export type Env = z.infer<typeof EnvSchema>

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Brobygger cannot start, the environment is not valid:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

// Demo mode serves a production build with demo data, demo logins and the dev mail page;
// it is never "production": nothing demo-only may run when this returns true.
export const isProduction = () => env().NODE_ENV === 'production' && !env().DEMO
export const isDemo = () => env().DEMO

// Secrets used for signing fall back to a fixed value only outside production (checked above).
export function sessionSecret(): string {
  return env().SESSION_SECRET ?? 'dev-only-session-secret-not-for-production-use-0000'
}
export function auditHashSecret(): string {
  return (
    env().AUDIT_HASH_SECRET ??
    env().SESSION_SECRET ??
    'dev-only-audit-secret-not-for-production-use-00000'
  )
}
