import { Node, type Extensions } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import { StarterKit } from '@tiptap/starter-kit'
import { Clause, ClauseTitle, type ClauseOptions } from './clause.ts'
import { PactData, type PactDataOptions } from './pact-data.ts'
import { Deletion, Insertion, Modification } from './suggestion-marks.ts'

// The suggestion marks are part of the schema; the server's update guard checks who wrote them.
export { DELETION_MARK, INSERTION_MARK } from './suggestions.ts'

/** The Y.XmlFragment holding a pact's text: the editor's Collaboration `field`, read by the server. */
export const DOCUMENT_FIELD = 'default'

// The document is a sequence of clauses with ordinary blocks (headings, text) between them.
const PactDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: '(block | clause)+',
})

/**
 * The one schema of a pact document, shared by the live editor and the server's renderer.
 * Deliberately small: whatever is not in here cannot enter the document or the signed HTML.
 * Collaboration (and with it undo) is added by the client only.
 */
export function pactExtensions({
  clauseKindLabel,
  pactDataView,
}: { clauseKindLabel?: ClauseOptions['kindLabel']; pactDataView?: PactDataOptions['nodeView'] } = {}): Extensions {
  return [
    PactDocument,
    StarterKit.configure({
      document: false,
      // Yjs provides undo per user; ProseMirror's own history would undo other people's typing.
      undoRedo: false,
      heading: { levels: [2, 3, 4] },
      // No links: nothing clickable, no URL schemes to police in signed text.
      link: false,
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // It would add a paragraph in every client that opens the document, concurrently.
      trailingNode: false,
    }),
    TableKit.configure({ table: { resizable: false } }),
    ClauseTitle,
    Clause.configure(clauseKindLabel ? { kindLabel: clauseKindLabel } : {}),
    PactData.configure({ nodeView: pactDataView ?? null }),
    Insertion,
    Deletion,
    Modification,
  ]
}
