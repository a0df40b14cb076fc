import { sql, type Kysely } from 'kysely'
import { autoIncrementId } from './column-types.ts'

/**
 * Settling a signed pact's years (app/settlement): each settlement of a year with the inputs and
 * outcome every party approved and their hash; the approvals of settlements and fund decisions
 * (one table, one mechanism); the revolving fund's bookings and the table's decisions on it; and
 * how a region divides the municipal share per risk-sharing rule (the latest row per rule counts).
 * Settlements are never changed in what they say: a correction opens a new one (a herziening)
 * and the old one points to it through `superseded_by`. Cents are bigint, as in tracking.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settlements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('superseded_by', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .addUniqueConstraint('settlements_number', ['pact_id', 'year', 'number'])
    .execute()

  await autoIncrementId(db, db.schema.createTable('settlement_approvals'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull().references('pact_parties.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('settlement_approvals_subject')
    .on('settlement_approvals')
    .columns(['pact_id', 'subject_id'])
    .execute()

  await db.schema
    .createTable('fund_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('result_area_id', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute()

  await autoIncrementId(db, db.schema.createTable('fund_bookings'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('cents', 'bigint', (c) => c.notNull())
    .addColumn('settlement_id', 'text', (c) => c.references('settlements.id'))
    .addColumn('decision_id', 'text', (c) => c.references('fund_decisions.id'))
    .addColumn('booked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('booked_at', 'text', (c) => c.notNull())
    .addCheckConstraint('fund_bookings_one_source', sql`(settlement_id is null) <> (decision_id is null)`)
    .execute()

  await autoIncrementId(db, db.schema.createTable('settlement_divisions'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('division', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute()
}
