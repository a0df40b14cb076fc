// @vitest-environment jsdom
import { Editor, type JSONContent } from '@tiptap/core'
import { Collaboration } from '@tiptap/extension-collaboration'
import { NodeSelection, TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isUsableClauseId } from '#app/document/clause-ids.ts'
import { pactExtensions } from './extensions.ts'

let editor: Editor | undefined
afterEach(() => {
  editor?.destroy()
  editor = undefined
})

function clause(clauseId: string | null, title: string, body = `Tekst van ${title}`, kind = 'algemeen'): JSONContent {
  return {
    type: 'clause',
    attrs: { clauseId, kind },
    content: [
      { type: 'clauseTitle', content: [{ type: 'text', text: title }] },
      { type: 'paragraph', content: [{ type: 'text', text: body }] },
    ],
  }
}

function createEditor(content: JSONContent[]): Editor {
  editor = new Editor({ extensions: pactExtensions(), content: { type: 'doc', content } })
  return editor
}

function clauses(e: Editor): Array<{ id: unknown; title: string; kind: unknown }> {
  const result: Array<{ id: unknown; title: string; kind: unknown }> = []
  e.state.doc.forEach((node) => {
    if (node.type.name === 'clause')
      result.push({ id: node.attrs.clauseId, title: node.firstChild!.textContent, kind: node.attrs.kind })
  })
  return result
}

/** Put the cursor inside the body text of the clause with this title. */
function cursorIn(e: Editor, title: string) {
  let target = -1
  e.state.doc.forEach((node, pos) => {
    if (node.type.name === 'clause' && node.firstChild!.textContent === title) target = pos + 1 + node.firstChild!.nodeSize + 2
  })
  expect(target).toBeGreaterThan(0)
  e.commands.setTextSelection(target)
}

// jsdom has no ClipboardEvent; ProseMirror only needs an event to pass to its handlers.
function paste(e: Editor, html: string) {
  e.view.pasteHTML(html, new Event('paste') as ClipboardEvent)
}

/** Microtask-deferred fixes (for changes from Yjs and the initial document) have run. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('clause ids', () => {
  it('stay the same while people type in and around clauses', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede')])
    cursorIn(e, 'Eerste')
    e.commands.insertContent('nieuwe woorden ')
    cursorIn(e, 'Tweede')
    e.commands.insertContent('nog meer ')
    e.commands.setTextSelection(1)
    e.commands.insertContentAt(0, { type: 'paragraph', content: [{ type: 'text', text: 'Inleiding' }] })
    expect(clauses(e).map((c) => c.id)).toEqual(['a', 'b'])
  })

  it('travel with the clause when it moves up and down', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede'), clause('c', 'Derde')])
    cursorIn(e, 'Derde')
    expect(e.commands.moveClauseUp()).toBe(true)
    expect(clauses(e).map((c) => [c.id, c.title])).toEqual([
      ['a', 'Eerste'],
      ['c', 'Derde'],
      ['b', 'Tweede'],
    ])
    expect(e.commands.moveClauseUp()).toBe(true)
    expect(e.commands.moveClauseUp()).toBe(false)
    expect(clauses(e).map((c) => c.id)).toEqual(['c', 'a', 'b'])
    expect(e.commands.moveClauseDown()).toBe(true)
    expect(e.commands.moveClauseDown()).toBe(true)
    expect(e.commands.moveClauseDown()).toBe(false)
    expect(clauses(e).map((c) => c.id)).toEqual(['a', 'b', 'c'])
  })

  it('keep the cursor in the moved clause', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede')])
    cursorIn(e, 'Tweede')
    const offsetInClause = e.state.selection.$from.parentOffset
    e.commands.moveClauseUp()
    const { $from } = e.state.selection
    expect($from.node(1).attrs.clauseId).toBe('b')
    expect($from.parentOffset).toBe(offsetInClause)
    e.commands.insertContent('X')
    expect(e.state.doc.child(0).textContent).toContain('X')
  })

  it('a clause without an id gets one', () => {
    const e = createEditor([clause('a', 'Eerste')])
    e.commands.insertContentAt(e.state.doc.content.size, clause(null, 'Zonder id'))
    const [first, second] = clauses(e)
    expect(first.id).toBe('a')
    expect(isUsableClauseId(second.id)).toBe(true)
  })

  it('a document that arrives with missing or duplicate ids is repaired', async () => {
    const e = createEditor([clause('a', 'Eerste'), clause(null, 'Zonder'), clause('a', 'Dubbel')])
    await settled()
    const ids = clauses(e).map((c) => c.id)
    expect(ids[0]).toBe('a')
    expect(new Set(ids).size).toBe(3)
    expect(ids.every(isUsableClauseId)).toBe(true)
  })

  it('a duplicated id keeps the first clause in document order and renumbers the later one', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede')])
    e.commands.insertContentAt(e.state.doc.content.size, clause('a', 'Kopie'))
    const [first, second, copy] = clauses(e)
    expect([first.id, second.id]).toEqual(['a', 'b'])
    expect(copy.title).toBe('Kopie')
    expect(copy.id).not.toBe('a')
    expect(isUsableClauseId(copy.id)).toBe(true)
  })

  it('a pasted copy of a clause gets a new id, also when pasted above the original', () => {
    const e = createEditor([{ type: 'paragraph' }, clause('a', 'Eerste'), clause('b', 'Tweede')])
    const html = e.getHTML()
    expect(html).toContain('data-clause-id="a"')
    e.commands.setTextSelection(1)
    paste(e, html)
    const ids = clauses(e).map((c) => c.id)
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(4)
    // The copies sit above the originals, yet the originals keep their ids.
    expect(ids.slice(2)).toEqual(['a', 'b'])
    expect(ids.slice(0, 2).every(isUsableClauseId)).toBe(true)
    expect(clauses(e).map((c) => c.title)).toEqual(['Eerste', 'Tweede', 'Eerste', 'Tweede'])
  })

  it('a clause that is cut and pasted elsewhere keeps its id', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede'), { type: 'paragraph' }])
    const html = e.getHTML().match(/<section[^]*?<\/section>/)![0]
    e.view.dispatch(e.state.tr.setSelection(NodeSelection.create(e.state.doc, 0)).deleteSelection())
    e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, e.state.doc.content.size - 1)))
    paste(e, html)
    expect(clauses(e).map((c) => [c.id, c.title])).toEqual([
      ['b', 'Tweede'],
      ['a', 'Eerste'],
    ])
  })
})

describe('clause commands', () => {
  it('insertClause adds a titled clause after the current one, with a fresh id', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede')])
    cursorIn(e, 'Eerste')
    expect(e.commands.insertClause({ kind: 'budget', title: 'Budgetten' })).toBe(true)
    const list = clauses(e)
    expect(list.map((c) => c.title)).toEqual(['Eerste', 'Budgetten', 'Tweede'])
    expect(list[1].kind).toBe('budget')
    expect(isUsableClauseId(list[1].id)).toBe(true)
    // The cursor waits in the new clause's body.
    expect(e.state.selection.$from.node(1).attrs.clauseId).toBe(list[1].id)
    expect(e.state.selection.$from.parent.type.name).toBe('paragraph')
  })

  it('insertClause without a title puts the cursor in the title', () => {
    const e = createEditor([{ type: 'paragraph', content: [{ type: 'text', text: 'Inleiding' }] }])
    e.commands.setTextSelection(3)
    e.commands.insertClause()
    expect(e.state.selection.$from.parent.type.name).toBe('clauseTitle')
    e.commands.insertContent('Nieuwe titel')
    expect(clauses(e)).toMatchObject([{ title: 'Nieuwe titel', kind: 'algemeen' }])
  })

  it('Enter at the end of a new title continues in the empty body paragraph', () => {
    const e = createEditor([{ type: 'paragraph' }])
    e.commands.insertClause()
    e.commands.insertContent('Titel')
    const press = () =>
      e.view.someProp('handleKeyDown', (handler) => handler(e.view, new KeyboardEvent('keydown', { key: 'Enter' })))
    press()
    e.commands.insertContent('Tekst')
    expect(e.state.doc.child(1).toJSON().content).toEqual([
      { type: 'clauseTitle', content: [{ type: 'text', text: 'Titel' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Tekst' }] },
    ])
  })

  it('setClauseKind changes the kind of the current clause only, and only to a known kind', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede')])
    cursorIn(e, 'Tweede')
    expect(e.commands.setClauseKind('risicodeling')).toBe(true)
    expect(e.commands.setClauseKind('onzin' as never)).toBe(false)
    expect(clauses(e).map((c) => c.kind)).toEqual(['algemeen', 'risicodeling'])
  })

  it('deleteClause removes the current clause; the last one leaves an empty paragraph', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede')])
    cursorIn(e, 'Eerste')
    expect(e.commands.deleteClause()).toBe(true)
    expect(clauses(e).map((c) => c.id)).toEqual(['b'])
    cursorIn(e, 'Tweede')
    expect(e.commands.deleteClause()).toBe(true)
    expect(e.state.doc.toJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
  })

  it('clause commands do nothing outside a clause', () => {
    const e = createEditor([{ type: 'paragraph', content: [{ type: 'text', text: 'Los' }] }, clause('a', 'Eerste')])
    e.commands.setTextSelection(2)
    expect(e.commands.moveClauseDown()).toBe(false)
    expect(e.commands.deleteClause()).toBe(false)
    expect(e.commands.setClauseKind('budget')).toBe(false)
  })

  it('the keyboard shortcuts move and remove clauses', () => {
    const e = createEditor([clause('a', 'Eerste'), clause('b', 'Tweede')])
    cursorIn(e, 'Tweede')
    const press = (key: string) =>
      e.view.someProp('handleKeyDown', (handler) =>
        handler(
          e.view,
          new KeyboardEvent('keydown', { key, ctrlKey: true, metaKey: /Mac/.test(navigator.platform), altKey: true }),
        ),
      )
    press('ArrowUp')
    expect(clauses(e).map((c) => c.id)).toEqual(['b', 'a'])
    press('Backspace')
    expect(clauses(e).map((c) => c.id)).toEqual(['a'])
  })
})

describe('clause rendering', () => {
  it('is a section with id, kind, a kind badge and the title as heading', () => {
    const e = createEditor([clause('a', 'Eerste', 'Tekst', 'resultaatgebied')])
    const section = e.view.dom.querySelector('section.pw-clause')!
    expect(section.getAttribute('data-clause-id')).toBe('a')
    expect(section.getAttribute('data-clause-kind')).toBe('resultaatgebied')
    expect(section.querySelector('.pw-clause__kind')!.textContent).toBe('Resultaatgebied')
    expect(section.querySelector('h3.pw-clause__title')!.textContent).toBe('Eerste')
  })

  it('shows an unknown kind as general', () => {
    const e = createEditor([clause('a', 'Eerste', 'Tekst', '"><script>')])
    expect(e.view.dom.querySelector('section')!.getAttribute('data-clause-kind')).toBe('algemeen')
  })

  it('the kind badge can be translated', () => {
    editor = new Editor({
      extensions: pactExtensions({ clauseKindLabel: (kind) => `kind:${kind}` }),
      content: { type: 'doc', content: [clause('a', 'Eerste', 'Tekst', 'budget')] },
    })
    expect(editor.view.dom.querySelector('.pw-clause__kind')!.textContent).toBe('kind:budget')
  })
})

describe('clause ids in a shared document', () => {
  function connectedEditors(editable: [boolean, boolean]) {
    const docs = [new Y.Doc(), new Y.Doc()]
    docs[0].on('update', (update: Uint8Array) => Y.applyUpdate(docs[1], update, 'peer'))
    docs[1].on('update', (update: Uint8Array) => Y.applyUpdate(docs[0], update, 'peer'))
    const editors = docs.map(
      (document, i) =>
        new Editor({
          editable: editable[i],
          extensions: [...pactExtensions(), Collaboration.configure({ document, field: 'default' })],
        }),
    )
    return { docs, editors }
  }

  function sharedIds(doc: Y.Doc): unknown[] {
    return doc
      .getXmlFragment('default')
      .toArray()
      .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'clause')
      .map((node) => node.getAttribute('clauseId'))
  }

  it('a duplicate that arrives from another client is renumbered, and every client agrees', async () => {
    const { docs, editors } = connectedEditors([true, true])
    try {
      editors[0].commands.setContent({ type: 'doc', content: [clause('a', 'Eerste'), clause('b', 'Tweede')] })
      await settled()
      // Two people moving the same clause at once leave two copies with one id behind.
      const fragment = docs[1].getXmlFragment('default')
      const copy = (fragment.get(0) as Y.XmlElement).clone()
      docs[1].transact(() => fragment.push([copy]), 'peer')
      await settled()
      const ids = sharedIds(docs[0])
      expect(ids.slice(0, 2)).toEqual(['a', 'b'])
      expect(new Set(ids).size).toBe(3)
      expect(sharedIds(docs[1])).toEqual(ids)
      expect(clauses(editors[0]).map((c) => c.id)).toEqual(ids)
      expect(clauses(editors[1]).map((c) => c.id)).toEqual(ids)
    } finally {
      editors.forEach((e) => e.destroy())
    }
  })

  it('a reader never rewrites ids (the server would refuse the update)', async () => {
    const { docs, editors } = connectedEditors([false, false])
    try {
      const clauseWithIdA = () => {
        const element = new Y.XmlElement('clause')
        element.setAttribute('clauseId', 'a')
        const title = new Y.XmlElement('clauseTitle')
        title.insert(0, [new Y.XmlText('Eerste')])
        element.insert(0, [title, new Y.XmlElement('paragraph')])
        return element
      }
      docs[0].transact(() => docs[0].getXmlFragment('default').push([clauseWithIdA(), clauseWithIdA()]), 'server')
      await settled()
      expect(sharedIds(docs[0])).toEqual(['a', 'a'])
      expect(clauses(editors[1]).map((c) => c.id)).toEqual(['a', 'a'])
    } finally {
      editors.forEach((e) => e.destroy())
    }
  })
})
