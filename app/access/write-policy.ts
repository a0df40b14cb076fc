import type { PactStatus } from '#app/pacts/lifecycle.ts'
import { isDocumentEditable } from '#app/pacts/lifecycle.ts'
import { can, type AccessLevel } from './access.ts'

/**
 * Who may change a pact's shared document (its text and its model) right now. The one rule for
 * the pages (what they offer), a beheerder's restore of the text, the socket's upgrade and — where
 * it matters — the live document, which asks it again for every client update it is about to apply.
 */
export type DocumentWriteRefusal =
  /** Not (or no longer) a member of the pact. */
  | 'no-access'
  /** A commentator or lezer: may read, never write. */
  | 'read-only-access'
  /** The pact is signed (or active): the text is frozen until an amendment reopens it. */
  | 'pact-signed'
  /**
   * The pact is in suggestion-only mode ("Alleen voorstellen", set by a beheerder): every change
   * to the text is a visible proposal. The structured model has no suggestions, so it is frozen
   * meanwhile rather than changed directly behind the proposals' backs.
   */
  | 'suggestions-only'

export type DocumentWriteVerdict = { allowed: true } | { allowed: false; reason: DocumentWriteRefusal }

export interface DocumentWriteFacts {
  access: AccessLevel | null
  pactStatus: PactStatus
  /** The pact's suggestion-only mode is on. */
  suggestionsOnly: boolean
}

export function documentWriteVerdict({ access, pactStatus, suggestionsOnly }: DocumentWriteFacts): DocumentWriteVerdict {
  if (!access) return { allowed: false, reason: 'no-access' }
  if (!can(access, 'edit')) return { allowed: false, reason: 'read-only-access' }
  if (!isDocumentEditable(pactStatus)) return { allowed: false, reason: 'pact-signed' }
  if (suggestionsOnly) return { allowed: false, reason: 'suggestions-only' }
  return { allowed: true }
}

/**
 * How someone may change a pact's text: directly, only by suggestions (suggestions.ts), or not
 * at all. A commentator, who may not write, may propose and withdraw its own proposals. In
 * suggestion-only mode those who could edit propose too, and still decide on others' proposals
 * (`mayDecide`): accepting or rejecting is how the table resolves them. The server holds a
 * suggesting connection to exactly this (server/collab/suggestion-guard.ts). The structured model
 * has no suggestions, so for it only `documentWriteVerdict` counts.
 */
export type TextWriteVerdict =
  { kind: 'edit' } | { kind: 'suggest'; mayDecide: boolean } | { kind: 'refused'; reason: DocumentWriteRefusal }

export function textWriteVerdict(facts: DocumentWriteFacts): TextWriteVerdict {
  const verdict = documentWriteVerdict(facts)
  if (verdict.allowed) return { kind: 'edit' }
  if (verdict.reason === 'suggestions-only') return { kind: 'suggest', mayDecide: true }
  if (verdict.reason === 'read-only-access' && can(facts.access, 'comment') && isDocumentEditable(facts.pactStatus))
    return { kind: 'suggest', mayDecide: false }
  return { kind: 'refused', reason: verdict.reason }
}

/** What a page offers after the verdict: editing, or the reason it may not (for its ReadOnlyNotice). */
export function writeOffer(verdict: DocumentWriteVerdict): { canEdit: boolean; readOnly: DocumentWriteRefusal | null } {
  return verdict.allowed ? { canEdit: true, readOnly: null } : { canEdit: false, readOnly: verdict.reason }
}
