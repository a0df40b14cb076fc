import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { isUsableClauseId } from '#app/document/clause-ids.ts'

/**
 * Sign-off: what a party approves, and what the approvals add up to. Pure, shared by client
 * and server.
 *
 * An approval is bound to the SHA-256 of a clause's canonical content. The canonical content
 * is a line-based text, so that two versions can also be compared word by word:
 *
 *     kind budget
 *     title Budget jeugd en gezin
 *       paragraph Het budget staat {bold|vast} voor {italic|vier} jaar.
 *       orderedList{"start":3}
 *         listItem
 *           paragraph Eerste punt
 *     data {
 *       "budgetCents": 120000
 *     }
 *
 * What counts (a change reopens the approvals):
 * - the clause's kind and title;
 * - the text, word for word, Unicode-normalised to NFC;
 * - the block structure: every node's type and nesting (paragraph, heading, list, list item,
 *   table, row, header cell or cell) and the order of the blocks;
 * - attributes that change what is read: heading level, list numbering (`start`, `type`),
 *   cell spans; any attribute of a node type this module does not know counts too, so a new
 *   kind of node can never change unnoticed;
 * - marks that change how a word is read: bold, italic, underline, strike, code, subscript,
 *   superscript and a link's href. Emphasis can carry meaning ("niet"), a party approves what
 *   it reads, and a false reopen costs one click while a silent change costs trust;
 * - hard line breaks inside a paragraph, as one break;
 * - the structured data the clause shows (result area, budgets in cents, indicators, risk
 *   rule), as canonical JSON: keys sorted, `undefined` left out, strings NFC, numbers as
 *   JavaScript prints them (cents are integers already). References such as `resultAreaId`
 *   count only through the data they resolve to.
 *
 * What does not count (re-rendering, merging and reloading do not reopen anything):
 * - how text is split into text nodes: adjacent text with the same marks is one run;
 * - whitespace: runs of whitespace (including no-break spaces and newlines) are one space,
 *   leading and trailing whitespace and line breaks are dropped, and a space between two
 *   words with the same marks carries those marks, otherwise none;
 * - the order of marks and of attribute keys; an attribute that is null or at its default
 *   (`start` 1, `colspan` 1, `rowspan` 1) is the same as an absent one;
 * - empty paragraphs and headings;
 * - marks that only style or annotate (colour, highlight, comments) and presentation-only
 *   attributes (alignment, column widths, text direction, classes, styles);
 * - ids of nested nodes (`id` and any `…Id` attribute), and the clause's own id: that is its
 *   identity, not its content.
 *
 * Changing this format changes every hash and so reopens every approval.
 */

/** A node of a ProseMirror document as JSON (`node.toJSON()`, or Tiptap's `JSONContent`). */
export interface DocumentNode {
  type?: string
  attrs?: Record<string, unknown>
  content?: readonly DocumentNode[]
  marks?: readonly DocumentMark[]
  text?: string
}

export interface DocumentMark {
  type: string
  attrs?: Record<string, unknown>
}

export interface ExtractedClause {
  /** '' when the clause has no usable id yet: it is listed so that it still blocks signing. */
  clauseId: string
  kind: string
  title: string
  node: DocumentNode
}

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
  { ok: true } | { ok: false; reason: 'no-clauses' | 'no-signing-parties' | 'open-clauses'; open: OpenItem[] }

export interface VersionClause {
  clauseId: string
  title: string
  kind: string
  canonical: string
}

export interface WordChange {
  op: 'equal' | 'insert' | 'delete'
  /** Words joined by single spaces. */
  text: string
}

export type ClauseDiff =
  | { change: 'added'; clause: VersionClause }
  | { change: 'removed'; clause: VersionClause }
  | { change: 'changed'; clause: VersionClause; previous: VersionClause; moved: boolean; words: WordChange[] }
  | { change: 'unchanged'; clause: VersionClause; moved: boolean }

const CLAUSE_NODE = 'clause'
const CLAUSE_TITLE_NODE = 'clauseTitle'
const HARD_BREAK_NODE = 'hardBreak'
// The kind a clause node has when its attribute is missing (the node's default).
const DEFAULT_CLAUSE_KIND = 'algemeen'
// Textblocks that say nothing when empty; an unknown empty node (a rule, an image) still counts.
const DROPPED_WHEN_EMPTY = new Set(['paragraph', 'heading'])
const MEANINGFUL_MARKS = new Set(['bold', 'italic', 'underline', 'strike', 'code', 'subscript', 'superscript'])
const LINK_MARK = 'link'
const PRESENTATION_ATTRIBUTES = new Set(['textAlign', 'colwidth', 'dir', 'class', 'style', 'color', 'backgroundColor'])
const DEFAULT_ATTRIBUTE_VALUES = new Map<string, unknown>([
  ['start', 1],
  ['colspan', 1],
  ['rowspan', 1],
])
// Words × words cells the word diff may compare; beyond it the changed middle is shown as
// replaced as a whole. 4 MB of lengths: far above any clause.
const MAX_WORD_DIFF_CELLS = 1_000_000

export function canonicalClauseContent(clause: DocumentNode, structuredData: unknown | null): string {
  const { titleNode, body } = splitClause(clause)
  const lines = [`kind ${clauseKindOf(clause)}`, `title ${clauseTitleOf(clause, titleNode)}`]
  for (const block of body) appendBlockLines(block, 1, lines)
  if (structuredData !== null && structuredData !== undefined) lines.push(`data ${canonicalJson(structuredData, true)}`)
  return lines.join('\n')
}

export function clauseContentHash(canonical: string): string {
  return sha256Hex(canonical)
}

/**
 * The clauses of a document in document order, wherever they are nested. A clause is one unit
 * of approval: whatever is inside it is part of its content and is not listed on its own.
 */
export function extractClauses(doc: DocumentNode): ExtractedClause[] {
  const clauses: ExtractedClause[] = []
  const visit = (node: DocumentNode): void => {
    if (node.type !== CLAUSE_NODE) {
      childrenOf(node).forEach(visit)
      return
    }
    const clauseId = node.attrs?.clauseId
    clauses.push({
      clauseId: isUsableClauseId(clauseId) ? clauseId : '',
      kind: clauseKindOf(node),
      title: clauseTitleOf(node, splitClause(node).titleNode),
      node,
    })
  }
  visit(doc)
  return clauses
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
 * as oldest. A clause without a usable id is open for everyone: it cannot be approved.
 */
export function signOffMatrix({
  clauses,
  signingPartyIds,
  approvals,
}: {
  clauses: ReadonlyArray<{ clauseId: string; contentHash: string }>
  signingPartyIds: readonly string[]
  approvals: readonly Approval[]
}): SignOffMatrix {
  const parties = [...new Set(signingPartyIds)]
  const latest = latestDecisions(approvals, new Set(parties))
  const rows = clauses.map(({ clauseId, contentHash }): ClauseSignOff => {
    const decisions = isUsableClauseId(clauseId) ? latest.get(clauseId) : undefined
    const partyRows = parties.map((partyId): PartySignOff => {
      const decision = decisions?.get(partyId) ?? null
      return { partyId, status: statusOf(decision, contentHash), latest: decision }
    })
    const agreed = partyRows.length > 0 && partyRows.every((row) => row.status === 'akkoord')
    return { clauseId, contentHash, parties: partyRows, agreed }
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
  return open.length === 0 ? { ok: true } : { ok: false, reason: 'open-clauses', open }
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

/**
 * Clause by clause from version `before` to `after`, in the order of `after`, with each
 * removed clause right after the clause it followed. A clause is `moved` when it is not part of
 * the longest run of clauses that kept their relative order, so swapping two neighbours moves
 * one of them. Assumes clause ids are unique within a version.
 */
export function diffVersions(before: readonly VersionClause[], after: readonly VersionClause[]): ClauseDiff[] {
  const beforeById = new Map(before.map((clause) => [clause.clauseId, clause]))
  const afterIds = new Set(after.map((clause) => clause.clauseId))

  // Removed clauses keyed by the nearest earlier clause that is still there; null: at the top.
  const removedAfter = new Map<string | null, ClauseDiff[]>()
  let anchor: string | null = null
  for (const clause of before) {
    if (afterIds.has(clause.clauseId)) anchor = clause.clauseId
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), { change: 'removed', clause }])
  }

  const keptIdsBefore = before.map((clause) => clause.clauseId).filter((id) => afterIds.has(id))
  const keptIdsAfter = after.map((clause) => clause.clauseId).filter((id) => beforeById.has(id))
  const inOrder = new Set(commonSubsequence(keptIdsBefore, keptIdsAfter).map(([index]) => keptIdsBefore[index]))

  const diffs: ClauseDiff[] = [...(removedAfter.get(null) ?? [])]
  for (const clause of after) {
    const previous = beforeById.get(clause.clauseId)
    if (!previous) {
      diffs.push({ change: 'added', clause })
      continue
    }
    const moved = !inOrder.has(clause.clauseId)
    diffs.push(
      previous.canonical === clause.canonical
        ? { change: 'unchanged', clause, moved }
        : { change: 'changed', clause, previous, moved, words: diffWords(previous.canonical, clause.canonical) },
    )
    diffs.push(...(removedAfter.get(clause.clauseId) ?? []))
  }
  return diffs
}

// --- canonical content -------------------------------------------------------------------

function childrenOf(node: DocumentNode): readonly DocumentNode[] {
  return Array.isArray(node.content) ? node.content : []
}

// The title is the clause's `clauseTitle` child; a title attribute is read when there is none.
function splitClause(clause: DocumentNode): { titleNode: DocumentNode | undefined; body: DocumentNode[] } {
  const children = childrenOf(clause)
  const titleNode = children.find((child) => child.type === CLAUSE_TITLE_NODE)
  return { titleNode, body: children.filter((child) => child !== titleNode) }
}

function clauseTitleOf(clause: DocumentNode, titleNode: DocumentNode | undefined): string {
  if (titleNode) return normaliseText(plainTextOf(titleNode))
  const title = clause.attrs?.title
  return typeof title === 'string' ? normaliseText(title) : ''
}

function clauseKindOf(clause: DocumentNode): string {
  const kind = clause.attrs?.kind
  const normalised = typeof kind === 'string' ? normaliseText(kind) : ''
  return normalised === '' ? DEFAULT_CLAUSE_KIND : normalised
}

function plainTextOf(node: DocumentNode): string {
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : ''
  return childrenOf(node)
    .map(plainTextOf)
    .join(node.type === HARD_BREAK_NODE ? ' ' : '')
}

function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

function isInlineContent(node: DocumentNode): boolean {
  return node.type === 'text' || node.type === HARD_BREAK_NODE
}

function appendBlockLines(node: DocumentNode, depth: number, lines: string[]): void {
  const children = childrenOf(node)
  const indent = '  '.repeat(depth)
  const label = nodeLabel(node)
  if (children.some(isInlineContent)) {
    const text = inlineText(children)
    if (text !== '') lines.push(`${indent}${label} ${text}`)
    return
  }
  if (children.length === 0 && DROPPED_WHEN_EMPTY.has(node.type ?? '')) return
  lines.push(`${indent}${label}`)
  for (const child of children) appendBlockLines(child, depth + 1, lines)
}

function nodeLabel(node: DocumentNode): string {
  const counted: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value === null || value === undefined) continue
    if (PRESENTATION_ATTRIBUTES.has(key) || key === 'id' || key.endsWith('Id')) continue
    if (DEFAULT_ATTRIBUTE_VALUES.get(key) === value) continue
    counted[key] = value
  }
  return `${node.type ?? ''}${Object.keys(counted).length > 0 ? canonicalJson(counted, false) : ''}`
}

/** A piece of inline content; `marks` is the sorted list of meaningful marks, '' for none. */
type InlinePiece =
  | { kind: 'word'; marks: string; text: string }
  | { kind: 'space' }
  | { kind: 'break' }
  | { kind: 'atom'; label: string }

function inlineText(children: readonly DocumentNode[]): string {
  const pieces = collapseWhitespace(inlinePieces(children))
  const parts: string[] = []
  let run: { marks: string; text: string } | null = null
  const flushRun = () => {
    if (run)
      parts.push(run.marks === '' ? escapeInline(run.text) : `{${escapeInline(run.marks)}|${escapeInline(run.text)}}`)
    run = null
  }
  pieces.forEach((piece, index) => {
    if (piece.kind === 'break' || piece.kind === 'atom') {
      flushRun()
      parts.push(`{${escapeInline(piece.kind === 'break' ? HARD_BREAK_NODE : piece.label)}}`)
      return
    }
    const marks = piece.kind === 'word' ? piece.marks : spaceMarks(pieces[index - 1], pieces[index + 1])
    const text = piece.kind === 'word' ? piece.text : ' '
    if (run && run.marks === marks) run.text += text
    else {
      flushRun()
      run = { marks, text }
    }
  })
  flushRun()
  return parts.join('')
}

// Text split into words and spaces, after joining adjacent text nodes with the same marks (so
// that a split inside a word or between a letter and its accent does not matter).
function inlinePieces(children: readonly DocumentNode[]): InlinePiece[] {
  const segments: Array<{ marks: string; text: string } | InlinePiece> = []
  for (const child of children) {
    if (child.type === 'text') {
      const marks = meaningfulMarks(child.marks)
      const text = typeof child.text === 'string' ? child.text : ''
      const last = segments.at(-1)
      if (last && !('kind' in last) && last.marks === marks) last.text += text
      else segments.push({ marks, text })
    } else if (child.type === HARD_BREAK_NODE) segments.push({ kind: 'break' })
    else segments.push({ kind: 'atom', label: nodeLabel(child) })
  }
  return segments.flatMap((segment): InlinePiece[] => {
    if ('kind' in segment) return [segment]
    return segment.text
      .normalize('NFC')
      .split(/(\s+)/)
      .filter((part) => part !== '')
      .map((part) => (/^\s/.test(part) ? { kind: 'space' } : { kind: 'word', marks: segment.marks, text: part }))
  })
}

// One space between words at most; no spaces next to a break, one break in a row, none at the ends.
function collapseWhitespace(pieces: readonly InlinePiece[]): InlinePiece[] {
  const result: InlinePiece[] = []
  for (const piece of pieces) {
    const last = result.at(-1)
    if (piece.kind === 'space') {
      if (last && last.kind !== 'space' && last.kind !== 'break') result.push(piece)
    } else if (piece.kind === 'break') {
      if (last?.kind === 'space') result.pop()
      if (result.length > 0 && result.at(-1)?.kind !== 'break') result.push(piece)
    } else result.push(piece)
  }
  while (result.length > 0 && (result.at(-1)?.kind === 'space' || result.at(-1)?.kind === 'break')) result.pop()
  return result
}

// A space is bold only between two bold words; at the edge of a bold run it is plain.
function spaceMarks(before: InlinePiece | undefined, after: InlinePiece | undefined): string {
  return before?.kind === 'word' && after?.kind === 'word' && before.marks === after.marks ? before.marks : ''
}

function meaningfulMarks(marks: readonly DocumentMark[] | undefined): string {
  const names = new Set<string>()
  for (const mark of marks ?? []) {
    if (mark.type === LINK_MARK) {
      const href = mark.attrs?.href
      names.add(`${LINK_MARK}=${JSON.stringify(typeof href === 'string' ? href.trim() : '')}`)
    } else if (MEANINGFUL_MARKS.has(mark.type)) names.add(mark.type)
  }
  return [...names].sort().join(' ')
}

// `{` `}` `|` delimit marked runs and inline nodes; escaping them keeps the text unambiguous,
// so literal braces in the text can never read as formatting.
function escapeInline(text: string): string {
  return text.replace(/[\\{}|]/g, '\\$&')
}

/**
 * JSON with object keys sorted (by code unit), `undefined` properties left out (`null` in
 * arrays), strings in NFC. Anything that is not plain JSON data is an error rather than being
 * silently dropped or turned into null: two different values must never hash the same.
 */
function canonicalJson(value: unknown, pretty: boolean, depth = 0): string {
  if (value === null || typeof value === 'boolean') return String(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot sign off on a non-finite number: ${value}`)
    return JSON.stringify(value)
  }
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'))
  let items: string[]
  let brackets: string
  if (Array.isArray(value)) {
    items = value.map((item: unknown) => canonicalJson(item ?? null, pretty, depth + 1))
    brackets = '[]'
  } else if (isPlainObject(value)) {
    items = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${pretty ? ' ' : ''}${canonicalJson(value[key], pretty, depth + 1)}`)
    brackets = '{}'
  } else {
    throw new TypeError(`Cannot sign off on a value of type ${typeof value}`)
  }
  if (items.length === 0 || !pretty) return `${brackets[0]}${items.join(',')}${brackets[1]}`
  const inner = `\n${'  '.repeat(depth + 1)}`
  return `${brackets[0]}${inner}${items.join(`,${inner}`)}\n${'  '.repeat(depth)}${brackets[1]}`
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)))
}

// --- sign-off state ------------------------------------------------------------------------

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

// --- diff ------------------------------------------------------------------------------------

/** Word-level diff: common prefix and suffix first, the longest common subsequence between. */
function diffWords(before: string, after: string): WordChange[] {
  const a = before.split(/\s+/).filter((word) => word !== '')
  const b = after.split(/\s+/).filter((word) => word !== '')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }

  const changes: WordChange[] = []
  const push = (op: WordChange['op'], words: readonly string[]) => {
    if (words.length === 0) return
    const last = changes.at(-1)
    if (last?.op === op) last.text += ` ${words.join(' ')}`
    else changes.push({ op, text: words.join(' ') })
  }

  push('equal', a.slice(0, start))
  const middleA = a.slice(start, endA)
  const middleB = b.slice(start, endB)
  if (middleA.length * middleB.length > MAX_WORD_DIFF_CELLS) {
    push('delete', middleA)
    push('insert', middleB)
  } else {
    let i = 0
    let j = 0
    for (const [matchA, matchB] of [...commonSubsequence(middleA, middleB), [middleA.length, middleB.length]]) {
      push('delete', middleA.slice(i, matchA))
      push('insert', middleB.slice(j, matchB))
      push('equal', middleA.slice(matchA, matchA + 1))
      i = matchA + 1
      j = matchB + 1
    }
  }
  push('equal', a.slice(endA))
  return changes
}

/** Index pairs of a longest common subsequence, in order. O(n·m) time and memory. */
function commonSubsequence<T>(a: readonly T[], b: readonly T[]): Array<[number, number]> {
  const width = b.length + 1
  // lengths[i·width + j]: length of the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
    }
  }
  const pairs: Array<[number, number]> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j])
      i++
      j++
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++
    else j++
  }
  return pairs
}
