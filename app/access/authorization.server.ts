import { redirect } from 'react-router'
import { forbidden, notFound, refusalResponse } from '#app/platform/errors.ts'
import { getDb, type Db } from '#app/platform/db/db.server.ts'
import { can, membershipAccess, type AccessLevel, type PactPermission } from '#app/access/access.ts'
import type { PactStatus } from '#app/pacts/lifecycle.ts'
import {
  readCookie,
  SESSION_COOKIE,
  sessionFreshness,
  validateSessionToken,
  type Session,
  type SessionUser,
} from '#app/platform/auth/session.server.ts'

/**
 * The one place that decides who the user is and what they may do with a pact. Every
 * loader, action and the collaboration socket go through these guards.
 */

export async function getAuthenticatedUser(
  cookieHeader: string | null | undefined,
): Promise<{ user: SessionUser; session: Session } | null> {
  const token = readCookie(cookieHeader, SESSION_COOKIE)
  if (!token) return null
  const result = await validateSessionToken(token)
  return result && { user: result.user, session: result.session }
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getAuthenticatedUser(request.headers.get('Cookie')))?.user ?? null
}

/** Signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request)
  if (user) return user
  const url = new URL(request.url)
  const redirectTo = `${url.pathname}${url.search}`
  throw redirect(`/inloggen?${new URLSearchParams({ redirectTo })}`)
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect('/pacts')
}

export interface PactMembership {
  pactId: string
  partyId: string
  access: AccessLevel
}

export async function pactAccessFor(userId: string, pactId: string, db: Db = getDb()): Promise<PactMembership | null> {
  const row = await db
    .selectFrom('pact_members')
    .select(['pact_id', 'party_id', 'access'])
    .where('pact_id', '=', pactId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  const access = membershipAccess(row?.access)
  if (!row || !access) return null
  return { pactId: row.pact_id, partyId: row.party_id, access }
}

/** Someone holding a pact open with a session: an open collaboration socket. */
export interface PactSessionRef {
  sessionId: string
  userId: string
  pactId: string
}

export type CurrentPactAccess =
  | {
      status: 'active'
      name: string
      membership: PactMembership
      partyName: string
      pactStatus: PactStatus
      suggestionsOnly: boolean
    }
  | { status: 'session-ended' }
  | { status: 'no-access' }

// Keeps each IN list far below both dialects' bound-parameter limits.
const CHUNK = 500

/**
 * The same session and membership rules as the pages (`sessionFreshness`, `membershipAccess`),
 * for many holders at once, in order: the collaboration socket asks this when it opens and
 * whenever access may have changed. Two queries per 500 sessions or pacts, however many sockets.
 * Reads only: an expired session is reported, not deleted (its next page visit does that).
 */
export async function currentPactAccess(
  holders: readonly PactSessionRef[],
  now = new Date(),
  db: Db = getDb(),
): Promise<CurrentPactAccess[]> {
  const sessions = new Map<string, { userId: string; name: string }>()
  for (const ids of chunks(unique(holders.map((holder) => holder.sessionId)))) {
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.user_id', 'sessions.expires_at', 'users.name'])
      .where('sessions.id', 'in', ids)
      .execute()
    for (const row of rows) {
      if (sessionFreshness(new Date(row.expires_at), now) === 'expired') continue
      sessions.set(row.id, { userId: row.user_id, name: row.name })
    }
  }
  const memberships = new Map<
    string,
    { membership: PactMembership; partyName: string; pactStatus: PactStatus; suggestionsOnly: boolean }
  >()
  for (const pactIds of chunks(unique(holders.map((holder) => holder.pactId)))) {
    const rows = await db
      .selectFrom('pact_members')
      .innerJoin('pacts', 'pacts.id', 'pact_members.pact_id')
      .innerJoin('pact_parties', 'pact_parties.id', 'pact_members.party_id')
      .innerJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
      .select(['pact_members.pact_id', 'pact_members.user_id', 'pact_members.access', 'pact_members.party_id'])
      .select(['organisations.name', 'pacts.status', 'pacts.suggestions_only'])
      .where('pact_members.pact_id', 'in', pactIds)
      .execute()
    for (const row of rows) {
      const access = membershipAccess(row.access)
      if (!access) continue
      memberships.set(membershipKey(row.pact_id, row.user_id), {
        membership: { pactId: row.pact_id, partyId: row.party_id, access },
        partyName: row.name,
        pactStatus: row.status,
        suggestionsOnly: row.suggestions_only === 1,
      })
    }
  }
  return holders.map((holder): CurrentPactAccess => {
    const session = sessions.get(holder.sessionId)
    if (!session || session.userId !== holder.userId) return { status: 'session-ended' }
    const membership = memberships.get(membershipKey(holder.pactId, holder.userId))
    if (!membership) return { status: 'no-access' }
    return { status: 'active', name: session.name, ...membership }
  })
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

/**
 * The signed-in user's membership of this pact, if it allows `permission`. A pact the user
 * cannot see answers 404 (not 403), so its existence does not leak; a member lacking the
 * permission gets 403.
 */
export async function requirePactAccess(
  request: Request,
  pactId: string | undefined,
  permission: PactPermission,
): Promise<{ user: SessionUser; membership: PactMembership }> {
  const user = await requireUser(request)
  const membership = pactId ? await pactAccessFor(user.id, pactId) : null
  if (!membership) throw refusalResponse(notFound())
  if (!can(membership.access, permission)) {
    if (!can(membership.access, 'view')) throw refusalResponse(notFound())
    throw refusalResponse(forbidden())
  }
  return { user, membership }
}
