import { redirect } from 'react-router'
import { forbidden, notFound, refusalResponse } from '#app/platform/errors.ts'
import { getDb, type Db } from '#app/platform/db/db.server.ts'
import { can, isAccessLevel, type AccessLevel, type PactPermission } from '#app/access/access.ts'
import { readCookie, SESSION_COOKIE, validateSessionToken, type Session, type SessionUser } from '#app/platform/auth/session.server.ts'

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
  if (!row || !isAccessLevel(row.access)) return null
  return { pactId: row.pact_id, partyId: row.party_id, access: row.access }
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
