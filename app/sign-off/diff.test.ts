import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { canonicalClauseContent, type DocumentNode } from './canonical.ts'
import { diffVersions, readableClauseText, readableWordDiff, type VersionClause } from './diff.ts'

// --- diff ----------------------------------------------------------------------------------

function versionClause(clauseId: string, words: string, title = clauseId): VersionClause {
  return { clauseId, title, kind: 'algemeen', canonical: `kind algemeen\ntitle ${title}\n  paragraph ${words}` }
}

describe('diffVersions', () => {
  it('reports added, removed, changed, unchanged and moved clauses', () => {
    const before = [
      versionClause('a', 'Een'),
      versionClause('b', 'Twee'),
      versionClause('c', 'Drie vier vijf'),
      versionClause('d', 'Vier'),
    ]
    const after = [
      versionClause('d', 'Vier'),
      versionClause('a', 'Een'),
      versionClause('c', 'Drie zes vijf'),
      versionClause('e', 'Nieuw'),
    ]
    expect(diffVersions(before, after)).toEqual([
      { change: 'unchanged', clause: after[0], moved: true },
      { change: 'unchanged', clause: after[1], moved: false },
      { change: 'removed', clause: before[1] },
      {
        change: 'changed',
        clause: after[2],
        previous: before[2],
        moved: false,
        words: [
          { op: 'equal', text: 'kind algemeen title c paragraph Drie' },
          { op: 'delete', text: 'vier' },
          { op: 'insert', text: 'zes' },
          { op: 'equal', text: 'vijf' },
        ],
      },
      { change: 'added', clause: after[3] },
    ])
  })

  it('places a removed first clause at the top', () => {
    const before = [versionClause('a', 'Een'), versionClause('b', 'Twee')]
    expect(diffVersions(before, [before[1]]).map((entry) => entry.change)).toEqual(['removed', 'unchanged'])
  })

  it('finds nothing between a version and itself', () => {
    const clauses = [versionClause('a', 'Een'), versionClause('b', 'Twee')]
    expect(diffVersions(clauses, clauses)).toEqual(clauses.map((clause) => ({ change: 'unchanged', clause, moved: false })))
  })

  it('word changes rebuild both texts', () => {
    const sentence = fc
      .array(fc.constantFrom('de', 'wijk', 'regio', 'budget', 'zorg', 'en'), { maxLength: 25 })
      .map((words) => words.join(' '))
    fc.assert(
      fc.property(sentence, sentence, (beforeWords, afterWords) => {
        fc.pre(beforeWords !== afterWords)
        const [entry] = diffVersions([versionClause('a', beforeWords)], [versionClause('a', afterWords)])
        if (entry.change !== 'changed') throw new Error(`expected a change, got ${entry.change}`)
        const rebuilt = (skip: 'insert' | 'delete') =>
          entry.words
            .filter((change) => change.op !== skip)
            .map((change) => change.text)
            .join(' ')
        const wordsOf = (canonical: string) =>
          canonical
            .split(/\s+/)
            .filter((word) => word !== '')
            .join(' ')
        expect(rebuilt('insert')).toBe(wordsOf(entry.previous.canonical))
        expect(rebuilt('delete')).toBe(wordsOf(entry.clause.canonical))
      }),
    )
  })
})

// --- as readers see it ---------------------------------------------------------------------

const text = (value: string, marks: string[] = []): DocumentNode => ({
  type: 'text',
  text: value,
  marks: marks.map((type) => ({ type })),
})
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
  it('shows the title and the words, without structure labels, mark-up or structured data', () => {
    const canonical = canonicalClauseContent(
      clause(
        paragraph(
          text('Het budget staat '),
          text('vast', ['bold']),
          text(' voor {vier} jaar.'),
          { type: 'hardBreak' },
          text('Daarna opnieuw.'),
        ),
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [
            { type: 'listItem', content: [paragraph(text('Derde punt'))] },
            { type: 'listItem', content: [paragraph(text('Vierde punt'))] },
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Los punt'))] }] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Jaar'), cell('tableHeader', 'Bedrag')] },
            { type: 'tableRow', content: [cell('tableCell', '2027'), cell('tableCell', '€ 1.000')] },
          ],
        },
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
    ])
  })

  it('diffs word by word as readers see the text, keeping the lines apart', () => {
    const before = canonicalClauseContent(
      clause(paragraph(text('Wij evalueren elk jaar.')), paragraph(text('Tweede alinea.'))),
      null,
    )
    const after = canonicalClauseContent(
      clause(paragraph(text('Wij evalueren elk kwartaal samen.')), paragraph(text('Tweede alinea.'))),
      null,
    )
    const words = readableWordDiff(before, after)
    expect(words.filter((word) => word.op !== 'equal')).toEqual([
      { op: 'delete', text: 'jaar.' },
      { op: 'insert', text: 'kwartaal samen.' },
    ])
    expect(readableWordDiff(before, before)).toEqual([{ op: 'equal', text: readableClauseText(before) }])
  })
})
