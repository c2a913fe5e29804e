import type { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleDocumentRequestFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { getI18nInstance, detectLanguage } from './i18n/i18n.server'
import { NonceProvider } from './nonce'
import type { RouteHandle } from './root'
import { createNonce, isSameOriginRequest, securityHeaders } from './security.server'
import { startApp, stopApp } from './lifecycle.server'
import { env, isProduction } from './env.server'
import { clearPublicCache } from './public-cache.server'

// The custom server (server.js) reaches these through the build's entry module.
export {
  startApp,
  stopApp,
  createNonce,
  securityHeaders,
  isSameOriginRequest,
  env,
  isProduction,
  clearPublicCache,
}

const ABORT_DELAY = 5_000

const handleRequest: HandleDocumentRequestFunction = async (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : ''
  const i18n = await getI18nInstance(detectLanguage(request))
  const page = (
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </I18nextProvider>
    </NonceProvider>
  )

  // A page sent as plain HTML (`handle.hydrate` false, app/root.tsx) has no scripts and so
  // nothing that waits: React renders it straight to one string, without the streaming
  // renderer's chunking and byte encoding (a tenth of such a page's CPU; ADR 019).
  if (!hydrates(remixContext)) {
    const html = renderToString(page)
    responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
    // As bytes: a string body is re-encoded by the Response class through a text stream.
    return new Response(Buffer.from(`<!DOCTYPE html>${html}`), {
      headers: responseHeaders,
      status: responseStatusCode,
    })
  }

  // The whole page is rendered, then sent as one body. Nothing here streams (no deferred data),
  // and React's many small chunks, each written to the socket on its own, cost more CPU than
  // the render itself on our pages (profiled; ADR 019). The chunks are collected by a plain
  // object rather than a stream.Writable: React listens for the stream's 'close' and answered it,
  // on every request, by ending the finished stream again — an error object with a stack trace
  // each time — and the stream machinery itself was a measurable share of a small page.
  return new Promise<Response>((resolve, reject) => {
    const chunks: Uint8Array[] = []
    const timer = setTimeout(() => abort(), ABORT_DELAY + 1000)
    timer.unref()
    const body = {
      write(chunk: Uint8Array) {
        chunks.push(chunk)
        return true
      },
      end() {
        clearTimeout(timer)
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        resolve(
          new Response(Buffer.concat(chunks), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        )
      },
      destroy(error: unknown) {
        clearTimeout(timer)
        reject(error)
      },
      on() {
        return body
      },
    }
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      onAllReady() {
        // React only ever calls write, end, destroy and on (for 'drain', 'error', 'close').
        pipe(body as unknown as Writable)
      },
      onShellError(error: unknown) {
        reject(error)
      },
      onError(error: unknown) {
        responseStatusCode = 500
        console.error(error)
      },
    })
  })
}

export default handleRequest

/** False when a matched route sends its page without the React runtime (app/root.tsx). */
function hydrates(context: EntryContext): boolean {
  return context.staticHandlerContext.matches.every(
    (m) => (context.routeModules[m.route.id]?.handle as RouteHandle | undefined)?.hydrate !== false,
  )
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  // A 404 (a bot probing, a mistyped address) is an answer, not an error worth a stack trace.
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}
