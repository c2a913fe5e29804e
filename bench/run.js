// @ts-check
// npm run bench -- [--no-build] [--fresh] [--routes /a,/b] [--connections 20] [--duration 10]
//                  [--max-requests 20000] [--warmup 2]
// Builds the app, makes sure the bench data exists, starts the production server on a free
// loopback port and loads each route with autocannon, bounded in time and in requests.
// Prints p50/p95/p99 and req/s per route beside the baseline (a constant page), writes the
// figures to bench/results/<timestamp>.json and exits non-zero if a route had errors,
// non-2xx answers or missed a target declared in bench/routes.js. See bench/README.md.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
// @ts-expect-error -- autocannon 8 ships no type declarations (and @types/autocannon is not installed)
import autocannon from 'autocannon'
import { BASELINE, routes as declaredRoutes } from './routes.js'

/** @typedef {import('./routes.js').BenchRoute} BenchRoute */

const ROOT = path.resolve(import.meta.dirname, '..')
const HOST = '127.0.0.1'
const PGLITE_DIR = './.data/bench-pglite'
const MARKER = `${path.resolve(ROOT, PGLITE_DIR)}.generated.json` // written by generate-data.ts
const POSTGRES_SESSIONS = path.resolve(ROOT, './.data/bench-postgres.sessions.json')
// The session cookie's name: `__Host-bb_session` in production, `bb_session` in demo mode (which
// the bench server runs in); both are sent (app/modules/identity/sessions.server.ts).
const SESSION_COOKIES = ['bb_session', '__Host-bb_session']

/**
 * The headers a route is loaded with: its own, plus the session cookie of the person it is
 * measured as (`as: 'coordinator'`), made by the data generator.
 * @param {BenchRoute} route
 * @returns {Record<string, string> | undefined}
 */
function headersFor(route) {
  if (!route.as) return route.headers
  const file = process.env.DATABASE_URL ? POSTGRES_SESSIONS : MARKER
  const sessions = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).sessions : undefined
  const token = sessions?.[route.as]
  if (!token)
    throw new Error(
      `No session for "${route.as}" in ${file}: generate the data again (--fresh, or npm run bench:data).`,
    )
  return { ...route.headers, Cookie: SESSION_COOKIES.map((name) => `${name}=${token}`).join('; ') }
}
const RESULTS_DIR = path.join(ROOT, 'bench', 'results')
const HEALTH_TIMEOUT_MS = 60_000
// The start-up jobs (sessions for every activity, the hourly jobs) take seconds on the bench data.
const READY_TIMEOUT_MS = 180_000

const USAGE = `Usage: npm run bench -- [flags]
  --no-build            use the existing build (or SKIP_BUILD=1)
  --fresh               delete ${PGLITE_DIR} and generate the data again
  --routes /a,/b        only these paths (the baseline is always measured first)
  --connections N       concurrent connections (default 20, at most 200)
  --duration S          seconds per route (default 10, at most 120)
  --max-requests N      request cap per route (default 20000, at most 1000000)
  --warmup S            warm-up seconds per route before measuring (default 2, 0 = none)
Data sizes go to the generator through its env vars, e.g. BENCH_ORGANISATIONS=5000 with --fresh.`

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

/**
 * @param {string | undefined} raw
 * @param {string} flag
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function bounded(raw, flag, fallback, min, max) {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min || value > max)
    fail(`--${flag} must be between ${min} and ${max}, not "${raw}".`)
  return value
}

function parseFlags() {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean' },
        'no-build': { type: 'boolean' },
        fresh: { type: 'boolean' },
        routes: { type: 'string' },
        connections: { type: 'string' },
        duration: { type: 'string' },
        'max-requests': { type: 'string' },
        warmup: { type: 'string' },
      },
    }).values
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
}

function readOptions() {
  const values = parseFlags()
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const connections = Math.round(bounded(values.connections, 'connections', 20, 1, 200))
  const maxRequests = Math.round(
    bounded(values['max-requests'], 'max-requests', 20_000, 1, 1_000_000),
  )
  if (maxRequests < connections) fail('--max-requests must be at least --connections.')
  return {
    build: !values['no-build'] && process.env.SKIP_BUILD !== '1',
    fresh: Boolean(values.fresh),
    routes: selectRoutes(values.routes),
    connections,
    duration: bounded(values.duration, 'duration', 10, 1, 120),
    maxRequests,
    warmup: bounded(values.warmup, 'warmup', 2, 0, 30),
  }
}

/**
 * @param {string | undefined} list
 * @returns {BenchRoute[]}
 */
function selectRoutes(list) {
  const baseline = declaredRoutes.find((r) => r.path === BASELINE) ?? { path: BASELINE }
  if (!list) return [baseline, ...declaredRoutes.filter((r) => r !== baseline)]
  const paths = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
  for (const p of paths) {
    // Paths only: the target is always our own server on the loopback interface.
    if (!p.startsWith('/') || p.startsWith('//'))
      fail(`--routes takes paths such as /healthz, not "${p}".`)
  }
  const chosen = paths
    .filter((p) => p !== BASELINE)
    .map((p) => declaredRoutes.find((r) => r.path === p) ?? { path: p })
  return [baseline, ...chosen]
}

// ---------------------------------------------------------------------------------------------
// Child processes. Every one we start is tracked and killed when this process ends, however.

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set()

/**
 * npm and npx run on the same (project-pinned) Node as this script when npm started us.
 * @param {'npm' | 'npx'} tool
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
function npmCommand(tool, args) {
  const npmCli = process.env.npm_execpath
  const cli = npmCli ? path.join(path.dirname(npmCli), `${tool}-cli.js`) : undefined
  return cli && existsSync(cli) ? [process.execPath, [cli, ...args]] : [tool, args]
}

/**
 * @param {string} label
 * @param {[string, string[]]} command
 * @param {NodeJS.ProcessEnv} [env]
 */
function runStep(label, [command, args], env = process.env) {
  console.log(`\n▶ ${label}`)
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' })
    children.add(child)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      children.delete(child)
      if (code === 0) resolve(undefined)
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}).`))
    })
  })
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, HOST, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** @type {import('node:child_process').ChildProcess | undefined} */
let server

/**
 * @param {string} text
 * @param {NodeJS.WriteStream} out
 */
function prefixLines(text, out) {
  for (const line of text.split('\n')) if (line.trim()) out.write(`  server │ ${line}\n`)
}

/** @param {number} port */
async function startServer(port) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DEMO: '1',
    BENCH: '1',
    PORT: String(port),
    HOST,
    LOG_LEVEL: 'warn',
    MAIL_DIR: './.data/bench-mail',
  }
  if (!process.env.DATABASE_URL) env.PGLITE_DIR = PGLITE_DIR
  console.log(`\n▶ Starting the production server on http://${HOST}:${port}`)
  const child = spawn(process.execPath, ['server.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server = child
  children.add(child)
  child.stdout?.on('data', (chunk) => prefixLines(String(chunk), process.stdout))
  child.stderr?.on('data', (chunk) => prefixLines(String(chunk), process.stderr))
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child)
      resolve(`the server exited during start-up (${signal ?? `exit code ${code}`})`)
    }),
  )
  const url = `http://${HOST}:${port}/healthz`
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  while (Date.now() < deadline) {
    const status = await Promise.race([
      fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        async (r) => {
          await r.arrayBuffer()
          return r.status
        },
        () => 0,
      ),
      exited,
    ])
    if (typeof status === 'string') throw new Error(status)
    if (status === 200) return waitForStartupJobs(port, exited)
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s.`)
}

/**
 * The server answers before the jobs it starts with have finished; measured meanwhile, the first
 * routes (the baseline among them) would share the CPU with them. `/bench/ready` (BENCH=1 only)
 * says when they are done.
 * @param {number} port
 * @param {Promise<unknown>} exited
 */
async function waitForStartupJobs(port, exited) {
  const url = `http://${HOST}:${port}/bench/ready`
  const started = Date.now()
  const deadline = started + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    const status = await Promise.race([
      fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        async (r) => {
          await r.arrayBuffer()
          return r.status
        },
        () => 0,
      ),
      exited,
    ])
    if (typeof status === 'string') throw new Error(status)
    if (status === 200) {
      console.log(
        `  start-up jobs finished (waited ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      )
      return
    }
    if (status === 404) {
      console.warn(
        '  ⚠ this build has no /bench/ready: measuring while start-up jobs may still run',
      )
      return
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s.`)
}

async function stopServer() {
  const child = server
  server = undefined
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  // server.js exits within 5 s of SIGTERM by design; don't wait longer than that.
  const timer = setTimeout(() => child.kill('SIGKILL'), 6_000)
  await gone
  clearTimeout(timer)
}

process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

let interrupted = false
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (interrupted) return
    interrupted = true
    console.error(`\n${signal}: stopping the server and exiting.`)
    currentLoad?.stop()
    void stopServer().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  })
}

// ---------------------------------------------------------------------------------------------
// Load.

/** @type {{ stop(): void } | undefined} */
let currentLoad

/**
 * Nearest-rank percentile of sorted samples.
 * @param {Float64Array} sorted
 * @param {number} p
 */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return /** @type {number} */ (sorted[Math.min(sorted.length, Math.max(1, rank)) - 1])
}

/**
 * One bounded autocannon run. autocannon 8 reports latency percentiles p50, p90, p97.5 and
 * p99 but no p95, so every response time is kept here (from its 'response' event, at most
 * --max-requests numbers) and the percentiles are computed exactly from them.
 * @param {BenchRoute} route
 * @param {{ base: string, connections: number, duration: number, maxRequests: number }} o
 * @returns {Promise<{ result: any, times: Float64Array, elapsed: number }>}
 */
function load(route, { base, connections, duration, maxRequests }) {
  return new Promise((resolve, reject) => {
    /** @type {number[]} */
    const times = []
    /** @type {NodeJS.Timeout | undefined} */
    let guard
    const startedAt = performance.now()
    let lastAt = startedAt
    const instance = autocannon(
      {
        url: base + route.path,
        method: route.method ?? 'GET',
        headers: headersFor(route),
        body: route.body,
        connections,
        duration,
        // Not `amount`: in autocannon `amount` overrides `duration`. This caps the requests
        // while the duration still caps the time; whichever comes first ends the run.
        maxOverallRequests: maxRequests,
        timeout: 10,
      },
      (/** @type {Error | null} */ error, /** @type {any} */ result) => {
        clearTimeout(guard)
        currentLoad = undefined
        // After a signal, leave this pending: the signal handler stops the server and exits.
        if (interrupted) return
        if (error) return reject(error)
        const elapsed = (lastAt - startedAt) / 1000
        resolve({ result, times: Float64Array.from(times).sort(), elapsed })
      },
    )
    currentLoad = instance
    instance.on(
      'response',
      (
        /** @type {unknown} */ _client,
        /** @type {number} */ _status,
        /** @type {number} */ _bytes,
        /** @type {number} */ ms,
      ) => {
        times.push(ms)
        lastAt = performance.now()
      },
    )
    // Belt and braces: whatever autocannon does, this run ends shortly after its duration.
    guard = setTimeout(() => instance.stop(), (duration + 15) * 1000)
  })
}

/**
 * @param {BenchRoute} route
 * @param {{ result: any, times: Float64Array, elapsed: number }} run
 */
function summarise(route, { result, times, elapsed }) {
  const round = (/** @type {number} */ n) => Math.round(n * 100) / 100
  return {
    path: route.path,
    name: route.name ?? route.path,
    method: route.method ?? 'GET',
    responses: times.length,
    requestsSent: result.requests.sent,
    seconds: round(elapsed),
    rps: round(elapsed > 0 ? times.length / elapsed : 0),
    latencyMs: {
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      p99: round(percentile(times, 99)),
      max: round(percentile(times, 100)),
      mean: round(times.reduce((a, b) => a + b, 0) / (times.length || 1)),
    },
    // autocannon's own HDR-histogram figures (whole milliseconds), kept to cross-check ours.
    autocannonLatencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [
        code,
        /** @type {any} */ (s).count,
      ]),
    ),
    bytes: result.throughput.total,
    targetP95Ms: route.targetP95Ms,
    maxRatio: route.maxRatio,
  }
}

/** @typedef {ReturnType<typeof summarise> & { p95Ratio: number, rpsRatio: number, failures: string[] }} RouteResult */

/** @param {RouteResult[]} results */
function printTable(results) {
  const fmt = (/** @type {number} */ n, digits = 1) =>
    Number.isFinite(n) ? n.toFixed(digits) : '–'
  const header = [
    'route',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'non-2xx',
    'errors',
    'p95 ÷ base',
    'req/s ÷ base',
    'target',
    'result',
  ]
  const rows = results.map((r) => {
    const targets = [
      r.targetP95Ms !== undefined ? `p95 ≤ ${r.targetP95Ms} ms` : '',
      r.maxRatio !== undefined ? `≤ ${r.maxRatio}×` : '',
    ].filter(Boolean)
    return [
      r.name,
      fmt(r.rps, 0),
      fmt(r.latencyMs.p50),
      fmt(r.latencyMs.p95),
      fmt(r.latencyMs.p99),
      String(r.non2xx),
      String(r.errors + r.timeouts),
      `${fmt(r.p95Ratio, 2)}×`,
      fmt(r.rpsRatio, 2),
      targets.join(', ') || '–',
      r.failures.length ? `FAIL: ${r.failures.join('; ')}` : targets.length ? 'pass' : 'ok',
    ]
  })
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => /** @type {string} */ (row[i]).length)),
  )
  const left = new Set([0, 9, 10])
  const line = (/** @type {string[]} */ cells) =>
    `| ${cells.map((c, i) => (left.has(i) ? c.padEnd(/** @type {number} */ (widths[i])) : c.padStart(/** @type {number} */ (widths[i])))).join(' | ')} |`
  console.log(line(header))
  console.log(
    `|${widths.map((w, i) => (left.has(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  )
  for (const row of rows) console.log(line(row))
}

function gitCommit() {
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' })
  if (git.status !== 0) return undefined
  const dirty =
    spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !==
    ''
  return `${git.stdout.trim()}${dirty ? '+dirty' : ''}`
}

async function main() {
  const options = readOptions()
  const startedAt = new Date()
  const loadAtStart = os.loadavg()[0] ?? 0

  if (options.build)
    await runStep('Building (npx remix build)', npmCommand('npx', ['remix', 'build']))
  else if (!existsSync(path.join(ROOT, 'build', 'index.js')))
    throw new Error('No build/index.js: run without --no-build.')

  if (process.env.DATABASE_URL) {
    console.log(
      '\nDATABASE_URL is set: benchmarking that database as it is (fill it with `npm run bench:data`).',
    )
  } else {
    if (options.fresh) {
      rmSync(path.resolve(ROOT, PGLITE_DIR), { recursive: true, force: true })
      rmSync(MARKER, { force: true })
    }
    if (!existsSync(MARKER) || !existsSync(path.resolve(ROOT, PGLITE_DIR))) {
      // Must finish (and close the folder) before the server opens it: one owner per PGlite folder.
      await runStep(
        `Generating data into ${PGLITE_DIR} (npm run bench:data)`,
        npmCommand('npm', ['run', 'bench:data']),
        {
          ...process.env,
          PGLITE_DIR,
        },
      )
    } else {
      console.log(`\nUsing the data in ${PGLITE_DIR} (--fresh makes it again).`)
    }
  }

  // Anything else busy on the machine (a test run, a build) shows up in every figure.
  const busy = os.loadavg()[0] ?? 0
  if (busy > os.cpus().length / 2)
    console.warn(
      `\n⚠ Load average is ${busy.toFixed(2)} on ${os.cpus().length} CPUs: other work is running, figures will be noisy.`,
    )

  const port = await freePort()
  await startServer(port)
  const base = `http://${HOST}:${port}`
  const { routes, connections, duration, maxRequests, warmup } = options

  if (warmup > 0) {
    console.log(`\n▶ Warming up (${warmup} s per route)`)
    for (const route of routes) {
      await load(route, {
        base,
        connections: Math.min(connections, 10),
        duration: warmup,
        maxRequests: Math.max(10, Math.min(maxRequests, 2_000)),
      })
    }
  }

  console.log(
    `\n▶ Measuring: ${connections} connections, ${duration} s or ${maxRequests} requests per route, whichever comes first`,
  )
  /** @type {ReturnType<typeof summarise>[]} */
  const measured = []
  for (const route of routes) {
    process.stdout.write(`  ${(route.method ?? 'GET').padEnd(4)} ${route.path} … `)
    const summary = summarise(
      route,
      await load(route, { base, connections, duration, maxRequests }),
    )
    console.log(`${summary.responses} responses in ${summary.seconds} s`)
    measured.push(summary)
  }
  await stopServer()

  const baseline = /** @type {ReturnType<typeof summarise>} */ (measured[0])
  /** @type {RouteResult[]} */
  const results = measured.map((r) => {
    const p95Ratio = r.latencyMs.p95 / baseline.latencyMs.p95
    const rpsRatio = r.rps / baseline.rps
    const failures = []
    if (r.responses === 0) failures.push('no responses')
    if (r.non2xx > 0) failures.push(`${r.non2xx} non-2xx`)
    if (r.errors + r.timeouts > 0) failures.push(`${r.errors} errors, ${r.timeouts} timeouts`)
    if (r.targetP95Ms !== undefined && !(r.latencyMs.p95 <= r.targetP95Ms))
      failures.push(`p95 > ${r.targetP95Ms} ms`)
    if (r.maxRatio !== undefined && !(p95Ratio <= r.maxRatio))
      failures.push(`ratio > ${r.maxRatio}×`)
    return {
      ...r,
      p95Ratio: Math.round(p95Ratio * 100) / 100,
      rpsRatio: Math.round(rpsRatio * 100) / 100,
      failures,
    }
  })

  console.log(
    `\nBrobygger bench — ${os.cpus().length} CPUs, load generator and server on the same machine\n`,
  )
  printTable(results)

  const data =
    existsSync(MARKER) && !process.env.DATABASE_URL
      ? JSON.parse(readFileSync(MARKER, 'utf8'))
      : undefined
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadavgBeforeStart: loadAtStart,
      loadavgAtEnd: os.loadavg(),
    },
    database: process.env.DATABASE_URL ? 'postgres (DATABASE_URL)' : `pglite ${PGLITE_DIR}`,
    data: data?.made,
    options: { connections, duration, maxRequests, warmup },
    percentiles:
      'exact nearest-rank over every response time (ms) recorded from autocannon response events',
    routes: results,
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
  console.log(`\nResults: ${path.relative(ROOT, file)}`)

  const failed = results.filter((r) => r.failures.length > 0)
  if (failed.length)
    console.error(`\n${failed.length} route(s) failed: ${failed.map((r) => r.path).join(', ')}`)
  return failed.length ? 1 : 0
}

// After a signal the signal handler owns the exit (code 130/143), not these.
main().then(
  async (code) => {
    if (interrupted) return
    await stopServer()
    process.exit(code)
  },
  async (error) => {
    if (interrupted) return
    console.error(`\nBench failed: ${error instanceof Error ? error.message : String(error)}`)
    await stopServer()
    process.exit(1)
  },
)
