import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleDocumentRequestFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createI18nInstance, detectLanguage } from './i18n/i18n.server'
import { NonceProvider } from './nonce'
import { createNonce, isSameOriginRequest, securityHeaders } from './security.server'
import { startApp, stopApp } from './lifecycle.server'
import { env, isProduction } from './env.server'

// The custom server (server.js) reaches these through the build's entry module.
export { startApp, stopApp, createNonce, securityHeaders, isSameOriginRequest, env, isProduction }

const ABORT_DELAY = 5_000

const handleRequest: HandleDocumentRequestFunction = async (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : ''
  const i18n = await createI18nInstance(detectLanguage(request))
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}

export default handleRequest

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  // A 404 (a bot probing, a mistyped address) is an answer, not an error worth a stack trace.
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}
