import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// scripts/patch-remix.js runs after `npm install`; the server's speed (issue 4) and the export's
// memory bound (issue 9) depend on it. If an install skipped it, this says so (ADR 019).
const require = createRequire(import.meta.url)

describe('the fixes applied to the Remix server libraries', () => {
  it('caches the ranked route branches in the router the server loads', () => {
    const source = readFileSync(require.resolve('@remix-run/router'), 'utf8')
    expect(source).toContain('let branches = rankedBranches(routes);')
  })

  it('makes the response writer wait for a slow client', () => {
    const source = readFileSync(require.resolve('@remix-run/node/dist/stream.js'), 'utf8')
    expect(source).toContain('writable.on("drain", done)')
  })
})
