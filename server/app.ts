import type { Server } from 'node:http'
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import { isAllowedOrigin } from '#app/platform/auth/origin.server.ts'
import { readCookie, SESSION_COOKIE, sessionCookie, validateSessionToken } from '#app/platform/auth/session.server.ts'
import { createEditRecorder } from '#app/audit/edit-log.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { recordSuggestionEvent } from '#app/document/suggestions.server.ts'
import { demoSignIns, seedDemoIfEmpty } from '#app/demo/seed.server.ts'
import { closeDb, migrateToLatest } from '#app/platform/db/db.server.ts'
import { publishPactEventSoon } from '#app/platform/events/pact-events.server.ts'
import { logger } from '#app/platform/logger.server.ts'
import { projectPactModel } from '#app/pact-model/projection.server.ts'
import { installPorts } from '#app/platform/ports.ts'
import { attachCollabServer, type CollabServer } from './collab/index.ts'
import { healthCheck } from './health.ts'
import { createModelProjection } from './collab/projection.ts'
import { inProcessPorts } from './ports/in-process.ts'
import { startScaleOut } from './scale-out/index.ts'

/**
 * The app's server side as one bundle (built by Vite together with the routes, so both share
 * one module graph): HTTP middleware, the React Router handler and the collaboration socket.
 * server/main.js, plain JavaScript, starts it.
 */

function expectedOrigin(req: Request): string {
  return process.env.PACTWERK_ORIGIN ?? `${req.protocol}://${req.get('host')}`
}

/** State-changing requests from another site are refused before any route sees them. */
function refuseCrossSiteRequests(req: Request, res: Response, next: NextFunction) {
  const allowed = isAllowedOrigin(
    req.method,
    { origin: req.get('origin'), secFetchSite: req.get('sec-fetch-site') },
    expectedOrigin(req),
  )
  if (allowed) return next()
  logger.warn({ method: req.method, path: req.path, origin: req.get('origin') }, 'cross-site request refused')
  res.status(403).type('text/plain; charset=utf-8').send('Verzoek geweigerd: dit formulier kwam niet van Pactwerk zelf.')
}

/** A session used in its last 15 days is extended; the cookie must follow the new expiry. */
async function renewSessionCookie(req: Request, res: Response, next: NextFunction) {
  try {
    const token = readCookie(req.get('cookie'), SESSION_COOKIE)
    if (token) {
      const result = await validateSessionToken(token)
      if (result?.renewed) {
        const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`
        res.append('Set-Cookie', sessionCookie(new globalThis.Request(url), token, result.session.expiresAt))
      }
    }
    next()
  } catch (error) {
    next(error)
  }
}

/**
 * Headers every response carries, static files included (server/main.js registers this before
 * them). Pages add their Content-Security-Policy, with a nonce per page, in app/entry.server.tsx.
 */
export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
  })
  next()
}

/**
 * Brotli or gzip, as the browser accepts, for pages, data and the static scripts and styles
 * (server/main.js registers this before them). Event streams are left alone: compression holds
 * bytes back until it has enough, and a pact event must reach the page when it happens. The
 * collaboration socket never passes through here (an HTTP upgrade is not an Express request).
 */
export const compressResponses = compression({
  filter: (req, res) =>
    !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
})

export async function startApp(): Promise<{
  handler: express.Express
  /** Attaches the collaboration server, installs the ports and seeds the demo; resolves when requests may come. */
  attach(server: Server): Promise<void>
  close(): Promise<void>
  /** Lines for the console at start-up: the demo sign-ins, when the demo is present (filled by attach). */
  startupMessages: string[]
}> {
  await migrateToLatest()
  const scaleOut = startScaleOut(process.env, logger)
  const startupMessages: string[] = []
  const handler = express()
  handler.disable('x-powered-by')
  handler.get('/gezond', healthCheck)
  handler.use(refuseCrossSiteRequests, renewSessionCookie)
  handler.use(
    createRequestHandler({
      build: () => import('virtual:react-router/server-build'),
      getLoadContext: (req) => ({ clientAddress: req.ip ?? 'unknown' }),
    }),
  )
  let collab: CollabServer | undefined
  return {
    handler,
    // Before the server listens: the app reaches the live documents, events and sockets only through the ports.
    async attach(server) {
      const projectModelOnChange = createModelProjection({ project: projectPactModel })
      collab = attachCollabServer(server, {
        fanout: scaleOut?.fanout,
        catchUpIntervalMs: scaleOut?.catchUpIntervalMs,
        seedDocument: seedPactContent,
        onDocumentChanged: (change) => {
          projectModelOnChange(change)
          // Sign-off pages show each clause's status against the current text.
          publishPactEventSoon(change.pactId, 'document')
        },
        // The audit trail says who changed which clause, area, budget or rule.
        onClientEdit: createEditRecorder(),
        onSuggestions: (event) => {
          recordSuggestionEvent(event).catch((error: unknown) =>
            logger.error({ err: error, pactId: event.pactId }, 'suggestion audit failed'),
          )
        },
        allowedOrigins: process.env.PACTWERK_ORIGIN ? [process.env.PACTWERK_ORIGIN] : [],
      })
      const ports = inProcessPorts(collab)
      // Scale-out: pact events and access changes reach every instance, through Redis.
      installPorts(scaleOut ? scaleOut.ports(ports) : ports)
      // After the ports: the signed demo pact is signed through the sign-off functions, which use them.
      await seedDemoIfEmpty()
      startupMessages.push(...(await demoSignIns()))
    },
    async close() {
      await collab?.close()
      await scaleOut?.close()
      await closeDb()
    },
    startupMessages,
  }
}
