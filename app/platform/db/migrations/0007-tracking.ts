import type { Kysely } from 'kysely'
import { autoIncrementId } from './column-types.ts'

/**
 * Tracking a signed pact: reported figures (indicator values and spending), the fixing of
 * periods, and each indicator's measuring frequency. All three are append-only: the current
 * figure, the fixed periods and the frequency in force are derived from the rows (see
 * app/tracking/records.ts). Cents are bigint, as in the model projection; measured values are
 * decimals (double precision).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await autoIncrementId(db, db.schema.createTable('tracking_records'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('result_area_id', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text')
    .addColumn('party_id', 'text', (c) => c.notNull().references('pact_parties.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('cents', 'bigint')
    .addColumn('source', 'text')
    .addColumn('reference_date', 'text')
    .addColumn('note', 'text')
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('correction_of', 'bigint')
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('tracking_records_pact').on('tracking_records').columns(['pact_id', 'kind', 'period']).execute()

  await autoIncrementId(db, db.schema.createTable('tracking_fixings'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('through_record_id', 'bigint', (c) => c.notNull())
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('fixed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('fixed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tracking_fixings_period', ['pact_id', 'period'])
    .execute()

  await autoIncrementId(db, db.schema.createTable('tracking_frequencies'))
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute()
}
