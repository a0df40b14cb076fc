import { useTranslation } from 'react-i18next'
import { Table } from '#app/platform/ui/table.tsx'

// The keys the editor knows, as a reader types them; the toolbar's commands announce theirs too (aria-keyshortcuts).
const SHORTCUTS = [
  ['Ctrl+B', 'bold'],
  ['Ctrl+I', 'italic'],
  ['Ctrl+Alt+2, 3, 4', 'heading'],
  ['Ctrl+Shift+8', 'bulletList'],
  ['Ctrl+Shift+7', 'orderedList'],
  ['Ctrl+Alt+C', 'insertClause'],
  ['Ctrl+Alt+↑, Ctrl+Alt+↓', 'moveClause'],
  ['Ctrl+Alt+Backspace', 'deleteClause'],
  ['Ctrl+Z', 'undo'],
  ['Ctrl+Shift+Z, Ctrl+Y', 'redo'],
  ['Tab', 'leaveEditor'],
] as const

export function ShortcutList() {
  const { t } = useTranslation()
  return (
    <details className="pw-shortcuts">
      <summary>{t('editor.shortcuts.title')}</summary>
      <p className="pw-meta">{t('editor.shortcuts.mod')}</p>
      <Table
        caption={t('editor.shortcuts.title')}
        captionHidden
        rows={SHORTCUTS}
        rowKey={([, action]) => action}
        columns={[
          { header: t('editor.shortcuts.keys'), cell: ([keys]) => <kbd>{keys}</kbd> },
          { header: t('editor.shortcuts.action'), cell: ([, action]) => t(`editor.shortcuts.${action}`) },
        ]}
      />
    </details>
  )
}
