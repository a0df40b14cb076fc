import { mergeAttributes, Node } from '@tiptap/core'
import { Fragment, Slice, type Node as ProseMirrorNode, type Schema } from '@tiptap/pm/model'
import { NodeSelection, Plugin, PluginKey, Selection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { assignClauseIds, newClauseId } from '#app/document/clause-ids.ts'
import { editorNl } from '#app/document/texts.nl.ts'

/**
 * A clause: a block with a stable id, a kind and an editable title, which parties approve
 * one by one. Structure: `clause > clauseTitle, block+`. The title is a child node rather
 * than an attribute, so two people can type in it at the same time and it stays plain text.
 */

export const CLAUSE_KINDS = ['algemeen', 'opgave', 'resultaatgebied', 'budget', 'risicodeling', 'samenwerking'] as const
export type ClauseKind = (typeof CLAUSE_KINDS)[number]

export function isClauseKind(value: unknown): value is ClauseKind {
  return typeof value === 'string' && (CLAUSE_KINDS as readonly string[]).includes(value)
}

// Any client can write attributes into the shared document; an unknown kind reads as general.
function clauseKindOf(value: unknown): ClauseKind {
  return isClauseKind(value) ? value : 'algemeen'
}

export interface ClauseOptions {
  /** Label of the kind badge; the editor passes the reader's language, stored HTML stays Dutch. */
  kindLabel: (kind: ClauseKind) => string
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    clause: {
      /** Insert a new clause after the block the cursor is in. */
      insertClause: (options?: { kind?: ClauseKind; title?: string }) => ReturnType
      moveClauseUp: () => ReturnType
      moveClauseDown: () => ReturnType
      deleteClause: () => ReturnType
      setClauseKind: (kind: ClauseKind) => ReturnType
    }
  }
}

export const ClauseTitle = Node.create({
  name: 'clauseTitle',
  content: 'text*',
  marks: '',
  defining: true,

  parseHTML() {
    // Above the heading rules, so a copied clause keeps its title.
    return [{ tag: 'h3.pw-clause__title', priority: 60 }]
  },

  renderHTML() {
    return ['h3', { class: 'pw-clause__title' }, 0]
  },

  addKeyboardShortcuts() {
    return {
      // Enter at the end of a title continues in the clause's empty first paragraph instead of adding another.
      Enter: ({ editor }) => {
        const { $from, empty } = editor.state.selection
        if (!empty || $from.parent.type !== this.type || $from.parentOffset !== $from.parent.content.size) return false
        const next = $from.node(-1).maybeChild($from.index(-1) + 1)
        if (next?.type.name !== 'paragraph' || next.content.size > 0) return false
        return editor.commands.setTextSelection($from.after() + 1)
      },
    }
  },
})

export const Clause = Node.create<ClauseOptions>({
  name: 'clause',
  // Not in the `block` group: clauses live only at the top of the document, never nested.
  content: 'clauseTitle block+',
  defining: true,
  isolating: true,

  addOptions() {
    return { kindLabel: (kind) => editorNl.kinds[kind] }
  },

  addAttributes() {
    return {
      clauseId: { default: null, rendered: false, parseHTML: (element) => element.getAttribute('data-clause-id') },
      kind: {
        default: 'algemeen',
        rendered: false,
        parseHTML: (element) => clauseKindOf(element.getAttribute('data-clause-kind')),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'section.pw-clause', contentElement: '.pw-clause__body' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    const kind = clauseKindOf(node.attrs.kind)
    return [
      'section',
      mergeAttributes(HTMLAttributes, { class: 'pw-clause', 'data-clause-id': node.attrs.clauseId, 'data-clause-kind': kind }),
      ['p', { class: 'pw-clause__kind', contenteditable: 'false' }, this.options.kindLabel(kind)],
      ['div', { class: 'pw-clause__body' }, 0],
    ]
  },

  addCommands() {
    return {
      insertClause:
        ({ kind = 'algemeen', title = '' } = {}) =>
        ({ tr, dispatch }) => {
          const clause = createClause(tr.doc.type.schema, clauseKindOf(kind), title)
          const { $from } = tr.selection
          const pos = $from.depth === 0 ? tr.selection.to : $from.after(1)
          if (dispatch) {
            tr.insert(pos, clause)
            // Cursor in the title when it still has to be written, otherwise in the body.
            const cursor = title ? pos + 1 + clause.firstChild!.nodeSize + 1 : pos + 2
            tr.setSelection(TextSelection.create(tr.doc, cursor)).scrollIntoView()
          }
          return true
        },
      moveClauseUp:
        () =>
        ({ tr, dispatch }) =>
          moveClause(tr, -1, Boolean(dispatch)),
      moveClauseDown:
        () =>
        ({ tr, dispatch }) =>
          moveClause(tr, 1, Boolean(dispatch)),
      deleteClause:
        () =>
        ({ tr, dispatch }) => {
          const found = selectedClause(tr.selection)
          if (!found) return false
          if (dispatch) {
            const end = found.pos + found.node.nodeSize
            // The document may not be empty: the last clause gives way to an empty paragraph.
            if (tr.doc.childCount === 1) tr.replaceWith(found.pos, end, tr.doc.type.schema.nodes.paragraph.create())
            else tr.delete(found.pos, end)
            tr.setSelection(Selection.near(tr.doc.resolve(Math.min(found.pos, tr.doc.content.size)))).scrollIntoView()
          }
          return true
        },
      setClauseKind:
        (kind) =>
        ({ tr, dispatch }) => {
          const found = selectedClause(tr.selection)
          if (!found || !isClauseKind(kind)) return false
          if (dispatch) tr.setNodeAttribute(found.pos, 'kind', kind)
          return true
        },
    }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-c': () => this.editor.commands.insertClause(),
      'Mod-Alt-ArrowUp': () => this.editor.commands.moveClauseUp(),
      'Mod-Alt-ArrowDown': () => this.editor.commands.moveClauseDown(),
      'Mod-Alt-Backspace': () => this.editor.commands.deleteClause(),
    }
  },

  addProseMirrorPlugins() {
    const editor = this.editor
    return [clauseIdPlugin(() => editor.isEditable)]
  },
})

function createClause(schema: Schema, kind: ClauseKind, title: string): ProseMirrorNode {
  const { clause, clauseTitle, paragraph } = schema.nodes
  return clause.create({ clauseId: newClauseId(), kind }, [
    clauseTitle.create(null, title ? schema.text(title) : null),
    paragraph.create(),
  ])
}

/** The clause the selection is in (or that is selected), if the selection stays inside one. */
export function selectedClause(selection: Selection): { node: ProseMirrorNode; pos: number } | null {
  if (selection instanceof NodeSelection && selection.node.type.name === 'clause') {
    return { node: selection.node, pos: selection.from }
  }
  const { $from, $to } = selection
  if ($from.depth < 1 || $to.depth < 1 || $from.before(1) !== $to.before(1)) return null
  const node = $from.node(1)
  return node.type.name === 'clause' ? { node, pos: $from.before(1) } : null
}

/** Swap the clause with the block above or below it; the selection moves along. */
function moveClause(tr: Transaction, direction: -1 | 1, dispatch: boolean): boolean {
  const found = selectedClause(tr.selection)
  if (!found) return false
  const neighbourIndex = tr.doc.resolve(found.pos).index(0) + direction
  if (neighbourIndex < 0 || neighbourIndex >= tr.doc.childCount) return false
  if (dispatch) {
    const neighbour = tr.doc.child(neighbourIndex)
    const start = direction < 0 ? found.pos - neighbour.nodeSize : found.pos
    const shift = direction < 0 ? -neighbour.nodeSize : neighbour.nodeSize
    const selection = tr.selection.toJSON() as Record<string, unknown>
    const swapped = direction < 0 ? [found.node, neighbour] : [neighbour, found.node]
    tr.replaceWith(start, start + found.node.nodeSize + neighbour.nodeSize, Fragment.fromArray(swapped))
    for (const key of ['anchor', 'head']) {
      if (typeof selection[key] === 'number') selection[key] += shift
    }
    tr.setSelection(Selection.fromJSON(tr.doc, selection)).scrollIntoView()
  }
  return true
}

function clauseIdsIn(doc: ProseMirrorNode): Set<unknown> {
  const ids = new Set<unknown>()
  doc.forEach((node) => {
    if (node.type.name === 'clause') ids.add(node.attrs.clauseId)
  })
  return ids
}

/** A transaction that gives clauses with a missing or duplicate id a fresh one; null when all is well. */
function fixClauseIds(state: EditorState): Transaction | null {
  const clauses: Array<{ pos: number; id: unknown }> = []
  state.doc.forEach((node, pos) => {
    if (node.type.name === 'clause') clauses.push({ pos, id: node.attrs.clauseId })
  })
  const assigned = assignClauseIds(clauses.map((clause) => clause.id))
  if (assigned.size === 0) return null
  const tr = state.tr
  for (const [index, id] of assigned) tr.setNodeAttribute(clauses[index].pos, 'clauseId', id)
  return tr
}

/** A pasted clause whose id is still in the document is a copy: it loses the id and gets a new one. */
function withoutExistingIds(fragment: Fragment, existing: Set<unknown>): Fragment {
  const nodes: ProseMirrorNode[] = []
  fragment.forEach((node) => {
    const isCopy = node.type.name === 'clause' && existing.has(node.attrs.clauseId)
    nodes.push(isCopy ? node.type.create({ ...node.attrs, clauseId: null }, node.content, node.marks) : node)
  })
  return Fragment.fromArray(nodes)
}

const clauseIdPluginKey = new PluginKey('clauseIds')

/**
 * Keeps clause ids unique and present. Local edits are fixed in the same dispatch (so undo
 * treats paste and renumbering as one step). Changes that arrive from Yjs are fixed a moment
 * later: the sync plugin does not write changes made while it applies a remote update, so a
 * fix appended to that update would never reach the other editors. Readers never fix: their
 * updates are refused by the server.
 */
function clauseIdPlugin(isEditable: () => boolean): Plugin {
  return new Plugin({
    key: clauseIdPluginKey,
    props: {
      transformPasted(slice, view) {
        // Dragging within the editor is a move, and a move keeps identity; a drag-copy is
        // caught as a duplicate below.
        if (view.dragging?.slice === slice) return slice
        return new Slice(withoutExistingIds(slice.content, clauseIdsIn(view.state.doc)), slice.openStart, slice.openEnd)
      },
    },
    appendTransaction(transactions, _oldState, newState) {
      if (!isEditable() || !transactions.some((tr) => tr.docChanged)) return null
      if (transactions.some((tr) => tr.getMeta(ySyncPluginKey) !== undefined)) return null
      return fixClauseIds(newState)
    },
    view(editorView) {
      let scheduled = false
      const scheduleFix = () => {
        if (scheduled) return
        scheduled = true
        queueMicrotask(() => {
          scheduled = false
          if (editorView.isDestroyed || !isEditable()) return
          const tr = fixClauseIds(editorView.state)
          // Renumbering is bookkeeping, not something to undo.
          if (tr) editorView.dispatch(tr.setMeta('addToHistory', false))
        })
      }
      scheduleFix()
      return {
        update(view, prevState) {
          if (view.state.doc !== prevState.doc) scheduleFix()
        },
      }
    },
  })
}
