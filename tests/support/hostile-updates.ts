import type { JSONContent } from '@tiptap/core'
import fc from 'fast-check'
import * as Y from 'yjs'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { pactTemplate } from '#app/document/template.ts'
import { PACT_MODEL_KEY } from '#app/pact-model/pact-model-yjs.ts'

/**
 * Updates a hostile (or broken) client could send to take a pact's document outside the
 * editor's schema, built against the server's current state the way a client in step with it
 * would: the named cases of issue 10 for the unit tests, and a seeded generator of random and
 * structured ones for the socket fuzz test.
 */

/**
 * The text the hostile cases edit: a new pact's text (clauses, headings, lists, data blocks) and a
 * table with a header row, as a drafter adds one with the table button (the template has none).
 */
export function hostileCaseText(): JSONContent {
  const template = pactTemplate({ title: 'Pact Zorgzaam Zuid', region: 'Regio Zuid', startYear: 2027, endYear: 2030 })
  const cell = (type: string, text: string): JSONContent => ({
    type,
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  })
  const table: JSONContent = {
    type: 'table',
    content: [
      { type: 'tableRow', content: [cell('tableHeader', 'Wijk'), cell('tableHeader', 'Aantal')] },
      { type: 'tableRow', content: [cell('tableCell', 'Noord'), cell('tableCell', '12')] },
    ],
  }
  const content = template.content ?? []
  const lastClause = content.findLastIndex((node) => node.type === 'clause')
  return {
    ...template,
    content: content.map((node, index) => (index === lastClause ? { ...node, content: [...(node.content ?? []), table] } : node)),
  }
}

/** A client in step with `state`; `change` makes an edit, the result is the update it would send. */
export function clientUpdate(state: Uint8Array, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc()
  Y.applyUpdate(client, state)
  const before = Y.encodeStateVector(client)
  change(client)
  return Y.encodeStateAsUpdate(client, before)
}

export function fragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOCUMENT_FIELD)
}

/** The `index`th element with this node name, depth first (wrapping around); null if there is none. */
export function findElement(doc: Y.Doc, nodeName: string, index = 0): Y.XmlElement | null {
  const found = [...fragment(doc).createTreeWalker((type) => type instanceof Y.XmlElement && type.nodeName === nodeName)]
  return found.length > 0 ? (found[index % found.length] as Y.XmlElement) : null
}

function find(doc: Y.Doc, nodeName: string): Y.XmlElement {
  const element = findElement(doc, nodeName)
  if (!element) throw new Error(`no ${nodeName} in the document`)
  return element
}

function firstText(doc: Y.Doc, nodeName: string): Y.XmlText {
  return find(doc, nodeName).get(0) as Y.XmlText
}

/** The fragment's root seen as another shared type: how a hand-made client writes raw content into it. */
function asRoot<T extends Y.AbstractType<any>>(make: (doc: Y.Doc) => T, insert: (type: T) => void) {
  return (client: Y.Doc) => insert(make(client))
}

/** `bulletList > listItem > bulletList …`, one level at a time (Yjs integrates a prepared tree recursively). */
export function nested(depth: number, names: readonly string[] = ['listItem', 'bulletList']): (client: Y.Doc) => void {
  return (client) =>
    client.transact(() => {
      let current = new Y.XmlElement('bulletList')
      fragment(client).insert(0, [current])
      for (let level = 0; level < depth; level++) {
        const child = new Y.XmlElement(names[level % names.length])
        current.insert(0, [child])
        current = child
      }
    })
}

function clauseAttribute(key: string, value: unknown) {
  return (client: Y.Doc) => find(client, 'clause').setAttribute(key, value as string)
}

export interface HostileCase {
  name: string
  /** The update, built against the server's state; needs a document with clauses, paragraphs and a table. */
  build(state: Uint8Array): Uint8Array
  /** What the guard's refusal says. */
  reason: RegExp
}

function change(name: string, edit: (client: Y.Doc) => void, reason: RegExp): HostileCase {
  return { name, build: (state) => clientUpdate(state, edit), reason }
}

export const HOSTILE_CASES: HostileCase[] = [
  change('a Y.Map in the fragment', (c) => fragment(c).insert(0, [new Y.Map() as never]), /Y\.Map inside doc/),
  change('a Y.Array in the fragment', (c) => fragment(c).insert(0, [new Y.Array() as never]), /Y\.Array inside doc/),
  change('a Y.Text in the fragment', (c) => fragment(c).insert(0, [new Y.Text('x') as never]), /Y\.Text inside doc/),
  change('a Y.XmlHook in the fragment', (c) => fragment(c).insert(0, [new Y.XmlHook('h') as never]), /Y\.XmlHook/),
  change(
    'a raw string in the fragment',
    asRoot(
      (c) => c.getArray(DOCUMENT_FIELD),
      (a) => a.insert(0, ['x']),
    ),
    /plain value/,
  ),
  change(
    'a raw object in the fragment',
    asRoot(
      (c) => c.getArray(DOCUMENT_FIELD),
      (a) => a.insert(0, [{ a: 1 }]),
    ),
    /plain value/,
  ),
  change(
    'binary in the fragment',
    asRoot(
      (c) => c.getArray(DOCUMENT_FIELD),
      (a) => a.insert(0, [new Uint8Array([1, 2])]),
    ),
    /binary/,
  ),
  change(
    'text straight in the fragment',
    asRoot(
      (c) => c.getText(DOCUMENT_FIELD),
      (t) => t.insert(0, 'x'),
    ),
    /a string inside doc/,
  ),
  change(
    'a key on the fragment',
    asRoot(
      (c) => c.getMap(DOCUMENT_FIELD),
      (m) => m.set('x', 1),
    ),
    /unknown-attribute/,
  ),
  change('a Y.Map inside a paragraph', (c) => find(c, 'paragraph').insert(0, [new Y.Map() as never]), /Y\.Map inside paragraph/),
  change('an unknown element', (c) => fragment(c).insert(0, [new Y.XmlElement('script')]), /element script inside doc/),
  change(
    'a paragraph in a paragraph',
    (c) => find(c, 'paragraph').insert(0, [new Y.XmlElement('paragraph')]),
    /paragraph inside paragraph/,
  ),
  change('a clause in a clause', (c) => find(c, 'clause').insert(1, [new Y.XmlElement('clause')]), /clause inside clause/),
  change('a list item at the top', (c) => fragment(c).insert(0, [new Y.XmlElement('listItem')]), /listItem inside doc/),
  change('an element named text', (c) => find(c, 'paragraph').insert(0, [new Y.XmlElement('text')]), /element text/),
  change('text in a table row', (c) => find(c, 'tableRow').insert(0, [new Y.XmlText('x')]), /XmlText inside tableRow/),
  change('an embed in text', (c) => firstText(c, 'paragraph').insertEmbed(0, { a: 1 }), /embed/),
  change('a type in text', (c) => firstText(c, 'paragraph').insertEmbed(0, new Y.Map()), /Y\.Map in the text/),
  change('an unknown mark', (c) => firstText(c, 'paragraph').format(0, 2, { link: { href: 'x' } }), /mark-not-allowed/),
  change('bold in a clause title', (c) => firstText(c, 'clauseTitle').format(0, 2, { bold: {} }), /mark-not-allowed: bold/),
  change(
    'mark attributes that are objects',
    (c) => firstText(c, 'paragraph').format(0, 2, { bold: { a: {} } }),
    /mark-attributes/,
  ),
  change('a clause kind of Infinity', clauseAttribute('kind', Infinity), /attribute-type: clause.kind/),
  change('a clause kind of NaN', clauseAttribute('kind', NaN), /attribute-type: clause.kind/),
  change('a clause id of NaN', clauseAttribute('clauseId', NaN), /attribute-type: clause.clauseId/),
  change('a clause id that is a BigInt', clauseAttribute('clauseId', 10n), /attribute-type: clause.clauseId/),
  change('a clause id that is binary', clauseAttribute('clauseId', new Uint8Array([1])), /attribute-type: clause.clauseId/),
  change('a clause id that is an object', clauseAttribute('clauseId', { toString: 1 }), /attribute-type: clause.clauseId/),
  change(
    'a clause id that is a type',
    (c) => find(c, 'clause').setAttribute('clauseId', new Y.Map() as never),
    /attribute-type: clause.clauseId/,
  ),
  change('an unknown attribute', clauseAttribute('onclick', 'x'), /unknown-attribute: clause.onclick/),
  change(
    'an ordered list start that is an object',
    (c) => {
      const list = new Y.XmlElement('orderedList')
      list.setAttribute('start', { valueOf: 3 } as never)
      find(c, 'clause').insert(1, [list])
    },
    /attribute-type: orderedList.start/,
  ),
  change(
    'a column width that is not numbers',
    (c) => find(c, 'tableCell').setAttribute('colwidth', ['100px'] as never),
    /colwidth/,
  ),
  change('nesting 65 deep', nested(64), /too-deep/),
  change('nesting 1,000 deep', nested(1_000), /too-deep/),
  change('nesting 3,000 deep', nested(3_000), /too-deep/),
  change(
    'nesting 3,000 deep in the model',
    (c) =>
      c.transact(() => {
        let current = c.getMap(PACT_MODEL_KEY)
        for (let level = 0; level < 3_000; level++) current = current.set('x', new Y.Map())
      }),
    /too-deep/,
  ),
  change('a subdocument under another top-level name', (c) => c.getMap('elders').set('doc', new Y.Doc()), /subdocument/),
  change(
    'an element in the model',
    (c) => c.getMap(PACT_MODEL_KEY).set('x', new Y.XmlElement('paragraph') as never),
    /not-in-model/,
  ),
  change(
    'a list entry in a model map',
    asRoot(
      (c) => c.getArray(PACT_MODEL_KEY),
      (a) => a.insert(0, [1]),
    ),
    /not-in-model/,
  ),
  { name: 'a truncated delete set (the 6-byte frame)', build: () => TRUNCATED_DELETE_SET, reason: /undecodable/ },
  {
    name: "a gap in a client's clock",
    build: (state) => {
      const client = new Y.Doc()
      Y.applyUpdate(client, state)
      const before = Y.encodeStateVector(client)
      fragment(client).insert(0, [new Y.XmlElement('paragraph')])
      const middle = Y.encodeStateVector(client)
      find(client, 'paragraph').insert(0, [new Y.XmlText('later')])
      return Y.diffUpdate(Y.encodeStateAsUpdate(client, before), middle)
    },
    reason: /incomplete/,
  },
  {
    name: 'a right neighbour the server does not have',
    build: (state) => {
      // A types 'b' and never sends it; B, who has it, types 'x' just before it and sends only that.
      const a = new Y.Doc()
      Y.applyUpdate(a, state)
      ;(findElement(a, 'paragraph')!.get(0) as Y.XmlText).insert(1, 'b')
      const b = new Y.Doc()
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
      const before = Y.encodeStateVector(b)
      ;(findElement(b, 'paragraph')!.get(0) as Y.XmlText).insert(1, 'x')
      return Y.encodeStateAsUpdate(b, before)
    },
    reason: /incomplete/,
  },
]

/**
 * The update inside the 6-byte frame `00 02 02 00 01` of issue 10: no structs and a delete set
 * that announces one client and ends. `Y.parseUpdateMeta` accepts it, `Y.applyUpdate` throws.
 */
export const TRUNCATED_DELETE_SET = new Uint8Array([0x00, 0x01])

// What the fuzzer puts where the schema expects something else: every kind of shared type and plain value.
const NODE_NAMES = [
  'doc',
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'tableHeader',
  'clause',
  'clauseTitle',
  'pactData',
  'hardBreak',
  'text',
]
const ATTRIBUTE_KEYS = ['clauseId', 'kind', 'start', 'type', 'level', 'colspan', 'rowspan', 'colwidth', 'align', 'refId']

const attributeValue = fc.oneof(
  fc.double(),
  fc.bigInt(),
  fc.object(),
  fc.uint8Array({ maxLength: 8 }),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 4 }),
)

const childType = fc.oneof(
  fc.constantFrom(...NODE_NAMES).map((name) => () => new Y.XmlElement(name) as Y.AbstractType<any>),
  fc.string({ maxLength: 8 }).map((name) => () => new Y.XmlElement(name || 'x') as Y.AbstractType<any>),
  fc.constantFrom(
    () => new Y.XmlText('tekst') as Y.AbstractType<any>,
    () => new Y.Map() as Y.AbstractType<any>,
    () => new Y.Array() as Y.AbstractType<any>,
    () => new Y.Text('t') as Y.AbstractType<any>,
    () => new Y.XmlHook('h') as Y.AbstractType<any>,
  ),
)

/** Inserts at `index` (clamped) of the `nth` element named `parent`, or of the fragment. */
function insertInto(client: Y.Doc, parent: string, nth: number, index: number, content: unknown[]): void {
  const target = parent === 'fragment' ? fragment(client) : findElement(client, parent, nth)
  if (!target) return
  const list = target as unknown as Y.Array<unknown>
  // Y.XmlFragment only takes types through its typed API; a hand-made client writes anything.
  Y.transact(client, () =>
    (Y.Array.prototype.insert as (index: number, content: unknown[]) => void).call(list, Math.min(index, target.length), content),
  )
}

/**
 * Random and structured hostile updates against `state` (a pact with the template's text), as
 * `{ kind, update }`. Some are harmless (a valid attribute, bytes that happen to decode as an
 * empty update): the server must accept those and refuse the rest, closing only the sender.
 */
export function hostileUpdates(state: Uint8Array): fc.Arbitrary<{ kind: string; update: Uint8Array }> {
  // Built once: they do not vary, and the deepest take a while to build.
  const named = fc.constantFrom(...HOSTILE_CASES.map((hostile) => ({ kind: hostile.name, update: hostile.build(state) })))
  const randomBytes = fc.uint8Array({ maxLength: 64 }).map((update) => ({ kind: 'random bytes', update }))
  const typed = clientUpdate(state, (c) => (findElement(c, 'paragraph')?.get(0) as Y.XmlText).insert(0, 'geldige tekst'))
  const mutated = fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })
    .chain((flips) => fc.nat({ max: typed.length }).map((cut) => ({ flips, cut })))
    .map(({ flips, cut }) => {
      const update = typed.slice(0, Math.max(1, cut))
      for (const [at, value] of flips) update[at % update.length] = value
      return { kind: 'mutated update', update }
    })
  const attribute = fc
    .record({
      node: fc.constantFrom(...NODE_NAMES),
      nth: fc.nat(20),
      key: fc.oneof(fc.constantFrom(...ATTRIBUTE_KEYS), fc.string({ maxLength: 6 })),
      value: attributeValue,
    })
    .map(({ node, nth, key, value }) => ({
      kind: `attribute ${node}.${key}`,
      update: clientUpdate(state, (c) => findElement(c, node, nth)?.setAttribute(key || 'k', value as string)),
    }))
  const insertion = fc
    .record({
      parent: fc.constantFrom('fragment', ...NODE_NAMES),
      nth: fc.nat(20),
      index: fc.nat(5),
      content: fc.oneof(
        childType.map((make) => [make()]),
        fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.object(), fc.uint8Array({ maxLength: 4 })), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
    })
    .map(({ parent, nth, index, content }) => ({
      kind: `insertion into ${parent}`,
      update: clientUpdate(state, (c) => insertInto(c, parent, nth, index, content)),
    }))
  const mark = fc
    // Formats are written as JSON, so no BigInt or binary here.
    .record({
      node: fc.constantFrom('paragraph', 'heading', 'clauseTitle'),
      key: fc.oneof(fc.constantFrom('bold', 'italic', 'link', 'code'), fc.string({ maxLength: 6 })),
      value: fc.oneof(fc.constant({}), fc.jsonValue({ maxDepth: 2 })),
    })
    .map(({ node, key, value }) => ({
      kind: `mark ${key} in ${node}`,
      update: clientUpdate(state, (c) =>
        (findElement(c, node)?.get(0) as Y.XmlText | undefined)?.format(0, 3, { [key || 'm']: value }),
      ),
    }))
  const deep = fc
    // Around the limit; the named cases send 1,000 and 3,000 levels.
    .record({
      depth: fc.integer({ min: 60, max: 200 }),
      names: fc.array(fc.constantFrom(...NODE_NAMES), { minLength: 1, maxLength: 3 }),
    })
    .map(({ depth, names }) => ({ kind: `nesting ${depth}`, update: clientUpdate(state, nested(depth, names)) }))
  return fc.oneof(named, randomBytes, mutated, attribute, insertion, mark, deep)
}
