import { describe, expect, it } from 'vitest'
import { documentBlocks, downloadName, signatoriesOf } from './version-document.ts'

describe('a signed version as blocks', () => {
  it('keeps headings, clauses, formatted text, numbered and nested lists, and tables', () => {
    const html = [
      '<h2>1. Waarom dit pact</h2>',
      '<section class="pw-clause" data-clause-id="c1" data-clause-kind="budget"><p class="pw-clause__kind" contenteditable="false">Budget</p>',
      '<div class="pw-clause__body"><h3 class="pw-clause__title">Budgetten &amp; geld</h3>',
      '<p>Het budget staat <strong>vast</strong><br>echt.</p><p></p>',
      '<ol start="2"><li><p>Twee</p><ul><li><p>Genest</p></li></ul></li><li><p>Drie</p></li></ol>',
      '<table style="min-width: 50px"><colgroup><col style="min-width: 25px"></colgroup><tbody>',
      '<tr><th colspan="1" rowspan="1"><p>Jaar</p></th></tr><tr><td colspan="1" rowspan="1"><p>2027</p></td></tr></tbody></table>',
      '</div></section>',
    ].join('')
    expect(documentBlocks(html)).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: '1. Waarom dit pact' }] },
      { kind: 'paragraph', runs: [{ text: 'Budget' }], style: 'meta' },
      { kind: 'heading', level: 3, runs: [{ text: 'Budgetten & geld' }] },
      {
        kind: 'paragraph',
        runs: [{ text: 'Het budget staat ' }, { text: 'vast', bold: true }, { text: '', break: true }, { text: 'echt.' }],
      },
      { kind: 'list-item', marker: '2.', depth: 0, runs: [{ text: 'Twee' }] },
      { kind: 'list-item', marker: '•', depth: 1, runs: [{ text: 'Genest' }] },
      { kind: 'list-item', marker: '3.', depth: 0, runs: [{ text: 'Drie' }] },
      {
        kind: 'table',
        rows: [[{ header: true, paragraphs: [[{ text: 'Jaar' }]] }], [{ header: false, paragraphs: [[{ text: '2027' }]] }]],
      },
    ])
  })

  it('keeps the structured data a clause shows: data lists, captioned tables, folded details, lines in cells', () => {
    const html = [
      '<div class="pw-pact-data" data-pact-data-kind="result-area" data-ref-id="a"><div class="pw-pact-data__body">',
      '<h4 class="pw-pact-data__title">Resultaatgebied: Jeugd</h4>',
      '<dl class="utrecht-data-list"><div><dt>Doelgroep</dt><dd>Jeugdigen van 0 tot 18 jaar</dd></div></dl>',
      '<details><summary>Meer gegevens</summary><div class="pw-table-wrap"><table><caption>Indicatoren: Jeugd</caption>',
      '<thead><tr><th scope="col">Naam</th><th scope="col">Streefwaarden</th></tr></thead>',
      '<tbody><tr><th scope="row">Verblijf</th><td>2027: 11,3\n2028: 10,9</td></tr></tbody></table></div></details>',
      '</div></div>',
    ].join('')
    expect(documentBlocks(html)).toEqual([
      { kind: 'heading', level: 4, runs: [{ text: 'Resultaatgebied: Jeugd' }] },
      {
        kind: 'paragraph',
        runs: [{ text: 'Doelgroep', bold: true }, { text: ': ', bold: true }, { text: 'Jeugdigen van 0 tot 18 jaar' }],
      },
      { kind: 'paragraph', runs: [{ text: 'Meer gegevens', bold: true }] },
      { kind: 'paragraph', runs: [{ text: 'Indicatoren: Jeugd', bold: true }] },
      {
        kind: 'table',
        rows: [
          [
            { header: true, paragraphs: [[{ text: 'Naam' }]] },
            { header: true, paragraphs: [[{ text: 'Streefwaarden' }]] },
          ],
          [
            { header: true, paragraphs: [[{ text: 'Verblijf' }]] },
            { header: false, paragraphs: [[{ text: '2027: 11,3' }, { text: '', break: true }, { text: '2028: 10,9' }]] },
          ],
        ],
      },
    ])
  })

  it('keeps an entity beyond Unicode as written, and indents deep lists no further than the page allows', () => {
    expect(documentBlocks('<p>&#99999999; &#x110000; &#233;</p>')).toEqual([
      { kind: 'paragraph', runs: [{ text: '&#99999999; &#x110000; é' }] },
    ])
    const deepList = `${'<ul><li><p>Punt</p>'.repeat(12)}${'</li></ul>'.repeat(12)}`
    expect(documentBlocks(deepList).map((block) => (block.kind === 'list-item' ? block.depth : null))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8,
    ])
  })

  it('lists each signatory once per party, in the pact’s order of parties, with the last approval', () => {
    const decisions = [
      { partyId: 'p2', userId: 'u2', decidedAt: '2027-01-02T10:00:00.000Z' },
      { partyId: 'p1', userId: 'u1', decidedAt: '2027-01-03T10:00:00.000Z' },
      { partyId: 'p1', userId: 'u1', decidedAt: '2027-01-01T10:00:00.000Z' },
    ]
    const parties = [
      { id: 'p1', name: 'Gemeente' },
      { id: 'p2', name: 'Aanbieder' },
    ]
    expect(
      signatoriesOf(
        decisions,
        parties,
        new Map([
          ['u1', 'Anouk'],
          ['u2', 'Karim'],
        ]),
      ),
    ).toEqual([
      { party: 'Gemeente', signatory: 'Anouk', clauses: 2, lastApprovedAt: '2027-01-03T10:00:00.000Z' },
      { party: 'Aanbieder', signatory: 'Karim', clauses: 1, lastApprovedAt: '2027-01-02T10:00:00.000Z' },
    ])
  })

  it('names downloads in plain ASCII', () => {
    expect(downloadName('Pact voor de Transformatie Zuiderveen 2027–2030', 'Versie 1', 'pdf')).toBe(
      'pact-voor-de-transformatie-zuiderveen-2027-2030-versie-1.pdf',
    )
    expect(downloadName('Één café', 'logboek', 'csv')).toBe('een-cafe-logboek.csv')
  })
})
