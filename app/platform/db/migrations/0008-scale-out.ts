import type { Kysely } from 'kysely'

/**
 * Scale-out: every logged update gets a sequence number per document, handed out by the
 * document's row (`last_seq`), so appends from several instances are serialised by that row's
 * lock and numbered without gaps. Instances relay updates with their number; one that sees a
 * number it skipped catches up from the log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('collab_documents')
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('collab_updates')
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()

  // Rows logged before: their ids are increasing per document, which is all a sequence must be.
  await db
    .updateTable('collab_updates')
    .set((eb) => ({ seq: eb.ref('id') }))
    .execute()
  await db
    .updateTable('collab_documents')
    .set((eb) => ({
      last_seq: eb.fn.coalesce(
        eb
          .selectFrom('collab_updates')
          .select((sub) => sub.fn.max('collab_updates.id').as('max_id'))
          .whereRef('collab_updates.pact_id', '=', 'collab_documents.pact_id'),
        eb.ref('collab_documents.compacted_through'),
      ),
    }))
    .execute()
  await db.schema.createIndex('collab_updates_pact_seq').on('collab_updates').columns(['pact_id', 'seq']).unique().execute()
}
