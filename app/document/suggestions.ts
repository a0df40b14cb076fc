import type { JSONContent } from '@tiptap/core'

/**
 * Suggestions ("voorstellen"): text proposed for insertion or deletion, carried in the document
 * as marks (suggestion-marks.ts) until a redacteur or beheerder accepts or rejects them. Pure,
 * shared by the editor, the readers and the server.
 *
 * An open suggestion is not part of the text that is read, approved or signed: the readers use
 * `withoutOpenSuggestions`, which drops proposed insertions and keeps proposed deletions as the
 * original text they still are.
 */

export const INSERTION_MARK = 'insertion'
export const DELETION_MARK = 'deletion'
/** Required by the suggestion library; Pactwerk suggests text only, so no one may write it (update guard). */
export const MODIFICATION_MARK = 'modification'

export type SuggestionKind = typeof INSERTION_MARK | typeof DELETION_MARK

/** How a suggestion stopped being open, as the server audits it (suggestions.server.ts). */
export type SuggestionOutcome = 'accepted' | 'rejected' | 'withdrawn'

/** Who proposed what and when: stamped by the author's editor, checked by the server against the connection's user. */
export interface SuggestionAttributes {
  id: string | number | null
  authorId: string | null
  partyId: string | null
  /** ISO 8601. */
  createdAt: string | null
}

export interface OpenSuggestion {
  kind: SuggestionKind
  /** The suggestion library's id; with the author it identifies one suggestion. */
  id: string
  authorId: string
  partyId: string
  createdAt: string
  /** The clause the suggestion is in; null outside clauses. */
  clauseId: string | null
  text: string
}

export function isSuggestionKind(name: unknown): name is SuggestionKind {
  return name === INSERTION_MARK || name === DELETION_MARK
}

/** The key one suggestion is known by: the library's id is unique per author only. */
export function suggestionKey(suggestion: Pick<OpenSuggestion, 'kind' | 'id' | 'authorId'>): string {
  return `${suggestion.kind}:${suggestion.authorId}:${suggestion.id}`
}

/** Who proposed the suggestion a key names (see suggestionKey), also once it is decided; null when it is no such key. */
export function suggestionAuthorOf(key: string): string | null {
  const [kind, authorId] = key.split(':')
  return isSuggestionKind(kind) && authorId ? authorId : null
}

/** The editor opens at a clause's suggestions from a link with this before the clause id in its fragment. */
export const SUGGESTIONS_AT_CLAUSE = 'voorstellen-'

/** The id of the place a page shows one suggestion (and its discussion), for links to it. */
export function suggestionAnchor(suggestion: Pick<OpenSuggestion, 'kind' | 'id' | 'authorId'>): string {
  return `voorstel-${suggestionKey(suggestion).replace(/[^A-Za-z0-9_-]/g, '-')}`
}

/**
 * The open suggestions in document order, adjacent pieces of one suggestion joined. Total: odd nodes are skipped.
 * Found per top-level block and kept per block node: a document read again from the live one shares
 * the nodes of its unchanged blocks (readLiveDocument), so a change to one clause walks that clause only.
 */
export function listOpenSuggestions(doc: JSONContent): OpenSuggestion[] {
  // Only a document's blocks are looked at one by one; anything else is walked whole, as one block.
  if (typeof doc.text === 'string' || doc.type === 'clause' || !Array.isArray(doc.content)) return [...suggestionsIn(doc).found]
  const found: OpenSuggestion[] = []
  let last: OpenSuggestion | null = null
  for (const block of doc.content as unknown[]) {
    if (typeof block !== 'object' || block === null) continue
    const own = suggestionsIn(block)
    if (own.end === 'through') continue
    const [first, ...rest] = own.found
    // A suggestion that runs on from the block before (a proposed insertion of two paragraphs) is one.
    if (first && own.continues && last && suggestionKey(last) === suggestionKey(first) && last.clauseId === first.clauseId) {
      found[found.length - 1] = { ...last, text: last.text + first.text }
      found.push(...rest)
    } else found.push(...own.found)
    last = own.end === 'open' ? found.at(-1)! : null
  }
  return found
}

/** The open suggestions of one block, read as if it began the document, and how it joins its neighbours. */
interface BlockSuggestions {
  found: readonly OpenSuggestion[]
  /** Its first piece of text is a suggestion's, which may continue the one the blocks before end with. */
  continues: boolean
  /** After it, a piece of the next block may continue its last suggestion ('open'), or not ('closed'); 'through': it holds no text. */
  end: 'open' | 'closed' | 'through'
}

// Shared between readings, so read-only: a join makes a new suggestion rather than extend a kept one.
const suggestionsOfBlock = new WeakMap<object, BlockSuggestions>()

function suggestionsIn(block: JSONContent): BlockSuggestions {
  const kept = suggestionsOfBlock.get(block)
  if (kept) return kept
  const found: OpenSuggestion[] = []
  let last: OpenSuggestion | null = null
  let continues: boolean | null = null
  walk(block, null, (node, clauseId) => {
    const suggestion = suggestionOf(node)
    if (typeof node.text === 'string') continues ??= suggestion !== null
    if (!suggestion) {
      if (typeof node.text === 'string') last = null
      return
    }
    const text = (node.text ?? '').replace(/\u200b/g, '')
    if (last && suggestionKey(last) === suggestionKey(suggestion) && last.clauseId === clauseId) {
      last.text += text
      return
    }
    last = { ...suggestion, clauseId, text }
    found.push(last)
  })
  const own: BlockSuggestions = {
    found,
    continues: continues === true,
    end: continues === null ? 'through' : last ? 'open' : 'closed',
  }
  suggestionsOfBlock.set(block, own)
  return own
}

/** The document as it reads without open suggestions: proposed insertions left out, proposed deletions kept unmarked. */
export function withoutOpenSuggestions(node: JSONContent): JSONContent {
  const marks = node.marks?.filter((mark) => !isSuggestionKind(mark?.type))
  const stripped: JSONContent = { ...node }
  if (node.marks) {
    if (marks?.length) stripped.marks = marks
    else delete stripped.marks
  }
  if (Array.isArray(node.content)) {
    stripped.content = node.content.filter((child) => !isProposedText(child)).map((child) => withoutOpenSuggestions(child))
  }
  return stripped
}

/** Who or where a selection of suggestions is about: one author, one clause (null: outside the clauses), or both. */
export interface SuggestionScope {
  authorId?: string
  clauseId?: string | null
}

/**
 * The open suggestions in a scope, each once, in document order: what a bulk decision ("alle
 * voorstellen van Henk", "alle voorstellen in dit artikel") takes, and what a clause's page shows.
 * Pieces of one suggestion that other text separates are joined with an ellipsis.
 */
export function selectSuggestions(suggestions: readonly OpenSuggestion[], scope: SuggestionScope = {}): OpenSuggestion[] {
  const selected = new Map<string, OpenSuggestion>()
  for (const suggestion of suggestions) {
    if (scope.authorId !== undefined && suggestion.authorId !== scope.authorId) continue
    if (scope.clauseId !== undefined && suggestion.clauseId !== scope.clauseId) continue
    const key = suggestionKey(suggestion)
    const earlier = selected.get(key)
    if (earlier) earlier.text += ` … ${suggestion.text}`
    else selected.set(key, { ...suggestion })
  }
  return [...selected.values()]
}

/** Per clause id, how many suggestions are open in it. */
export function suggestionCountsByClause(suggestions: readonly OpenSuggestion[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { clauseId } of suggestions) if (clauseId) counts.set(clauseId, (counts.get(clauseId) ?? 0) + 1)
  return counts
}

/**
 * Text that is there only as a proposal: a proposed insertion, or one of the zero-width spaces the
 * suggestion library places (marked as a deletion) where a deletion crosses a paragraph boundary.
 */
export function isProposedText(node: { text?: unknown; marks?: unknown }): boolean {
  if (typeof node?.text !== 'string' || !Array.isArray(node.marks)) return false
  const types = new Set((node.marks as Array<{ type?: unknown } | null>).map((mark) => mark?.type))
  return types.has(INSERTION_MARK) || (types.has(DELETION_MARK) && /^\u200b*$/.test(node.text))
}

function suggestionOf(node: JSONContent): Omit<OpenSuggestion, 'clauseId' | 'text'> | null {
  if (typeof node.text !== 'string') return null
  for (const mark of node.marks ?? []) {
    if (!isSuggestionKind(mark?.type)) continue
    const attrs = (mark.attrs ?? {}) as Partial<Record<keyof SuggestionAttributes, unknown>>
    if (typeof attrs.authorId !== 'string' || (typeof attrs.id !== 'string' && typeof attrs.id !== 'number')) continue
    return {
      kind: mark.type,
      id: String(attrs.id),
      authorId: attrs.authorId,
      partyId: typeof attrs.partyId === 'string' ? attrs.partyId : '',
      createdAt: typeof attrs.createdAt === 'string' ? attrs.createdAt : '',
    }
  }
  return null
}

// The reader bounds the document's depth (read-document.ts), so recursion here is bounded too.
function walk(node: JSONContent, clauseId: string | null, visit: (node: JSONContent, clauseId: string | null) => void): void {
  if (typeof node !== 'object' || node === null) return
  const inClause = node.type === 'clause' && typeof node.attrs?.clauseId === 'string' ? node.attrs.clauseId : clauseId
  visit(node, inClause)
  if (Array.isArray(node.content)) for (const child of node.content) walk(child, inClause, visit)
}
