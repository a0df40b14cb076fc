import { describe, expect, it } from 'vitest'
import { renderDocumentJsonHtml } from '#app/document/document.server.ts'
import { pdfText, unzip } from '#tests/support/export-files.ts'
import { versionDocumentBlocks } from './version-document.ts'
import { versionDocx } from './version-docx.server.ts'
import { versionPdf } from './version-pdf.server.ts'

const cell = (type: string, text?: string) => ({
  type,
  content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }],
})
const row = (...cells: ReturnType<typeof cell>[]) => ({ type: 'tableRow', content: cells })

// A version signed before tables from the toolbar named their columns: the first table's header
// row was never written in. The second table's header row was.
const html = renderDocumentJsonHtml({
  type: 'doc',
  content: [
    {
      type: 'table',
      content: [row(cell('tableHeader'), cell('tableHeader')), row(cell('tableCell', 'Jeugd'), cell('tableCell', '€ 100'))],
    },
    {
      type: 'table',
      content: [
        row(cell('tableHeader', 'Jaar'), cell('tableHeader', 'Bedrag')),
        row(cell('tableCell', '2027'), cell('tableCell', '€ 200')),
      ],
    },
  ],
})
const blocks = versionDocumentBlocks({
  html,
  title: 'Pact',
  subtitle: 'Versie 1',
  hashLabel: 'Kenmerk',
  hash: 'abc123',
  signature: {
    title: 'Ondertekening',
    intro: 'Akkoord.',
    columns: { party: 'Partij', signatory: 'Ondertekenaar', approvedAt: 'Wanneer', clauses: 'Artikelen' },
    rows: [],
  },
})
// Header cells with text: the second table's two and the signature table's four columns.
const WRITTEN_HEADER_CELLS = 6

describe('exports of a version whose table has an empty header row', () => {
  it('lay out its empty header cells as ordinary cells, as the version page shows them', () => {
    const [old, written] = blocks.filter((block) => block.kind === 'table')
    expect(old?.rows.map((cells) => cells.map((cell) => cell.header))).toEqual([
      [false, false],
      [false, false],
    ])
    expect(written?.rows.map((cells) => cells.map((cell) => cell.header))).toEqual([
      [true, true],
      [false, false],
    ])
  })

  it('in the PDF, shade only the header cells that head something', async () => {
    const pdf = await versionPdf(
      blocks,
      { title: 'Pact', hash: 'abc123', lang: 'nl-NL', footer: (page) => `${page}` },
      { compress: false },
    )
    // A header cell's background (#eef1f4), filled before its borders and text are drawn.
    const shaded = pdf.toString('latin1').match(/^0\.9333\d* 0\.9450\d* 0\.9568\d* scn\n[\d. ]+ re\nf$/gm) ?? []
    expect(shaded).toHaveLength(WRITTEN_HEADER_CELLS)
    expect(pdfText(pdf)).toContain('Jeugd')
  })

  it('in Word, repeat and shade only header rows that head something', async () => {
    const documentXml = unzip(
      await versionDocx(blocks, { title: 'Pact', hash: 'abc123', lang: 'nl-NL', footerBeforePage: 'pagina' }),
    )
      .get('word/document.xml')!
      .toString('utf8')
    expect(documentXml.match(/<w:tblHeader\/>/g)).toHaveLength(2)
    expect(documentXml.match(/w:fill="EEF1F4"/g)).toHaveLength(WRITTEN_HEADER_CELLS)
    expect(documentXml).toContain('Jeugd')
  })
})
