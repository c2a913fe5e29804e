// @ts-check
// The routes `npm run bench` loads, in order. Later issues add a line per page they build.
// A route may declare targets; missing one fails the run (non-zero exit):
//   targetP95Ms – p95 latency ceiling in milliseconds
//   maxRatio    – ceiling for p95 ÷ the baseline's p95 (how many "empty requests" it costs)
// Only paths: the host is always the local server the bench starts (127.0.0.1).

/**
 * @typedef {object} BenchRoute
 * @property {string} path
 * @property {string} [name] label in the table (default: the path)
 * @property {'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} [method] default GET
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {number} [targetP95Ms]
 * @property {number} [maxRatio]
 * @property {string} [as] measured as this person: a role whose session the data generator
 *   made (e.g. 'coordinator'); sent as the session cookie
 */

/** The constant page every figure is compared with (app/routes/bench.baseline.tsx). */
export const BASELINE = '/bench/baseline'

/** @type {BenchRoute[]} */
export const routes = [
  { path: BASELINE, name: 'baseline (constant page)' },
  // Front page: root loader (municipality list from the database) + React render.
  { path: '/', headers: { 'Accept-Language': 'da' } },
  // Health check: one `select 1` through the pool, JSON out.
  { path: '/healthz' },
  // The public catalogue over 5,000 activities and 50,000 sessions (generators activities and
  // sessions): filters, a Danish full-text search, and one activity's page (the generated
  // activity 0, always published by an approved organisation). The unfiltered page (the
  // visitor's municipality, more than 200 matches) is measured without a target.
  { path: '/activities', headers: { 'Accept-Language': 'da' } },
  {
    path: '/activities?category=sport&weekday=TU',
    headers: { 'Accept-Language': 'da' },
    targetP95Ms: 150,
    maxRatio: 5,
  },
  {
    path: '/activities?q=fodbold',
    headers: { 'Accept-Language': 'da' },
    targetP95Ms: 150,
    maxRatio: 5,
  },
  {
    path: '/activities/00000000-0000-4000-b003-000000000000',
    name: '/activities/<generated activity 0>',
    headers: { 'Accept-Language': 'da' },
    targetP95Ms: 150,
    maxRatio: 5,
  },
  // The Open Referral HSDS directory: a page of 50 services with their child collections.
  {
    path: '/api/hsds/services?page=1&per_page=50',
    name: '/api/hsds/services (50)',
    targetP95Ms: 200,
  },
  // Buddy suggestions for one waiting citizen (issue 7): one ranking query over the 2,000
  // volunteers of a buddy organisation (20,000 generated in all, 5,000 citizens waiting), as
  // that organisation's coordinator.
  {
    path: '/org/00000000-0000-4000-b002-000000000000/matching/00000000-0000-4000-b00a-000000000000',
    name: '/org/<buddy org 0>/matching/<referral 0>',
    headers: { 'Accept-Language': 'da' },
    as: 'coordinator',
    targetP95Ms: 100,
  },
  // The municipal dashboard (issue 9) for one municipality and the last full year, over
  // 1,000,000 held sessions with head counts, 50,000 referrals, 20,000 courses and 5,000 frikort
  // earnings (generators in reporting.ts), as that municipality's administrator. The target is
  // for 5 concurrent users: run with `--connections 5`.
  {
    path: `/reports?period=year&year=${new Date().getUTCFullYear() - 1}`,
    name: '/reports (one municipality, last year)',
    headers: { 'Accept-Language': 'da' },
    as: 'administrator',
    targetP95Ms: 1000,
  },
]
