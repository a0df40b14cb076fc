// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import { EDITOR_COMMANDS } from './ui/editor-commands.ts'
import { pactExtensions } from './extensions.ts'

let editor: Editor | undefined
afterEach(() => {
  editor?.destroy()
  editor = undefined
})

const headerCells = (e: Editor) => [...e.view.dom.querySelectorAll('th')]

describe('table header cells', () => {
  it('are named when the toolbar inserts a table', () => {
    editor = new Editor({ extensions: pactExtensions(), content: '<p>Inleiding</p>' })
    const insertTable = EDITOR_COMMANDS.find((command) => command.id === 'insertTable')!
    insertTable
      .apply(editor.chain().focus('end'), { newClauseKind: 'algemeen', columnTitle: (column) => `Kolom ${column}` })
      .run()
    expect(headerCells(editor).map((cell) => cell.textContent)).toEqual(['Kolom 1', 'Kolom 2', 'Kolom 3'])
    expect(headerCells(editor).map((cell) => cell.getAttribute('role'))).toEqual([null, null, null])
  })

  it('are shown as ordinary cells while empty, and as headers once written in', () => {
    editor = new Editor({
      extensions: pactExtensions(),
      content: '<table><tr><th><p></p></th><th><p>Bedrag</p></th></tr><tr><td><p>a</p></td><td><p>b</p></td></tr></table>',
    })
    expect(headerCells(editor).map((cell) => cell.getAttribute('role'))).toEqual(['cell', null])
    let firstCell = 0
    editor.state.doc.descendants((node, pos) => {
      if (node.type.name === 'tableHeader' && !firstCell) firstCell = pos
    })
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, firstCell + 2)).insertText('Jaar'))
    expect(headerCells(editor).map((cell) => cell.getAttribute('role'))).toEqual([null, null])
  })
})
