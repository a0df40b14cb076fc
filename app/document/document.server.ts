import { getSchema, type JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import type * as Y from 'yjs'
import { PactDataContent, type PactDataSource } from '#app/document/ui/pact-data-view.tsx'
import { createI18n } from '#app/platform/i18n/config.ts'
import { isClauseKind } from './clause.ts'
import { DOCUMENT_FIELD, pactExtensions } from './extensions.ts'
import { pactDataAttributes, pactDataRefOf } from './pact-data.ts'

let cachedSchema: Schema | undefined
function pactSchema(): Schema {
  cachedSchema ??= getSchema(pactExtensions())
  return cachedSchema
}

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

/**
 * Keep only what the schema knows. The shared document is written by clients, so it may hold
 * anything: unknown elements (with their content) and unknown marks are dropped, attributes
 * outside the schema are ignored by the node types, and text is always escaped on output.
 */
function schemaContentOnly(node: JSONContent, schema: Schema): JSONContent | null {
  if (node.type === 'text') {
    if (typeof node.text !== 'string' || node.text === '') return null
    const marks = node.marks?.filter(
      (mark) => typeof mark.type === 'string' && Object.hasOwn(schema.marks, mark.type) && isPlainObject(mark.attrs ?? {}),
    )
    return { type: 'text', text: node.text, ...(marks?.length ? { marks } : {}) }
  }
  if (typeof node.type !== 'string' || !Object.hasOwn(schema.nodes, node.type)) return null
  const content = Array.isArray(node.content)
    ? node.content.map((child) => schemaContentOnly(child, schema)).filter((child) => child !== null)
    : undefined
  const attrs = isPlainObject(node.attrs) ? (TABLE_CELLS.has(node.type) ? tableCellAttrs(node.attrs) : node.attrs) : undefined
  return { type: node.type, ...(attrs ? { attrs } : {}), ...(content?.length ? { content } : {}) }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// The table renderer loops over spans and writes widths into CSS: a hostile span would stall
// the server, a hostile width would inject style.
const TABLE_CELLS = new Set(['tableCell', 'tableHeader'])
const MAX_TABLE_SPAN = 100
const MAX_COLUMN_WIDTH = 10_000

function tableCellAttrs(attrs: Record<string, unknown>): Record<string, unknown> {
  const span = (value: unknown) => (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_TABLE_SPAN ? value : 1)
  const isWidth = (value: unknown) => Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_COLUMN_WIDTH
  const colwidth = Array.isArray(attrs.colwidth) && attrs.colwidth.every(isWidth) ? attrs.colwidth : null
  return { colspan: span(attrs.colspan), rowspan: span(attrs.rowspan), colwidth }
}

/** The current text as ProseMirror JSON, holding only what the schema knows. */
export function documentJson(doc: Y.Doc): JSONContent {
  const json = schemaContentOnly(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD)), pactSchema())
  return json?.content ? json : { type: 'doc', content: [] }
}

/**
 * The current text as HTML, built only from the schema's own render rules. With `pactData` (the
 * validated model and the pact's years and parties) the data blocks show the data they refer to,
 * in Dutch like the rest of the stored HTML; without it they show only their reference.
 */
export function renderDocumentHtml(doc: Y.Doc, { pactData }: { pactData?: PactDataSource } = {}): string {
  const json = documentJson(doc)
  if (!json.content?.length) return ''
  return renderToHTMLString({
    extensions: pactExtensions(),
    content: pactSchema().nodeFromJSON(json),
    options: pactData ? { nodeMapping: { pactData: ({ node, parent }) => pactDataHtml(node, parent, pactData) } } : undefined,
  })
}

let dutch: ReturnType<typeof createI18n> | undefined

function pactDataHtml(node: ProseMirrorNode, parent: ProseMirrorNode | undefined, source: PactDataSource): string {
  dutch ??= createI18n('nl')
  const dataRef = pactDataRefOf(node)
  const clauseKind = parent?.type.name === 'clause' && isClauseKind(parent.attrs.kind) ? parent.attrs.kind : null
  const content = createElement(PactDataContent, { dataRef, source, clauseKind })
  // React escapes every text and attribute; the wrapper carries the same attributes as the editor's block.
  const { class: className, ...attributes } = pactDataAttributes(dataRef)
  return renderToStaticMarkup(createElement('div', { className, ...attributes }, createElement(I18nextProvider, { i18n: dutch }, content)))
}
