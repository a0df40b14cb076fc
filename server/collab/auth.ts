import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import { getAuthenticatedUser, pactAccessFor } from '#app/access/authorization.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { can, isAccessLevel, type AccessLevel } from '#app/access/access.ts'
import type { PactStatus } from '#app/organisations/organisation.ts'
import { isDocumentEditable } from '#app/pacts/lifecycle.ts'
import { CloseCode } from './close-codes.ts'
import type { CollabIdentity } from './types.ts'

/**
 * Who may open a collaboration socket, and whether they still may: the upgrade is checked
 * with the same session and membership rules as every page (authorization.server.ts), before
 * any document data is sent; open sockets are re-checked in one batched query every few
 * seconds, so signing out, revoking membership or downgrading to read-only takes effect
 * while connected.
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
  | { allowed: true; identity: CollabIdentity }
  | { allowed: false; status: 401 | 404; reason: 'no-session' | 'no-access' }

export async function authenticateUpgrade(request: IncomingMessage, pactId: string): Promise<UpgradeDecision> {
  const authenticated = await getAuthenticatedUser(request.headers.cookie)
  if (!authenticated) return { allowed: false, status: 401, reason: 'no-session' }
  const { user, session } = authenticated
  const membership = await pactAccessFor(user.id, pactId)
  // As on the pages: a pact the user may not see is "not found", so its existence does not leak.
  if (!membership || !can(membership.access, 'view')) return { allowed: false, status: 404, reason: 'no-access' }
  const party = await getDb()
    .selectFrom('pact_parties')
    .innerJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
    .innerJoin('pacts', 'pacts.id', 'pact_parties.pact_id')
    .select(['organisations.name', 'pacts.status'])
    .where('pact_parties.id', '=', membership.partyId)
    .executeTakeFirst()
  return {
    allowed: true,
    identity: {
      userId: user.id,
      name: user.name,
      sessionId: session.id,
      pactId,
      partyId: membership.partyId,
      partyName: party?.name ?? '',
      access: membership.access,
      documentEditable: isDocumentEditable((party?.status ?? 'concept') as PactStatus),
    },
  }
}

export type AccessVerdict =
  | { status: 'active'; name: string; access: AccessLevel; partyId: string; partyName: string; documentEditable: boolean }
  | { status: 'ended'; code: number; reason: 'session-ended' | 'access-revoked' }

// Keeps each IN list far below both dialects' bound-parameter limits.
const CHUNK = 500

/** The current verdict for each identity, in order: two queries however many sockets are open. */
export async function recheckAccess(identities: readonly CollabIdentity[], now = new Date()): Promise<AccessVerdict[]> {
  const db = getDb()
  const sessions = new Map<string, { expiresAt: string; name: string }>()
  for (const ids of chunks(unique(identities.map((identity) => identity.sessionId)))) {
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.expires_at', 'users.name'])
      .where('sessions.id', 'in', ids)
      .execute()
    for (const row of rows) sessions.set(row.id, { expiresAt: row.expires_at, name: row.name })
  }
  const memberships = new Map<string, { access: string; partyId: string; partyName: string }>()
  const editablePacts = new Set<string>()
  for (const pactIds of chunks(unique(identities.map((identity) => identity.pactId)))) {
    const pacts = await db.selectFrom('pacts').select(['id', 'status']).where('id', 'in', pactIds).execute()
    for (const pact of pacts) if (isDocumentEditable(pact.status as PactStatus)) editablePacts.add(pact.id)
    const rows = await db
      .selectFrom('pact_members')
      .innerJoin('pact_parties', 'pact_parties.id', 'pact_members.party_id')
      .innerJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
      .select(['pact_members.pact_id', 'pact_members.user_id', 'pact_members.access', 'pact_members.party_id', 'organisations.name'])
      .where('pact_members.pact_id', 'in', pactIds)
      .execute()
    for (const row of rows) {
      memberships.set(membershipKey(row.pact_id, row.user_id), { access: row.access, partyId: row.party_id, partyName: row.name })
    }
  }
  return identities.map((identity): AccessVerdict => {
    const session = sessions.get(identity.sessionId)
    if (!session || new Date(session.expiresAt) <= now) {
      return { status: 'ended', code: CloseCode.sessionEnded, reason: 'session-ended' }
    }
    const membership = memberships.get(membershipKey(identity.pactId, identity.userId))
    if (!membership || !isAccessLevel(membership.access) || !can(membership.access, 'view')) {
      return { status: 'ended', code: CloseCode.accessRevoked, reason: 'access-revoked' }
    }
    return {
      status: 'active',
      name: session.name,
      access: membership.access,
      partyId: membership.partyId,
      partyName: membership.partyName,
      documentEditable: editablePacts.has(identity.pactId),
    }
  })
}

export interface MonitoredConnection {
  readonly identity: CollabIdentity
  applyAccess(verdict: AccessVerdict): void
}

/** Re-checks every open connection each `intervalMs`; `checkNow` for a change known to matter. */
export function startAccessMonitor(intervalMs: number, connections: () => MonitoredConnection[], log: Logger) {
  let previous: Promise<void> = Promise.resolve()
  let queued: Promise<void> | null = null

  async function check(): Promise<void> {
    const current = connections()
    if (current.length === 0) return
    const verdicts = await recheckAccess(current.map((connection) => connection.identity))
    current.forEach((connection, i) => connection.applyAccess(verdicts[i]))
  }

  // At most one run at a time, plus one queued behind it: a caller that just changed access
  // gets a run that starts after its change, not the tail of one that read the old state.
  function checkNow(): Promise<void> {
    if (queued) return queued
    const run = previous.then(() => {
      queued = null
      return check().catch((error: unknown) => log.error({ err: error }, 'collab access re-check failed; retrying next interval'))
    })
    queued = run
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

function membershipKey(pactId: string, userId: string): string {
  return `${pactId}\u0000${userId}`
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

function chunks<T>(values: T[]): T[][] {
  const result: T[][] = []
  for (let i = 0; i < values.length; i += CHUNK) result.push(values.slice(i, i + CHUNK))
  return result
}
