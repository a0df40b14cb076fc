// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import { Collaboration } from '@tiptap/extension-collaboration'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { demoPactDocument } from '#app/demo/demo-document.ts'
import { demoPactModel } from '#app/demo/demo-pact-model.ts'
import { seedPactDocument } from '#app/document/document.server.ts'
import { DOCUMENT_FIELD, pactExtensions } from '#app/document/extensions.ts'
import { seedPactModel, setBudget, updateResultAreaField, upsertRiskRule } from '#app/pact-model/pact-model-yjs.ts'
import {
  clientUpdate as clientUpdateOf,
  findElement,
  HOSTILE_CASES,
  hostileCaseText,
  nested,
} from '#tests/support/hostile-updates.ts'
import { generateHistory } from '../../bench/lib/history.ts'
import { checkUpdate, type UpdateVerdict } from './update-guard.ts'

const parties = { gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }
const model = demoPactModel(parties)

const template = hostileCaseText()

/** The server's copy of a new pact (with a table added), or of the demo pact (data blocks for each area). */
function serverDoc(text: 'template' | 'demo' = 'template'): Y.Doc {
  const doc = new Y.Doc()
  seedPactDocument(doc, text === 'demo' ? demoPactDocument(template, model) : template)
  seedPactModel(doc, model)
  return doc
}

function fragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOCUMENT_FIELD)
}

/** The reason the guard gives, or null when it accepts. */
function reasonOf(verdict: UpdateVerdict): string | null {
  return verdict.kind === 'accepted' ? null : verdict.reason
}

function clientUpdate(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  return clientUpdateOf(Y.encodeStateAsUpdate(server), change)
}

describe('the update guard refuses what the schema does not allow', () => {
  it.each(HOSTILE_CASES.map((hostile) => [hostile.name, hostile] as const))('%s', (_name, { build, reason }) => {
    const server = serverDoc()
    const update = build(Y.encodeStateAsUpdate(server))
    const before = Y.encodeStateAsUpdate(server)
    const verdict = checkUpdate(server, update)
    expect(reasonOf(verdict)).toMatch(reason)
    // Only what builds on structs the server lacks may wait for them; everything else closes its sender.
    expect(verdict.kind).toBe(reason.source === 'incomplete' ? 'incomplete' : 'refused')
    // Checking changes nothing.
    expect(Y.encodeStateAsUpdate(server)).toEqual(before)
  })

  it('refuses an update over the size limit', () => {
    const server = serverDoc()
    const update = clientUpdate(server, (c) => (findElement(c, 'paragraph')!.get(0) as Y.XmlText).insert(0, 'x'.repeat(2_000)))
    expect(reasonOf(checkUpdate(server, update, { maxDepth: 64, maxUpdateBytes: 1_000 }))).toMatch(/too-large/)
    expect(reasonOf(checkUpdate(server, update))).toBeNull()
  })

  it('refuses additions inside content that was stored before the guard existed, but lets it be deleted', () => {
    const server = serverDoc()
    Y.applyUpdate(
      server,
      clientUpdate(server, (c) => fragment(c).insert(0, [new Y.Map() as never])),
    )
    Y.applyUpdate(server, clientUpdate(server, nested(200)))
    const stored = fragment(server).get(0) as Y.XmlElement
    expect(stored.nodeName).toBe('bulletList')
    const deepest = clientUpdate(server, (c) => {
      let current = fragment(c).get(0) as Y.XmlElement
      while (current.length > 0) current = current.get(0) as Y.XmlElement
      current.insert(0, [new Y.XmlElement('paragraph')])
    })
    expect(reasonOf(checkUpdate(server, deepest))).toMatch(/too-deep/)
    expect(
      reasonOf(
        checkUpdate(
          server,
          clientUpdate(server, (c) => (fragment(c).get(1) as unknown as Y.Map<number>).set('x', 1)),
        ),
      ),
    ).toMatch(/not-in-schema/)
    expect(
      reasonOf(
        checkUpdate(
          server,
          clientUpdate(server, (c) => fragment(c).delete(0, 2)),
        ),
      ),
    ).toBeNull()
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
      const refusal = reasonOf(checkUpdate(server, update))
      if (refusal) refusals.push(refusal)
      else Y.applyUpdate(server, update)
    })
    editor = new Editor({
      extensions: [...pactExtensions(), Collaboration.configure({ document: client, field: DOCUMENT_FIELD })],
    })
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
      const refusal = reasonOf(checkUpdate(server, update))
      if (refusal) refusals.push(refusal)
      Y.applyUpdate(server, update)
    }
    expect(refusals).toEqual([])
  })

  it('passes a whole document sent at once, as a client coming back from a long offline session does', () => {
    const server = new Y.Doc()
    expect(reasonOf(checkUpdate(server, Y.encodeStateAsUpdate(serverDoc())))).toBeNull()
    expect(reasonOf(checkUpdate(server, Y.encodeStateAsUpdate(serverDoc('demo'))))).toBeNull()
  })

  it('leaves other top-level names alone: no reader looks at them', () => {
    const server = serverDoc()
    expect(
      reasonOf(
        checkUpdate(
          server,
          clientUpdate(server, (c) => c.getText('notities').insert(0, 'vrij')),
        ),
      ),
    ).toBeNull()
  })
})
