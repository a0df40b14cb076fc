import type { ClauseSignOff, SignOffMatrix } from './status.ts'

/**
 * What a signatory's review flow walks: the items their party still has to decide on, in the
 * order of the pact. That is every item whose status for the party is 'open' (never decided, or
 * a refusal of a text that is gone) or 'gewijzigd-na-akkoord' (approved, then changed). An item
 * the party approved, refused or asked to change in its current content is decided: it comes
 * back only when its content changes.
 */
export function itemsToReview(matrix: SignOffMatrix, partyId: string): ClauseSignOff[] {
  return matrix.clauses.filter((clause) => {
    const status = clause.parties.find((party) => party.partyId === partyId)?.status
    return status === 'open' || status === 'gewijzigd-na-akkoord'
  })
}

/** The next item to review after `clauseId` in the pact's order, wrapping round; null when there is no other. */
export function nextToReview(matrix: SignOffMatrix, partyId: string, clauseId: string): string | null {
  const index = matrix.clauses.findIndex((clause) => clause.clauseId === clauseId)
  const open = new Set(itemsToReview(matrix, partyId).map((clause) => clause.clauseId))
  const ordered = [...matrix.clauses.slice(index + 1), ...matrix.clauses.slice(0, Math.max(index, 0))]
  return ordered.find((clause) => open.has(clause.clauseId) && clause.clauseId !== clauseId)?.clauseId ?? null
}
