import type { Kysely } from 'kysely'

/**
 * A comment thread can be about one suggestion in its clause (the suggestion's key, see
 * suggestionKey in app/document/suggestions.ts), and so can the explanation of a "wijziging
 * gevraagd". The suggestion itself lives in the document and is gone once decided; the comment's
 * `quote` keeps the text it was about, so the thread stays readable.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('suggestion_key', 'text').execute()
}
