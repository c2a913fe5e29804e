import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { data } from '@remix-run/node'
import { env, isProduction } from '~/env.server'

/**
 * The dev mail pages exist only outside production (development and demo): in production they
 * are a plain 404. With SMTP_URL set they still list the outbox and send the test message
 * through that server, so a developer can check real delivery.
 */
export function requireDevMail(): void {
  if (isProduction()) throw data(null, { status: 404 })
}

const FILE_PATTERN = /^(.+)_([0-9a-f-]{36})\.eml$/

/** outbox id → file name of the .eml the file transport wrote for it. */
export async function listMailFiles(): Promise<Map<string, string>> {
  const files = await readdir(env().MAIL_DIR).catch(() => [] as string[])
  const byId = new Map<string, string>()
  for (const file of files) {
    const match = FILE_PATTERN.exec(file)
    if (match?.[2]) byId.set(match[2], file)
  }
  return byId
}

export async function readMailFile(id: string): Promise<Buffer | null> {
  const file = (await listMailFiles()).get(id)
  if (!file) return null
  return readFile(path.join(env().MAIL_DIR, file))
}
