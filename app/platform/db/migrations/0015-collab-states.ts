import { sql, type Kysely } from 'kysely'
import { isPostgres } from './column-types.ts'

/**
 * A document's compacted state moves to a table of its own. Every append increments the
 * document row's `last_seq`; with a large pact's state (a megabyte) in that same row, SQLite
 * rewrote the whole record for each append, milliseconds per keystroke on the event loop. The
 * document row is now small; the state is written only when a document is created or compacted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collab_states')
    .addColumn('pact_id', 'text', (c) => c.primaryKey().references('collab_documents.pact_id').onDelete('cascade'))
    .addColumn('state', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .execute()
  await sql`insert into collab_states (pact_id, state) select pact_id, state from collab_documents`.execute(db)
  await db.schema.alterTable('collab_documents').dropColumn('state').execute()
}
