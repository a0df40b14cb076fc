import type { JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { isClauseKind } from './clause.ts'
import { DOCUMENT_FIELD, pactExtensions } from './extensions.ts'
import { pactDataHtml } from './pact-data-html.ts'
import { pactDataRefOf, type PactDataSource } from './pact-data.ts'
import { pactSchema, readDocument } from './read-document.ts'

/**
 * Write the starting text into an empty pact document, exactly as the editor would store it.
 * Returns false and leaves the document alone when it already has content: seeding twice
 * would duplicate the whole text.
 */
export function seedPactDocument(doc: Y.Doc, json: JSONContent): boolean {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
  if (fragment.length > 0) return false
  const schema = pactSchema()
  // Refuse a template that the editors would reject (and then delete) on load.
  schema.nodeFromJSON(json).check()
  doc.transact(() => prosemirrorJSONToYXmlFragment(schema, json, fragment))
  return true
}

/** The current text as ProseMirror JSON, holding only what the schema knows (see read-document.ts). */
export function documentJson(doc: Y.Doc): JSONContent {
  return readDocument(doc).json
}

/**
 * HTML built only from the schema's own render rules and the plain data-block renderer, never
 * from UI components: this is what a signed version stores. With `pactData` (the validated
 * model and the pact's years and parties) the data blocks show the data they refer to, in Dutch
 * like the rest of the stored HTML; without it they show only their reference. Takes the
 * reader's output, so it never sees content the schema does not allow or nesting beyond its bound.
 */
export function renderDocumentJsonHtml(json: JSONContent, { pactData }: { pactData?: PactDataSource } = {}): string {
  if (!json.content?.length) return ''
  return renderToHTMLString({
    extensions: pactExtensions(),
    content: pactSchema().nodeFromJSON(json),
    options: pactData ? { nodeMapping: { pactData: ({ node, parent }) => dataBlockHtml(node, parent, pactData) } } : undefined,
  })
}

export function renderDocumentHtml(doc: Y.Doc, options: { pactData?: PactDataSource } = {}): string {
  return renderDocumentJsonHtml(documentJson(doc), options)
}

function dataBlockHtml(node: ProseMirrorNode, parent: ProseMirrorNode | undefined, source: PactDataSource): string {
  const clauseKind = parent?.type.name === 'clause' && isClauseKind(parent.attrs.kind) ? parent.attrs.kind : null
  return pactDataHtml(pactDataRefOf(node), source, clauseKind)
}
