import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/**
 * A header cell nobody has written in yet heads nothing, and a screen reader would announce an
 * empty column header (axe: empty-table-header). Until it has text, it is shown as an ordinary
 * cell; the document itself is not changed.
 */
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
    if (node.type.name === 'tableHeader' && node.textContent.trim() === '') {
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { role: 'cell' }))
    }
    // Tables sit in blocks and clauses, never inside a paragraph or heading.
    return !node.isTextblock
  })
  return DecorationSet.create(doc, decorations)
}
