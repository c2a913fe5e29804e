// Run after `npm install` (postinstall). Remix 2's server matches the URL against every route
// several times per request, and @remix-run/router 1.x flattens and ranks the whole route tree
// and compiles each route's pattern into a RegExp on every one of those calls — in our profile
// a fifth of a page's CPU time, growing with each route added. React Router 7 fixed this
// upstream by caching the ranked branches (remix-run/react-router#14967); this applies the same
// idea to the CommonJS build the server loads. The browser bundle is not touched (its route
// tree grows in place with lazy route discovery, so a cache keyed on the array would go stale).
// Idempotent; fails loudly if the library changed so the patch no longer fits (ADR 019).
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const MARK = '/* brobygger: cached route branches */'
const require = createRequire(import.meta.url)
let file
try {
  file = require.resolve('@remix-run/router')
} catch {
  process.exit(0) // not installed (e.g. a production install without it): nothing to patch
}
if (!existsSync(file)) process.exit(0)
let source = readFileSync(file, 'utf8')
if (source.includes(MARK)) process.exit(0)

const replacements = [
  [
    'let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);',
    'let branches = rankedBranches(routes);',
  ],
  [
    'let [matcher, compiledParams] = compilePath(pattern.path, pattern.caseSensitive, pattern.end);',
    'let [matcher, compiledParams] = cachedCompilePath(pattern.path, pattern.caseSensitive, pattern.end);',
  ],
]
for (const [from, to] of replacements) {
  if (!source.includes(from)) {
    console.error(`scripts/patch-router.js: "${from.split('\n')[0]}" not found in ${file}`)
    process.exit(1)
  }
  source = source.replace(from, to)
}
source += `
${MARK}
const brobyggerBranchCache = new WeakMap();
function rankedBranches(routes) {
  let branches = brobyggerBranchCache.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    brobyggerBranchCache.set(routes, branches);
  }
  return branches;
}
const brobyggerPathCache = new Map();
function cachedCompilePath(path, caseSensitive, end) {
  const key = path + "\\u0000" + (caseSensitive ? 1 : 0) + (end === false ? 0 : 1);
  let compiled = brobyggerPathCache.get(key);
  if (!compiled) {
    compiled = compilePath(path, caseSensitive, end);
    // route patterns are few and fixed; a bound keeps arbitrary matchPath() use from growing it
    if (brobyggerPathCache.size < 5000) brobyggerPathCache.set(key, compiled);
  }
  return compiled;
}
`
writeFileSync(file, source)
console.log(`Patched ${file}: route branches and patterns are compiled once (ADR 019).`)
