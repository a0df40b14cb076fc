import type { Generated } from 'kysely'
import type { AccessLevel } from '#app/access/access.ts'
import type { OrganisationKind, OrganisationRole } from '#app/organisations/organisation.ts'
import type { PactStatus } from '#app/pacts/lifecycle.ts'
import type { IndicatorDirection, IndicatorLevel, ProviderDivision, RiskScope } from '#app/pact-model/pact-model.ts'
import type { InvitationKind } from '#app/pacts/invitations.server.ts'
import type { Decision } from '#app/sign-off/status.ts'
import type { Frequency } from '#app/tracking/periods.ts'
import type { FigureKind, RecordStatus } from '#app/tracking/records.ts'

/**
 * The database as Kysely sees it. Columns use only types both dialects share: text,
 * integer (0/1 for booleans) and ISO-8601 UTC text for timestamps, so the same queries
 * run on SQLite and PostgreSQL. A column holding one of a fixed list is typed as that list's
 * union, from the module that owns the list: the database stores text, the code never casts.
 */
export interface Database {
  users: UsersTable
  sessions: SessionsTable
  sign_in_throttle: SignInThrottleTable
  known_devices: KnownDevicesTable
  organisations: OrganisationsTable
  organisation_members: OrganisationMembersTable
  pacts: PactsTable
  pact_parties: PactPartiesTable
  pact_members: PactMembersTable
  invitations: InvitationsTable
  audit_events: AuditEventsTable
  collab_documents: CollabDocumentsTable
  collab_updates: CollabUpdatesTable
  collab_states: CollabStatesTable
  pact_signatories: PactSignatoriesTable
  clause_decisions: ClauseDecisionsTable
  pact_versions: PactVersionsTable
  comments: CommentsTable
  result_areas: ResultAreasTable
  result_area_budgets: ResultAreaBudgetsTable
  indicators: IndicatorsTable
  indicator_targets: IndicatorTargetsTable
  risk_rules: RiskRulesTable
  model_validation: ModelValidationTable
  tracking_records: TrackingRecordsTable
  tracking_fixings: TrackingFixingsTable
  tracking_frequencies: TrackingFrequenciesTable
  settlements: SettlementsTable
  settlement_approvals: SettlementApprovalsTable
  fund_decisions: FundDecisionsTable
  fund_bookings: FundBookingsTable
  settlement_divisions: SettlementDivisionsTable
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

export interface SignInThrottleTable {
  /** 'account:<e-mail>', 'address:<client address>' or 'device:<known device id>' */
  limit_key: string
  /** Failed sign-ins since the last success (an attempt in progress counts as failed). */
  failures: number
  /** No attempt is evaluated before this time. */
  blocked_until: string
  updated_at: string
}

export interface KnownDevicesTable {
  /** SHA-256 of the device cookie's token, hex. */
  id: string
  user_id: string
  created_at: string
  last_used_at: string
}

export interface OrganisationsTable {
  id: string
  name: string
  kind: OrganisationKind
  created_by: string
  created_at: string
}

export interface OrganisationMembersTable {
  organisation_id: string
  user_id: string
  role: OrganisationRole
  created_at: string
}

export interface PactsTable {
  id: string
  title: string
  region: string
  start_year: number
  end_year: number
  status: PactStatus
  template: string
  created_by: string
  created_at: string
  /** 1 while the pact is in suggestion-only mode (write-policy.ts). */
  suggestions_only: Generated<number>
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
  access: AccessLevel
  created_at: string
}

export interface InvitationsTable {
  id: string
  /** SHA-256 of the link token, hex. */
  token_hash: string
  kind: InvitationKind
  organisation_id: string
  pact_id: string | null
  party_id: string | null
  access: AccessLevel | null
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

/** One pact's collaborative document: its log's bookkeeping (the compacted state is in collab_states). */
export interface CollabDocumentsTable {
  pact_id: string
  compacted_through: number
  /** The sequence number of the document's latest logged update; the next append takes the one after. */
  last_seq: number
  created_at: string
  updated_at: string
}

/** A document's compacted state: a Yjs update holding everything up to `compacted_through`. */
export interface CollabStatesTable {
  pact_id: string
  state: Uint8Array
}

/** Append-only log of Yjs updates applied to a document since its last compaction. */
export interface CollabUpdatesTable {
  id: Generated<number>
  pact_id: string
  /** Per document, without gaps from migration 0008 on: instances relay it, so a receiver notices what it missed. */
  seq: number
  payload: Uint8Array
  created_at: string
}

export interface PactSignatoriesTable {
  pact_id: string
  party_id: string
  user_id: string
  created_by: string
  created_at: string
}

/** Append-only: the latest decision per clause and party counts. */
export interface ClauseDecisionsTable {
  id: Generated<number>
  pact_id: string
  clause_id: string
  party_id: string
  user_id: string
  decision: Decision
  content_hash: string
  /** The canonical content decided on, so "what changed since" can be shown later. */
  canonical: string
  explanation: string | null
  created_at: string
}

/** A signed version: never updated once written. */
export interface PactVersionsTable {
  id: string
  pact_id: string
  number: number
  state_base64: string
  html: string
  /** JSON: the clauses with their canonical content and hash. */
  clauses: string
  /** JSON: the approvals the signing rested on. */
  decisions: string
  hash: string
  signed_by: string
  signed_at: string
}

export interface CommentsTable {
  id: string
  pact_id: string
  clause_id: string
  parent_id: string | null
  author_id: string
  body: string
  quote: string | null
  decision_id: number | null
  /** The suggestion the thread (or a decision's explanation) is about; its text is in `quote`. */
  suggestion_key: string | null
  created_at: string
  resolved_at: string | null
  resolved_by: string | null
}

// The projection of each pact's structured model: derived from the document, rebuilt from it when lost.

export interface ResultAreasTable {
  pact_id: string
  id: string
  position: number
  title: string
  description: string
  challenge: string
  target_group: string
  /** JSON: party ids. */
  responsible_party_ids: string
}

export interface ResultAreaBudgetsTable {
  pact_id: string
  result_area_id: string
  party_id: string
  year: number
  cents: number
}

export interface IndicatorsTable {
  pact_id: string
  id: string
  result_area_id: string
  position: number
  name: string
  unit: string
  level: IndicatorLevel
  direction: IndicatorDirection
  baseline_value: number | null
  baseline_year: number | null
  data_source: string
}

export interface IndicatorTargetsTable {
  pact_id: string
  indicator_id: string
  year: number
  value: number
}

export interface RiskRulesTable {
  pact_id: string
  id: string
  position: number
  scope_kind: RiskScope['kind']
  result_area_id: string | null
  corridor_percent: number
  provider_share_inside: number
  provider_share_outside: number
  provider_cap_cents: number | null
  provider_gain_share: number
  revolving_fund_share: number
  division_kind: ProviderDivision['kind']
  /** JSON: [{ partyId, weight }] when division_kind is 'weights'. */
  division_weights: string | null
}

/** The last validation of a pact's model; the projection above is the last valid model. */
export interface ModelValidationTable {
  pact_id: string
  valid: number
  /** JSON: [{ path, message, writers }], message an i18n key, writers the names of who wrote the value. */
  issues: string
  /** SHA-256 of the projected model, to skip rewriting an unchanged projection. */
  model_hash: string | null
  /** Base64 Yjs state vector of the document that was checked: differs once the document changed since. */
  state_vector: string
  checked_at: string
}

// Tracking a signed pact: append-only, the current figures are derived (app/tracking/records.ts).

/** One reported figure: an indicator value (kind 'realisatie') or a party's spending (kind 'uitgaven'). */
export interface TrackingRecordsTable {
  id: Generated<number>
  pact_id: string
  kind: FigureKind
  result_area_id: string
  /** Only for kind 'realisatie'. */
  indicator_id: string | null
  party_id: string
  /** '2027' or '2027-K1'. */
  period: string
  /** Only for kind 'realisatie'. */
  value: number | null
  /** Only for kind 'uitgaven'. */
  cents: number | null
  source: string | null
  /** ISO date (yyyy-mm-dd) the value refers to (peildatum). */
  reference_date: string | null
  note: string | null
  public: number
  status: RecordStatus
  /** Why a fixed figure was corrected. */
  reason: string | null
  /** The record a correction replaces, if there was one. */
  correction_of: number | null
  /** The signed version in force when it was reported. */
  version_number: number
  created_by: string
  created_at: string
}

export interface TrackingFixingsTable {
  id: Generated<number>
  pact_id: string
  period: string
  /** The highest tracking_records id at fixing: later records for the period are corrections. */
  through_record_id: number
  version_number: number
  fixed_by: string
  fixed_at: string
}

/** An indicator's measuring frequency ('jaar' or 'kwartaal'); the latest row per indicator counts. */
export interface TrackingFrequenciesTable {
  id: Generated<number>
  pact_id: string
  indicator_id: string
  frequency: Frequency
  set_by: string
  set_at: string
}

/** One settlement of a year (app/settlement); a herziening is a new row, the old one points to it. */
export interface SettlementsTable {
  id: string
  pact_id: string
  year: number
  /** 1 for the first settlement of the year, then one up per herziening. */
  number: number
  /** The signed version whose rules were applied. */
  version_number: number
  /** Canonical JSON of SettlementInputs and SettlementOutcome. */
  inputs: string
  outcome: string
  hash: string
  status: 'open' | 'definitief'
  superseded_by: string | null
  opened_by: string
  opened_at: string
  finalised_at: string | null
}

/** A party's decision on a settlement or a fund decision, bound to its hash. */
export interface SettlementApprovalsTable {
  id: Generated<number>
  pact_id: string
  subject_kind: 'afrekening' | 'fondsbesluit'
  subject_id: string
  party_id: string
  user_id: string
  decision: 'akkoord' | 'niet-akkoord'
  hash: string
  reason: string | null
  created_at: string
}

export interface FundDecisionsTable {
  id: string
  pact_id: string
  amount_cents: number
  purpose: string
  result_area_id: string | null
  hash: string
  status: 'open' | 'besloten'
  proposed_by: string
  proposed_at: string
  decided_at: string | null
}

/** A booking in a pact's revolving fund: positive in, negative out; exactly one source. */
export interface FundBookingsTable {
  id: Generated<number>
  pact_id: string
  year: number
  cents: number
  settlement_id: string | null
  decision_id: string | null
  booked_by: string
  booked_at: string
}

/** How a region divides a rule's municipal share (JSON of MunicipalDivision); the latest row per rule counts. */
export interface SettlementDivisionsTable {
  id: Generated<number>
  pact_id: string
  rule_id: string
  division: string
  set_by: string
  set_at: string
}
