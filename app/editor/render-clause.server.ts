import { getSchema, type JSONContent } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { pactExtensions } from './extensions.ts'

let cachedSchema: Schema | undefined

/**
 * One clause as HTML, with the same schema and render rules as the whole document
 * (`renderDocumentHtml`), so a clause page shows exactly what the reading version shows.
 */
export function renderClauseHtml(clause: JSONContent): string {
  cachedSchema ??= getSchema(pactExtensions())
  const doc = cachedSchema.nodeFromJSON({ type: 'doc', content: [clause] })
  return renderToHTMLString({ extensions: pactExtensions(), content: doc })
}
