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

/** The pact's entries, newest first, with the actor's name and the organisation they are in this pact for. */
export async function listAudit(pactId: string, db: Db = getDb()) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .leftJoin('pact_members', (join) =>
      join.onRef('pact_members.user_id', '=', 'audit_events.actor_id').onRef('pact_members.pact_id', '=', 'audit_events.pact_id'),
    )
    .leftJoin('pact_parties', 'pact_parties.id', 'pact_members.party_id')
    .leftJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
    .select([
      'audit_events.id',
      'audit_events.action',
      'audit_events.details',
      'audit_events.created_at',
      'users.name as actor_name',
      'organisations.name as actor_organisation',
    ])
    .where('audit_events.pact_id', '=', pactId)
    .orderBy('audit_events.id', 'desc')
    .execute()
}
