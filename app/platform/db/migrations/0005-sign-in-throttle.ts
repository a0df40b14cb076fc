import { sql, type Kysely } from 'kysely'

/**
 * Sign-in throttling by exponential delay instead of a lock-out window: one row per key
 * (an account, a client address, a known device) with its failures and the time before which
 * the next attempt is refused. The old per-attempt log it replaces is dropped. Known devices
 * are browsers that signed in successfully: like sessions, only the SHA-256 of their cookie
 * token is stored.
 *
 * Also undone here: pact invitations used to make the invitee a member ('lid') of the party's
 * organisation, which only that organisation's own invitations may do. Memberships that came
 * from a pact invitation alone are removed; pact access (pact_members) is untouched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_attempts').execute()

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('limit_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sign_in_throttle_updated').on('sign_in_throttle').column('updated_at').execute()

  await db.schema
    .createTable('known_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('known_devices_user').on('known_devices').column('user_id').execute()

  await sql`
    DELETE FROM organisation_members
    WHERE role = 'lid'
      AND EXISTS (
        SELECT 1 FROM invitations
        WHERE invitations.kind = 'pact'
          AND invitations.used_by = organisation_members.user_id
          AND invitations.organisation_id = organisation_members.organisation_id
      )
      AND NOT EXISTS (
        SELECT 1 FROM invitations
        WHERE invitations.kind = 'organisation'
          AND invitations.used_by = organisation_members.user_id
          AND invitations.organisation_id = organisation_members.organisation_id
      )
  `.execute(db)
}
