import PDFDocument from 'pdfkit'
import type { TextRun, VersionBlock } from './version-document.ts'

/**
 * A signed version as PDF (A4, PDF's built-in Helvetica, so no font files to ship). Every
 * page's footer repeats the version and its hash, so a single printed page can be checked.
 */
export interface PdfMeta {
  title: string
  hash: string
  /** E.g. "Versie 1 · pagina 2 van 5". */
  footer: (page: number, pages: number) => string
  lang: string
}

const FONTS = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  boldItalic: 'Helvetica-BoldOblique',
  mono: 'Courier',
}
const BODY_SIZE = 10.5
const HEADING_SIZES = { 1: 20, 2: 15, 3: 12.5, 4: 11 } as const
const LIST_INDENT = 16
const MUTED = '#4a4a4a'
// pdfkit breaks a word wider than its line by re-measuring ever shorter prefixes: quadratic
// in the word's length (a 60,000-character word took 5 s, blocking every other request).
// Words longer than this are cut into line-wide pieces here first, in linear time.
const LONG_WORD = 40
const LONG_WORDS = new RegExp(`\\S{${LONG_WORD + 1},}`, 'g')
// Table columns are sized by pdfkit after the text is given, so cells get a fixed piece length.
const TABLE_CELL_PIECE = 24

export function versionPdf(blocks: readonly VersionBlock[], meta: PdfMeta, { compress = true } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 72, left: 64, right: 64 },
    bufferPages: true,
    compress,
    lang: meta.lang,
    displayTitle: true,
    info: { Title: meta.title, Author: 'Pactwerk', Keywords: meta.hash },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  for (const block of blocks) drawBlock(doc, block)
  drawFooters(doc, meta)
  doc.end()
  return done
}

function drawBlock(doc: PDFKit.PDFDocument, block: VersionBlock): void {
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  switch (block.kind) {
    case 'heading':
      doc.moveDown(block.level <= 2 ? 0.8 : 0.5)
      writeRuns(
        doc,
        block.runs.map((run) => ({ ...run, bold: true })),
        { size: HEADING_SIZES[block.level], x: left, width },
      )
      doc.moveDown(0.3)
      return
    case 'paragraph':
      if (block.style === 'hash') writeRuns(doc, block.runs, { size: 9, x: left, width, font: FONTS.mono })
      else if (block.style === 'meta') writeRuns(doc, block.runs, { size: 8.5, x: left, width, color: MUTED })
      else writeRuns(doc, block.runs, { size: BODY_SIZE, x: left, width })
      doc.moveDown(0.5)
      return
    case 'list-item': {
      const indent = LIST_INDENT * (block.depth + 1)
      const top = doc.y
      if (block.marker)
        doc
          .font(FONTS.regular)
          .fontSize(BODY_SIZE)
          .fillColor('black')
          .text(block.marker, left + indent - LIST_INDENT, top, { width: LIST_INDENT })
      doc.y = top
      writeRuns(doc, block.runs, { size: BODY_SIZE, x: left + indent, width: width - indent })
      doc.moveDown(0.3)
      return
    }
    case 'table':
      if (block.rows.length === 0) return
      doc
        .font(FONTS.regular)
        .fontSize(BODY_SIZE - 1)
        .fillColor('black')
      doc.table({
        position: { x: left, y: doc.y },
        maxWidth: width,
        defaultStyle: { padding: 4, borderColor: '#8c8c8c' },
        data: block.rows.map((row) =>
          row.map((cell) => ({
            text: breakLongWords(cell.paragraphs.map(plainText).join('\n'), () => TABLE_CELL_PIECE),
            type: cell.header ? ('TH' as const) : ('TD' as const),
            ...(cell.span ? { colSpan: cell.span } : {}),
            ...(cell.header ? { font: { src: FONTS.bold }, backgroundColor: '#eef1f4' } : {}),
          })),
        ),
      })
      doc.x = left
      doc.moveDown(0.6)
      return
    case 'page-break':
      doc.addPage()
      return
  }
}

function writeRuns(
  doc: PDFKit.PDFDocument,
  runs: readonly TextRun[],
  { size, x, width, font, color = 'black' }: { size: number; x: number; width: number; font?: string; color?: string },
): void {
  // A break ends a line: pdfkit continues text runs on one line until it sees a newline.
  const pieces = runs.map((run) => (run.break ? { ...run, text: '\n' } : run)).filter((run) => run.text !== '')
  if (pieces.length === 0) return
  doc.fontSize(size).fillColor(color)
  pieces.forEach((run, index) => {
    doc.font(font ?? fontFor(run))
    const text = breakLongWords(run.text, (word) => fittingLength(doc, word, width))
    const options = { width, continued: index < pieces.length - 1 }
    if (index === 0) doc.text(text, x, doc.y, options)
    else doc.text(text, options)
  })
}

/** Cuts every overlong word into pieces of at most `pieceLength(rest)` characters, one per line. */
export function breakLongWords(text: string, pieceLength: (rest: string) => number): string {
  return text.replace(LONG_WORDS, (word) => {
    const pieces: string[] = []
    let rest = word
    while (rest.length > 0) {
      const length = Math.max(1, pieceLength(rest))
      pieces.push(rest.slice(0, length))
      rest = rest.slice(length)
    }
    return pieces.join('\n')
  })
}

/** How many of the word's first characters fit in `width` in the current font: one measurement per character. */
function fittingLength(doc: PDFKit.PDFDocument, word: string, width: number): number {
  const widths = new Map<string, number>()
  let used = 0
  let length = 0
  for (const character of word) {
    let characterWidth = widths.get(character)
    if (characterWidth === undefined) widths.set(character, (characterWidth = doc.widthOfString(character)))
    used += characterWidth
    if (used > width) break
    length += character.length
  }
  return length
}

function fontFor(run: TextRun): string {
  if (run.bold && run.italic) return FONTS.boldItalic
  if (run.bold) return FONTS.bold
  if (run.italic) return FONTS.italic
  return FONTS.regular
}

function plainText(runs: readonly TextRun[]): string {
  return runs.map((run) => (run.break ? '\n' : run.text)).join('')
}

function drawFooters(doc: PDFKit.PDFDocument, meta: PdfMeta): void {
  const { start, count } = doc.bufferedPageRange()
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index)
    const { margins } = doc.page
    const bottom = margins.bottom
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    margins.bottom = 0
    doc
      .font(FONTS.regular)
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${meta.footer(index + 1 - start, count)} · ${meta.hash}`, margins.left, doc.page.height - bottom + 24, {
        width: doc.page.width - margins.left - margins.right,
        lineBreak: false,
      })
    margins.bottom = bottom
  }
}
