import { Collaboration } from '@tiptap/extension-collaboration'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions'
import { EditorContent, ReactNodeViewRenderer, useEditor } from '@tiptap/react'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { DOCUMENT_FIELD, pactExtensions } from '#app/document/extensions.ts'
import type { PactDataSource } from '#app/document/pact-data.ts'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import type { PactModel } from '#app/pact-model/pact-model.ts'
import { useLiveModel } from '#app/pact-model/ui/use-pact-model.ts'
import { Alert } from '#app/platform/ui/ui.tsx'
import { ConnectionStatus } from './connection-status.tsx'
import { EditorToolbar } from './editor-toolbar.tsx'
import { PactDataContext, PactDataNodeView } from './pact-data-view.tsx'
import { PresenceList, renderCaret } from './presence.tsx'
import { colorFor } from '#app/document/colors.ts'
import { ShortcutList } from './shortcut-list.tsx'
import { usePactConnection, type PactConnection } from './use-pact-connection.ts'

export interface PactEditorProps {
  pactId: string
  user: { id: string; name: string; partyName: string }
  canEdit: boolean
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
export function PactEditor({ pactId, user, canEdit, readOnlyNote, model }: PactEditorProps) {
  const { t } = useTranslation()
  const connection = usePactConnection(pactId, canEdit)
  const pactData = usePactDataSource(model, connection?.doc ?? null)
  if (!connection) return <p className="pw-editor__loading">{t('editor.loading')}</p>
  return (
    <PactDataContext.Provider value={pactData}>
      <LiveEditor connection={connection} user={user} canEdit={canEdit} readOnlyNote={readOnlyNote} />
    </PactDataContext.Provider>
  )
}

// The data blocks render inside the editor from the same Y.Doc as the text, so they change as anyone edits the model.
const pactDataView = ReactNodeViewRenderer(PactDataNodeView)

/** What the data blocks show: the live model of `doc`, validated against the pact's years and parties. */
function usePactDataSource(facts: PactModelFacts, doc: Y.Doc | null): PactDataSource | null {
  const live = useLiveModel(doc, { years: facts.years, partyIds: facts.parties.map((party) => party.id) }, facts.projectedModel)
  return useMemo(
    () => (live ? { model: live.lastValid, valid: live.valid, years: facts.years, parties: facts.parties } : null),
    [facts, live],
  )
}

function LiveEditor({
  connection,
  user,
  canEdit,
  readOnlyNote,
}: { connection: PactConnection } & Omit<PactEditorProps, 'pactId' | 'model'>) {
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
      {canEdit && editor && !contentError ? <EditorToolbar editor={editor} /> : null}
      <EditorContent editor={editor} className="pw-editor__frame" />
      {canEdit ? <ShortcutList /> : null}
    </div>
  )
}
