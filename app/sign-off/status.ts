import { isUsableItemId } from './approvable-items.ts'
import { canonicalJson, sha256Hex } from './canonical.ts'

/**
 * What the approvals add up to: each clause's status per signing party, whether the pact can be
 * signed, and the seal of a signed version. Pure, shared by client and server; what there is to
 * approve is defined in approvable-items.ts (the clauses and every other item, called clauses
 * here), what an approval is bound to in canonical.ts.
 */

export const DECISIONS = ['akkoord', 'niet-akkoord', 'wijziging-gevraagd'] as const
export type Decision = (typeof DECISIONS)[number]

export interface Approval {
  clauseId: string
  partyId: string
  userId: string
  decision: Decision
  contentHash: string
  /** ISO 8601. */
  decidedAt: string
}

export type ClauseStatus = 'open' | 'akkoord' | 'gewijzigd-na-akkoord' | 'niet-akkoord' | 'wijziging-gevraagd'

export interface PartySignOff {
  partyId: string
  status: ClauseStatus
  /**
   * The party's latest decision on this clause, on whatever text it was about; null when the
   * party never decided. With 'gewijzigd-na-akkoord' its `contentHash` is the approved text, to
   * show what changed since; with 'open' it is a refusal of an earlier text, if any.
   */
  latest: Approval | null
}

export interface ClauseSignOff {
  clauseId: string
  contentHash: string
  /** Suggestions in this clause that nobody accepted or rejected yet. */
  openSuggestions: number
  /** In the order of the signing parties. */
  parties: PartySignOff[]
  /** Every signing party approved this exact content. */
  agreed: boolean
}

export interface SignOffMatrix {
  clauses: ClauseSignOff[]
  signingPartyIds: string[]
  /** Every clause agreed, with at least one clause and one signing party. */
  allAgreed: boolean
}

export interface OpenItem {
  clauseId: string
  partyId: string
  status: Exclude<ClauseStatus, 'akkoord'>
}

export type CanSignResult =
  | { ok: true }
  | { ok: false; reason: 'no-clauses' | 'no-signing-parties' | 'open-clauses' | 'open-suggestions'; open: OpenItem[] }

/**
 * Open suggestions and sign-off: a suggestion is not part of a clause's content (canonical.ts),
 * so it does not change the clause's hash or status. But what a party would approve is not
 * settled while a proposal for it is undecided: 'akkoord' on a clause with open suggestions is
 * refused ('niet akkoord' and 'wijziging gevraagd' are not), and a pact with open suggestions
 * anywhere cannot be signed. Accepting a suggestion changes the content, and so reopens the
 * clause's approvals like any edit.
 */
export function approvalBlockedBySuggestions(decision: Decision, openSuggestions: number): boolean {
  return decision === 'akkoord' && openSuggestions > 0
}

/**
 * Per clause and signing party, the party's latest decision on that clause decides:
 * - none → 'open';
 * - on the current hash → the decision itself ('akkoord', 'niet-akkoord', 'wijziging-gevraagd');
 * - 'akkoord' on an older hash → 'gewijzigd-na-akkoord': the approval no longer holds;
 * - a refusal or change request on an older hash → 'open': it was about a text that is gone,
 *   so the party has to look again (`latest` still shows it).
 * Approvals of parties that do not sign, or of clauses not listed, are ignored. Decisions at
 * the same moment are resolved by list order (the later one wins); an unreadable time counts
 * as oldest. An item without a usable id is open for everyone: it cannot be approved.
 */
export function signOffMatrix({
  clauses,
  signingPartyIds,
  approvals,
}: {
  clauses: ReadonlyArray<{ clauseId: string; contentHash: string; openSuggestions?: number }>
  signingPartyIds: readonly string[]
  approvals: readonly Approval[]
}): SignOffMatrix {
  const parties = [...new Set(signingPartyIds)]
  const latest = latestDecisions(approvals, new Set(parties))
  const rows = clauses.map(({ clauseId, contentHash, openSuggestions = 0 }): ClauseSignOff => {
    const decisions = isUsableItemId(clauseId) ? latest.get(clauseId) : undefined
    const partyRows = parties.map((partyId): PartySignOff => {
      const decision = decisions?.get(partyId) ?? null
      return { partyId, status: statusOf(decision, contentHash), latest: decision }
    })
    const agreed = partyRows.length > 0 && partyRows.every((row) => row.status === 'akkoord')
    return { clauseId, contentHash, openSuggestions, parties: partyRows, agreed }
  })
  const allAgreed = rows.length > 0 && parties.length > 0 && rows.every((row) => row.agreed)
  return { clauses: rows, signingPartyIds: parties, allAgreed }
}

/** What stands between the pact and signing: every clause × party that is not 'akkoord'. */
export function openItems(matrix: SignOffMatrix): OpenItem[] {
  return matrix.clauses.flatMap((clause) =>
    clause.parties.flatMap(({ partyId, status }) =>
      status === 'akkoord' ? [] : [{ clauseId: clause.clauseId, partyId, status }],
    ),
  )
}

export function canSign(matrix: SignOffMatrix): CanSignResult {
  if (matrix.clauses.length === 0) return { ok: false, reason: 'no-clauses', open: [] }
  if (matrix.signingPartyIds.length === 0) return { ok: false, reason: 'no-signing-parties', open: [] }
  const open = openItems(matrix)
  if (open.length > 0) return { ok: false, reason: 'open-clauses', open }
  return matrix.clauses.some((clause) => clause.openSuggestions > 0)
    ? { ok: false, reason: 'open-suggestions', open: [] }
    : { ok: true }
}

/**
 * The seal of a signed version: SHA-256 over the canonical JSON of
 * `{ clauses: [{ clauseId, contentHash }, …in document order], html, state }`, where `state`
 * is the base64 Yjs state or null. It covers exactly what is stored for the version, so
 * recomputing it from the stored row shows whether anything was altered; callers pass the
 * exact stored bytes (the HTML is not normalised).
 */
export function versionHash({
  html,
  clauseHashes,
  stateUpdateBase64,
}: {
  html: string
  clauseHashes: ReadonlyArray<{ clauseId: string; contentHash: string }>
  stateUpdateBase64?: string
}): string {
  const clauses = clauseHashes.map(({ clauseId, contentHash }) => ({ clauseId, contentHash }))
  return sha256Hex(canonicalJson({ clauses, html, state: stateUpdateBase64 ?? null }, false))
}

function latestDecisions(
  approvals: readonly Approval[],
  signingParties: ReadonlySet<string>,
): Map<string, Map<string, Approval>> {
  const latest = new Map<string, Map<string, Approval>>()
  for (const approval of approvals) {
    if (!signingParties.has(approval.partyId)) continue
    const byParty = latest.get(approval.clauseId) ?? new Map<string, Approval>()
    latest.set(approval.clauseId, byParty)
    const current = byParty.get(approval.partyId)
    if (!current || decidedAtMillis(approval) >= decidedAtMillis(current)) byParty.set(approval.partyId, approval)
  }
  return latest
}

function decidedAtMillis(approval: Approval): number {
  const millis = Date.parse(approval.decidedAt)
  return Number.isNaN(millis) ? -Infinity : millis
}

function statusOf(latest: Approval | null, currentHash: string): ClauseStatus {
  if (!latest) return 'open'
  if (latest.contentHash === currentHash) return latest.decision
  return latest.decision === 'akkoord' ? 'gewijzigd-na-akkoord' : 'open'
}
