import { getSchema } from '@tiptap/core'
import type { NodeType, Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { DOCUMENT_FIELD, pactExtensions } from '#app/document/extensions.ts'
import { PACT_MODEL_KEY } from '#app/pact-model/pact-model-yjs.ts'

// Yjs types a shared type by its event type; the guard treats every kind of shared type alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>

/**
 * The server accepts only client updates that keep the document inside the editor's schema.
 *
 * Why a structural check of the update, not a trial apply: Yjs cannot undo an applied update,
 * so a trial needs a scratch copy of the whole document per update (milliseconds for a large
 * pact, on every keystroke of every editor), and applying first and reverting means discarding
 * the live document that everyone is editing. Instead the update is decoded (`Y.decodeUpdate`,
 * which also reads the delete set that `Y.parseUpdateMeta` skips, so a truncated one is caught
 * here) and every new struct is placed the way Yjs will place it: under its explicit parent, or
 * beside its left/right origin, looked up in the update itself or in the live document. That
 * costs a few lookups per struct, so the relay stays fast, and nothing is applied unless every
 * struct is acceptable.
 *
 * What the check enforces in the `default` fragment (the text): each element is a node type of
 * the schema that may appear inside its parent node (by the parent's content expression), text
 * only where the parent takes inline content, marks only where the parent allows them, and
 * attributes only those the node type declares, with plain values (a finite number where the
 * default is a number, a string where it is a string, otherwise a string, finite number,
 * boolean or null; `colwidth` an array of widths). It does not enforce order or counts (a
 * clause's title first, `block+`): two people's concurrent edits can merge into such a state
 * whatever each sent, so the readers tolerate it instead. In the structured model (`model`)
 * only maps, arrays and plain values are accepted: its own schema validates the values when it
 * is projected. Everywhere: nesting deeper than `maxDepth` and updates over `maxUpdateBytes`
 * are refused, so no reader and no Yjs deletion ever recurses without bound.
 *
 * Other top-level names are held only to the depth and size limits (and no subdocuments): no
 * reader looks at them, and test and bench clients type into a plain Y.Text of their own. Deletions are always accepted: removing content cannot
 * take the document outside the schema, and it is how a damaged pact is repaired.
 */

export interface UpdateGuardLimits {
  /** Deepest nesting of shared types; the editor's deepest real structures (lists in tables in clauses) stay far below. */
  maxDepth: number
  /** Largest update: a long offline session's sync step is the largest legitimate one, a few MB for a 200-page pact. */
  maxUpdateBytes: number
}

export const DEFAULT_GUARD_LIMITS: UpdateGuardLimits = { maxDepth: 64, maxUpdateBytes: 8 * 1024 * 1024 }

// What an item holds; yjs exports the classes but not their common base type.
type Content = Y.Item['content']

/**
 * What to do with an update. `incomplete`: it builds on structs the server does not have yet.
 * Yjs would hold those back and integrate them later, unchecked, so the update is not applied;
 * but a client in good standing sends such an update only in the moment after it reconnects
 * (typing before its sync step 2 went out), and that step 2 brings it again with what it lacks.
 * So it is dropped without closing anything, where a `refused` one closes its sender.
 */
export type UpdateVerdict = { kind: 'accepted' } | { kind: 'incomplete' | 'refused'; reason: string }

// Why an update cannot be applied, for the log; null if nothing is wrong.
type Reason = string | null
const INCOMPLETE = 'incomplete'
const ACCEPTED: UpdateVerdict = { kind: 'accepted' }

/** Where a struct lands: inside which kind of shared type, at what nesting depth. */
type Place =
  | { kind: 'node'; node: NodeType; depth: number }
  | { kind: 'text'; node: NodeType; depth: number }
  | { kind: 'model-map' | 'model-array' | 'foreign'; depth: number }
  // Yjs garbage-collects a struct whose neighbour is already collected: it never becomes content.
  | { kind: 'gone' }
  | { kind: 'refused'; reason: string }

interface Placement {
  place: Place
  parentSub: string | null
}

const MAX_COLUMN_WIDTH_ENTRIES = 100
// Overlapping marks are stored as `${name}--${hash}` by y-tiptap (yattr2markname).
const HASHED_MARK_NAME = /^(.*)--[a-zA-Z0-9+/=]{8}$/

let cachedRules: SchemaRules | undefined

interface SchemaRules {
  schema: Schema
  /** Per node type, the element types its content expression admits anywhere, and whether it admits text. */
  children: Map<NodeType, { elements: Set<string>; text: boolean }>
}

function schemaRules(): SchemaRules {
  if (cachedRules) return cachedRules
  const schema = getSchema(pactExtensions())
  const children = new Map<NodeType, { elements: Set<string>; text: boolean }>()
  for (const type of Object.values(schema.nodes)) {
    const elements = new Set<string>()
    let text = false
    const seen = new Set<typeof type.contentMatch>()
    const pending = [type.contentMatch]
    while (pending.length > 0) {
      const match = pending.pop()!
      if (seen.has(match)) continue
      seen.add(match)
      for (let index = 0; index < match.edgeCount; index++) {
        const edge = match.edge(index)
        if (edge.type.isText) text = true
        else elements.add(edge.type.name)
        pending.push(edge.next)
      }
    }
    children.set(type, { elements, text })
  }
  cachedRules = { schema, children }
  return cachedRules
}

/** Whether `update` may be applied to `doc`, and if not, why. Never throws, never changes `doc`. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateGuardLimits = DEFAULT_GUARD_LIMITS): UpdateVerdict {
  const reason = reasonToRefuse(doc, update, limits)
  if (reason === null) return ACCEPTED
  return { kind: reason.startsWith(INCOMPLETE) ? 'incomplete' : 'refused', reason }
}

function reasonToRefuse(doc: Y.Doc, update: Uint8Array, limits: UpdateGuardLimits): Reason {
  if (update.byteLength > limits.maxUpdateBytes) return `too-large: ${update.byteLength} bytes`
  let structs: Array<Y.Item | Y.GC | Y.Skip>
  try {
    structs = Y.decodeUpdate(update).structs
  } catch (error) {
    return `undecodable: ${error instanceof Error ? error.message : String(error)}`
  }
  return new UpdateCheck(doc, structs, limits).run()
}

class UpdateCheck {
  private readonly rules = schemaRules()
  private readonly byClient = new Map<number, Array<Y.Item | Y.GC>>()
  private readonly placements = new Map<Y.Item, Placement>()
  private readonly typePlaces = new Map<SharedType, Place>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: Array<Y.Item | Y.GC | Y.Skip>,
    private readonly limits: UpdateGuardLimits,
  ) {}

  run(): Reason {
    const incomplete = this.indexStructs()
    if (incomplete) return incomplete
    for (const struct of this.structs) {
      if (!(struct instanceof Y.Item) || this.isKnown(struct.id.client, struct.id.clock + struct.length - 1)) continue
      const refusal = this.checkItem(struct)
      if (refusal) return refusal
    }
    return null
  }

  /** Indexes the update's structs per client; a gap in a client's clock makes the update incomplete. */
  private indexStructs(): Reason {
    for (const struct of this.structs) {
      const { client, clock } = struct.id
      let list = this.byClient.get(client)
      if (!list) {
        list = []
        this.byClient.set(client, list)
      }
      if (struct instanceof Y.Skip) continue
      const last = list.at(-1)
      const end = last
        ? Math.max(last.id.clock + last.length, Y.getState(this.doc.store, client))
        : Y.getState(this.doc.store, client)
      if (clock > end) return `${INCOMPLETE}: client ${client} continues at ${clock}, known up to ${end}`
      list.push(struct)
    }
    return null
  }

  private isKnown(client: number, clock: number): boolean {
    return clock < Y.getState(this.doc.store, client)
  }

  /** The struct of the update holding this clock, if any. */
  private inUpdate(id: Y.ID): Y.Item | Y.GC | null {
    const list = this.byClient.get(id.client)
    if (!list) return null
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const struct = list[middle]
      if (id.clock < struct.id.clock) high = middle - 1
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
      else return struct
    }
    return null
  }

  private checkItem(item: Y.Item): Reason {
    // Like a gap in a clock: Yjs would hold the item back and integrate it later, unchecked.
    for (const id of [item.origin, item.rightOrigin]) {
      if (id && !this.isKnown(id.client, id.clock) && !this.inUpdate(id)) return `${INCOMPLETE}: neighbour missing`
    }
    const { place, parentSub } = this.placementOf(item, 0)
    const content = item.content
    if (content instanceof Y.ContentDeleted || place.kind === 'gone') return null
    // A subdocument anywhere, even under another top-level name: the server would hold a Y.Doc per one.
    if (content instanceof Y.ContentDoc) return 'subdocument'
    if (place.kind === 'refused') return place.reason
    if (content instanceof Y.ContentType && place.depth + 1 > this.limits.maxDepth)
      return `too-deep: over ${this.limits.maxDepth} levels`
    switch (place.kind) {
      case 'node':
        return parentSub === null ? this.checkChild(place.node, content) : checkAttribute(place.node, parentSub, content)
      case 'text':
        return parentSub === null ? this.checkTextContent(place.node, content) : `text-attribute: ${parentSub}`
      case 'model-map':
      case 'model-array':
        return checkModelContent(place.kind, parentSub, content)
      case 'foreign':
        return null
    }
  }

  private checkChild(node: NodeType, content: Content): Reason {
    const allowed = this.rules.children.get(node)!
    if (content instanceof Y.ContentType) {
      const type = content.type
      if (type.constructor === Y.XmlElement && allowed.elements.has((type as Y.XmlElement).nodeName)) return null
      if (type.constructor === Y.XmlText && allowed.text) return null
    }
    return `not-in-schema: ${describeContent(content)} inside ${node.name}`
  }

  private checkTextContent(node: NodeType, content: Content): Reason {
    if (content instanceof Y.ContentString) return null
    if (content instanceof Y.ContentFormat) {
      const name = HASHED_MARK_NAME.exec(content.key)?.[1] ?? content.key
      const mark = Object.hasOwn(this.rules.schema.marks, name) ? this.rules.schema.marks[name] : null
      if (!mark || !node.allowsMarkType(mark)) return `mark-not-allowed: ${name} in ${node.name}`
      const value: unknown = content.value
      if (value === null) return null
      if (!isPlainObject(value)) return `mark-attributes: ${name}`
      for (const [key, attribute] of Object.entries(value)) {
        if (!Object.hasOwn(mark.spec.attrs ?? {}, key) || !isScalar(attribute)) return `mark-attributes: ${name}.${key}`
      }
      return null
    }
    return `not-in-schema: ${describeContent(content)} in the text of ${node.name}`
  }

  /**
   * Where the item lands. An item with neither parent nor origin in its encoding does not occur
   * (Yjs writes the parent whenever it cannot be copied from a neighbour). `depth` bounds the
   * recursion through new parent types, which the depth limit refuses past `maxDepth` anyway.
   */
  private placementOf(item: Y.Item, depth: number): Placement {
    const chain: Y.Item[] = []
    let current: Y.Item = item
    let found: Placement
    for (;;) {
      const known = this.placements.get(current)
      if (known) {
        found = known
        break
      }
      const parent = current.parent as unknown
      if (typeof parent === 'string') {
        found = { place: rootPlace(parent, this.rules.schema), parentSub: current.parentSub }
        break
      }
      if (parent instanceof Y.ID) {
        found = { place: this.insideTypeAt(parent, depth), parentSub: current.parentSub }
        break
      }
      const neighbour = current.origin ?? current.rightOrigin
      if (!neighbour) {
        found = { place: refused('malformed: no parent'), parentSub: null }
        break
      }
      if (this.isKnown(neighbour.client, neighbour.clock)) {
        const struct = Y.getItem(this.doc.store, neighbour)
        found =
          struct instanceof Y.Item ? { place: this.placeOfType(struct.parent as SharedType), parentSub: struct.parentSub } : GONE
        break
      }
      const next = this.inUpdate(neighbour)
      if (!next) {
        found = { place: refused(`${INCOMPLETE}: neighbour missing`), parentSub: null }
        break
      }
      if (!(next instanceof Y.Item)) {
        found = GONE
        break
      }
      chain.push(current)
      if (chain.length > this.structs.length) {
        found = { place: refused('malformed: origin cycle'), parentSub: null }
        break
      }
      current = next
    }
    this.placements.set(current, found)
    for (const link of chain) this.placements.set(link, found)
    return found
  }

  /** The place inside the shared type created by the item with this id. */
  private insideTypeAt(id: Y.ID, depth: number): Place {
    if (this.isKnown(id.client, id.clock)) {
      const struct = Y.getItem(this.doc.store, id)
      if (!(struct instanceof Y.Item)) return { kind: 'gone' }
      if (!(struct.content instanceof Y.ContentType)) return refused('malformed: parent is not a type')
      return this.placeOfType(struct.content.type)
    }
    const struct = this.inUpdate(id)
    if (!struct) return refused(`${INCOMPLETE}: parent missing`)
    if (!(struct instanceof Y.Item)) return { kind: 'gone' }
    if (!(struct.content instanceof Y.ContentType)) return refused('malformed: parent is not a type')
    if (depth > this.limits.maxDepth) return refused(`too-deep: over ${this.limits.maxDepth} levels`)
    const outer = this.placementOf(struct, depth + 1)
    return placeInside(outer.place, outer.parentSub, struct.content.type)
  }

  /** The place inside a type already in the document. Types never move in Yjs, so its place is fixed. */
  private placeOfType(type: SharedType): Place {
    const cached = this.typePlaces.get(type)
    if (cached) return cached
    const path: Array<SharedType> = []
    let root: SharedType = type
    while (root._item !== null) {
      if (path.length > this.limits.maxDepth) return refused(`too-deep: over ${this.limits.maxDepth} levels`)
      path.push(root)
      root = root._item.parent as SharedType
    }
    let place = rootPlace(Y.findRootTypeKey(root), this.rules.schema)
    for (let index = path.length - 1; index >= 0; index--) place = placeInside(place, path[index]._item!.parentSub, path[index])
    this.typePlaces.set(type, place)
    return place
  }
}

const GONE: Placement = { place: { kind: 'gone' }, parentSub: null }

function refused(reason: string): Place {
  return { kind: 'refused', reason }
}

function rootPlace(name: string, schema: Schema): Place {
  if (name === DOCUMENT_FIELD) return { kind: 'node', node: schema.topNodeType, depth: 0 }
  if (name === PACT_MODEL_KEY) return { kind: 'model-map', depth: 0 }
  return { kind: 'foreign', depth: 0 }
}

/** The place inside `type`, given the place `type` itself is in (as a child, or as the entry `parentSub` of a map). */
function placeInside(outer: Place, parentSub: string | null, type: SharedType): Place {
  if (outer.kind === 'gone' || outer.kind === 'refused') return outer
  // Attributes in the text are plain values; only the model's maps hold types under a key.
  if (parentSub !== null && outer.kind !== 'model-map' && outer.kind !== 'foreign')
    return refused('not-in-schema: a type as an attribute')
  const depth = outer.depth + 1
  switch (outer.kind) {
    case 'node': {
      const { schema } = schemaRules()
      if (type.constructor === Y.XmlText) return { kind: 'text', node: outer.node, depth }
      const name = type.constructor === Y.XmlElement ? (type as Y.XmlElement).nodeName : null
      if (name && Object.hasOwn(schema.nodes, name) && !schema.nodes[name].isText)
        return { kind: 'node', node: schema.nodes[name], depth }
      return refused(`not-in-schema: inside ${describeType(type)}`)
    }
    case 'text':
      return refused(`not-in-schema: inside ${describeType(type)} in text`)
    case 'model-map':
    case 'model-array':
      if (type.constructor === Y.Map) return { kind: 'model-map', depth }
      if (type.constructor === Y.Array) return { kind: 'model-array', depth }
      return refused(`not-in-model: inside ${describeType(type)}`)
    case 'foreign':
      return { kind: 'foreign', depth }
  }
}

function checkAttribute(node: NodeType, key: string, content: Content): Reason {
  if (node.spec.topNode || !Object.hasOwn(node.spec.attrs ?? {}, key)) return `unknown-attribute: ${node.name}.${key}`
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return `attribute-type: ${node.name}.${key}`
  const value: unknown = content.arr[0]
  return isAttributeValue(node.spec.attrs![key].default, key, value) ? null : `attribute-type: ${node.name}.${key}`
}

/**
 * A value the readers can print and hash: what the default's type promises, or a plain
 * scalar where the default is null. `colwidth` is the one array attribute (table widths).
 */
function isAttributeValue(defaultValue: unknown, key: string, value: unknown): boolean {
  if (value === null) return true
  if (typeof defaultValue === 'number') return isFiniteNumber(value)
  if (typeof defaultValue === 'string') return typeof value === 'string'
  if (key === 'colwidth') return Array.isArray(value) && value.length <= MAX_COLUMN_WIDTH_ENTRIES && value.every(isFiniteNumber)
  return isScalar(value)
}

function checkModelContent(kind: 'model-map' | 'model-array', parentSub: string | null, content: Content): Reason {
  if ((kind === 'model-map') !== (parentSub !== null))
    return `not-in-model: ${kind === 'model-map' ? 'list entry in a map' : 'key in an array'}`
  if (content instanceof Y.ContentAny) return null
  if (content instanceof Y.ContentType && (content.type.constructor === Y.Map || content.type.constructor === Y.Array))
    return null
  return `not-in-model: ${describeContent(content)}`
}

// By constructor, not `constructor.name`: the production build renames classes.
const TYPE_NAMES = new Map<unknown, string>([
  [Y.XmlText, 'Y.XmlText'],
  [Y.XmlHook, 'Y.XmlHook'],
  [Y.XmlFragment, 'Y.XmlFragment'],
  [Y.Map, 'Y.Map'],
  [Y.Array, 'Y.Array'],
  [Y.Text, 'Y.Text'],
])
const CONTENT_NAMES = new Map<unknown, string>([
  [Y.ContentAny, 'a plain value'],
  [Y.ContentBinary, 'binary data'],
  [Y.ContentString, 'a string'],
  [Y.ContentEmbed, 'an embed'],
  [Y.ContentFormat, 'a format'],
  [Y.ContentJSON, 'JSON'],
  [Y.ContentDoc, 'a subdocument'],
])

function describeType(type: SharedType): string {
  if (type.constructor === Y.XmlElement) return `element ${(type as Y.XmlElement).nodeName}`
  return TYPE_NAMES.get(type.constructor) ?? 'an unknown type'
}

function describeContent(content: Content): string {
  return content instanceof Y.ContentType
    ? describeType(content.type)
    : (CONTENT_NAMES.get(content.constructor) ?? 'unknown content')
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}
