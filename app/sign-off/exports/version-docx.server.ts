import {
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx'
import type { TextRun as Run, VersionBlock } from './version-document.ts'

/**
 * A signed version as a Word document, for parties that file or annotate in Word. Headings use
 * Word's own heading styles, so the navigation pane and a table of contents work.
 */
export interface DocxMeta {
  title: string
  hash: string
  /** Footer text before the page number, e.g. "Versie 1 · pagina". */
  footerBeforePage: string
  lang: string
}

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const
const MONO = 'Courier New'
const MUTED = '4A4A4A'
// Word measures indents in twentieths of a point.
const LIST_INDENT = 360

export function versionDocx(blocks: readonly VersionBlock[], meta: DocxMeta): Promise<Buffer> {
  const document = new Document({
    creator: 'Pactwerk',
    title: meta.title,
    keywords: meta.hash,
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: meta.lang } } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: `${meta.footerBeforePage} `, size: 16, color: MUTED }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: MUTED }),
                  new TextRun({ text: ` · ${meta.hash}`, size: 16, color: MUTED }),
                ],
              }),
            ],
          }),
        },
        children: blocks.map(blockElement),
      },
    ],
  })
  return Packer.toBuffer(document)
}

function blockElement(block: VersionBlock): FileChild {
  switch (block.kind) {
    case 'heading':
      return new Paragraph({ heading: HEADINGS[block.level], children: textRuns(block.runs) })
    case 'paragraph':
      if (block.style === 'hash') return new Paragraph({ children: textRuns(block.runs, { font: MONO, size: 18 }) })
      if (block.style === 'meta') return new Paragraph({ children: textRuns(block.runs, { size: 17, color: MUTED }) })
      return new Paragraph({ children: textRuns(block.runs), spacing: { after: 120 } })
    case 'list-item':
      return new Paragraph({
        indent: { left: LIST_INDENT * (block.depth + 1), hanging: block.marker ? LIST_INDENT : 0 },
        children: [...(block.marker ? [new TextRun({ text: `${block.marker}\t` })] : []), ...textRuns(block.runs)],
        tabStops: [{ type: 'left', position: LIST_INDENT * (block.depth + 1) }],
      })
    case 'table':
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: block.rows.map(
          (row) =>
            new TableRow({
              tableHeader: row.every((cell) => cell.header),
              children: row.map(
                (cell) =>
                  new TableCell({
                    ...(cell.span ? { columnSpan: cell.span } : {}),
                    ...(cell.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF1F4' } } : {}),
                    children: (cell.paragraphs.length ? cell.paragraphs : [[]]).map(
                      (runs) => new Paragraph({ children: textRuns(runs, cell.header ? { bold: true } : {}) }),
                    ),
                  }),
              ),
            }),
        ),
      })
    case 'page-break':
      return new Paragraph({ children: [new PageBreak()] })
  }
}

function textRuns(runs: readonly Run[], style: { font?: string; size?: number; color?: string; bold?: boolean } = {}): TextRun[] {
  return runs.map((run) =>
    run.break
      ? new TextRun({ break: 1 })
      : new TextRun({
          text: run.text,
          bold: style.bold || run.bold,
          italics: run.italic,
          font: style.font,
          size: style.size,
          color: style.color,
        }),
  )
}
