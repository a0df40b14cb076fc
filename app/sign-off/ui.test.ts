import { describe, expect, it } from 'vitest'
import { canonicalClauseContent, type DocumentNode } from '#app/sign-off/sign-off.ts'
import { readableClauseText, readableWordDiff } from './ui.tsx'

const text = (value: string, marks: string[] = []): DocumentNode => ({ type: 'text', text: value, marks: marks.map((type) => ({ type })) })
const paragraph = (...content: DocumentNode[]): DocumentNode => ({ type: 'paragraph', content })
const cell = (type: 'tableHeader' | 'tableCell', value: string): DocumentNode => ({ type, content: [paragraph(text(value))] })

const clause = (...body: DocumentNode[]): DocumentNode => ({
  type: 'clause',
  attrs: { clauseId: 'c1', kind: 'budget' },
  content: [{ type: 'clauseTitle', content: [text('Budgetten')] }, ...body],
})

// Lines of the readable text; the line separator is a private-use character.
const lines = (canonical: string) => readableClauseText(canonical).split(/ ?\uE000 ?/)

describe('readable clause text', () => {
  it('shows the title and the words, without structure labels or mark-up', () => {
    const canonical = canonicalClauseContent(
      clause(
        paragraph(text('Het budget staat '), text('vast', ['bold']), text(' voor {vier} jaar.'), { type: 'hardBreak' }, text('Daarna opnieuw.')),
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [{ type: 'listItem', content: [paragraph(text('Derde punt'))] }, { type: 'listItem', content: [paragraph(text('Vierde punt'))] }],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Los punt'))] }] },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader', 'Jaar'), cell('tableHeader', 'Bedrag')] }, { type: 'tableRow', content: [cell('tableCell', '2027'), cell('tableCell', '€ 1.000')] }] },
        paragraph(text('Na de tabel.')),
      ),
      { budgetCents: 100000 },
    )
    expect(lines(canonical)).toEqual([
      'Budgetten',
      'Het budget staat vast voor {vier} jaar.',
      'Daarna opnieuw.',
      '3. Derde punt',
      '4. Vierde punt',
      '• Los punt',
      'Jaar | Bedrag',
      '2027 | € 1.000',
      'Na de tabel.',
      '"budgetCents": 100000',
    ])
  })

  it('diffs word by word as readers see the text, keeping the lines apart', () => {
    const before = canonicalClauseContent(clause(paragraph(text('Wij evalueren elk jaar.')), paragraph(text('Tweede alinea.'))), null)
    const after = canonicalClauseContent(clause(paragraph(text('Wij evalueren elk kwartaal samen.')), paragraph(text('Tweede alinea.'))), null)
    const words = readableWordDiff(before, after)
    expect(words.filter((word) => word.op !== 'equal')).toEqual([
      { op: 'delete', text: 'jaar.' },
      { op: 'insert', text: 'kwartaal samen.' },
    ])
    expect(readableWordDiff(before, before)).toEqual([{ op: 'equal', text: readableClauseText(before) }])
  })
})
