import { describe, expect, it } from 'vitest'
import { documentBlocks, downloadName, signatoriesOf } from './version-document.ts'

describe('a signed version as blocks', () => {
  it('keeps headings, clauses, formatted text, numbered and nested lists, and tables', () => {
    const blocks = documentBlocks({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Waarom dit pact' }] },
        {
          type: 'clause',
          attrs: { clauseId: 'c1', kind: 'budget' },
          content: [
            { type: 'clauseTitle', content: [{ type: 'text', text: 'Budgetten' }] },
            { type: 'paragraph', content: [{ type: 'text', text: 'Het budget staat ' }, { type: 'text', text: 'vast', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'echt.' }] },
            { type: 'paragraph' },
            {
              type: 'orderedList',
              attrs: { start: 2 },
              content: [
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Twee' }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Genest' }] }] }] }] },
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Drie' }] }] },
              ],
            },
            {
              type: 'table',
              content: [
                { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Jaar' }] }] }] },
                { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: '2027' }] }] }] },
              ],
            },
          ],
        },
      ],
    })
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: '1. Waarom dit pact' }] },
      { kind: 'paragraph', runs: [{ text: 'Budget' }], style: 'meta' },
      { kind: 'heading', level: 3, runs: [{ text: 'Budgetten' }] },
      { kind: 'paragraph', runs: [{ text: 'Het budget staat ' }, { text: 'vast', bold: true }, { text: '', break: true }, { text: 'echt.' }] },
      { kind: 'list-item', marker: '2.', depth: 0, runs: [{ text: 'Twee' }] },
      { kind: 'list-item', marker: '•', depth: 1, runs: [{ text: 'Genest' }] },
      { kind: 'list-item', marker: '3.', depth: 0, runs: [{ text: 'Drie' }] },
      { kind: 'table', rows: [[{ header: true, paragraphs: [[{ text: 'Jaar' }]] }], [{ header: false, paragraphs: [[{ text: '2027' }]] }]] },
    ])
  })

  it('lists each signatory once per party, in the pact’s order of parties, with the last approval', () => {
    const decisions = [
      { partyId: 'p2', userId: 'u2', decidedAt: '2027-01-02T10:00:00.000Z' },
      { partyId: 'p1', userId: 'u1', decidedAt: '2027-01-03T10:00:00.000Z' },
      { partyId: 'p1', userId: 'u1', decidedAt: '2027-01-01T10:00:00.000Z' },
    ]
    const parties = [{ id: 'p1', name: 'Gemeente' }, { id: 'p2', name: 'Aanbieder' }]
    expect(signatoriesOf(decisions, parties, new Map([['u1', 'Anouk'], ['u2', 'Karim']]))).toEqual([
      { party: 'Gemeente', signatory: 'Anouk', clauses: 2, lastApprovedAt: '2027-01-03T10:00:00.000Z' },
      { party: 'Aanbieder', signatory: 'Karim', clauses: 1, lastApprovedAt: '2027-01-02T10:00:00.000Z' },
    ])
  })

  it('names downloads in plain ASCII', () => {
    expect(downloadName('Pact voor de Transformatie Zuiderveen 2027–2030', 'Versie 1', 'pdf')).toBe('pact-voor-de-transformatie-zuiderveen-2027-2030-versie-1.pdf')
    expect(downloadName('Één café', 'logboek', 'csv')).toBe('een-cafe-logboek.csv')
  })
})
