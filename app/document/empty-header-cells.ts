import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/**
 * A header cell nobody has written in yet heads nothing, and a screen reader would announce an
 * empty column header (axe: empty-table-header). Until it has text, it is shown as an ordinary
 * cell; the document itself is not changed. The editor applies this rule to its nodes, the pages
 * and the PDF and Word exports that read the rendered HTML to that HTML (readableHeaderCells).
 */
const EMPTY_HEADER_CELL = { role: 'cell' } as const

const headsNothing = (text: string) => text.trim() === ''

export const EmptyHeaderCells = Extension.create({
  name: 'emptyHeaderCells',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('emptyHeaderCells'),
        state: {
          init: (_config, state) => emptyHeaderCells(state.doc),
          apply: (tr, decorations) => (tr.docChanged ? emptyHeaderCells(tr.doc) : decorations),
        },
        props: {
          decorations(state) {
            return this.getState(state)
          },
        },
      }),
    ]
  },
})

export function emptyHeaderCells(doc: ProseMirrorNode): DecorationSet {
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (node.type.name === 'tableHeader' && headsNothing(node.textContent)) {
      decorations.push(Decoration.node(pos, pos + node.nodeSize, EMPTY_HEADER_CELL))
    }
    // Tables sit in blocks and clauses, never inside a paragraph or heading.
    return !node.isTextblock
  })
  return DecorationSet.create(doc, decorations)
}

/**
 * The same rule for HTML rendered from the document, applied where it is shown to read: not to the
 * HTML a version stores and hashes, which must stay byte for byte as signed. The renderer escapes
 * all text, so tags are markup; a header cell that already has a role is left as it is.
 */
export function readableHeaderCells(html: string): string {
  return html.replace(/<th\b([^>]*)>([\s\S]*?)<\/th>/g, (cell, attributes: string, content: string) =>
    /\brole=/.test(attributes) || !headsNothing(content.replace(/<[^>]*>/g, ''))
      ? cell
      : `<th${attributes} role="${EMPTY_HEADER_CELL.role}">${content}</th>`,
  )
}
