import type { Generated } from 'kysely'

/**
 * The database as Kysely sees it. Columns use only types both dialects share: text,
 * integer (0/1 for booleans) and ISO-8601 UTC text for timestamps, so the same queries
 * run on SQLite and PostgreSQL.
 */
export interface Database {
  users: UsersTable
  sessions: SessionsTable
  sign_in_attempts: SignInAttemptsTable
  organisations: OrganisationsTable
  organisation_members: OrganisationMembersTable
  pacts: PactsTable
  pact_parties: PactPartiesTable
  pact_members: PactMembersTable
  invitations: InvitationsTable
  audit_events: AuditEventsTable
}

export interface UsersTable {
  id: string
  email: string
  name: string
  password_hash: string
  created_at: string
}

export interface SessionsTable {
  /** SHA-256 of the cookie token, hex: the token itself is never stored. */
  id: string
  user_id: string
  expires_at: string
  created_at: string
}

export interface SignInAttemptsTable {
  id: Generated<number>
  /** 'email:<address>' or 'ip:<address>' */
  limit_key: string
  attempted_at: string
}

export interface OrganisationsTable {
  id: string
  name: string
  kind: string
  created_by: string
  created_at: string
}

export interface OrganisationMembersTable {
  organisation_id: string
  user_id: string
  role: string
  created_at: string
}

export interface PactsTable {
  id: string
  title: string
  region: string
  start_year: number
  end_year: number
  status: string
  created_by: string
  created_at: string
}

export interface PactPartiesTable {
  id: string
  pact_id: string
  organisation_id: string
  is_signatory: number
  created_at: string
}

export interface PactMembersTable {
  pact_id: string
  user_id: string
  party_id: string
  access: string
  created_at: string
}

export interface InvitationsTable {
  id: string
  /** SHA-256 of the link token, hex. */
  token_hash: string
  kind: string
  organisation_id: string
  pact_id: string | null
  party_id: string | null
  access: string | null
  created_by: string
  created_at: string
  expires_at: string
  used_at: string | null
  used_by: string | null
}

export interface AuditEventsTable {
  id: Generated<number>
  pact_id: string | null
  actor_id: string | null
  action: string
  details: string
  created_at: string
}
