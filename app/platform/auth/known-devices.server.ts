import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { isSecureRequest, readCookie } from './session.server.ts'

/**
 * A browser that signed in to an account before is a known device of that account: its own
 * sign-in attempts are throttled apart from everyone else's (see rate-limit.server.ts). The
 * cookie holds a random token; like sessions, only its SHA-256 is stored, so the cookie cannot
 * be forged and a leaked database does not yield one.
 */
export const DEVICE_COOKIE = 'pactwerk_device'
const DEVICE_LIFETIME_S = 365 * 24 * 60 * 60

function deviceId(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** The id of this browser's known device, if it is one of this user's. */
export async function knownDeviceOf(request: Request, userId: string, db: Db = getDb()): Promise<string | null> {
  const token = readCookie(request.headers.get('Cookie'), DEVICE_COOKIE)
  if (!token) return null
  const row = await db
    .selectFrom('known_devices')
    .select('id')
    .where('id', '=', deviceId(token))
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.id ?? null
}

/** After a successful sign-in: this browser becomes (or stays) a known device of the user. Returns its cookie. */
export async function rememberDevice(request: Request, userId: string, now = new Date(), db: Db = getDb()): Promise<string> {
  const existing = await knownDeviceOf(request, userId, db)
  let token = readCookie(request.headers.get('Cookie'), DEVICE_COOKIE)
  if (existing) {
    await db
      .updateTable('known_devices')
      .set({ last_used_at: nowIso(now) })
      .where('id', '=', existing)
      .execute()
  } else {
    const bytes = new Uint8Array(20)
    crypto.getRandomValues(bytes)
    token = encodeBase32LowerCaseNoPadding(bytes)
    await db
      .insertInto('known_devices')
      .values({ id: deviceId(token), user_id: userId, created_at: nowIso(now), last_used_at: nowIso(now) })
      .execute()
  }
  const parts = [`${DEVICE_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${DEVICE_LIFETIME_S}`]
  if (isSecureRequest(request)) parts.push('Secure')
  return parts.join('; ')
}
