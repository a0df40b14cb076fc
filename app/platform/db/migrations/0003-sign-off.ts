import type { Kysely } from 'kysely'
import { autoIncrementId } from './column-types.ts'

/**
 * Sign-off: who signs for each party, every decision on a clause (append-only: the latest
 * per clause and party counts), the immutable signed versions, and comment threads.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pact_signatories')
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('pact_parties.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pact_signatories_pk', ['pact_id', 'party_id', 'user_id'])
    .execute()

  await autoIncrementId(db, db.schema.createTable('clause_decisions'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('clause_id', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull().references('pact_parties.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('clause_decisions_pact').on('clause_decisions').columns(['pact_id', 'clause_id']).execute()

  await db.schema
    .createTable('pact_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('state_base64', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('clauses', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pact_versions_number', ['pact_id', 'number'])
    .execute()

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('clause_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('quote', 'text')
    .addColumn('decision_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .execute()
  await db.schema.createIndex('comments_pact_clause').on('comments').columns(['pact_id', 'clause_id']).execute()
}
