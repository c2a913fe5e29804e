// The production server: Express in front of the Remix build. It adds what Remix alone does
// not: security headers with a per-request CSP nonce, the cross-site request guard, the
// in-process start-up (database, migrations, outbox worker) and a graceful shutdown.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import express from 'express'
import { createRequestHandler } from '@remix-run/express'

const buildPath = path.resolve(process.env.BUILD_PATH ?? 'build/index.js')
const build = await import(pathToFileURL(buildPath).href)
const app_ = build.entry.module

const config = app_.env() // validates the environment; throws a clear message when it is wrong
const production = app_.isProduction()

let started
try {
  started = await app_.startApp()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const app = express()
app.disable('x-powered-by')
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)

app.use((req, res, next) => {
  // The client IP for rate limits and the audit trail's keyed hash; never trust a client's copy.
  req.headers['x-brobygger-client-ip'] = req.ip ?? req.socket.remoteAddress ?? ''
  const nonce = app_.createNonce()
  res.locals.cspNonce = nonce
  for (const [name, value] of Object.entries(app_.securityHeaders({ nonce, production }))) {
    res.setHeader(name, value)
  }
  next()
})

app.use((req, res, next) => {
  const ok = app_.isSameOriginRequest({
    method: req.method,
    host: req.headers.host,
    origin: req.headers.origin,
    referer: req.headers.referer,
    publicOrigin: config.PUBLIC_URL,
  })
  if (ok) {
    // A change through this process is visible at once on the cached public pages.
    if (req.method !== 'GET' && req.method !== 'HEAD')
      res.on('finish', () => app_.clearPublicCache())
    return next()
  }
  res
    .status(403)
    .type('text/plain; charset=utf-8')
    .send(
      'Forespørgslen blev afvist: den kom ikke fra Brobyggers egne sider. (Cross-site request refused.)',
    )
})

app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
// express.static asks the disk about every page's URL (a stat, and an error object when it is
// not there); public/ holds only the files shipped with the app, so they are listed once here.
const publicFiles = listPublicFiles('public')
const servePublic = express.static('public', { maxAge: '1h' })
app.use((req, res, next) => {
  let pathname
  try {
    pathname = decodeURIComponent(req.path)
  } catch {
    return servePublic(req, res, next) // it answers a malformed path as before
  }
  if (publicFiles.has(pathname)) return servePublic(req, res, next)
  next()
})

app.all(
  '*',
  createRequestHandler({
    build,
    mode: production ? 'production' : 'development',
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
  }),
)

const server = app.listen(config.PORT, config.HOST, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`
  console.log(`Brobygger is listening on ${url} (database: ${started.engine})`)
  process.send?.({ type: 'listening', url, demoLogins: started.demoLogins ?? [] })
})
server.keepAliveTimeout = 5_000

/** URL paths of the files in `dir` (dot files left out, as express.static does; not build/). */
function listPublicFiles(dir) {
  const files = new Set()
  if (!existsSync(dir)) return files
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name))
    const parts = relative.split(path.sep)
    if (parts[0] === 'build' || parts.some((part) => part.startsWith('.'))) continue
    files.add(`/${parts.join('/')}`)
  }
  return files
}

let stopping = false
async function shutdown(signal) {
  if (stopping) return
  stopping = true
  console.log(`${signal} received: finishing requests and closing`)
  // Must be gone in under 5 s whatever happens, so a deploy never waits on us.
  setTimeout(() => process.exit(0), 4_500).unref()
  // close() stops accepting and resolves once in-flight requests have finished.
  const closed = new Promise((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  await closed
  try {
    await app_.stopApp()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
