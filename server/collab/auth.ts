import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import { currentPactAccess, getAuthenticatedUser } from '#app/access/authorization.server.ts'
import type { AccessLevel } from '#app/access/access.ts'
import type { PactStatus } from '#app/pacts/lifecycle.ts'
import { CloseCode } from './close-codes.ts'
import type { CollabIdentity } from './types.ts'

/**
 * Who may open a collaboration socket, and whether they still may: the upgrade is checked
 * with the same session and membership rules as every page (authorization.server.ts), before
 * any document data is sent. Open sockets are re-checked in one batched query the moment the
 * app reports an access change (`AccessInvalidation`), and on a slow interval as a safety net.
 */

/**
 * Cross-site WebSocket hijacking guard. Cookies ride along on a WebSocket handshake from any
 * site, so the handshake's Origin must be this server (same host as the Host header) or one
 * configured explicitly. Browsers always send Origin on a WebSocket handshake; a client
 * without one is not a browser and cannot be carrying a victim's cookies.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true
  if (allowedOrigins.includes(origin)) return true
  if (!host) return false
  try {
    const originUrl = new URL(origin)
    // Parsed with the origin's scheme, so "host:443" and "host" compare equal for https.
    return originUrl.host === new URL(`${originUrl.protocol}//${host}`).host
  } catch {
    return false
  }
}

export type UpgradeDecision =
  { allowed: true; identity: CollabIdentity } | { allowed: false; status: 401 | 404; reason: 'no-session' | 'no-access' }

export async function authenticateUpgrade(request: IncomingMessage, pactId: string): Promise<UpgradeDecision> {
  const authenticated = await getAuthenticatedUser(request.headers.cookie)
  if (!authenticated) return { allowed: false, status: 401, reason: 'no-session' }
  const { user, session } = authenticated
  const [current] = await currentPactAccess([{ sessionId: session.id, userId: user.id, pactId }])
  if (current.status === 'session-ended') return { allowed: false, status: 401, reason: 'no-session' }
  // As on the pages: a pact the user may not see is "not found", so its existence does not leak.
  if (current.status === 'no-access') return { allowed: false, status: 404, reason: 'no-access' }
  return {
    allowed: true,
    identity: {
      userId: user.id,
      name: current.name,
      sessionId: session.id,
      pactId,
      partyId: current.membership.partyId,
      partyName: current.partyName,
      access: current.membership.access,
      pactStatus: current.pactStatus,
      suggestionsOnly: current.suggestionsOnly,
    },
  }
}

export type AccessVerdict =
  | {
      status: 'active'
      name: string
      access: AccessLevel
      partyId: string
      partyName: string
      pactStatus: PactStatus
      suggestionsOnly: boolean
    }
  | { status: 'ended'; code: number; reason: 'session-ended' | 'access-revoked' }

/** The current verdict for each identity, in order: two queries however many sockets are open. */
export async function recheckAccess(identities: readonly CollabIdentity[], now = new Date()): Promise<AccessVerdict[]> {
  const current = await currentPactAccess(identities, now)
  return current.map((access): AccessVerdict => {
    if (access.status === 'session-ended') return { status: 'ended', code: CloseCode.sessionEnded, reason: 'session-ended' }
    if (access.status === 'no-access') return { status: 'ended', code: CloseCode.accessRevoked, reason: 'access-revoked' }
    const { name, membership, partyName, pactStatus, suggestionsOnly } = access
    return {
      status: 'active',
      name,
      access: membership.access,
      partyId: membership.partyId,
      partyName,
      pactStatus,
      suggestionsOnly,
    }
  })
}

export interface MonitoredConnection {
  readonly identity: CollabIdentity
  applyAccess(verdict: AccessVerdict): void
  close(code: number, reason: string): void
}

/**
 * Re-checks open connections: all of them every `intervalMs` (a safety net), one pact's at once
 * with `checkNow(pactId)` when the app reports a change to who may see or write it.
 */
export function startAccessMonitor(intervalMs: number, connections: () => MonitoredConnection[], log: Logger) {
  let previous: Promise<void> = Promise.resolve()
  // A run waiting to start, per scope (a pact id, or '' for every connection).
  const queued = new Map<string, Promise<void>>()

  async function check(pactId: string | undefined): Promise<void> {
    const current = connections().filter((connection) => pactId === undefined || connection.identity.pactId === pactId)
    if (current.length === 0) return
    try {
      const verdicts = await recheckAccess(current.map((connection) => connection.identity))
      current.forEach((connection, i) => connection.applyAccess(verdicts[i]))
    } catch (error) {
      if (pactId === undefined) return log.error({ err: error }, 'collab access re-check failed; retrying next interval')
      // A change is known to have happened and cannot be checked: fail closed. The clients
      // reconnect and are authenticated afresh.
      log.error({ err: error, pactId }, 'collab access re-check failed; closing the pact’s sockets')
      for (const connection of current) connection.close(CloseCode.internalError, 'access-recheck-failed')
    }
  }

  // Runs one at a time, so an older run never overwrites a newer verdict; at most one waits per
  // scope. A caller that just changed access gets a run that starts after its change, not the
  // tail of one that read the old state.
  function checkNow(pactId?: string): Promise<void> {
    const scope = pactId ?? ''
    const waiting = queued.get(scope)
    if (waiting) return waiting
    const run = previous.then(() => {
      queued.delete(scope)
      return check(pactId)
    })
    queued.set(scope, run)
    previous = run
    return run
  }

  const timer = setInterval(() => void checkNow(), intervalMs)
  timer.unref()
  return {
    checkNow,
    stop: () => clearInterval(timer),
  }
}
