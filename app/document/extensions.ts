import { Node, type Extensions } from '@tiptap/core'
// Subpath entries, not the packages' indexes: those create every extension they hold (task lists,
// ProseMirror's history, which collaboration replaces) and the browser would load them all.
import { TableKit } from '@tiptap/extension-table'
import { Bold } from '@tiptap/extension-bold'
import { HardBreak } from '@tiptap/extension-hard-break'
import { Heading } from '@tiptap/extension-heading'
import { Italic } from '@tiptap/extension-italic'
import { BulletList } from '@tiptap/extension-list/bullet-list'
import { ListItem } from '@tiptap/extension-list/item'
import { ListKeymap } from '@tiptap/extension-list/keymap'
import { OrderedList } from '@tiptap/extension-list/ordered-list'
import { Paragraph } from '@tiptap/extension-paragraph'
import { Text } from '@tiptap/extension-text'
import { Dropcursor } from '@tiptap/extensions/drop-cursor'
import { Gapcursor } from '@tiptap/extensions/gap-cursor'
import { Clause, ClauseTitle, type ClauseOptions } from './clause.ts'
import { EmptyHeaderCells } from './empty-header-cells.ts'
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
    // StarterKit's parts that a pact uses, in StarterKit's order (so the schema is the one it made).
    // Not StarterKit itself: it imports all its parts (links, code blocks, ProseMirror's history)
    // into the editor's bundle, used or not. Not here, on purpose: history (Yjs provides undo per
    // user; ProseMirror's own would undo other people's typing), links (nothing clickable, no URL
    // schemes to police in signed text), code, blockquotes, rules, strike, underline, and the
    // trailing node (it would add a paragraph in every client that opens the document, concurrently).
    Bold,
    BulletList,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [2, 3, 4] }),
    Italic,
    ListItem,
    ListKeymap,
    OrderedList,
    Paragraph,
    Text,
    TableKit.configure({ table: { resizable: false } }),
    EmptyHeaderCells,
    ClauseTitle,
    Clause.configure(clauseKindLabel ? { kindLabel: clauseKindLabel } : {}),
    PactData.configure({ nodeView: pactDataView ?? null }),
    Insertion,
    Deletion,
    Modification,
  ]
}
