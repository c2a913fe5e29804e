// Builds the app when build/ is missing or older than any source file.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

const SOURCES = ['app', 'db', 'emails', 'remix.config.js', 'package.json']

function newestMtime(entry) {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const child of readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

export function buildIfNeeded({ force = false } = {}) {
  const output = 'build/index.js'
  const stale =
    force || !existsSync(output) || Math.max(...SOURCES.map(newestMtime)) > statSync(output).mtimeMs
  if (!stale) return
  console.log('Building the app (remix build)…')
  const result = spawnSync('npx', ['remix', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (import.meta.url === `file://${process.argv[1]}`)
  buildIfNeeded({ force: process.argv.includes('--force') })
