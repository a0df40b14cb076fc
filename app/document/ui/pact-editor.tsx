import { Collaboration } from '@tiptap/extension-collaboration'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions/placeholder'
import { EditorContent, ReactNodeViewRenderer, useEditor, useEditorState } from '@tiptap/react'
import { lazy, Suspense, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DOCUMENT_FIELD, pactExtensions } from '#app/document/extensions.ts'
import type { PactDataSource } from '#app/document/pact-data.ts'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import type { PactModel } from '#app/pact-model/pact-model.ts'
import { useLiveModel } from '#app/pact-model/ui/use-pact-model.ts'
import { Alert } from '#app/platform/ui/ui.tsx'
import { RadioGroup } from '#app/platform/ui/field.tsx'
import { ConnectionStatus } from './connection-status.tsx'
import { EditorToolbar } from './editor-toolbar.tsx'
import { PactDataContext, PactDataNodeView } from './pact-data-node-view.tsx'
import { PresenceList, renderCaret } from './presence.tsx'
import { colorFor } from '#app/document/colors.ts'
import { ShortcutList } from './shortcut-list.tsx'
import { isSuggesting, SuggestChanges } from './suggest-changes.ts'
import type { SuggestionPerson } from './suggestion-panel.tsx'
import { useDocumentReady, usePactConnection, type PactConnection } from './use-pact-connection.ts'

export interface PactEditorProps {
  pactId: string
  user: { id: string; name: string; partyId: string; partyName: string }
  canEdit: boolean
  /** May propose changes as suggestions only (a commentator, or anyone in suggestion-only mode): the editor is always in "Voorstellen". */
  canSuggest: boolean
  /** May accept and reject others' suggestions (a redacteur or beheerder, also in suggestion-only mode). */
  canDecide: boolean
  /** Suggests only because the pact is in suggestion-only mode, not by access level. */
  suggestionsOnly: boolean
  /** Who may be the author of a suggestion, by user id. */
  people: Readonly<Record<string, SuggestionPerson>>
  /** Open discussion threads per clause id, as the page was loaded. */
  openComments: Readonly<Record<string, number>>
  /** Why the reader cannot write, when it is not their access level (e.g. the pact is signed). */
  readOnlyNote?: string
  /** What the data blocks need besides the shared document: the pact's years and parties, and the server's last valid model. */
  model: PactModelFacts
}

export interface PactModelFacts {
  years: readonly number[]
  parties: readonly NamedParty[]
  projectedModel: PactModel
}

/**
 * The live, shared pact document. Rendered in the browser only: the server sends a
 * placeholder, and the document itself arrives over the collaboration socket. It never
 * receives initial content; the server seeds each document once.
 */
export function PactEditor({
  pactId,
  user,
  canEdit,
  canSuggest,
  canDecide,
  suggestionsOnly,
  people,
  openComments,
  readOnlyNote,
  model,
}: PactEditorProps) {
  const { t } = useTranslation()
  const connection = usePactConnection(pactId, canEdit)
  const pactData = usePactDataSource(pactId, model, connection)
  if (!connection) return <p className="pw-editor__loading">{t('editor.loading')}</p>
  return (
    <PactDataContext.Provider value={pactData}>
      <LiveEditor
        connection={connection}
        user={user}
        canEdit={canEdit}
        canSuggest={canSuggest}
        canDecide={canDecide}
        suggestionsOnly={suggestionsOnly}
        people={people}
        openComments={openComments}
        pactId={pactId}
        readOnlyNote={readOnlyNote}
      />
    </PactDataContext.Provider>
  )
}

// The panels beside the text are not needed to type in it: they load once the editor is there.
const SuggestionPanel = lazy(() => import('./suggestion-panel.tsx').then((module) => ({ default: module.SuggestionPanel })))
const CommentCounts = lazy(() => import('./suggestion-panel.tsx').then((module) => ({ default: module.CommentCounts })))

// The data blocks render inside the editor from the same Y.Doc as the text, so they change as anyone edits the model.
const pactDataView = ReactNodeViewRenderer(PactDataNodeView)

/**
 * What the data blocks show: the live model of the document, validated against the pact's years
 * and parties, once the document has synced (before that it would read as an empty model).
 */
function usePactDataSource(pactId: string, facts: PactModelFacts, connection: PactConnection | null): PactDataSource | null {
  const ready = useDocumentReady(connection)
  const live = useLiveModel(
    ready ? (connection?.doc ?? null) : null,
    { years: facts.years, partyIds: facts.parties.map((party) => party.id) },
    facts.projectedModel,
  )
  return useMemo(
    () =>
      live
        ? {
            model: live.lastValid,
            valid: live.valid,
            years: facts.years,
            parties: facts.parties,
            modelPageHref: `/pacts/${pactId}/resultaatgebieden`,
          }
        : null,
    [pactId, facts, live],
  )
}

function LiveEditor({
  connection,
  user,
  canEdit,
  canSuggest,
  canDecide,
  suggestionsOnly,
  people,
  openComments,
  pactId,
  readOnlyNote,
}: { connection: PactConnection } & Omit<PactEditorProps, 'model'>) {
  const { t } = useTranslation()
  const [contentError, setContentError] = useState(false)
  const writable = canEdit || canSuggest
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: writable,
      onCreate: ({ editor: created }) => {
        if (!canEdit && canSuggest) created.commands.setSuggesting(true)
      },
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
        SuggestChanges.configure({ author: writable ? { userId: user.id, partyId: user.partyId } : null }),
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
          'aria-readonly': String(!writable),
          class: 'pw-document pw-editor__content',
        },
      },
    },
    [connection, canEdit, canSuggest],
  )
  const suggesting = useEditorState({ editor, selector: ({ editor: e }) => (e ? isSuggesting(e) : false) })

  return (
    <div className="pw-editor">
      <div className="pw-editor__status">
        <ConnectionStatus provider={connection.provider} suggestOnly={canSuggest} />
        <PresenceList provider={connection.provider} />
      </div>
      {contentError ? <Alert type="error">{t('editor.contentError')}</Alert> : null}
      {canEdit || canSuggest ? null : <Alert type="info">{readOnlyNote ?? t('editor.readOnly')}</Alert>}
      {canSuggest && !suggestionsOnly ? <Alert type="info">{t('editor.suggestions.commentatorNote')}</Alert> : null}
      {suggestionsOnly ? (
        <Alert type="info">
          <span id="pw-suggestions-only-note" data-testid="suggestions-only-note">
            {t('editor.suggestions.suggestionsOnlyNote')}
          </span>
        </Alert>
      ) : null}
      {(canEdit || suggestionsOnly) && editor && !contentError ? (
        <RadioGroup
          name="pw-editor-mode"
          legend={t('editor.suggestions.mode')}
          inline
          // The pact's mode fixes it on Voorstellen: shown, so the editor sees why typing proposes.
          disabled={suggestionsOnly}
          describedBy={suggestionsOnly ? 'pw-suggestions-only-note' : undefined}
          value={suggesting ? 'suggest' : 'edit'}
          onChange={(mode) => editor.commands.setSuggesting(mode === 'suggest')}
          options={[
            { value: 'edit', label: t('editor.suggestions.edit') },
            { value: 'suggest', label: t('editor.suggestions.suggest') },
          ]}
        />
      ) : null}
      {/* Formatting and structure cannot be proposed: only text. */}
      {canEdit && editor && !contentError && !suggesting ? <EditorToolbar editor={editor} /> : null}
      <div className="pw-editor__body">
        <EditorContent editor={editor} className="pw-editor__frame" />
        {editor && !contentError ? (
          <div className="pw-editor__aside">
            <Suspense fallback={null}>
              <SuggestionPanel editor={editor} pactId={pactId} userId={user.id} canDecide={canDecide} people={people} />
              <CommentCounts editor={editor} pactId={pactId} openComments={openComments} />
            </Suspense>
          </div>
        ) : null}
      </div>
      {canEdit ? <ShortcutList /> : null}
    </div>
  )
}
