import { readableHeaderCells } from '#app/document/empty-header-cells.ts'
import { UNREADABLE_TEXT } from '#app/document/read-document.ts'

/**
 * A signed version as a plain list of blocks (headings, paragraphs, list items, tables, a page
 * break), so the PDF and the DOCX export lay out the same content and differ only in how they
 * draw it. Pure: the text comes from the version's stored HTML, every label pre-translated.
 */
export interface TextRun {
  text: string
  bold?: boolean
  italic?: boolean
  /** A line break inside the paragraph; `text` is empty. */
  break?: boolean
}

export interface TableCell {
  header: boolean
  /** One entry per paragraph of the cell. */
  paragraphs: TextRun[][]
  /** Columns the cell spans, when more than one. */
  span?: number
}

export type VersionBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; runs: TextRun[] }
  | { kind: 'paragraph'; runs: TextRun[]; style?: 'meta' | 'hash' }
  | { kind: 'list-item'; marker: string; depth: number; runs: TextRun[] }
  | { kind: 'table'; rows: TableCell[][] }
  | { kind: 'page-break' }

export interface SignatureRow {
  party: string
  signatory: string
  approvedAt: string
  clauses: string
}

export interface VersionDocumentInput {
  /** The version's stored HTML. */
  html: string
  title: string
  /** "Versie 1, getekend op … door …" */
  subtitle: string
  hashLabel: string
  hash: string
  signature: {
    title: string
    intro: string
    columns: SignatureRow
    rows: SignatureRow[]
  }
}

export function versionDocumentBlocks(input: VersionDocumentInput): VersionBlock[] {
  const { signature } = input
  return [
    { kind: 'heading', level: 1, runs: [{ text: input.title }] },
    { kind: 'paragraph', runs: [{ text: input.subtitle }] },
    { kind: 'paragraph', runs: [{ text: input.hashLabel }], style: 'meta' },
    { kind: 'paragraph', runs: [{ text: input.hash }], style: 'hash' },
    ...documentBlocks(input.html),
    { kind: 'page-break' },
    { kind: 'heading', level: 1, runs: [{ text: signature.title }] },
    { kind: 'paragraph', runs: [{ text: signature.intro }] },
    {
      kind: 'table',
      rows: [signature.columns, ...signature.rows].map((row, index) =>
        [row.party, row.signatory, row.approvedAt, row.clauses].map((text) => ({
          header: index === 0,
          paragraphs: [[{ text }]],
        })),
      ),
    },
    { kind: 'paragraph', runs: [{ text: input.hashLabel }], style: 'meta' },
    { kind: 'paragraph', runs: [{ text: input.hash }], style: 'hash' },
  ]
}

export interface Signatory {
  party: string
  signatory: string
  /** How many clauses this person approved for the party. */
  clauses: number
  /** ISO 8601: the person's last approval the version rests on. */
  lastApprovedAt: string
}

/** Everyone whose approvals the version rests on, per party in the pact's order of parties. */
export function signatoriesOf(
  decisions: ReadonlyArray<{ partyId: string; userId: string; decidedAt: string }>,
  parties: ReadonlyArray<{ id: string; name: string }>,
  names: ReadonlyMap<string, string>,
): Signatory[] {
  const byKey = new Map<string, Signatory & { order: number }>()
  for (const decision of decisions) {
    const key = `${decision.partyId} ${decision.userId}`
    const order = parties.findIndex((party) => party.id === decision.partyId)
    const entry = byKey.get(key) ?? {
      order: order < 0 ? parties.length : order,
      party: parties[order]?.name ?? decision.partyId,
      signatory: names.get(decision.userId) ?? decision.userId,
      clauses: 0,
      lastApprovedAt: decision.decidedAt,
    }
    entry.clauses++
    if (decision.decidedAt > entry.lastApprovedAt) entry.lastApprovedAt = decision.decidedAt
    byKey.set(key, entry)
  }
  return [...byKey.values()]
    .sort((a, b) => a.order - b.order || a.signatory.localeCompare(b.signatory, 'nl'))
    .map(({ order: _order, ...signatory }) => signatory)
}

/**
 * The blocks of a version's stored HTML: exactly what was signed, including the structured data
 * its clauses show. The HTML comes from Pactwerk's own renderer (document.server.ts), which
 * escapes all text and closes every element, so a small reader of tags suffices. It is still
 * total: elements nested deeper than MAX_HTML_DEPTH are skipped with a placeholder, so the
 * recursive layout below never goes deeper than that. A header cell nobody wrote in is laid out
 * as an ordinary cell, as the pages that show the version read it (readableHeaderCells).
 */
export function documentBlocks(html: string): VersionBlock[] {
  const blocks: VersionBlock[] = []
  for (const node of parseHtml(readableHeaderCells(html))) appendBlock(node, blocks, 0)
  return blocks
}

interface HtmlElement {
  tag: string
  attrs: Record<string, string>
  children: HtmlNode[]
}
type HtmlNode = HtmlElement | string

const VOID_ELEMENTS = new Set(['br', 'col', 'hr', 'img', 'input', 'wbr'])
// Four elements per document node (a clause is a section with a body; a cell sits in a row in a
// body in a table) times the document's own depth bound, with room to spare.
const MAX_HTML_DEPTH = 256
// The page has room for this many levels of list indentation; deeper items indent no further.
const MAX_LIST_DEPTH = 8
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? entity
    const codePoint = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
    // Beyond Unicode, String.fromCodePoint throws: such an entity stays as written.
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity
  })
}

function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] }
  const open: HtmlElement[] = [root]
  // Elements opened beyond MAX_HTML_DEPTH: their tags are counted, their content skipped.
  let skipped = 0
  for (const [, closing, tag, rawAttrs, text] of html.matchAll(
    /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)/g,
  )) {
    const parent = open.at(-1)!
    const name = tag?.toLowerCase() ?? ''
    const isVoid = VOID_ELEMENTS.has(name) || Boolean(rawAttrs?.trimEnd().endsWith('/'))
    if (skipped > 0) {
      if (text === undefined && !isVoid) skipped += closing ? -1 : 1
      continue
    }
    if (text !== undefined) {
      parent.children.push(decodeEntities(text))
      continue
    }
    if (closing) {
      const index = open.findLastIndex((element) => element.tag === name)
      if (index > 0) open.length = index
      continue
    }
    if (open.length > MAX_HTML_DEPTH) {
      parent.children.push(UNREADABLE_TEXT)
      if (!isVoid) skipped = 1
      continue
    }
    const attrs = Object.fromEntries(
      [...rawAttrs!.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)].map(([, key, value]) => [
        key!.toLowerCase(),
        decodeEntities(value ?? ''),
      ]),
    )
    const element: HtmlElement = { tag: name, attrs, children: [] }
    parent.children.push(element)
    if (!isVoid) open.push(element)
  }
  return root.children
}

function hasClass(element: HtmlElement, name: string): boolean {
  return (element.attrs.class ?? '').split(/\s+/).includes(name)
}

const HEADINGS: Record<string, 1 | 2 | 3 | 4> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 }
const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'dl',
  'details',
  'summary',
  'section',
  'div',
  'caption',
])

function appendBlock(node: HtmlNode, blocks: VersionBlock[], listDepth: number): void {
  if (typeof node === 'string') {
    // Text straight inside a container is a paragraph of its own; whitespace between blocks is not.
    if (node.trim()) blocks.push({ kind: 'paragraph', runs: textRuns(node, {}) })
    return
  }
  const heading = HEADINGS[node.tag]
  if (heading) {
    blocks.push({ kind: 'heading', level: heading, runs: inlineRuns(node) })
    return
  }
  switch (node.tag) {
    case 'p':
    case 'summary':
    case 'caption': {
      const runs = inlineRuns(node, node.tag === 'p' ? {} : { bold: true })
      if (runs.length === 0) return
      const meta = hasClass(node, 'pw-clause__kind') || hasClass(node, 'pw-pact-data__notice')
      blocks.push(meta ? { kind: 'paragraph', runs, style: 'meta' } : { kind: 'paragraph', runs })
      return
    }
    case 'ul':
    case 'ol': {
      const start = Number.parseInt(node.attrs.start ?? '1', 10)
      const items = node.children.filter((child): child is HtmlElement => typeof child !== 'string' && child.tag === 'li')
      items.forEach((item, index) => {
        const marker = node.tag === 'ol' ? `${(Number.isNaN(start) ? 1 : start) + index}.` : '•'
        appendListItem(item, marker, blocks, listDepth)
      })
      return
    }
    case 'table': {
      const caption = node.children.find((child): child is HtmlElement => typeof child !== 'string' && child.tag === 'caption')
      if (caption) appendBlock(caption, blocks, listDepth)
      const rows = elementsNamed(node, 'tr')
        .map((row) => elementsNamed(row, 'th', 'td').map(tableCell))
        .filter((row) => row.length > 0)
      if (rows.length) blocks.push({ kind: 'table', rows })
      return
    }
    case 'dl': {
      // A data list reads as "key: value" lines.
      let term: TextRun[] = []
      for (const item of elementsNamed(node, 'dt', 'dd')) {
        if (item.tag === 'dt') term = [...inlineRuns(item, { bold: true }), { text: ': ', bold: true }]
        else blocks.push({ kind: 'paragraph', runs: [...term, ...inlineRuns(item)] })
      }
      return
    }
    default:
      for (const child of node.children) appendBlock(child, blocks, listDepth)
  }
}

// The item's first text carries the marker; later paragraphs and nested lists are indented under it.
function appendListItem(item: HtmlElement, marker: string, blocks: VersionBlock[], depth: number): void {
  let first = true
  const inline: HtmlNode[] = []
  const flushInline = () => {
    const runs = inlineRuns({ tag: 'span', attrs: {}, children: inline.splice(0) })
    if (runs.length === 0) return
    blocks.push({ kind: 'list-item', marker: first ? marker : '', depth: Math.min(depth, MAX_LIST_DEPTH), runs })
    first = false
  }
  for (const child of item.children) {
    if (typeof child === 'string' || !BLOCK_TAGS.has(child.tag)) inline.push(child)
    else if (child.tag === 'p') {
      flushInline()
      inline.push(...child.children)
      flushInline()
    } else {
      flushInline()
      appendBlock(child, blocks, depth + 1)
    }
  }
  flushInline()
}

function tableCell(cell: HtmlElement): TableCell {
  const paragraphs: TextRun[][] = []
  const inline: HtmlNode[] = []
  const flush = () => {
    const runs = inlineRuns({ tag: 'span', attrs: {}, children: inline.splice(0) })
    if (runs.length) paragraphs.push(runs)
  }
  for (const child of cell.children) {
    if (typeof child !== 'string' && child.tag === 'p') {
      flush()
      paragraphs.push(inlineRuns(child))
    } else inline.push(child)
  }
  flush()
  const span = Number.parseInt(cell.attrs.colspan ?? '1', 10)
  return {
    header: cell.tag === 'th' && cell.attrs.role !== 'cell',
    paragraphs: paragraphs.filter((runs) => runs.length > 0),
    ...(span > 1 ? { span } : {}),
  }
}

/** Elements with one of these tags anywhere below `element`, in document order (not inside nested tables). */
function elementsNamed(element: HtmlElement, ...tags: string[]): HtmlElement[] {
  const found: HtmlElement[] = []
  const visit = (node: HtmlElement) => {
    for (const child of node.children) {
      if (typeof child === 'string') continue
      if (tags.includes(child.tag)) found.push(child)
      else if (child.tag !== 'table') visit(child)
    }
  }
  visit(element)
  return found
}

function inlineRuns(element: HtmlElement, style: { bold?: boolean; italic?: boolean } = {}): TextRun[] {
  const runs: TextRun[] = []
  for (const child of element.children) {
    if (typeof child === 'string') runs.push(...textRuns(child, style))
    else if (child.tag === 'br') runs.push({ text: '', break: true })
    else {
      const bold = style.bold || child.tag === 'strong' || child.tag === 'b'
      const italic = style.italic || child.tag === 'em' || child.tag === 'i'
      runs.push(...inlineRuns(child, { ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) }))
    }
  }
  // Leading and trailing line breaks say nothing.
  while (runs[0]?.break) runs.shift()
  while (runs.at(-1)?.break) runs.pop()
  return runs
}

// Text with newlines (the data views use them inside table cells) becomes lines.
function textRuns(text: string, style: { bold?: boolean; italic?: boolean }): TextRun[] {
  return text
    .split('\n')
    .flatMap((line, index): TextRun[] => [
      ...(index > 0 ? [{ text: '', break: true }] : []),
      ...(line ? [{ text: line, ...style }] : []),
    ])
}

/** A file name that survives every file system and mail client: ASCII, lower case, dashes. */
export function downloadName(title: string, suffix: string, extension: string): string {
  const slug = `${title} ${suffix}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `${slug.slice(0, 100) || 'pact'}.${extension}`
}
