import { sql } from 'kysely'
import type { Db } from './db.server.ts'
import { isPostgres } from './migrations/column-types.ts'

/**
 * Work on a pact that only one instance at a time may do (compaction, the model projection) runs
 * inside a transaction holding a PostgreSQL advisory lock on its key. The lock ends with the
 * transaction, so a crashed or cut-off instance can never keep it or lose it half-way, which is
 * why this is not a Redis lock with a TTL. On SQLite one process writes and each transaction
 * already runs alone, so the lock is the transaction itself.
 */

/** Takes the lock, or answers false at once if another transaction holds it. */
export async function tryAdvisoryXactLock(trx: Db, key: string): Promise<boolean> {
  if (!isPostgres(trx)) return true
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${key})) as locked`.execute(trx)
  return rows[0]?.locked === true
}

/** Takes the lock, waiting for another transaction that holds it to end. */
export async function advisoryXactLock(trx: Db, key: string): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx)
}
