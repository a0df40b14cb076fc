import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'

/** At most this many failed sign-ins per e-mail address and per client address per window. */
export const SIGN_IN_LIMIT = 10
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000

function keys(email: string, clientAddress: string): string[] {
  return [`email:${email.toLowerCase()}`, `ip:${clientAddress}`]
}

export async function isSignInBlocked(email: string, clientAddress: string, now = new Date(), db: Db = getDb()) {
  const since = nowIso(new Date(now.getTime() - SIGN_IN_WINDOW_MS))
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select(['limit_key', (eb) => eb.fn.countAll<number>().as('attempts')])
    .where('limit_key', 'in', keys(email, clientAddress))
    .where('attempted_at', '>', since)
    .groupBy('limit_key')
    .execute()
  return rows.some((row) => Number(row.attempts) >= SIGN_IN_LIMIT)
}

export async function recordFailedSignIn(email: string, clientAddress: string, now = new Date(), db: Db = getDb()) {
  const attemptedAt = nowIso(now)
  await db
    .insertInto('sign_in_attempts')
    .values(keys(email, clientAddress).map((limit_key) => ({ limit_key, attempted_at: attemptedAt })))
    .execute()
  // Old attempts say nothing any more; dropping them keeps the table small.
  await db
    .deleteFrom('sign_in_attempts')
    .where('attempted_at', '<=', nowIso(new Date(now.getTime() - SIGN_IN_WINDOW_MS)))
    .execute()
}
