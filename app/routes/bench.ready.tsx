// The load benchmark (bench/run.js) waits for this before it warms up: the jobs the server
// starts with (app/lifecycle.server.ts) run for seconds on the bench data and would otherwise
// take CPU from the first routes measured, the baseline among them. Off unless BENCH=1.
import { startupJobsFinished } from '~/lifecycle.server'

export function loader() {
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
  if (process.env.BENCH !== '1') return new Response('Not Found', { status: 404, headers })
  if (!startupJobsFinished()) return new Response('starting', { status: 503, headers })
  return new Response('ready', { status: 200, headers })
}
