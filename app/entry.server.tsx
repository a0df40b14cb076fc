import { randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable } from '@react-router/node'
import { isbot } from 'isbot'
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from 'react-dom/server'
import { isRouteErrorResponse, ServerRouter, type EntryContext, type HandleErrorFunction } from 'react-router'
import { getAuthenticatedUser } from '#app/access/authorization.server.ts'
import { contentSecurityPolicy } from '#app/platform/content-security-policy.ts'
import { logger } from '#app/platform/logger.server.ts'
import { NonceContext } from '#app/platform/nonce.ts'

/**
 * React Router's server entry, as its default one (streaming, bots wait for everything) plus a
 * Content-Security-Policy with a fresh nonce per page, and logging of unexpected errors.
 */
export const streamTimeout = 5_000

export default function handleRequest(request: Request, status: number, headers: Headers, routerContext: EntryContext) {
  // https://httpwg.org/specs/rfc9110.html#HEAD
  if (request.method.toUpperCase() === 'HEAD') return new Response(null, { status, headers })

  const nonce = randomBytes(16).toString('base64')
  // Vite's development server injects its own inline scripts, without our nonce. Behind a proxy
  // that rewrites the Host header, PACTWERK_ORIGIN is where browsers open the socket.
  if (process.env.NODE_ENV !== 'development') {
    headers.set('Content-Security-Policy', contentSecurityPolicy(nonce, process.env.PACTWERK_ORIGIN ?? request.url))
  }
  // A page is one person's view of a pact that others change: never reused without asking. The
  // hashed scripts and styles it names are what browsers keep (a year, see server/main.js).
  headers.set('Cache-Control', 'private, no-cache')

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const userAgent = request.headers.get('user-agent')
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady'
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000)

    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId)
              timeoutId = undefined
              callback()
            },
          })
          headers.set('Content-Type', 'text/html')
          pipe(body)
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }))
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          status = 500
          // Errors in the shell reject above and React Router logs them through handleError.
          if (shellRendered) logger.error({ err: error, path: new URL(request.url).pathname }, 'render failed')
        },
      },
    )
  })
}

/**
 * Loader and action errors nobody meant: logged with the pact and the user, so a report of
 * "it broke" can be found. Refusals (a thrown Response or data() with a status) are answers,
 * not errors, and a request the browser abandoned is no one's problem.
 */
export const handleError: HandleErrorFunction = (error, { request, params }) => {
  if (request.signal.aborted || error instanceof Response || isRouteErrorResponse(error)) return
  const url = new URL(request.url)
  const pactId = params.pactId ?? url.pathname.match(/^\/pacts\/([^/]+)/)?.[1]
  void getAuthenticatedUser(request.headers.get('Cookie'))
    .catch(() => null)
    .then((authenticated) => {
      logger.error(
        { err: error, method: request.method, path: url.pathname, pactId, userId: authenticated?.user.id },
        'request failed',
      )
    })
}
