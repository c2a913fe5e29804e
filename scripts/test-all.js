// `npm test`: unit + integration (vitest), then the browser journeys (Playwright) against a
// production build. Exits non-zero when any part fails.
import { spawnSync } from 'node:child_process'

const steps = [
  ['unit and integration tests', ['run', 'test:unit']],
  ['browser journeys', ['run', 'test:e2e']],
]
let failed = false
for (const [name, args] of steps) {
  console.log(`\n=== ${name} ===\n`)
  const result = spawnSync('npm', args, { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status}).`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
