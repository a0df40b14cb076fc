// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import { renderDocumentJsonHtml } from './document.server.ts'
import { readableHeaderCells } from './empty-header-cells.ts'
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

describe('table header cells in the HTML read', () => {
  const cell = (type: string, text?: string) => ({
    type,
    content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }],
  })
  const oldTable = {
    type: 'doc',
    content: [
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader'), cell('tableHeader', 'Bedrag')] },
          { type: 'tableRow', content: [cell('tableCell', 'a'), cell('tableCell')] },
        ],
      },
    ],
  }
  const roles = (html: string) =>
    [...html.matchAll(/<th\b([^>]*)>/g)].map(([, attributes]) => /role="(\w+)"/.exec(attributes!)?.[1] ?? null)

  it('are ordinary cells while empty, as in the editor; the rendered (stored, hashed) HTML keeps them as they are', () => {
    const rendered = renderDocumentJsonHtml(oldTable)
    expect(roles(rendered)).toEqual([null, null])
    const readable = readableHeaderCells(rendered)
    expect(roles(readable)).toEqual(['cell', null])
    expect(readable.replace(' role="cell"', '')).toBe(rendered)
    expect(readableHeaderCells(readable)).toBe(readable)
  })

  it('leave what is no header cell, or already has a role, alone', () => {
    const html = '<table><thead><tr><th scope="col" role="columnheader"></th><td></td></tr></thead></table><p>th</p>'
    expect(readableHeaderCells(html)).toBe(html)
  })
})
