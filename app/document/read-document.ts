import { getSchema, type JSONContent } from '@tiptap/core'
import type { MarkType, NodeType, Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { editorNl } from './texts.nl.ts'
import { DOCUMENT_FIELD, pactExtensions } from './extensions.ts'

/**
 * The one reader of a pact's shared text: Yjs → ProseMirror JSON that holds only what the
 * schema allows. Every other reader (rendering, canonical content and hashes, exports, the
 * restore) starts from its output, so they never see anything the schema does not know.
 *
 * The document is written by clients, so it may hold anything an update can encode: elements
 * the schema does not know or does not allow where they are, Yjs types that are not elements
 * (maps, arrays, plain text, hooks), raw values and binary, attributes of any type, nesting
 * thousands of levels deep. The reader is total: it never throws and never recurses deeper
 * than MAX_DOCUMENT_DEPTH. What it cannot read it skips visibly: a placeholder
 * (UNREADABLE_TEXT) stands where the skipped content was, and `skipped` counts it.
 */

/**
 * Deeper than any document the editor makes (a clause holds a table in a list in a list…) and
 * shallow enough that every reader may recurse over the result.
 */
export const MAX_DOCUMENT_DEPTH = 64

/** Stands in the text where content was skipped; stored HTML is Dutch, like the clause kinds. */
export const UNREADABLE_TEXT = editorNl.unreadable

export interface DocumentReading {
  /** A `doc` node; its content may be empty. */
  json: JSONContent
  /**
   * Pieces of content skipped because they were unreadable, too deep or not allowed where they
   * were, and attributes of the wrong type (read as their default).
   */
  skipped: number
}

let cachedSchema: Schema | undefined
export function pactSchema(): Schema {
  cachedSchema ??= getSchema(pactExtensions())
  return cachedSchema
}

export function readDocument(doc: Y.Doc): DocumentReading {
  const schema = pactSchema()
  const reading = { schema, skipped: 0 }
  const { content } = readChildren(doc.getXmlFragment(DOCUMENT_FIELD), schema.topNodeType, 1, reading)
  return { json: { type: 'doc', content }, skipped: reading.skipped }
}

/** What a top-level block read into, with what it skipped. */
interface BlockReading {
  contribution: Contribution
  skipped: number
}

/** A Yjs shared type, as a transaction lists the ones it changed. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0]

/** What is kept of a live document's text: each top-level block's reading, and the whole last reading. */
interface LiveReadings {
  blocks: WeakMap<SharedType, BlockReading>
  /** Null once a transaction changed the text since it was read. */
  last: DocumentReading | null
}

const liveReadings = new WeakMap<Y.Doc, LiveReadings>()

/**
 * readDocument for a document that stays loaded (the collaboration server's): each top-level
 * block's reading is kept until a transaction changes something inside it, so reading a 200-page
 * pact again after a change to one clause reads only that clause, and the whole reading is
 * returned again as it was while nothing in the text changed (most pages find the document as the
 * page before them did; walking thousands of top-level blocks is still a millisecond). The result
 * equals readDocument's; its nodes are shared between readings, so they are read-only, and
 * derived data can be kept per node (canonical.ts keeps each block's canonical lines).
 */
export function readLiveDocument(doc: Y.Doc): DocumentReading {
  const live = liveReadingsOf(doc)
  if (live.last) return live.last
  const schema = pactSchema()
  const reading = { schema, skipped: 0 }
  const { content } = readChildren(
    doc.getXmlFragment(DOCUMENT_FIELD),
    schema.topNodeType,
    1,
    reading,
    (child, parentType, allowed, depth) => {
      if (!(child instanceof Y.AbstractType)) return readChild(child, parentType, allowed, depth, reading)
      let block = live.blocks.get(child)
      if (!block) {
        const own = { schema, skipped: 0 }
        block = { contribution: readChild(child, parentType, allowed, depth, own), skipped: own.skipped }
        live.blocks.set(child, block)
      }
      reading.skipped += block.skipped
      return block.contribution
    },
  )
  live.last = { json: { type: 'doc', content }, skipped: reading.skipped }
  return live.last
}

// Yjs lists every type a transaction changed (not those it created, whose parent is listed instead):
// the top-level block holding one is read again, every other block's reading stays. The fragment
// itself is listed when top-level blocks are inserted or deleted; the structured model's map, which
// is not part of the text, leaves the reading as it is.
function liveReadingsOf(doc: Y.Doc): LiveReadings {
  const known = liveReadings.get(doc)
  if (known) return known
  const live: LiveReadings = { blocks: new WeakMap(), last: null }
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) {
      if (type === (fragment as Y.AbstractType<unknown>)) live.last = null
      const block = topLevelBlockOf(type, fragment)
      if (block) {
        live.blocks.delete(block)
        live.last = null
      }
    }
  })
  liveReadings.set(doc, live)
  return live
}

function topLevelBlockOf(type: SharedType, fragment: Y.XmlFragment): SharedType | null {
  let current = type
  for (let parent = current._item?.parent; parent instanceof Y.AbstractType; parent = current._item?.parent) {
    if (parent === fragment) return current
    current = parent
  }
  return null
}

interface Reading {
  schema: Schema
  skipped: number
}

/** Where a child's content could not be read: one placeholder stands for a run of these. */
const SHOW_SKIP: unique symbol = Symbol('show-skip')

/** What one child adds to its parent's content, in order. */
type Contribution = ReadonlyArray<JSONContent | typeof SHOW_SKIP>

type ChildReader = (child: unknown, parentType: NodeType, allowed: ReadonlySet<NodeType>, depth: number) => Contribution

/**
 * The readable children of `parent`. `hiddenSkip`: something was skipped where no placeholder
 * fits (a table row holds only cells), so the caller shows it one level up.
 */
function readChildren(
  parent: Y.XmlFragment,
  parentType: NodeType,
  depth: number,
  reading: Reading,
  readOne: ChildReader = (child, type, allowed, childDepth) => readChild(child, type, allowed, childDepth, reading),
): { content: JSONContent[]; hiddenSkip: boolean } {
  const allowed = allowedChildren(parentType)
  const content: JSONContent[] = []
  let placeholderLast = false
  let hiddenSkip = false
  for (const child of parent.toArray() as unknown[]) {
    for (const piece of readOne(child, parentType, allowed, depth)) {
      if (piece !== SHOW_SKIP) {
        content.push(piece)
        placeholderLast = false
        continue
      }
      if (placeholderLast) continue
      // A placeholder paragraph must itself lie within the bound, or the next reading would skip it.
      const placeholder = placeholderFor(parentType, allowed, reading.schema, depth <= MAX_DOCUMENT_DEPTH)
      if (placeholder) content.push(placeholder)
      else hiddenSkip = true
      placeholderLast = placeholder !== null
    }
  }
  return { content, hiddenSkip }
}

function readChild(
  child: unknown,
  parentType: NodeType,
  allowed: ReadonlySet<NodeType>,
  depth: number,
  reading: Reading,
): Contribution {
  if (child instanceof Y.XmlText) {
    if (!allowed.has(reading.schema.nodes.text)) {
      reading.skipped++
      return [SHOW_SKIP]
    }
    const { nodes, unreadable } = readText(child, parentType, reading)
    reading.skipped += unreadable
    return [...Array.from({ length: unreadable }, (): typeof SHOW_SKIP => SHOW_SKIP), ...nodes]
  }
  const type =
    child instanceof Y.XmlElement && Object.hasOwn(reading.schema.nodes, child.nodeName)
      ? reading.schema.nodes[child.nodeName]
      : undefined
  if (!type || type.isText || !allowed.has(type) || depth > MAX_DOCUMENT_DEPTH) {
    reading.skipped++
    return [SHOW_SKIP]
  }
  const element = child as Y.XmlElement
  const attrs = readAttributes(type, element.getAttributes(), reading)
  const inner = type.isLeaf ? { content: [], hiddenSkip: false } : readChildren(element, type, depth + 1, reading)
  // A list whose every item was skipped is not a list: the skip shows in its place.
  if (inner.hiddenSkip && inner.content.length === 0 && !type.contentMatch.validEnd) return [SHOW_SKIP]
  const node = { type: type.name, ...(attrs ? { attrs } : {}), ...(inner.content.length ? { content: inner.content } : {}) }
  return inner.hiddenSkip ? [node, SHOW_SKIP] : [node]
}

// Inline content gets the placeholder as text; block content as a paragraph, where one fits.
function placeholderFor(
  parentType: NodeType,
  allowed: ReadonlySet<NodeType>,
  schema: Schema,
  blockFits: boolean,
): JSONContent | null {
  if (parentType.inlineContent) return allowed.has(schema.nodes.text) ? { type: 'text', text: UNREADABLE_TEXT } : null
  return blockFits && allowed.has(schema.nodes.paragraph)
    ? { type: 'paragraph', content: [{ type: 'text', text: UNREADABLE_TEXT }] }
    : null
}

const allowedByType = new WeakMap<NodeType, ReadonlySet<NodeType>>()

/**
 * Every node type the parent may hold somewhere. Order is not enforced (a clause whose title
 * went missing still shows its body); nesting is: a list item never renders outside a list.
 */
function allowedChildren(parentType: NodeType): ReadonlySet<NodeType> {
  const known = allowedByType.get(parentType)
  if (known) return known
  const types = new Set<NodeType>()
  const seen = new Set([parentType.contentMatch])
  const pending = [parentType.contentMatch]
  for (let match = pending.pop(); match; match = pending.pop()) {
    for (let index = 0; index < match.edgeCount; index++) {
      const { type, next } = match.edge(index)
      types.add(type)
      if (!seen.has(next)) {
        seen.add(next)
        pending.push(next)
      }
    }
  }
  allowedByType.set(parentType, types)
  return types
}

/** Text runs with the marks the parent allows; embedded objects count as unreadable. */
function readText(text: Y.XmlText, parentType: NodeType, reading: Reading): { nodes: JSONContent[]; unreadable: number } {
  const nodes: JSONContent[] = []
  let unreadable = 0
  for (const op of text.toDelta() as Array<{ insert?: unknown; attributes?: unknown }>) {
    if (typeof op.insert !== 'string') {
      unreadable++
      continue
    }
    if (op.insert === '') continue
    const marks = readMarks(op.attributes, parentType, reading)
    nodes.push({ type: 'text', text: op.insert, ...(marks.length ? { marks } : {}) })
  }
  return { nodes, unreadable }
}

// y-prosemirror stores a mark as a formatting attribute named after it, with a hash suffix when
// the same mark occurs with different attributes.
const HASHED_MARK_NAME = /^(.*)--[a-zA-Z0-9+/=]{8}$/

function readMarks(formatting: unknown, parentType: NodeType, reading: Reading): NonNullable<JSONContent['marks']> {
  if (!isRecord(formatting)) return []
  const { schema } = reading
  const marks = new Map<string, { type: string; attrs?: Record<string, unknown> }>()
  for (const [key, value] of Object.entries(formatting)) {
    const name = HASHED_MARK_NAME.exec(key)?.[1] ?? key
    const type: MarkType | undefined = Object.hasOwn(schema.marks, name) ? schema.marks[name] : undefined
    if (!type || !parentType.allowsMarkType(type) || marks.has(name)) continue
    const attrs = readAttributes(type, isRecord(value) ? value : {}, reading)
    marks.set(name, { type: name, ...(attrs ? { attrs } : {}) })
  }
  return [...marks.values()]
}

/**
 * Only the attributes the type declares, each of the type its default has: a number must be a
 * safe integer (list numbering, heading level, spans), anything else a string. Renderers write
 * these into HTML and loop over them, so an object (whose `toString` may throw), Infinity,
 * NaN, a BigInt or binary falls back to the default, and counts as skipped. Attributes the type
 * does not declare are not read at all.
 */
function readAttributes(
  type: NodeType | MarkType,
  raw: Record<string, unknown>,
  reading: Reading,
): Record<string, unknown> | undefined {
  if (TABLE_CELLS.has(type.name)) return tableCellAttrs(raw)
  const attrs: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(type.spec.attrs ?? {})) {
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined
    if (value === undefined || value === null) continue
    const wanted = typeof (spec as { default?: unknown }).default === 'number' ? 'integer' : 'string'
    if (wanted === 'integer' ? Number.isSafeInteger(value) : typeof value === 'string') attrs[name] = value
    else reading.skipped++
  }
  return Object.keys(attrs).length ? attrs : undefined
}

// The table renderer loops over spans and writes widths into CSS: a hostile span would stall
// the server, a hostile width would inject style.
const TABLE_CELLS = new Set(['tableCell', 'tableHeader'])
const MAX_TABLE_SPAN = 100
const MAX_COLUMN_WIDTH = 10_000

function tableCellAttrs(attrs: Record<string, unknown>): Record<string, unknown> {
  const span = (value: unknown) =>
    Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_TABLE_SPAN ? value : 1
  const isWidth = (value: unknown) => Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_COLUMN_WIDTH
  const colwidth = Array.isArray(attrs.colwidth) && attrs.colwidth.every(isWidth) ? [...attrs.colwidth] : null
  return { colspan: span(attrs.colspan), rowspan: span(attrs.rowspan), colwidth }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}
