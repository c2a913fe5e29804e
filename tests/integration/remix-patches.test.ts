import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import type * as Router from '@remix-run/router'

// scripts/patch-remix.js runs after `npm install`; the server's speed (issue 4) and the export's
// memory bound (issue 9) depend on it. If an install skipped it, this says so (ADR 019).
const require = createRequire(import.meta.url)

describe('the fixes applied to the Remix server libraries', () => {
  it('caches the ranked route branches in the router the server loads', () => {
    const source = readFileSync(require.resolve('@remix-run/router'), 'utf8')
    expect(source).toContain('let branches = rankedBranches(routes);')
  })

  it('encodes the data for the browser only when the page sends the scripts that read it', () => {
    const runtime = readFileSync(
      require.resolve('@remix-run/server-runtime/dist/server.js'),
      'utf8',
    )
    expect(runtime.match(/serverHandoffStream: brobyggerLazyStream\(/g)).toHaveLength(2)
    expect(runtime).not.toContain('serverHandoffStream: singleFetch.encodeViaTurboStream(')
    const react = readFileSync(require.resolve('@remix-run/react/dist/server.js'), 'utf8')
    expect(react).toContain('reader: brobyggerLazyReader(context.serverHandoffStream),')
  })

  it('remembers the matches per pathname and hands out copies with the right params', () => {
    const source = readFileSync(require.resolve('@remix-run/router'), 'utf8')
    expect(source).toContain(
      'return cachedMatchRoutes(routes, location.pathname || "/", basename, allowPartial);',
    )
    const { matchRoutes } = require('@remix-run/router') as typeof Router
    const routes = [
      {
        id: 'root',
        path: '/',
        children: [
          {
            id: 'activities',
            path: 'activities',
            children: [{ id: 'activity', path: ':activityId' }],
          },
          { id: 'catalogue', path: 'activities', index: true },
        ],
      },
    ]
    const first = matchRoutes(routes, '/activities/a1')
    expect(first?.map((m) => m.route.id)).toEqual(['root', 'activities', 'activity'])
    expect(first?.at(-1)).toMatchObject({
      params: { activityId: 'a1' },
      pathname: '/activities/a1',
    })
    // a caller that changes its copy must not change the next answer
    Object.assign(first![2]!.params, { activityId: 'changed' })
    first!.pop()
    const second = matchRoutes(routes, '/activities/b2?x=1')
    expect(second?.at(-1)).toMatchObject({
      params: { activityId: 'b2' },
      pathname: '/activities/b2',
    })
    const again = matchRoutes(routes, '/activities/a1')
    expect(again).toHaveLength(3)
    expect(again?.at(-1)?.params).toEqual({ activityId: 'a1' })
    expect(again?.[0]?.params).toBe(again?.[2]?.params)
    expect(again?.[2]?.route).toBe(first?.[1]?.route.children?.[0])
    expect(matchRoutes(routes, '/nowhere')).toBeNull()
    expect(matchRoutes(routes, '/app/activities/c3', '/app')?.at(-1)?.params).toEqual({
      activityId: 'c3',
    })
  })

  it('builds the server render route tree once per build, and resolves each link once', () => {
    const read = (id: string) => readFileSync(require.resolve(id), 'utf8')
    expect(read('@remix-run/router')).toContain('return cachedResolveTo(toArg, routePathnames')
    expect(read('@remix-run/server-runtime/dist/entry.js')).toContain(
      'brobyggerRouteModules.get(manifest)',
    )
    expect(read('@remix-run/react/dist/server.js')).toContain('let routes$1 = cachedServerRoutes(')
    expect(read('react-router-dom/server.js')).toContain('cachedDataRoutes(routes);')
  })

  it('makes the response writer wait for a slow client', () => {
    const source = readFileSync(require.resolve('@remix-run/node/dist/stream.js'), 'utf8')
    expect(source).toContain('writable.on("drain", done)')
  })
})
