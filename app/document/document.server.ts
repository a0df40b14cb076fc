import type { JSONContent } from '@tiptap/core'
import type { Mark as ProseMirrorMark, Node as ProseMirrorNode } from '@tiptap/pm/model'
import {
  renderToHTMLString,
  serializeAttrsToHTMLString,
  serializeChildrenToHTMLString,
} from '@tiptap/static-renderer/pm/html-string'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { isClauseKind } from './clause.ts'
import { DOCUMENT_FIELD, pactExtensions } from './extensions.ts'
import { escapeHtml, pactDataHtml } from './pact-data-html.ts'
import { SUGGESTION_TAGS, suggestionHtmlAttributes } from './suggestion-marks.ts'
import { DELETION_MARK, INSERTION_MARK, type SuggestionKind } from './suggestions.ts'
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
export function renderDocumentJsonHtml(
  json: JSONContent,
  { pactData, suggestionLabel }: { pactData?: PactDataSource; suggestionLabel?: SuggestionLabel } = {},
): string {
  if (!json.content?.length) return ''
  return renderToHTMLString({
    extensions: pactExtensions(),
    content: pactSchema().nodeFromJSON(json),
    options: {
      nodeMapping: pactData ? { pactData: ({ node, parent }) => dataBlockHtml(node, parent, pactData) } : {},
      markMapping: suggestionLabel
        ? {
            [INSERTION_MARK]: ({ mark, children }) => suggestionHtml(INSERTION_MARK, mark, children, suggestionLabel),
            [DELETION_MARK]: ({ mark, children }) => suggestionHtml(DELETION_MARK, mark, children, suggestionLabel),
          }
        : {},
    },
  })
}

/**
 * Says in words who proposed a suggestion and what: where open suggestions are shown (the
 * leesversie on request) the marking is not by colour or line alone, and a screen reader, which
 * does not announce <ins> and <del>, hears it too. `end` closes the proposal.
 */
export interface SuggestionLabel {
  start(kind: SuggestionKind, authorId: string): string
  end: string
}

function suggestionHtml(
  kind: SuggestionKind,
  mark: ProseMirrorMark,
  children: string | string[] | undefined,
  label: SuggestionLabel,
) {
  const content = serializeChildrenToHTMLString(children)
  const attributes = serializeAttrsToHTMLString(suggestionHtmlAttributes(kind, mark.attrs))
  // The zero-width spaces the library leaves where a deletion crosses a paragraph say nothing.
  if (/^\u200b*$/.test(content)) return content
  const authorId = typeof mark.attrs.authorId === 'string' ? mark.attrs.authorId : ''
  const hidden = (text: string) => `<span class="pw-visually-hidden">${escapeHtml(text)}</span>`
  const tag = SUGGESTION_TAGS[kind]
  return `<${tag}${attributes}>${hidden(`${label.start(kind, authorId)} `)}${content}${hidden(` ${label.end}`)}</${tag}>`
}

export function renderDocumentHtml(doc: Y.Doc, options: { pactData?: PactDataSource } = {}): string {
  return renderDocumentJsonHtml(documentJson(doc), options)
}

function dataBlockHtml(node: ProseMirrorNode, parent: ProseMirrorNode | undefined, source: PactDataSource): string {
  const clauseKind = parent?.type.name === 'clause' && isClauseKind(parent.attrs.kind) ? parent.attrs.kind : null
  return pactDataHtml(pactDataRefOf(node), source, clauseKind)
}
