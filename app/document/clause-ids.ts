import { newId } from '#app/platform/ids.ts'

/**
 * Clause identity. Sign-off refers to a clause by its id, so every clause in a document has
 * exactly one id of its own. These rules are pure; the editor plugin applies them.
 */

// Ids end up in URLs, forms and SQL rows; anything outside this shape is treated as missing.
const CLAUSE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function isUsableClauseId(id: unknown): id is string {
  return typeof id === 'string' && CLAUSE_ID_PATTERN.test(id)
}

export function newClauseId(): string {
  return newId()
}

/**
 * Indexes (in document order) of the clauses that need a new id: those without a usable id,
 * and every repeat of an id seen earlier. The first occurrence keeps its id, so the original
 * keeps its identity and the copy below it is renumbered.
 */
export function clauseIdsToReplace(ids: ReadonlyArray<unknown>): number[] {
  const seen = new Set<string>()
  const replace: number[] = []
  ids.forEach((id, index) => {
    if (!isUsableClauseId(id) || seen.has(id)) replace.push(index)
    else seen.add(id)
  })
  return replace
}

/** New ids for the clauses that need one, keyed by index; never an id already in use. */
export function assignClauseIds(ids: ReadonlyArray<unknown>, generate: () => string = newClauseId): Map<number, string> {
  const inUse = new Set(ids.filter(isUsableClauseId))
  const assigned = new Map<number, string>()
  for (const index of clauseIdsToReplace(ids)) {
    let id = generate()
    while (inUse.has(id) || !isUsableClauseId(id)) id = generate()
    inUse.add(id)
    assigned.set(index, id)
  }
  return assigned
}
