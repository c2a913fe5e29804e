import { base32Encode, STEP_SECONDS, timeStep, totpAt } from '../../app/modules/identity/totp'

// The demo accounts' credentials (app/modules/identity/demo-accounts.server.ts).
export const DEMO_PASSWORD = 'brobygger-demo-2026'
export const DEMO_TOTP_SECRET = base32Encode(Buffer.from('brobygger-demo-totp!'))

const lastStep = new Map<string, number>()

/**
 * The code an authenticator app shows now, for this account. A code is accepted once (replay
 * protection), so a second login in the same 30-second step waits for the next code.
 */
export async function nextTotp(account: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  let step = timeStep(new Date())
  const last = lastStep.get(account)
  if (last !== undefined && step <= last) {
    const wait = ((last + 1) * STEP_SECONDS - Date.now() / 1000) * 1000 + 250
    await new Promise((resolve) => setTimeout(resolve, wait))
    step = timeStep(new Date())
  }
  lastStep.set(account, step)
  return totpAt(secret, step)
}
