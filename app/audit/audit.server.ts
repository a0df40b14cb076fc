import type { Transaction } from 'kysely'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import type { Database } from '#app/platform/db/schema.ts'

/**
 * The audit trail is append-only: this module only inserts and reads. Callers pass the
 * transaction that makes the change, so the change and its entry land together or not at all.
 */
export async function recordAudit(
  trx: Transaction<Database> | Db,
  entry: { pactId: string | null; actorId: string | null; action: string; details?: Record<string, unknown> },
) {
  await trx
    .insertInto('audit_events')
    .values({
      pact_id: entry.pactId,
      actor_id: entry.actorId,
      action: entry.action,
      details: JSON.stringify(entry.details ?? {}),
      created_at: nowIso(),
    })
    .execute()
}

export async function listAudit(pactId: string, db: Db = getDb()) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .select([
      'audit_events.id',
      'audit_events.action',
      'audit_events.details',
      'audit_events.created_at',
      'users.name as actor_name',
    ])
    .where('audit_events.pact_id', '=', pactId)
    .orderBy('audit_events.id', 'desc')
    .execute()
}
