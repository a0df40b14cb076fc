import { advisoryXactLock } from '#app/platform/db/advisory-lock.server.ts'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'

/**
 * Sign-in throttling that slows a password guesser down without giving anyone a way to lock
 * the owner out of their account:
 * - Each key (the account, the client address; or, for a browser that signed in to this
 *   account before, that known device alone) gets some free attempts; after those, every
 *   failure doubles the wait before the next attempt is even evaluated (1 s, 2 s, 4 s …,
 *   at most 15 minutes). Nothing is ever locked for longer than the last wait.
 * - An attempt is claimed before the password is checked and counted as failed, for all its
 *   keys in one transaction with a compare-and-set per key, so parallel attempts cannot all
 *   pass the check before any of them is recorded.
 * - A known device is counted on its own key only: whoever fills the account's or the
 *   address's count (anyone who knows an e-mail address, or shares the owner's proxy) does
 *   not keep the owner's own browser out.
 * - A success clears the account's (or device's) count and gives the address back the
 *   attempt it cost; a count untouched for a day is forgotten.
 */
export const MAX_DELAY_MS = 15 * 60 * 1000
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000
const FREE_ATTEMPTS = { account: 5, address: 20, device: 5 } as const
// Should two claims still race for one row, the loser re-reads and tries again.
const CLAIM_ROUNDS = 5

export interface ThrottleKey {
  key: string
  free: number
  /** After a successful sign-in: start afresh, or only give back the attempt just claimed. */
  onSuccess: 'clear' | 'refund'
}

export function signInKeys(input: { email: string; clientAddress: string; knownDeviceId?: string | null }): ThrottleKey[] {
  if (input.knownDeviceId) return [{ key: `device:${input.knownDeviceId}`, free: FREE_ATTEMPTS.device, onSuccess: 'clear' }]
  return [
    { key: `account:${input.email.toLowerCase()}`, free: FREE_ATTEMPTS.account, onSuccess: 'clear' },
    { key: `address:${input.clientAddress}`, free: FREE_ATTEMPTS.address, onSuccess: 'refund' },
  ]
}

/** How long the next attempt waits after this many failures in a row. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0
  return Math.min(1000 * 2 ** Math.min(failures - free, 30), MAX_DELAY_MS)
}

export type SignInClaim = { allowed: true } | { allowed: false; retryAfterMs: number }

class Contended extends Error {}

/** Claim one attempt for every key (counted as failed until `signInSucceeded`), or say how long to wait. */
export async function claimSignInAttempt(keys: ThrottleKey[], now = new Date(), db: Db = getDb()): Promise<SignInClaim> {
  for (let round = 0; round < CLAIM_ROUNDS; round++) {
    try {
      return await db.transaction().execute((trx) => claimAll(trx, keys, now))
    } catch (error) {
      if (!(error instanceof Contended)) throw error
    }
  }
  return { allowed: false, retryAfterMs: 1000 }
}

async function claimAll(db: Db, keys: ThrottleKey[], now: Date): Promise<SignInClaim> {
  // On PostgreSQL claims for a key wait for each other (in one order, so never in a circle);
  // otherwise many parallel attempts could use up their rounds and be refused unevaluated.
  for (const key of keys.map((k) => k.key).sort()) await advisoryXactLock(db, `sign-in-throttle:${key}`)
  const rows = await db
    .selectFrom('sign_in_throttle')
    .selectAll()
    .where(
      'limit_key',
      'in',
      keys.map((k) => k.key),
    )
    .execute()
  const forgetBefore = nowIso(new Date(now.getTime() - FORGET_AFTER_MS))
  const current = new Map(rows.filter((row) => row.updated_at > forgetBefore).map((row) => [row.limit_key, row]))
  const wait = Math.max(0, ...[...current.values()].map((row) => new Date(row.blocked_until).getTime() - now.getTime()))
  if (wait > 0) return { allowed: false, retryAfterMs: wait }

  for (const { key, free } of keys) {
    const stored = rows.find((row) => row.limit_key === key)
    const failures = (current.get(key)?.failures ?? 0) + 1
    const values = {
      failures,
      blocked_until: nowIso(new Date(now.getTime() + delayAfter(failures, free))),
      updated_at: nowIso(now),
    }
    if (!stored) {
      const inserted = await db
        .insertInto('sign_in_throttle')
        .values({ limit_key: key, ...values })
        .onConflict((oc) => oc.column('limit_key').doNothing())
        .executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Contended()
    } else {
      const updated = await db
        .updateTable('sign_in_throttle')
        .set(values)
        .where('limit_key', '=', key)
        .where('failures', '=', stored.failures)
        .where('updated_at', '=', stored.updated_at)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) throw new Contended()
    }
  }
  // Old counts say nothing any more; dropping them keeps the table small.
  await db.deleteFrom('sign_in_throttle').where('updated_at', '<=', forgetBefore).execute()
  return { allowed: true }
}

/** The password was right: the attempt claimed for it was no failure. */
export async function signInSucceeded(keys: ThrottleKey[], db: Db = getDb()): Promise<void> {
  const cleared = keys.filter((k) => k.onSuccess === 'clear').map((k) => k.key)
  const refunded = keys.filter((k) => k.onSuccess === 'refund').map((k) => k.key)
  if (cleared.length > 0) await db.deleteFrom('sign_in_throttle').where('limit_key', 'in', cleared).execute()
  if (refunded.length > 0) {
    await db
      .updateTable('sign_in_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('limit_key', 'in', refunded)
      .where('failures', '>', 0)
      .execute()
  }
}
