import type { Transaction } from '@tiptap/pm/state'
import type { ChainedCommands, Editor } from '@tiptap/react'
import { isClauseKind, selectedClause, type ClauseKind } from '#app/document/clause.ts'
import type { MessageKey } from '#app/platform/i18n/keys.ts'

/**
 * The editor's toolbar commands, one row each: the texts (i18n keys), the shortcut the editor
 * already binds, whether the command is on here (`isActive`), whether it is offered at all
 * (`shown`), and what it does (`apply`, used both to ask the editor whether it can and to run it).
 */
export interface EditorCommand {
  id: string
  group: 'text' | 'table' | 'new-clause' | 'clause'
  label: MessageKey
  ariaLabel?: MessageKey
  shortcut?: string
  isActive?: (editor: Editor) => boolean
  shown?: (editor: Editor) => boolean
  /** When the editor cannot tell by itself (e.g. the command needs a clause to act on). */
  enabled?: (editor: Editor) => boolean
  apply: (chain: ChainedCommands, context: CommandContext) => ChainedCommands
}

export interface CommandContext {
  newClauseKind: ClauseKind
  /** The heading a new table's column gets, counted from 1. */
  columnTitle: (column: number) => string
}

export function currentClauseKind(editor: Editor): ClauseKind | null {
  const kind: unknown = selectedClause(editor.state.selection)?.node.attrs.kind
  return isClauseKind(kind) ? kind : null
}

const inTable = (editor: Editor) => editor.isActive('table')

/** Right after insertTable the selection is in the new table's first header cell. */
function nameNewTableColumns(tr: Transaction, columnTitle: CommandContext['columnTitle']) {
  const { $from } = tr.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const table = $from.node(depth)
    if (table.type.name !== 'table') continue
    const tableStart = $from.start(depth)
    const cellStarts: number[] = []
    // Row, cell and paragraph each open one position.
    table.firstChild?.forEach((_cell, offset) => cellStarts.push(tableStart + offset + 3))
    // Back to front, so the positions before each insertion stay valid.
    for (const [index, at] of [...cellStarts.entries()].reverse()) tr.insertText(columnTitle(index + 1), at)
    return
  }
}

export const EDITOR_COMMANDS: readonly EditorCommand[] = [
  {
    id: 'heading',
    group: 'text',
    label: 'editor.toolbar.heading',
    ariaLabel: 'editor.toolbar.headingLabel',
    shortcut: 'Control+Alt+2',
    isActive: (editor) => editor.isActive('heading', { level: 2 }),
    apply: (chain) => chain.toggleHeading({ level: 2 }),
  },
  {
    id: 'subheading',
    group: 'text',
    label: 'editor.toolbar.subheading',
    ariaLabel: 'editor.toolbar.subheadingLabel',
    shortcut: 'Control+Alt+3',
    isActive: (editor) => editor.isActive('heading', { level: 3 }),
    apply: (chain) => chain.toggleHeading({ level: 3 }),
  },
  {
    id: 'bold',
    group: 'text',
    label: 'editor.toolbar.bold',
    shortcut: 'Control+B',
    isActive: (editor) => editor.isActive('bold'),
    apply: (chain) => chain.toggleBold(),
  },
  {
    id: 'italic',
    group: 'text',
    label: 'editor.toolbar.italic',
    shortcut: 'Control+I',
    isActive: (editor) => editor.isActive('italic'),
    apply: (chain) => chain.toggleItalic(),
  },
  {
    id: 'bulletList',
    group: 'text',
    label: 'editor.toolbar.bulletList',
    shortcut: 'Control+Shift+8',
    isActive: (editor) => editor.isActive('bulletList'),
    apply: (chain) => chain.toggleBulletList(),
  },
  {
    id: 'orderedList',
    group: 'text',
    label: 'editor.toolbar.orderedList',
    shortcut: 'Control+Shift+7',
    isActive: (editor) => editor.isActive('orderedList'),
    apply: (chain) => chain.toggleOrderedList(),
  },
  {
    id: 'insertTable',
    group: 'table',
    label: 'editor.toolbar.insertTable',
    ariaLabel: 'editor.toolbar.insertTableLabel',
    // Its header row names the columns: an empty column header tells a screen reader nothing.
    apply: (chain, { columnTitle }) =>
      chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).command(({ tr, dispatch }) => {
        if (!dispatch) return true
        nameNewTableColumns(tr, columnTitle)
        return true
      }),
  },
  {
    id: 'addRow',
    group: 'table',
    label: 'editor.toolbar.addRow',
    ariaLabel: 'editor.toolbar.addRowLabel',
    shown: inTable,
    enabled: inTable,
    apply: (chain) => chain.addRowAfter(),
  },
  {
    id: 'addColumn',
    group: 'table',
    label: 'editor.toolbar.addColumn',
    ariaLabel: 'editor.toolbar.addColumnLabel',
    shown: inTable,
    enabled: inTable,
    apply: (chain) => chain.addColumnAfter(),
  },
  {
    id: 'deleteTable',
    group: 'table',
    label: 'editor.toolbar.deleteTable',
    ariaLabel: 'editor.toolbar.deleteTableLabel',
    shown: inTable,
    enabled: inTable,
    apply: (chain) => chain.deleteTable(),
  },
  {
    id: 'insertClause',
    group: 'new-clause',
    label: 'editor.toolbar.insertClause',
    shortcut: 'Control+Alt+C',
    apply: (chain, { newClauseKind }) => chain.insertClause({ kind: newClauseKind }),
  },
  {
    id: 'moveUp',
    group: 'clause',
    label: 'editor.toolbar.moveUp',
    ariaLabel: 'editor.toolbar.moveUpLabel',
    shortcut: 'Control+Alt+ArrowUp',
    apply: (chain) => chain.moveClauseUp(),
  },
  {
    id: 'moveDown',
    group: 'clause',
    label: 'editor.toolbar.moveDown',
    ariaLabel: 'editor.toolbar.moveDownLabel',
    shortcut: 'Control+Alt+ArrowDown',
    apply: (chain) => chain.moveClauseDown(),
  },
  {
    id: 'deleteClause',
    group: 'clause',
    label: 'editor.toolbar.deleteClause',
    ariaLabel: 'editor.toolbar.deleteClauseLabel',
    shortcut: 'Control+Alt+Backspace',
    enabled: (editor) => currentClauseKind(editor) !== null,
    apply: (chain) => chain.deleteClause(),
  },
]

/** Per command: offered here, possible here, on here. Computed in one pass for the toolbar's state. */
export function commandStates(editor: Editor) {
  return Object.fromEntries(
    EDITOR_COMMANDS.map((command) => [
      command.id,
      {
        shown: command.shown?.(editor) ?? true,
        enabled: command.enabled
          ? command.enabled(editor)
          : command.apply(editor.can().chain(), { newClauseKind: 'algemeen', columnTitle: String }).run(),
        active: command.isActive?.(editor),
      },
    ]),
  )
}
