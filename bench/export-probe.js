// @ts-check
// Measures a streamed export against a running server: time to the first byte, total time,
// bytes and lines, and the server's resident memory (VmRSS from /proc, sampled every 50 ms)
// while the download runs. Used for the 1,000,000-row CSV export (issue 9, ADR 018).
//
//   npm exec -- node bench/export-probe.js --url 'http://127.0.0.1:3343/reports/export.csv?…' \
//     --cookie 'bb_session=…' --pid <server pid>
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    cookie: { type: 'string', default: '' },
    pid: { type: 'string' },
  },
})
if (!values.url) throw new Error('--url is required')

/** @param {string | undefined} pid */
function rssMb(pid) {
  if (!pid) return null
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Math.round(kb / 102.4) / 10
}

const before = rssMb(values.pid)
let peak = before ?? 0
const timer = setInterval(() => {
  const now = rssMb(values.pid)
  if (now !== null && now > peak) peak = now
}, 50)

const t0 = performance.now()
const response = await fetch(values.url, { headers: { Cookie: values.cookie } })
if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
let firstByteMs = null
let bytes = 0
let lines = 0
for await (const chunk of response.body) {
  if (firstByteMs === null) firstByteMs = performance.now() - t0
  bytes += chunk.length
  for (const b of chunk) if (b === 10) lines++
}
const totalMs = performance.now() - t0
clearInterval(timer)
console.log(
  JSON.stringify(
    {
      status: response.status,
      firstByteMs: Math.round(firstByteMs ?? totalMs),
      totalMs: Math.round(totalMs),
      megabytes: Math.round(bytes / 104857.6) / 10,
      lines,
      serverRssMb: { before, peak },
    },
    null,
    2,
  ),
)
