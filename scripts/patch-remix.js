// Run after `npm install` (postinstall). Two fixes to Remix 2's server libraries, each applied
// once (a marker makes it idempotent) and failing the install loudly if the library text it
// expects has changed (ADR 019):
//
// 1. @remix-run/router 1.x flattens and ranks the whole route tree, and compiles every route
//    pattern into a RegExp, on every matchRoutes call — several per request; in our profile a
//    fifth of a page's CPU time, growing with each route. React Router 7 fixed this upstream by
//    caching the ranked branches (remix-run/react-router#14967); the same idea is applied to the
//    CommonJS build the server loads. The browser bundle is not touched (its route tree grows in
//    place with lazy route discovery, so a cache keyed on the array would go stale).
// 2. @remix-run/node writes every chunk of a streamed response at once, ignoring the socket's
//    backpressure, so a slow client made the server hold a whole 60 MB export in memory (issue
//    9 allows 100 MB; 406 MB RSS was measured). The writer now waits for 'drain'.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function patch(moduleId, marker, replacements, appended = '') {
  let file
  try {
    file = require.resolve(moduleId)
  } catch {
    return // not installed (e.g. a production install without it): nothing to patch
  }
  let source = readFileSync(file, 'utf8')
  if (source.includes(marker)) return
  for (const [from, to] of replacements) {
    if (!source.includes(from)) {
      console.error(`scripts/patch-remix.js: "${from.split('\n')[0].trim()}" not found in ${file}`)
      process.exit(1)
    }
    source = source.replace(from, to)
  }
  writeFileSync(file, `${source}\n${marker}\n${appended}`)
  console.log(`Patched ${file} (ADR 019).`)
}

patch(
  '@remix-run/router',
  '/* brobygger: cached route branches */',
  [
    [
      'let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);',
      'let branches = rankedBranches(routes);',
    ],
    [
      'let [matcher, compiledParams] = compilePath(pattern.path, pattern.caseSensitive, pattern.end);',
      'let [matcher, compiledParams] = cachedCompilePath(pattern.path, pattern.caseSensitive, pattern.end);',
    ],
  ],
  `const brobyggerBranchCache = new WeakMap();
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
    // route patterns are few and fixed; the bound keeps other matchPath() use from growing it
    if (brobyggerPathCache.size < 5000) brobyggerPathCache.set(key, compiled);
  }
  return compiled;
}
`,
)

patch('@remix-run/node/dist/stream.js', '/* brobygger: backpressure */', [
  [
    '      writable.write(value);\n',
    `      if (!writable.write(value) && !writable.destroyed) {
        await new Promise((resolve) => {
          const done = () => {
            writable.off("drain", done);
            writable.off("close", done);
            resolve();
          };
          writable.on("drain", done);
          writable.on("close", done);
        });
      }
`,
  ],
])
