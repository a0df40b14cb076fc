import type { Kysely } from 'kysely'

/**
 * A pact's suggestion-only mode ("Alleen voorstellen", app/access/write-policy.ts): while it is on
 * (1), every change to the text by anyone is a suggestion. 0/1 as every boolean here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pacts')
    .addColumn('suggestions_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}
