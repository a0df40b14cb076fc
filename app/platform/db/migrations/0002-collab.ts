import type { Kysely } from 'kysely'
import { autoIncrementId, isPostgres } from './column-types.ts'

/**
 * Storage of the collaborative documents (server/collab/persistence.ts): one compacted Yjs
 * state per pact plus an append-only log of the updates applied since. Each update is in the
 * log before it is relayed to anyone, so a crash loses nothing acknowledged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const binary = isPostgres(db) ? 'bytea' : 'blob'

  // The row's existence is also the "already seeded" marker: its primary key lets exactly one
  // process create it, so a pact's template is applied once even when first loads race.
  await db.schema
    .createTable('collab_documents')
    .addColumn('pact_id', 'text', (c) => c.primaryKey().references('pacts.id').onDelete('cascade'))
    .addColumn('state', binary, (c) => c.notNull())
    // The last log id merged into `state`; compaction updates it only if unchanged since it read.
    .addColumn('compacted_through', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await autoIncrementId(db, db.schema.createTable('collab_updates'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('collab_documents.pact_id').onDelete('cascade'))
    .addColumn('payload', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('collab_updates_pact').on('collab_updates').columns(['pact_id', 'id']).execute()
}
