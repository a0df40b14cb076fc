import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { ports } from '#app/platform/ports.ts'

/**
 * Sessions as in Lucia's current guide (the `lucia` package itself is deprecated by its
 * author in favour of this): a random token in an HttpOnly cookie, only its SHA-256 in the
 * database, 30 days' validity that slides forward when used in its last 15 days.
 */
export const SESSION_COOKIE = 'pactwerk_session'
const DAY_MS = 24 * 60 * 60 * 1000
export const SESSION_LIFETIME_MS = 30 * DAY_MS
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS

export interface SessionUser {
  id: string
  email: string
  name: string
}

export interface Session {
  id: string
  userId: string
  expiresAt: Date
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** What to do with a stored session at `now`: reject it, keep it, or extend it. */
export function sessionFreshness(expiresAt: Date, now: Date): 'expired' | 'valid' | 'renew' {
  const left = expiresAt.getTime() - now.getTime()
  if (left <= 0) return 'expired'
  return left < SESSION_RENEW_WITHIN_MS ? 'renew' : 'valid'
}

export async function createSession(token: string, userId: string, now = new Date(), db: Db = getDb()): Promise<Session> {
  const session: Session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  }
  await db
    .insertInto('sessions')
    .values({ id: session.id, user_id: userId, expires_at: nowIso(session.expiresAt), created_at: nowIso(now) })
    .execute()
  return session
}

export async function validateSessionToken(
  token: string,
  now = new Date(),
  db: Db = getDb(),
): Promise<{ session: Session; user: SessionUser; renewed: boolean } | null> {
  const sessionId = sessionIdFromToken(token)
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.expires_at', 'users.email', 'users.name'])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst()
  if (!row) return null
  const session: Session = { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at) }
  const freshness = sessionFreshness(session.expiresAt, now)
  if (freshness === 'expired') {
    await invalidateSession(session.id, db)
    return null
  }
  if (freshness === 'renew') {
    session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
    await db
      .updateTable('sessions')
      .set({ expires_at: nowIso(session.expiresAt) })
      .where('id', '=', session.id)
      .execute()
  }
  return { session, user: { id: row.user_id, email: row.email, name: row.name }, renewed: freshness === 'renew' }
}

/** Ends the session; its open collaboration sockets close at once. */
export async function invalidateSession(sessionId: string, db: Db = getDb()): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
  await ports().access.sessionEnded(sessionId)
}

export async function invalidateUserSessions(userId: string, db: Db = getDb()): Promise<void> {
  const ended = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('id').execute()
  await Promise.all(ended.map((session) => ports().access.sessionEnded(session.id)))
}

/** Over https (directly, or behind a proxy trusted via TRUST_PROXY) cookies are Secure. */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`]
  if (isSecureRequest(request)) parts.push('Secure')
  return parts.join('; ')
}

export function clearSessionCookie(request: Request): string {
  const parts = [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0']
  if (isSecureRequest(request)) parts.push('Secure')
  return parts.join('; ')
}

/** A cookie's value, or null when it is absent or not validly encoded (anyone can send any header). */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() !== name) continue
    try {
      return decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      return null
    }
  }
  return null
}

/** Start a session for this user and continue to `to`, with the cookie (and any others given) set. */
export async function redirectWithNewSession(
  request: Request,
  userId: string,
  to: string,
  otherCookies: string[] = [],
): Promise<Response> {
  const token = generateSessionToken()
  const session = await createSession(token, userId)
  const headers = new Headers({ Location: to })
  for (const cookie of [sessionCookie(request, token, session.expiresAt), ...otherCookies]) headers.append('Set-Cookie', cookie)
  return new Response(null, { status: 302, headers })
}
