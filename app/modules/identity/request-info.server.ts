import { clientIpHash } from './guards.server'
import type { RequestInfo } from './login.server'
import { sessionIdFromRequest } from './sessions.server'

export function requestInfo(request: Request, now = new Date()): RequestInfo {
  return {
    now,
    ipHash: clientIpHash(request),
    userAgent: request.headers.get('User-Agent'),
    previousSessionId: sessionIdFromRequest(request),
  }
}

/** The site's own origin for links in e-mails: PUBLIC_URL in production, else the request's. */
export function publicOrigin(request: Request): string {
  return process.env.PUBLIC_URL?.replace(/\/$/, '') ?? new URL(request.url).origin
}
