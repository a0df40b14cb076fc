import { sql, type Kysely } from 'kysely'
import { isPostgres } from './column-types.ts'

/**
 * The audit trail is append-only, and the database itself says so: an UPDATE or DELETE of an
 * audit row is refused whoever sends it (app code, a migration, a console), so the trail can be
 * trusted without reading every code path that touches the database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
      END
      $$`.execute(db)
    await sql`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db)
    // TRUNCATE skips row triggers, so it gets its own.
    await sql`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db)
    return
  }
  // SQLite has no TRUNCATE; `DELETE FROM audit_events` without WHERE fires the delete trigger too.
  await sql`
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END`.execute(db)
  await sql`
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END`.execute(db)
}
