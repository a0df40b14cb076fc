import { Collaboration } from '@tiptap/extension-collaboration'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions'
import { EditorContent, ReactNodeViewRenderer, useEditor, useEditorState, type Editor } from '@tiptap/react'
import { useContext, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFetcher } from 'react-router'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { CLAUSE_KINDS, isClauseKind, selectedClause, type ClauseKind } from '#app/document/clause.ts'
import { DOCUMENT_FIELD, pactExtensions } from '#app/document/extensions.ts'
import type { PactDataRef, PactDataSource } from '#app/document/pact-data.ts'
import type { loader as resultAreasLoader } from '#app/routes/pact-areas.tsx'
import { ConnectionStatus } from './connection-status.tsx'
import { PactDataContext, PactDataNodeView, riskScopeLabel } from './pact-data-view.tsx'
import { Alert, buttonClass } from '#app/platform/ui/ui.tsx'
import { useLiveModel } from '#app/pact-model/ui/use-pact-model.ts'
import { usePactConnection, type PactConnection } from './use-pact-connection.ts'

export interface PactEditorProps {
  pactId: string
  user: { id: string; name: string; partyName: string }
  canEdit: boolean
  /** Why the reader cannot write, when it is not their access level (e.g. the pact is signed). */
  readOnlyNote?: string
}

/**
 * The live, shared pact document. Rendered in the browser only: the server sends a
 * placeholder, and the document itself arrives over the collaboration socket. It never
 * receives initial content; the server seeds each document once.
 */
export function PactEditor({ pactId, user, canEdit, readOnlyNote }: PactEditorProps) {
  const { t } = useTranslation()
  const connection = usePactConnection(pactId, canEdit)
  const pactData = usePactDataSource(pactId, connection?.doc ?? null)
  if (!connection) return <p className="pw-editor__loading">{t('editor.loading')}</p>
  return (
    <PactDataContext.Provider value={pactData}>
      <LiveEditor connection={connection} user={user} canEdit={canEdit} readOnlyNote={readOnlyNote} />
    </PactDataContext.Provider>
  )
}

// The data blocks render inside the editor from the same Y.Doc as the text, so they change as anyone edits the model.
const pactDataView = ReactNodeViewRenderer(PactDataNodeView)

const NO_MODEL = { resultAreas: [], riskRules: [] }

/**
 * What the data blocks show: the live model of `doc`, validated against the pact's years and
 * parties, which come from the result areas page's loader.
 */
function usePactDataSource(pactId: string, doc: Y.Doc | null): PactDataSource | null {
  const fetcher = useFetcher<typeof resultAreasLoader>()
  const { load } = fetcher
  useEffect(() => {
    void load(`/pacts/${pactId}/resultaatgebieden`)
  }, [pactId, load])
  const facts = fetcher.data
  const live = useLiveModel(
    facts ? doc : null,
    { years: facts?.years ?? [], partyIds: facts?.parties.map((party) => party.id) ?? [] },
    facts?.projectedModel ?? NO_MODEL,
  )
  return useMemo(
    () => (facts && live ? { model: live.lastValid, valid: live.valid, years: facts.years, parties: facts.parties } : null),
    [facts, live],
  )
}

function LiveEditor({ connection, user, canEdit, readOnlyNote }: { connection: PactConnection } & Omit<PactEditorProps, 'pactId'>) {
  const { t } = useTranslation()
  const [contentError, setContentError] = useState(false)
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canEdit,
      // Content this version cannot read must not be "repaired" away and synced to everyone.
      enableContentCheck: true,
      onContentError: ({ editor: broken, disableCollaboration }) => {
        disableCollaboration()
        broken.setEditable(false)
        setContentError(true)
      },
      extensions: [
        ...pactExtensions({ clauseKindLabel: (kind) => t(`editor.kinds.${kind}`), pactDataView }),
        Placeholder.configure({
          includeChildren: true,
          showOnlyCurrent: false,
          placeholder: ({ node }) => (node.type.name === 'clauseTitle' ? t('editor.clauseTitlePlaceholder') : ''),
        }),
        Collaboration.configure({ document: connection.doc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({
          provider: connection.provider,
          // The same shape the server relays to others (it overwrites id, name and party with what it vouches for).
          user: { id: user.id, name: user.name, party: user.partyName, color: colorFor(user.id) },
          render: renderCaret,
        }),
      ],
      editorProps: {
        attributes: {
          'data-testid': 'editor',
          // Tiptap's default role gets lost when React updates the editor's props.
          role: 'textbox',
          'aria-label': t('editor.documentLabel'),
          'aria-multiline': 'true',
          'aria-readonly': String(!canEdit),
          class: 'pw-document pw-editor__content',
        },
      },
    },
    [connection, canEdit],
  )

  return (
    <div className="pw-editor">
      <div className="pw-editor__status">
        <ConnectionStatus provider={connection.provider} />
        <PresenceList provider={connection.provider} />
      </div>
      {contentError ? <Alert type="error">{t('editor.contentError')}</Alert> : null}
      {canEdit ? null : <Alert type="info">{readOnlyNote ?? t('editor.readOnly')}</Alert>}
      {canEdit && editor && !contentError ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} className="pw-editor__frame" />
      {canEdit ? <ShortcutList /> : null}
    </div>
  )
}

interface PresentPerson {
  key: string
  name: string
  color: string
  isSelf: boolean
}

function usePresence(provider: WebsocketProvider): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([])
  useEffect(() => {
    const { awareness } = provider
    const update = () => {
      const states = [...awareness.getStates()].sort(([a], [b]) => Number(b === awareness.clientID) - Number(a === awareness.clientID))
      const byPerson = new Map<string, PresentPerson>()
      for (const [clientId, state] of states) {
        const user = presentUser(state.user)
        if (!user) continue
        const key = user.id ?? `client-${clientId}`
        if (byPerson.has(key)) continue // the same person in a second tab
        byPerson.set(key, { key, name: user.label, color: user.color, isSelf: clientId === awareness.clientID })
      }
      setPeople([...byPerson.values()])
    }
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [provider])
  return people
}

function PresenceList({ provider }: { provider: WebsocketProvider }) {
  const { t } = useTranslation()
  const people = usePresence(provider)
  const titleId = useId()
  return (
    <section className="pw-presence" aria-labelledby={titleId}>
      <h2 id={titleId} className="pw-presence__title">
        {t('editor.presence.title')}
      </h2>
      <ul className="pw-presence__list" data-testid="presence-list" aria-live="polite">
        {people.map((person) => (
          <li key={person.key} className="pw-presence__person">
            <span className="pw-presence__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            {person.isSelf ? t('editor.presence.you', { name: person.name }) : person.name}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Awareness comes from other browsers: only a string name and party, and a colour in our own format. */
function presentUser(value: unknown): { id: string | null; label: string; color: string } | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, name, party, color } = value as Record<string, unknown>
  if (typeof name !== 'string') return null
  return {
    id: typeof id === 'string' ? id : null,
    label: typeof party === 'string' && party ? `${name} (${party})` : name,
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : FALLBACK_COLOR,
  }
}

/** Tiptap's default caret, labelled "name (party)" instead of the name alone. */
function renderCaret(caretUser: Record<string, unknown>): HTMLElement {
  const person = presentUser(caretUser)
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  caret.style.borderColor = person?.color ?? FALLBACK_COLOR
  const label = document.createElement('span')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = person?.color ?? FALLBACK_COLOR
  label.textContent = person?.label ?? ''
  caret.append(label)
  return caret
}

// Dark enough for white caret labels (contrast 6.3:1 or more) and far enough apart to tell people apart.
const PRESENCE_COLORS = ['#1f4e79', '#8a1c5a', '#1b6b35', '#8a5300', '#5b3a9e', '#b00020', '#00636b']
const FALLBACK_COLOR = '#4a4a4a'

/** The same colour for a person in every browser and every session. */
function colorFor(userId: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193)
  return PRESENCE_COLORS[(hash >>> 0) % PRESENCE_COLORS.length]
}

function currentClauseKind(editor: Editor): ClauseKind | null {
  const kind: unknown = selectedClause(editor.state.selection)?.node.attrs.kind
  return isClauseKind(kind) ? kind : null
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const [newClauseKind, setNewClauseKind] = useState<ClauseKind>('algemeen')
  const newKindId = useId()
  const currentKindId = useId()
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive('heading', { level: 2 }),
      subheading: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      inTable: e.isActive('table'),
      clauseKind: currentClauseKind(e),
      can: {
        heading: e.can().toggleHeading({ level: 2 }),
        bold: e.can().toggleBold(),
        italic: e.can().toggleItalic(),
        bulletList: e.can().toggleBulletList(),
        orderedList: e.can().toggleOrderedList(),
        insertTable: e.can().insertTable(),
        insertClause: e.can().insertClause(),
        moveUp: e.can().moveClauseUp(),
        moveDown: e.can().moveClauseDown(),
      },
    }),
  })
  const run = () => editor.chain().focus()

  return (
    <div className="pw-toolbar" role="toolbar" aria-label={t('editor.toolbar.label')} onKeyDown={moveFocusWithArrows}>
      <div className="pw-toolbar__group">
        <ToolbarButton
          label={t('editor.toolbar.heading')}
          ariaLabel={t('editor.toolbar.headingLabel')}
          shortcut="Control+Alt+2"
          pressed={state.heading}
          disabled={!state.can.heading}
          onClick={() => run().toggleHeading({ level: 2 }).run()}
        />
        <ToolbarButton
          label={t('editor.toolbar.subheading')}
          ariaLabel={t('editor.toolbar.subheadingLabel')}
          shortcut="Control+Alt+3"
          pressed={state.subheading}
          disabled={!state.can.heading}
          onClick={() => run().toggleHeading({ level: 3 }).run()}
        />
        <ToolbarButton
          label={t('editor.toolbar.bold')}
          shortcut="Control+B"
          pressed={state.bold}
          disabled={!state.can.bold}
          onClick={() => run().toggleBold().run()}
        />
        <ToolbarButton
          label={t('editor.toolbar.italic')}
          shortcut="Control+I"
          pressed={state.italic}
          disabled={!state.can.italic}
          onClick={() => run().toggleItalic().run()}
        />
        <ToolbarButton
          label={t('editor.toolbar.bulletList')}
          shortcut="Control+Shift+8"
          pressed={state.bulletList}
          disabled={!state.can.bulletList}
          onClick={() => run().toggleBulletList().run()}
        />
        <ToolbarButton
          label={t('editor.toolbar.orderedList')}
          shortcut="Control+Shift+7"
          pressed={state.orderedList}
          disabled={!state.can.orderedList}
          onClick={() => run().toggleOrderedList().run()}
        />
      </div>
      <div className="pw-toolbar__group">
        <ToolbarButton
          label={t('editor.toolbar.insertTable')}
          ariaLabel={t('editor.toolbar.insertTableLabel')}
          disabled={!state.can.insertTable}
          onClick={() => run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        />
        {state.inTable ? (
          <>
            <ToolbarButton label={t('editor.toolbar.addRow')} ariaLabel={t('editor.toolbar.addRowLabel')} onClick={() => run().addRowAfter().run()} />
            <ToolbarButton
              label={t('editor.toolbar.addColumn')}
              ariaLabel={t('editor.toolbar.addColumnLabel')}
              onClick={() => run().addColumnAfter().run()}
            />
            <ToolbarButton
              label={t('editor.toolbar.deleteTable')}
              ariaLabel={t('editor.toolbar.deleteTableLabel')}
              onClick={() => run().deleteTable().run()}
            />
          </>
        ) : null}
      </div>
      <div className="pw-toolbar__group">
        <label className="pw-toolbar__label" htmlFor={newKindId}>
          {t('editor.toolbar.newClauseKind')}
        </label>
        <select
          id={newKindId}
          className="utrecht-select utrecht-select--html-select pw-toolbar__select"
          value={newClauseKind}
          onChange={(event) => {
            if (isClauseKind(event.target.value)) setNewClauseKind(event.target.value)
          }}
        >
          {CLAUSE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`editor.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <ToolbarButton
          label={t('editor.toolbar.insertClause')}
          shortcut="Control+Alt+C"
          disabled={!state.can.insertClause}
          onClick={() => run().insertClause({ kind: newClauseKind }).run()}
        />
      </div>
      <div className="pw-toolbar__group">
        <label className="pw-toolbar__label" htmlFor={currentKindId}>
          {t('editor.toolbar.currentClauseKind')}
        </label>
        <select
          id={currentKindId}
          className="utrecht-select utrecht-select--html-select pw-toolbar__select"
          value={state.clauseKind ?? ''}
          disabled={!state.clauseKind}
          // No focus() here: keyboard users change the value with the arrow keys and stay on the select.
          onChange={(event) => {
            if (isClauseKind(event.target.value)) editor.commands.setClauseKind(event.target.value)
          }}
        >
          {state.clauseKind ? null : <option value="" />}
          {CLAUSE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`editor.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <ToolbarButton
          label={t('editor.toolbar.moveUp')}
          ariaLabel={t('editor.toolbar.moveUpLabel')}
          shortcut="Control+Alt+ArrowUp"
          disabled={!state.can.moveUp}
          onClick={() => run().moveClauseUp().run()}
        />
        <ToolbarButton
          label={t('editor.toolbar.moveDown')}
          ariaLabel={t('editor.toolbar.moveDownLabel')}
          shortcut="Control+Alt+ArrowDown"
          disabled={!state.can.moveDown}
          onClick={() => run().moveClauseDown().run()}
        />
        <ToolbarButton
          label={t('editor.toolbar.deleteClause')}
          ariaLabel={t('editor.toolbar.deleteClauseLabel')}
          shortcut="Control+Alt+Backspace"
          disabled={!state.clauseKind}
          onClick={() => run().deleteClause().run()}
        />
      </div>
      <InsertPactData editor={editor} inClause={state.clauseKind !== null} />
    </div>
  )
}

/** Puts a result area's or a risk rule's data into the current clause, where it is read and signed with the text. */
function InsertPactData({ editor, inClause }: { editor: Editor; inClause: boolean }) {
  const { t } = useTranslation()
  const source = useContext(PactDataContext)
  const selectId = useId()
  const [chosen, setChosen] = useState('')
  const options: Array<PactDataRef & { label: string }> = source
    ? [
        ...source.model.resultAreas.map((area) => ({
          kind: 'result-area' as const,
          refId: area.id,
          label: t('areas.data.optionArea', { title: area.title }),
        })),
        ...source.model.riskRules.map((rule) => ({
          kind: 'risk-rule' as const,
          refId: rule.id,
          label: t('areas.data.optionRule', { scope: riskScopeLabel(rule, source.model, t) }),
        })),
      ]
    : []
  const choice = options.find((option) => `${option.kind}:${option.refId}` === chosen) ?? options[0]
  return (
    <div className="pw-toolbar__group">
      <label className="pw-toolbar__label" htmlFor={selectId}>
        {t('areas.data.insertLabel')}
      </label>
      <select
        id={selectId}
        className="utrecht-select utrecht-select--html-select pw-toolbar__select"
        value={choice ? `${choice.kind}:${choice.refId}` : ''}
        disabled={options.length === 0}
        onChange={(event) => setChosen(event.target.value)}
      >
        {options.length === 0 ? <option value="">{t('areas.data.choose')}</option> : null}
        {options.map((option) => (
          <option key={`${option.kind}:${option.refId}`} value={`${option.kind}:${option.refId}`}>
            {option.label}
          </option>
        ))}
      </select>
      <ToolbarButton
        label={t('areas.data.insert')}
        ariaLabel={t('areas.data.insertLabelLong')}
        disabled={!choice || !inClause}
        onClick={() => {
          if (choice) editor.chain().focus().insertPactData({ kind: choice.kind, refId: choice.refId }).run()
        }}
      />
    </div>
  )
}

function ToolbarButton({
  label,
  ariaLabel,
  shortcut,
  pressed,
  disabled,
  onClick,
}: {
  label: string
  /** A longer name for screen readers; it contains the visible label (WCAG 2.5.3). */
  ariaLabel?: string
  shortcut?: string
  pressed?: boolean
  disabled?: boolean
  onClick: () => void
}) {
  return (
    <button
      type="button"
      className={`${buttonClass('secondary')} pw-toolbar__button`}
      aria-label={ariaLabel}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      disabled={disabled}
      onClick={onClick}
    >
      {label}
    </button>
  )
}

/** Arrow keys walk the toolbar, as the ARIA toolbar pattern expects; Tab still works too. */
function moveFocusWithArrows(event: KeyboardEvent<HTMLDivElement>) {
  const step = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity }[event.key]
  // On a select the arrow keys choose an option.
  if (step === undefined || event.target instanceof HTMLSelectElement) return
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), select:not(:disabled)')]
  const index = items.indexOf(event.target as HTMLElement)
  const next = Number.isFinite(step) ? (index + step + items.length) % items.length : step < 0 ? 0 : items.length - 1
  items[next]?.focus()
  event.preventDefault()
}

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

function ShortcutList() {
  const { t } = useTranslation()
  return (
    <details className="pw-shortcuts">
      <summary>{t('editor.shortcuts.title')}</summary>
      <p className="pw-meta">{t('editor.shortcuts.mod')}</p>
      <table className="utrecht-table">
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th className="utrecht-table__header-cell" scope="col">
              {t('editor.shortcuts.keys')}
            </th>
            <th className="utrecht-table__header-cell" scope="col">
              {t('editor.shortcuts.action')}
            </th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={action} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                <kbd>{keys}</kbd>
              </td>
              <td className="utrecht-table__cell">{t(`editor.shortcuts.${action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
