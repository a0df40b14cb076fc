import type { Kysely } from 'kysely'

/**
 * The projection of each pact's structured model (result areas, yearly budgets, indicators,
 * risk rules) into tables for queries and reporting, and the outcome of the last validation.
 * Everything here is derived from the pact's document and can be rebuilt from it; the
 * document stays the source of truth. Cents are bigint (PostgreSQL's integer stops at
 * € 21 million); measured values are decimals, so double precision (REAL in SQLite).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('result_areas')
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('target_group', 'text', (c) => c.notNull())
    .addColumn('responsible_party_ids', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('result_areas_pk', ['pact_id', 'id'])
    .execute()

  await db.schema
    .createTable('result_area_budgets')
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('result_area_id', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('result_area_budgets_pk', ['pact_id', 'result_area_id', 'party_id', 'year'])
    .execute()

  await db.schema
    .createTable('indicators')
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('result_area_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('baseline_value', 'double precision')
    .addColumn('baseline_year', 'integer')
    .addColumn('data_source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicators_pk', ['pact_id', 'id'])
    .execute()

  await db.schema
    .createTable('indicator_targets')
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_targets_pk', ['pact_id', 'indicator_id', 'year'])
    .execute()

  await db.schema
    .createTable('risk_rules')
    .addColumn('pact_id', 'text', (c) => c.notNull().references('pacts.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('result_area_id', 'text')
    .addColumn('corridor_percent', 'double precision', (c) => c.notNull())
    .addColumn('provider_share_inside', 'double precision', (c) => c.notNull())
    .addColumn('provider_share_outside', 'double precision', (c) => c.notNull())
    .addColumn('provider_cap_cents', 'bigint')
    .addColumn('provider_gain_share', 'double precision', (c) => c.notNull())
    .addColumn('revolving_fund_share', 'double precision', (c) => c.notNull())
    .addColumn('division_kind', 'text', (c) => c.notNull())
    .addColumn('division_weights', 'text')
    .addPrimaryKeyConstraint('risk_rules_pk', ['pact_id', 'id'])
    .execute()

  await db.schema
    .createTable('model_validation')
    .addColumn('pact_id', 'text', (c) => c.primaryKey().references('pacts.id').onDelete('cascade'))
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('model_hash', 'text')
    .addColumn('state_vector', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute()
}
