import { hash, verify } from '@node-rs/argon2'

export { PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from './constants'

// argon2id (algorithm 2) with OWASP's minimum memory/time settings.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

// Verifying against this when no account matches keeps the response time the same, so timing
// does not reveal whether an e-mail address is registered.
let dummy: Promise<string> | undefined
export async function verifyPassword(
  stored: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('not-a-real-password-just-for-timing')
    await verify(await dummy, password).catch(() => false)
    return false
  }
  return verify(stored, password).catch(() => false)
}
