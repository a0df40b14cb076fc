import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { isUsableClauseId } from '#app/document/clause-ids.ts'
import { isProposedText } from '#app/document/suggestions.ts'

/**
 * What a party approves: a clause's canonical content and its hash. Pure, shared by client and
 * server.
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
 * - open suggestions (suggestions.ts): a proposed insertion is left out, a proposed deletion
 *   still reads as the original text, until someone accepts or rejects it;
 * - ids of nested nodes (`id` and any `…Id` attribute), and the clause's own id: that is its
 *   identity, not its content.
 *
 * Content that cannot be read never stops sign-off (the document is written by clients, so it
 * may hold anything): nodes that are not objects are left out, values that are not JSON are
 * written as tokens JSON cannot produce (`NaN`, `Infinity`, `12n`, `bytes:0aff`, `unreadable`),
 * and nesting deeper than MAX_CANONICAL_DEPTH is written as `unreadable`. Every reader here is
 * iterative or bounded by that depth.
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

/** Deeper structured data than any model holds; beyond it a value reads as `unreadable`. */
const MAX_CANONICAL_DEPTH = 64

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
const UNREADABLE = 'unreadable'

export function canonicalClauseContent(clause: DocumentNode, structuredData: unknown | null): string {
  const { titleNode, body } = splitClause(clause)
  return canonicalContent([`kind ${clauseKindOf(clause)}`, `title ${clauseTitleOf(clause, titleNode)}`], body, structuredData)
}

/**
 * The canonical content of any approvable item (see approvable-items.ts): its header lines, then
 * its blocks and its structured data exactly as a clause writes its body and data.
 */
export function canonicalContent(
  header: readonly string[],
  blocks: readonly DocumentNode[],
  structuredData: unknown | null,
): string {
  const lines = [...header]
  appendBlockLines(blocks, lines)
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
  if (typeOf(doc) === CLAUSE_NODE) return [extractedClause(doc)]
  const clauses: ExtractedClause[] = []
  for (const block of childrenOf(doc)) {
    let found = clausesInBlock.get(block)
    if (!found) {
      found = clausesBelow(block)
      clausesInBlock.set(block, found)
    }
    for (const clause of found) clauses.push(clause)
  }
  return clauses
}

// Per top-level block and per clause node, for the reason linesOfBlock gives below: after a change
// to one clause only that block is walked again, not the hundreds of blocks around it. Shared, so read-only.
const clausesInBlock = new WeakMap<DocumentNode, readonly ExtractedClause[]>()
const extractedClauses = new WeakMap<DocumentNode, ExtractedClause>()

function clausesBelow(root: DocumentNode): ExtractedClause[] {
  const clauses: ExtractedClause[] = []
  const pending: DocumentNode[] = [root]
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (typeOf(node) === CLAUSE_NODE) clauses.push(extractedClause(node))
    else pending.push(...[...childrenOf(node)].reverse())
  }
  return clauses
}

function extractedClause(node: DocumentNode): ExtractedClause {
  let clause = extractedClauses.get(node)
  if (!clause) {
    const clauseId = attrsOf(node).clauseId
    clause = {
      clauseId: isUsableClauseId(clauseId) ? clauseId : '',
      kind: clauseKindOf(node),
      title: clauseTitleOf(node, splitClause(node).titleNode),
      node,
    }
    extractedClauses.set(node, clause)
  }
  return clause
}

/**
 * Whether two readings hold the very same nodes: what is derived from one then holds for the other
 * (see linesOfBlock). A live reading of an unchanged text is the very same reading (readLiveDocument).
 */
export function sameNodes<Node>(a: readonly Node[], b: readonly Node[]): boolean {
  return a === b || (a.length === b.length && a.every((node, index) => node === b[index]))
}

/**
 * JSON with object keys sorted (by code unit), `undefined` properties left out (`null` in
 * arrays), strings in NFC. What is not plain JSON data is never silently dropped or turned into
 * null, since two different values must never hash the same: it is written as a token JSON
 * cannot produce (see the top of this module).
 */
export function canonicalJson(value: unknown, pretty: boolean, depth = 0): string {
  if (value === null || typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'))
  if (value instanceof Uint8Array) return `bytes:${encodeHexLowerCase(value)}`
  if (depth >= MAX_CANONICAL_DEPTH) return UNREADABLE
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
    return UNREADABLE
  }
  if (items.length === 0 || !pretty) return `${brackets[0]}${items.join(',')}${brackets[1]}`
  const inner = `\n${'  '.repeat(depth + 1)}`
  return `${brackets[0]}${inner}${items.join(`,${inner}`)}\n${'  '.repeat(depth)}${brackets[1]}`
}

export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)))
}

// --- reading nodes that may be anything ----------------------------------------------------

// Children that are not nodes at all (null, numbers, strings, arrays) are left out.
export function childrenOf(node: DocumentNode): readonly DocumentNode[] {
  return Array.isArray(node.content) ? node.content.filter((child) => isObject(child) && !Array.isArray(child)) : []
}

// A node whose type cannot be read still counts, visibly, like a node of an unknown type.
function typeOf(node: DocumentNode): string {
  return typeof node.type === 'string' ? node.type : UNREADABLE
}

function attrsOf(node: DocumentNode | DocumentMark): Record<string, unknown> {
  return isObject(node.attrs) && !Array.isArray(node.attrs) ? node.attrs : {}
}

function isObject<T>(value: T): value is T & object {
  return typeof value === 'object' && value !== null
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

// --- canonical content -------------------------------------------------------------------

// The title is the clause's `clauseTitle` child; a title attribute is read when there is none.
function splitClause(clause: DocumentNode): { titleNode: DocumentNode | undefined; body: DocumentNode[] } {
  const children = childrenOf(clause)
  const titleNode = children.find((child) => typeOf(child) === CLAUSE_TITLE_NODE)
  return { titleNode, body: children.filter((child) => child !== titleNode) }
}

function clauseTitleOf(clause: DocumentNode, titleNode: DocumentNode | undefined): string {
  if (titleNode) return normaliseText(plainTextOf(titleNode))
  const title = attrsOf(clause).title
  return typeof title === 'string' ? normaliseText(title) : ''
}

function clauseKindOf(clause: DocumentNode): string {
  const kind = attrsOf(clause).kind
  const normalised = typeof kind === 'string' ? normaliseText(kind) : ''
  return normalised === '' ? DEFAULT_CLAUSE_KIND : normalised
}

/** The text of every text node below `node`, in order. */
function plainTextOf(node: DocumentNode): string {
  let text = ''
  const pending: DocumentNode[] = [node]
  for (let current = pending.pop(); current; current = pending.pop()) {
    if (typeOf(current) === 'text') text += typeof current.text === 'string' ? current.text : ''
    else pending.push(...[...childrenOf(current)].reverse())
  }
  return text
}

function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

function isInlineContent(node: DocumentNode): boolean {
  return typeOf(node) === 'text' || typeOf(node) === HARD_BREAK_NODE
}

// A block's lines depend on the block alone. A document read again from the live one shares the
// node objects of its unchanged blocks (readLiveDocument), so their lines are derived once.
const linesOfBlock = new WeakMap<DocumentNode, readonly string[]>()

/** One line per block, indented by its depth below the clause, in document order. */
function appendBlockLines(blocks: readonly DocumentNode[], lines: string[]): void {
  for (const block of blocks) {
    let blockLines = linesOfBlock.get(block)
    if (!blockLines) {
      const own: string[] = []
      appendLinesOf(block, own)
      linesOfBlock.set(block, own)
      blockLines = own
    }
    for (const line of blockLines) lines.push(line)
  }
}

function appendLinesOf(block: DocumentNode, lines: string[]): void {
  const pending = [{ node: block, depth: 1 }]
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    const { node, depth } = entry
    const children = childrenOf(node)
    const indent = '  '.repeat(depth)
    const label = nodeLabel(node)
    if (children.some(isInlineContent)) {
      const text = inlineText(children)
      if (text !== '') lines.push(`${indent}${label} ${text}`)
      continue
    }
    if (children.length === 0 && DROPPED_WHEN_EMPTY.has(typeOf(node))) continue
    lines.push(`${indent}${label}`)
    for (let index = children.length - 1; index >= 0; index--) pending.push({ node: children[index]!, depth: depth + 1 })
  }
}

function nodeLabel(node: DocumentNode): string {
  const counted: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(attrsOf(node))) {
    if (value === null || value === undefined) continue
    if (PRESENTATION_ATTRIBUTES.has(key) || key === 'id' || key.endsWith('Id')) continue
    if (DEFAULT_ATTRIBUTE_VALUES.get(key) === value) continue
    counted[key] = value
  }
  return `${typeOf(node)}${Object.keys(counted).length > 0 ? canonicalJson(counted, false) : ''}`
}

/** A piece of inline content; `marks` is the sorted list of meaningful marks, '' for none. */
type InlinePiece =
  { kind: 'word'; marks: string; text: string } | { kind: 'space' } | { kind: 'break' } | { kind: 'atom'; label: string }

function inlineText(children: readonly DocumentNode[]): string {
  const pieces = collapseWhitespace(inlinePieces(children))
  const parts: string[] = []
  let run: { marks: string; text: string } | null = null
  const flushRun = () => {
    if (run) parts.push(run.marks === '' ? escapeInline(run.text) : `{${escapeInline(run.marks)}|${escapeInline(run.text)}}`)
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
    // An open suggestion is not (yet) part of the text (suggestions.ts).
    if (isObject(child) && isProposedText(child)) continue
    if (typeOf(child) === 'text') {
      const marks = meaningfulMarks(child.marks)
      const text = typeof child.text === 'string' ? child.text : ''
      const last = segments.at(-1)
      if (last && !('kind' in last) && last.marks === marks) last.text += text
      else segments.push({ marks, text })
    } else if (typeOf(child) === HARD_BREAK_NODE) segments.push({ kind: 'break' })
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
  for (const mark of Array.isArray(marks) ? marks.filter(isObject) : []) {
    if (mark.type === LINK_MARK) {
      const href = attrsOf(mark).href
      names.add(`${LINK_MARK}=${JSON.stringify(typeof href === 'string' ? href.trim() : '')}`)
    } else if (typeof mark.type === 'string' && MEANINGFUL_MARKS.has(mark.type)) names.add(mark.type)
  }
  return [...names].sort().join(' ')
}

// `{` `}` `|` delimit marked runs and inline nodes; escaping them keeps the text unambiguous,
// so literal braces in the text can never read as formatting.
function escapeInline(text: string): string {
  return text.replace(/[\\{}|]/g, '\\$&')
}
