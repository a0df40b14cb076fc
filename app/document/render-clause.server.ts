import { isUsableClauseId } from './clause-ids.ts'

/**
 * One clause's HTML, cut from the whole document's rendered HTML (`renderDocumentHtml`), so a
 * clause page shows byte for byte what the reading version and a signed version show, with
 * the structured data its blocks display. The renderer escapes all text, so a `<section` tag
 * can only be markup, and its sections are balanced.
 */
export function clauseHtml(documentHtml: string, clauseId: string): string | null {
  // Only a usable id can be a clause's: anything else would have to be escaped into the pattern.
  if (!isUsableClauseId(clauseId)) return null
  const start = new RegExp(`<section\\b[^>]*\\bdata-clause-id="${clauseId}"[^>]*>`).exec(documentHtml)
  if (!start) return null
  const tags = /<(\/?)section\b[^>]*>/g
  tags.lastIndex = start.index + start[0].length
  let depth = 1
  for (let tag = tags.exec(documentHtml); tag; tag = tags.exec(documentHtml)) {
    depth += tag[1] ? -1 : 1
    if (depth === 0) return documentHtml.slice(start.index, tag.index + tag[0].length)
  }
  return null
}
