// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import { Collaboration } from '@tiptap/extension-collaboration'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { demoPactDocument } from '#app/demo/demo-document.ts'
import { demoPactModel } from '#app/demo/demo-pact-model.ts'
import { DOCUMENT_FIELD, seedPactDocument } from '#app/document/document.server.ts'
import { pactExtensions } from '#app/document/extensions.ts'
import { pactTemplate } from '#app/document/template.ts'
import { PACT_MODEL_KEY, seedPactModel, setBudget, updateResultAreaField, upsertRiskRule } from '#app/pact-model/pact-model-yjs.ts'
import { generateHistory } from '../../bench/lib/history.ts'
import { checkUpdate } from './update-guard.ts'

const parties = { gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }
const model = demoPactModel(parties)

const template = pactTemplate({ title: 'Pact Zorgzaam Zuid', region: 'Regio Zuid', startYear: 2027, endYear: 2030 })

/** The server's copy of a new pact (the template has clauses and tables), or of the demo pact (data blocks instead of tables). */
function serverDoc(text: 'template' | 'demo' = 'template'): Y.Doc {
  const doc = new Y.Doc()
  seedPactDocument(doc, text === 'demo' ? demoPactDocument(template, model) : template)
  seedPactModel(doc, model)
  return doc
}

/** A client in step with the server; `change` makes an edit, the result is the update it sends. */
function clientUpdate(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const before = Y.encodeStateVector(client)
  change(client)
  return Y.encodeStateAsUpdate(client, before)
}

function fragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOCUMENT_FIELD)
}

/** The first element with this node name, depth first. */
function find(doc: Y.Doc, nodeName: string): Y.XmlElement {
  const found = fragment(doc)
    .createTreeWalker((type) => type instanceof Y.XmlElement && type.nodeName === nodeName)
    .next()
  if (found.done) throw new Error(`no ${nodeName} in the document`)
  return found.value as Y.XmlElement
}

/** The fragment seen as another root type: how a hand-made client writes raw content into it. */
function rootAs<T extends Y.AbstractType<any>>(server: Y.Doc, make: (doc: Y.Doc) => T, insert: (type: T) => void): Uint8Array {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const before = Y.encodeStateVector(client)
  insert(make(client))
  return Y.encodeStateAsUpdate(client, before)
}

/** `bulletList > listItem > bulletList …`, one level at a time (Yjs integrates a prepared tree recursively). */
function nested(depth: number): (client: Y.Doc) => void {
  return (client) =>
    client.transact(() => {
      let current = new Y.XmlElement('bulletList')
      fragment(client).insert(0, [current])
      for (let level = 0; level < depth; level++) {
        const child = new Y.XmlElement(level % 2 === 0 ? 'listItem' : 'bulletList')
        current.insert(0, [child])
        current = child
      }
    })
}

function withClauseAttribute(key: string, value: unknown) {
  return (client: Y.Doc) => find(client, 'clause').setAttribute(key, value as string)
}

// Each case takes the document outside the schema in its own way; every one must be refused.
const hostile: Array<[string, (server: Y.Doc) => Uint8Array, RegExp]> = [
  ['a Y.Map in the fragment', (s) => clientUpdate(s, (c) => fragment(c).insert(0, [new Y.Map() as never])), /Y\.Map inside doc/],
  ['a Y.Array in the fragment', (s) => clientUpdate(s, (c) => fragment(c).insert(0, [new Y.Array() as never])), /Y\.Array inside doc/],
  ['a Y.Text in the fragment', (s) => clientUpdate(s, (c) => fragment(c).insert(0, [new Y.Text('x') as never])), /Y\.Text inside doc/],
  ['a Y.XmlHook in the fragment', (s) => clientUpdate(s, (c) => fragment(c).insert(0, [new Y.XmlHook('h') as never])), /Y\.XmlHook/],
  ['a raw string in the fragment', (s) => rootAs(s, (c) => c.getArray(DOCUMENT_FIELD), (a) => a.insert(0, ['x'])), /plain value/],
  ['a raw object in the fragment', (s) => rootAs(s, (c) => c.getArray(DOCUMENT_FIELD), (a) => a.insert(0, [{ a: 1 }])), /plain value/],
  ['binary in the fragment', (s) => rootAs(s, (c) => c.getArray(DOCUMENT_FIELD), (a) => a.insert(0, [new Uint8Array([1, 2])])), /binary/],
  ['text straight in the fragment', (s) => rootAs(s, (c) => c.getText(DOCUMENT_FIELD), (t) => t.insert(0, 'x')), /a string inside doc/],
  ['a key on the fragment', (s) => rootAs(s, (c) => c.getMap(DOCUMENT_FIELD), (m) => m.set('x', 1)), /unknown-attribute/],
  ['a Y.Map inside a paragraph', (s) => clientUpdate(s, (c) => find(c, 'paragraph').insert(0, [new Y.Map() as never])), /Y\.Map inside paragraph/],
  ['an unknown element', (s) => clientUpdate(s, (c) => fragment(c).insert(0, [new Y.XmlElement('script')])), /element script inside doc/],
  ['a paragraph in a paragraph', (s) => clientUpdate(s, (c) => find(c, 'paragraph').insert(0, [new Y.XmlElement('paragraph')])), /paragraph inside paragraph/],
  ['a clause in a clause', (s) => clientUpdate(s, (c) => find(c, 'clause').insert(1, [new Y.XmlElement('clause')])), /clause inside clause/],
  ['a list item at the top', (s) => clientUpdate(s, (c) => fragment(c).insert(0, [new Y.XmlElement('listItem')])), /listItem inside doc/],
  ['a text element node', (s) => clientUpdate(s, (c) => find(c, 'paragraph').insert(0, [new Y.XmlElement('text')])), /element text/],
  ['text in a table row', (s) => clientUpdate(s, (c) => find(c, 'tableRow').insert(0, [new Y.XmlText('x')])), /XmlText inside tableRow/],
  ['an embed in text', (s) => clientUpdate(s, (c) => (find(c, 'paragraph').get(0) as Y.XmlText).insertEmbed(0, { a: 1 })), /embed/],
  ['a type in text', (s) => clientUpdate(s, (c) => (find(c, 'paragraph').get(0) as Y.XmlText).insertEmbed(0, new Y.Map())), /Y\.Map in the text/],
  ['an unknown mark', (s) => clientUpdate(s, (c) => (find(c, 'paragraph').get(0) as Y.XmlText).format(0, 2, { link: { href: 'x' } })), /mark-not-allowed/],
  ['bold in a clause title', (s) => clientUpdate(s, (c) => (find(c, 'clauseTitle').get(0) as Y.XmlText).format(0, 2, { bold: {} })), /mark-not-allowed: bold/],
  ['mark attributes that are objects', (s) => clientUpdate(s, (c) => (find(c, 'paragraph').get(0) as Y.XmlText).format(0, 2, { bold: { a: {} } })), /mark-attributes/],
  ['a clause kind of Infinity', (s) => clientUpdate(s, withClauseAttribute('kind', Infinity)), /attribute-type: clause.kind/],
  ['a clause kind of NaN', (s) => clientUpdate(s, withClauseAttribute('kind', NaN)), /attribute-type: clause.kind/],
  ['a clause id of NaN', (s) => clientUpdate(s, withClauseAttribute('clauseId', NaN)), /attribute-type: clause.clauseId/],
  ['a clause id that is a BigInt', (s) => clientUpdate(s, withClauseAttribute('clauseId', 10n)), /attribute-type: clause.clauseId/],
  ['a clause id that is binary', (s) => clientUpdate(s, withClauseAttribute('clauseId', new Uint8Array([1]))), /attribute-type: clause.clauseId/],
  ['a clause id that is an object', (s) => clientUpdate(s, withClauseAttribute('clauseId', { toString: 1 })), /attribute-type: clause.clauseId/],
  ['a clause id that is a type', (s) => clientUpdate(s, withClauseAttribute('clauseId', new Y.Map())), /attribute-type: clause.clauseId/],
  ['an unknown attribute', (s) => clientUpdate(s, withClauseAttribute('onclick', 'x')), /unknown-attribute: clause.onclick/],
  ['an ordered list start that is an object', (s) => clientUpdate(s, (c) => {
    const list = new Y.XmlElement('orderedList')
    list.setAttribute('start', { valueOf: 3 } as never)
    find(c, 'clause').insert(1, [list])
  }), /attribute-type: orderedList.start/],
  ['a column width that is not numbers', (s) => clientUpdate(s, (c) => find(c, 'tableCell').setAttribute('colwidth', ['100px'] as never)), /colwidth/],
  ['nesting 65 deep', (s) => clientUpdate(s, nested(64)), /too-deep/],
  ['nesting 1,000 deep', (s) => clientUpdate(s, nested(1_000)), /too-deep/],
  ['nesting 3,000 deep', (s) => clientUpdate(s, nested(3_000)), /too-deep/],
  ['nesting 3,000 deep in the model', (s) => clientUpdate(s, (c) => {
    let current = c.getMap(PACT_MODEL_KEY)
    for (let level = 0; level < 3_000; level++) current = current.set('x', new Y.Map())
  }), /too-deep/],
  ['an element in the model', (s) => clientUpdate(s, (c) => c.getMap(PACT_MODEL_KEY).set('x', new Y.XmlElement('paragraph') as never)), /not-in-model/],
  ['a list entry in a model map', (s) => rootAs(s, (c) => c.getArray(PACT_MODEL_KEY), (a) => a.insert(0, [1])), /not-in-model/],
  ['a truncated delete set (the 6-byte frame)', () => new Uint8Array([0x00, 0x01]), /undecodable/],
  ['a gap in a client\'s clock', (s) => {
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(s))
    const before = Y.encodeStateVector(client)
    fragment(client).insert(0, [new Y.XmlElement('paragraph')])
    const middle = Y.encodeStateVector(client)
    find(client, 'paragraph').insert(0, [new Y.XmlText('later')])
    return Y.diffUpdate(Y.encodeStateAsUpdate(client, before), middle)
  }, /incomplete/],
]

describe('the update guard refuses what the schema does not allow', () => {
  it.each(hostile)('%s', (_name, make, reason) => {
    const server = serverDoc()
    const update = make(server)
    const before = Y.encodeStateAsUpdate(server)
    expect(checkUpdate(server, update)).toMatch(reason)
    // Checking changes nothing.
    expect(Y.encodeStateAsUpdate(server)).toEqual(before)
  })

  it('refuses an update over the size limit', () => {
    const server = serverDoc()
    const update = clientUpdate(server, (c) => (find(c, 'paragraph').get(0) as Y.XmlText).insert(0, 'x'.repeat(2_000)))
    expect(checkUpdate(server, update, { maxDepth: 64, maxUpdateBytes: 1_000 })).toMatch(/too-large/)
    expect(checkUpdate(server, update)).toBeNull()
  })

  it('refuses additions inside content that was stored before the guard existed, but lets it be deleted', () => {
    const server = serverDoc()
    Y.applyUpdate(server, clientUpdate(server, (c) => fragment(c).insert(0, [new Y.Map() as never])))
    Y.applyUpdate(server, clientUpdate(server, nested(200)))
    const stored = fragment(server).get(0) as Y.XmlElement
    expect(stored.nodeName).toBe('bulletList')
    const deepest = clientUpdate(server, (c) => {
      let current = fragment(c).get(0) as Y.XmlElement
      while (current.length > 0) current = current.get(0) as Y.XmlElement
      current.insert(0, [new Y.XmlElement('paragraph')])
    })
    expect(checkUpdate(server, deepest)).toMatch(/too-deep/)
    expect(checkUpdate(server, clientUpdate(server, (c) => (fragment(c).get(1) as unknown as Y.Map<number>).set('x', 1)))).toMatch(
      /not-in-schema/,
    )
    expect(checkUpdate(server, clientUpdate(server, (c) => fragment(c).delete(0, 2)))).toBeNull()
  })
})

describe('the update guard lets every edit of the editor through', () => {
  let editor: Editor | undefined
  afterEach(() => {
    editor?.destroy()
    editor = undefined
  })

  it('passes typing, marks, headings, lists, tables, clauses and data blocks made in the real editor', () => {
    const server = serverDoc()
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const refusals: string[] = []
    let updates = 0
    client.on('update', (update: Uint8Array) => {
      updates++
      const refusal = checkUpdate(server, update)
      if (refusal) refusals.push(refusal)
      else Y.applyUpdate(server, update)
    })
    editor = new Editor({ extensions: [...pactExtensions(), Collaboration.configure({ document: client, field: DOCUMENT_FIELD })] })
    const e = editor
    const inFirstParagraph = () => {
      let target = -1
      e.state.doc.descendants((node, pos) => {
        if (target < 0 && node.type.name === 'paragraph' && node.content.size > 0) target = pos + 1
        return target < 0
      })
      e.commands.setTextSelection(target)
    }
    inFirstParagraph()
    e.commands.insertContent('Samen met de wijkteams ')
    e.commands.setTextSelection({ from: e.state.selection.from - 6, to: e.state.selection.from - 1 })
    e.commands.toggleBold()
    e.commands.toggleItalic()
    inFirstParagraph()
    e.commands.splitBlock()
    e.commands.insertContent('Een kop')
    e.commands.setHeading({ level: 3 })
    e.commands.splitBlock()
    e.commands.toggleBulletList()
    e.commands.insertContent('eerste punt')
    e.commands.splitListItem('listItem')
    e.commands.insertContent('tweede punt')
    e.commands.sinkListItem('listItem')
    e.commands.toggleOrderedList()
    e.commands.setHardBreak()
    e.commands.insertContent('na de regel')
    e.commands.insertClause({ kind: 'budget', title: 'Nieuwe clausule' })
    e.commands.insertTable({ rows: 3, cols: 3, withHeaderRow: true })
    e.commands.insertContent('cel')
    e.commands.addColumnAfter()
    e.commands.mergeOrSplit()
    e.commands.insertPactData({ kind: 'result-area', refId: model.resultAreas[0].id })
    const written = JSON.stringify(e.getJSON())
    for (const type of ['bold', 'italic', 'heading', 'bulletList', 'orderedList', 'hardBreak', 'tableHeader', 'pactData']) {
      expect(written).toContain(`"type":"${type}"`)
    }
    e.commands.setClauseKind('risicodeling')
    e.commands.moveClauseUp()
    e.commands.moveClauseDown()
    e.commands.setTextSelection(TextSelection.atEnd(e.state.doc).from)
    e.commands.deleteClause()
    e.commands.selectAll()
    e.commands.deleteSelection()
    e.commands.insertContent('<h2>Opnieuw</h2><p>Alles <strong>vervangen</strong>.</p><ol start="4"><li><p>vier</p></li></ol>')
    // The structured model's own mutators.
    setBudget(client, model.resultAreas[0].id, 'w', 2028, 12_345)
    updateResultAreaField(client, model.resultAreas[0].id, 'title', 'Nieuwe titel')
    upsertRiskRule(client, { ...model.riskRules[0], id: 'r-nieuw' })
    expect(refusals).toEqual([])
    expect(updates).toBeGreaterThan(20)
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(client))
  })

  it('passes a recorded editing history of a large pact, one update at a time', () => {
    const { updates } = generateHistory({ updates: 3_000, seed: 7 })
    const server = new Y.Doc()
    const refusals = []
    for (const update of updates) {
      const refusal = checkUpdate(server, update)
      if (refusal) refusals.push(refusal)
      Y.applyUpdate(server, update)
    }
    expect(refusals).toEqual([])
  })

  it('passes a whole document sent at once, as a client coming back from a long offline session does', () => {
    const server = new Y.Doc()
    expect(checkUpdate(server, Y.encodeStateAsUpdate(serverDoc()))).toBeNull()
    expect(checkUpdate(server, Y.encodeStateAsUpdate(serverDoc('demo')))).toBeNull()
  })

  it('leaves other top-level names alone: no reader looks at them', () => {
    const server = serverDoc()
    expect(checkUpdate(server, rootAs(server, (c) => c.getText('notities'), (t) => t.insert(0, 'vrij')))).toBeNull()
  })
})
