import type { DocumentNode } from '#app/domain/sign-off.ts'
import { isClauseKind } from '#app/editor/clause.ts'
import { editorNl } from '#app/i18n/locales/editor.nl.ts'

/**
 * A signed version as a plain list of blocks (headings, paragraphs, list items, tables, a page
 * break), so the PDF and the DOCX export lay out the same content and differ only in how they
 * draw it. Pure: the text comes from the version's document JSON, every label pre-translated.
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
  /** The version's document, as ProseMirror JSON. */
  json: DocumentNode
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
    ...documentBlocks(input.json),
    { kind: 'page-break' },
    { kind: 'heading', level: 1, runs: [{ text: signature.title }] },
    { kind: 'paragraph', runs: [{ text: signature.intro }] },
    {
      kind: 'table',
      rows: [signature.columns, ...signature.rows].map((row, index) =>
        [row.party, row.signatory, row.approvedAt, row.clauses].map((text) => ({ header: index === 0, paragraphs: [[{ text }]] })),
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

/** The document's own blocks, in order; clauses as their kind label and title, then their body. */
export function documentBlocks(doc: DocumentNode): VersionBlock[] {
  const blocks: VersionBlock[] = []
  for (const node of doc.content ?? []) appendBlock(node, blocks, 0)
  return blocks
}

function appendBlock(node: DocumentNode, blocks: VersionBlock[], listDepth: number): void {
  switch (node.type) {
    case 'clause': {
      const kind = node.attrs?.kind
      blocks.push({ kind: 'paragraph', runs: [{ text: editorNl.kinds[isClauseKind(kind) ? kind : 'algemeen'] }], style: 'meta' })
      for (const child of node.content ?? []) appendBlock(child, blocks, listDepth)
      return
    }
    case 'clauseTitle':
      blocks.push({ kind: 'heading', level: 3, runs: inlineRuns(node) })
      return
    case 'heading': {
      const level = Number(node.attrs?.level)
      blocks.push({ kind: 'heading', level: level === 2 || level === 3 || level === 4 ? level : 2, runs: inlineRuns(node) })
      return
    }
    case 'paragraph': {
      const runs = inlineRuns(node)
      if (runs.length > 0) blocks.push({ kind: 'paragraph', runs })
      return
    }
    case 'bulletList':
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1)
      ;(node.content ?? []).forEach((item, index) => {
        const marker = node.type === 'orderedList' ? `${(Number.isInteger(start) ? start : 1) + index}.` : '•'
        appendListItem(item, marker, blocks, listDepth)
      })
      return
    }
    case 'table':
      blocks.push({ kind: 'table', rows: (node.content ?? []).map((row) => (row.content ?? []).map(tableCell)) })
      return
    default:
      for (const child of node.content ?? []) appendBlock(child, blocks, listDepth)
  }
}

// The item's first paragraph carries the marker; later paragraphs and nested lists are indented under it.
function appendListItem(item: DocumentNode, marker: string, blocks: VersionBlock[], depth: number): void {
  let first = true
  for (const child of item.content ?? []) {
    if (child.type === 'paragraph') {
      blocks.push({ kind: 'list-item', marker: first ? marker : '', depth, runs: inlineRuns(child) })
      first = false
    } else appendBlock(child, blocks, depth + 1)
  }
}

function tableCell(cell: DocumentNode): TableCell {
  const paragraphs: TextRun[][] = []
  const visit = (node: DocumentNode) => {
    if (node.content?.some((child) => child.type === 'text' || child.type === 'hardBreak')) paragraphs.push(inlineRuns(node))
    else node.content?.forEach(visit)
  }
  visit(cell)
  return { header: cell.type === 'tableHeader', paragraphs }
}

function inlineRuns(node: DocumentNode): TextRun[] {
  const runs: TextRun[] = []
  for (const child of node.content ?? []) {
    if (child.type === 'hardBreak') runs.push({ text: '', break: true })
    else if (child.type === 'text' && child.text) {
      const marks = new Set((child.marks ?? []).map((mark) => mark.type))
      runs.push({ text: child.text, ...(marks.has('bold') ? { bold: true } : {}), ...(marks.has('italic') ? { italic: true } : {}) })
    } else if (child.content) runs.push(...inlineRuns(child))
  }
  return runs
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
