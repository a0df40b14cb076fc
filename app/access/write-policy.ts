import type { PactStatus } from '#app/pacts/lifecycle.ts'
import { isDocumentEditable } from '#app/pacts/lifecycle.ts'
import { can, type AccessLevel } from './access.ts'

/**
 * Who may change a pact's shared document (its text and its model) right now. The one rule for
 * the pages (what they offer), the socket's upgrade and — where it matters — the live document,
 * which asks it again for every client update it is about to apply.
 */
export type DocumentWriteRefusal =
  /** Not (or no longer) a member of the pact. */
  | 'no-access'
  /** A commentator or lezer: may read, never write. */
  | 'read-only-access'
  /** The pact is signed (or active): the text is frozen until an amendment reopens it. */
  | 'pact-signed'

export type DocumentWriteVerdict = { allowed: true } | { allowed: false; reason: DocumentWriteRefusal }

export function documentWriteVerdict({
  access,
  pactStatus,
}: {
  access: AccessLevel | null
  pactStatus: PactStatus
}): DocumentWriteVerdict {
  if (!access) return { allowed: false, reason: 'no-access' }
  if (!can(access, 'edit')) return { allowed: false, reason: 'read-only-access' }
  if (!isDocumentEditable(pactStatus)) return { allowed: false, reason: 'pact-signed' }
  return { allowed: true }
}

/**
 * How someone may change a pact's text: directly, only by suggestions (suggestions.ts), or not
 * at all. A commentator, who may not write, may propose: the server holds such a connection to
 * changes confined to its own suggestions (server/collab/suggestion-guard.ts). The structured
 * model has no suggestions, so for it only `documentWriteVerdict` counts.
 */
export type TextWriteVerdict = { kind: 'edit' } | { kind: 'suggest' } | { kind: 'refused'; reason: DocumentWriteRefusal }

export function textWriteVerdict(input: { access: AccessLevel | null; pactStatus: PactStatus }): TextWriteVerdict {
  const verdict = documentWriteVerdict(input)
  if (verdict.allowed) return { kind: 'edit' }
  if (verdict.reason === 'read-only-access' && can(input.access, 'comment') && isDocumentEditable(input.pactStatus))
    return { kind: 'suggest' }
  return { kind: 'refused', reason: verdict.reason }
}

/** What a page offers after the verdict: editing, or the reason it may not (for its ReadOnlyNotice). */
export function writeOffer(verdict: DocumentWriteVerdict): { canEdit: boolean; readOnly: DocumentWriteRefusal | null } {
  return verdict.allowed ? { canEdit: true, readOnly: null } : { canEdit: false, readOnly: verdict.reason }
}
