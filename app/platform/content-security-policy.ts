/**
 * The Content-Security-Policy of every page: scripts only from our origin or inline with this
 * response's nonce (React Router's hydration data and module loader), so injected markup cannot
 * run script; styles may be inline (React's style attributes, the charts); the collaboration
 * socket and server-sent events go to our own host only; no framing, no foreign form targets.
 */
export function contentSecurityPolicy(nonce: string, origin: string): string {
  const { host, protocol } = new URL(origin)
  // CSP 3 lets 'self' cover the socket's ws(s) scheme, but older browsers need it spelled out.
  const socket = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${socket}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}
