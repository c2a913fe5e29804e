// `npm run demo`: build if needed, start on the embedded database with demo data, and print
// the address and a demo login for every role.
import { fork } from 'node:child_process'
import { buildIfNeeded } from './build-if-needed.js'

buildIfNeeded()

const env = {
  ...process.env,
  NODE_ENV: 'production',
  DEMO: '1',
  PORT: process.env.PORT ?? '3000',
  HOST: process.env.HOST ?? '127.0.0.1',
  PGLITE_DIR: process.env.PGLITE_DIR ?? './.data/pglite',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
}
delete env.DATABASE_URL

const server = fork('server.js', [], { env, stdio: 'inherit' })

server.on('message', async (message) => {
  if (message?.type !== 'listening') return
  const { demoLogins } = await import('./demo-logins.js')
  const lines = [
    '',
    '  Brobygger demo is running',
    '',
    `  Open:        ${message.url}/`,
    `  In English:  ${message.url}/?lng=en`,
    `  Health:      ${message.url}/healthz`,
    `  Sent e-mail: ${message.url}/dev/mail`,
    '',
    ...demoLogins(message.url, message.demoLogins),
    '',
    `  Data is kept in ${env.PGLITE_DIR} (delete the folder to start over). Stop with Ctrl+C.`,
    '',
  ]
  console.log(lines.join('\n'))
})

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
