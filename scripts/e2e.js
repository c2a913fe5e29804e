// `npm run test:e2e [-- playwright args]`: build the production bundle, then run the browser
// tests against it. SKIP_BUILD=1 reuses the last build (only when you know it is current: a
// development build under the production server fails).
import { spawn } from 'node:child_process'

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    // Ctrl-C reaches the child from the terminal; wait for it to clean up (its web servers).
    const ignore = () => {}
    const forward = () => child.kill('SIGTERM')
    process.on('SIGINT', ignore)
    process.on('SIGTERM', forward)
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

if (process.env.SKIP_BUILD !== '1') {
  const built = await run('npx', ['remix', 'build'])
  if (built !== 0) process.exit(built)
}
process.exit(await run('npx', ['playwright', 'test', ...process.argv.slice(2)]))
