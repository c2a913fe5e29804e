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
//    A page asks the router for the same match up to five times (the request handler, the
//    static handler, the render and the lazy-discovery manifest), each walking every ranked
//    branch, and the render builds the route tree anew: the matches are memoised per route array
//    and pathname (callers get copies), the render's route tree is built once per build, and
//    link targets are resolved once per route and location.
//    The loader data for the browser (single fetch's turbo-stream) is encoded only when the page
//    renders <Scripts>, the only reader of it: a page sent as plain HTML (`handle.hydrate`
//    false, app/root.tsx) skipped nothing before, as the encoding started when the request began.
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

patch(
  '@remix-run/router',
  '/* brobygger: cached route matches */',
  [
    [
      'function matchRoutesImpl(routes, locationArg, basename, allowPartial) {\n  let location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;\n  let pathname = stripBasename(location.pathname || "/", basename);',
      `function matchRoutesImpl(routes, locationArg, basename, allowPartial) {
  let location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  return cachedMatchRoutes(routes, location.pathname || "/", basename, allowPartial);
}
function uncachedMatchRoutesImpl(routes, locationPathname, basename, allowPartial) {
  let pathname = stripBasename(locationPathname, basename);`,
    ],
  ],
  `const brobyggerMatchCache = new WeakMap();
function cachedMatchRoutes(routes, locationPathname, basename, allowPartial) {
  let byPath = brobyggerMatchCache.get(routes);
  if (!byPath) {
    byPath = new Map();
    brobyggerMatchCache.set(routes, byPath);
  }
  const key = (allowPartial ? "1" : "0") + String(basename) + "\\u0000" + locationPathname;
  let matches = byPath.get(key);
  if (matches === undefined) {
    matches = uncachedMatchRoutesImpl(routes, locationPathname, basename, allowPartial);
    // any pathname a client sends is a key: the bound keeps probes from growing it
    if (byPath.size >= 1000) byPath.delete(byPath.keys().next().value);
    byPath.set(key, matches);
  }
  return copyMatches(matches);
}
// callers may change what they get; the cached matches stay as matched. One params object is
// shared by all the matches of a result, as matchRouteBranch makes it.
function copyMatches(matches) {
  if (matches === null) return null;
  const params = Object.assign({}, matches.length > 0 ? matches[0].params : {});
  return matches.map((m) => ({ params, pathname: m.pathname, pathnameBase: m.pathnameBase, route: m.route }));
}
`,
)

// Every link on a page resolves its target against the current route and location (Link,
// useHref); the same few targets are resolved again on every render.
patch(
  '@remix-run/router',
  '/* brobygger: cached link targets */',
  [
    [
      'function resolveTo(toArg, routePathnames, locationPathname, isPathRelative) {\n  if (isPathRelative === void 0) {',
      `function resolveTo(toArg, routePathnames, locationPathname, isPathRelative) {
  return cachedResolveTo(toArg, routePathnames, locationPathname, isPathRelative);
}
function uncachedResolveTo(toArg, routePathnames, locationPathname, isPathRelative) {
  if (isPathRelative === void 0) {`,
    ],
  ],
  `const brobyggerResolveCache = new Map();
function cachedResolveTo(toArg, routePathnames, locationPathname, isPathRelative) {
  if (typeof toArg !== "string" || !Array.isArray(routePathnames)) {
    return uncachedResolveTo(toArg, routePathnames, locationPathname, isPathRelative);
  }
  const key = (isPathRelative ? "1" : "0") + String(locationPathname) + "\\u0000" + routePathnames.join("\\u0001") + "\\u0000" + toArg;
  let path = brobyggerResolveCache.get(key);
  if (path === undefined) {
    path = uncachedResolveTo(toArg, routePathnames, locationPathname, isPathRelative);
    if (brobyggerResolveCache.size >= 5000) brobyggerResolveCache.delete(brobyggerResolveCache.keys().next().value);
    brobyggerResolveCache.set(key, path);
  }
  return Object.assign({}, path);
}
`,
)

// The server render's route tree, built once per build instead of on every render. Nothing on
// the server changes it (only the browser's own tree grows, with lazy route discovery).
patch('@remix-run/server-runtime/dist/entry.js', '/* brobygger: route modules once per build */', [
  [
    'function createEntryRouteModules(manifest) {\n  return Object.keys(manifest)',
    `const brobyggerRouteModules = new WeakMap();
function createEntryRouteModules(manifest) {
  let modules = brobyggerRouteModules.get(manifest);
  if (!modules) {
    modules = Object.freeze(uncachedCreateEntryRouteModules(manifest));
    brobyggerRouteModules.set(manifest, modules);
  }
  return modules;
}
function uncachedCreateEntryRouteModules(manifest) {
  return Object.keys(manifest)`,
  ],
])

patch(
  '@remix-run/react/dist/server.js',
  '/* brobygger: server routes once per build */',
  [
    [
      'let routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);',
      'let routes$1 = cachedServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);',
    ],
  ],
  `const brobyggerServerRoutes = new WeakMap();
function cachedServerRoutes(manifestRoutes, routeModules, future, isSpaMode) {
  let byModules = brobyggerServerRoutes.get(manifestRoutes);
  if (!byModules) {
    byModules = new WeakMap();
    brobyggerServerRoutes.set(manifestRoutes, byModules);
  }
  let entry = byModules.get(routeModules);
  if (!entry || entry.isSpaMode !== isSpaMode) {
    entry = { isSpaMode, routes: routes.createServerRoutes(manifestRoutes, routeModules, future, isSpaMode) };
    byModules.set(routeModules, entry);
  }
  return entry.routes;
}
`,
)

patch(
  'react-router-dom/server.js',
  '/* brobygger: data routes once per route tree */',
  [
    [
      '  let manifest = {};\n  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);',
      '  let { manifest, dataRoutes } = cachedDataRoutes(routes);',
    ],
  ],
  `const brobyggerDataRoutes = new WeakMap();
function cachedDataRoutes(routes) {
  let entry = brobyggerDataRoutes.get(routes);
  if (!entry) {
    let manifest = {};
    let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);
    entry = { manifest, dataRoutes };
    brobyggerDataRoutes.set(routes, entry);
  }
  return entry;
}
`,
)

const ENCODE_HANDOFF =
  'serverHandoffStream: singleFetch.encodeViaTurboStream(state, request.signal, build.entry.module.streamTimeout, serverMode),'
const LAZY_HANDOFF =
  'serverHandoffStream: brobyggerLazyStream(() => singleFetch.encodeViaTurboStream(state, request.signal, build.entry.module.streamTimeout, serverMode)),'
patch(
  '@remix-run/server-runtime/dist/server.js',
  '/* brobygger: handoff encoded when read */',
  [
    // the document and the error document
    [ENCODE_HANDOFF, LAZY_HANDOFF],
    [ENCODE_HANDOFF, LAZY_HANDOFF],
  ],
  `function brobyggerLazyStream(make) {
  let stream;
  return {
    getReader() {
      stream ??= make();
      return stream.getReader();
    }
  };
}
`,
)

patch(
  '@remix-run/react/dist/server.js',
  '/* brobygger: handoff read when sent */',
  [
    [
      'reader: context.serverHandoffStream.getReader(),',
      'reader: brobyggerLazyReader(context.serverHandoffStream),',
    ],
  ],
  // StreamTransfer reads only after <Scripts> rendered; until then nothing is encoded.
  `function brobyggerLazyReader(stream) {
  let reader;
  return {
    read() {
      reader ??= stream.getReader();
      return reader.read();
    }
  };
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
