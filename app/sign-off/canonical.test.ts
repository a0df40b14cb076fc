import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { canonicalClauseContent, clauseContentHash, extractClauses, type DocumentNode } from './canonical.ts'

// --- document builders ---------------------------------------------------------------------

function text(value: string, marks: string[] = []): DocumentNode {
  return marks.length > 0 ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value }
}

function paragraph(...content: DocumentNode[]): DocumentNode {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }
}

function bulletList(...items: string[]): DocumentNode {
  return { type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })) }
}

function clause(
  body: DocumentNode[],
  { clauseId = 'clause-1', kind = 'budget', title = 'Budget jeugd en gezin' } = {},
): DocumentNode {
  return {
    type: 'clause',
    attrs: { clauseId, kind },
    content: [{ type: 'clauseTitle', content: [text(title)] }, ...body],
  }
}

function hashOf(node: DocumentNode, structuredData: unknown = null): string {
  return clauseContentHash(canonicalClauseContent(node, structuredData))
}

const budgetData = {
  resultArea: { name: 'Jeugd en gezin', indicators: [{ name: 'Thuis opgroeien', target: 95, unit: '%' }] },
  budgets: [
    { year: 2026, cents: 1_250_000_00 },
    { year: 2027, cents: 1_300_000_00 },
  ],
}

const riskRule = {
  corridorPercent: 5,
  providerShareInside: 50,
  providerShareOutside: 25,
  providerCapCents: null,
  underspend: { providerGainShare: 40, revolvingFundShare: 30 },
}

const exampleBody: DocumentNode[] = [
  paragraph(text('Het budget staat '), text('vast', ['bold']), text(' voor vier jaar.')),
  { type: 'heading', attrs: { level: 3, textAlign: null }, content: [text('Verdeling')] },
  bulletList('Eerst de wijk', 'Dan de regio'),
  {
    type: 'table',
    content: [
      {
        type: 'tableRow',
        content: [
          {
            type: 'tableHeader',
            attrs: { colspan: 1, rowspan: 1, colwidth: null },
            content: [paragraph(text('Jaar'))],
          },
        ],
      },
      {
        type: 'tableRow',
        content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [paragraph(text('2026'))] }],
      },
    ],
  },
]

const exampleClause = clause(exampleBody)

// --- canonical content ---------------------------------------------------------------------

describe('canonicalClauseContent', () => {
  it('writes kind, title, the block structure and the structured data, one line each', () => {
    const node = clause([
      paragraph(text('Het budget staat '), text('vast', ['bold']), text(' voor '), text('vier', ['italic']), text(' jaar.')),
      {
        type: 'orderedList',
        attrs: { start: 3, type: null },
        content: [{ type: 'listItem', content: [paragraph(text('Eerste punt'))] }],
      },
    ])
    expect(canonicalClauseContent(node, { budgetCents: 120_000 })).toBe(
      [
        'kind budget',
        'title Budget jeugd en gezin',
        '  paragraph Het budget staat {bold|vast} voor {italic|vier} jaar.',
        '  orderedList{"start":3}',
        '    listItem',
        '      paragraph Eerste punt',
        'data {',
        '  "budgetCents": 120000',
        '}',
      ].join('\n'),
    )
  })

  it('hashes as lowercase SHA-256 hex over UTF-8', () => {
    // Known vector: SHA-256("abc").
    expect(clauseContentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(clauseContentHash('€')).toBe(clauseContentHash('\u20ac'))
    expect(hashOf(exampleClause)).toMatch(/^[0-9a-f]{64}$/)
  })

  describe('is stable under re-rendering', () => {
    it('ignores how text is split into text nodes with the same marks', () => {
      const words = fc.stringMatching(/^[a-zé ]{1,30}$/)
      fc.assert(
        fc.property(words, fc.nat(), fc.boolean(), (value, at, bold) => {
          const split = at % (value.length + 1)
          const marks = bold ? ['bold'] : []
          const whole = clause([paragraph(text('Inleiding: '), text(value, marks))])
          const pieces = [value.slice(0, split), value.slice(split)].filter((piece) => piece !== '')
          const parts = clause([paragraph(text('Inleiding: '), ...pieces.map((piece) => text(piece, marks)))])
          expect(canonicalClauseContent(parts, null)).toBe(canonicalClauseContent(whole, null))
        }),
      )
    })

    it('ignores a split between a letter and its combining accent', () => {
      const composed = clause([paragraph(text('café'))])
      const decomposedAndSplit = clause([paragraph(text('cafe'), text('\u0301'))])
      expect(hashOf(decomposedAndSplit)).toBe(hashOf(composed))
    })

    it('ignores the order of marks', () => {
      const boldItalic = clause([paragraph(text('niet', ['bold', 'italic']))])
      const italicBold = clause([paragraph(text('niet', ['italic', 'bold']))])
      expect(hashOf(italicBold)).toBe(hashOf(boldItalic))
    })

    it('ignores the order of attribute keys, in the document and in the structured data', () => {
      const reordered: DocumentNode = {
        type: 'clause',
        attrs: { kind: 'budget', clauseId: 'clause-1' },
        content: [
          { type: 'clauseTitle', content: [text('Budget jeugd en gezin')] },
          ...exampleBody.map((block) => (block.type === 'heading' ? { ...block, attrs: { textAlign: null, level: 3 } } : block)),
        ],
      }
      const reorderedData = {
        budgets: budgetData.budgets.map(({ year, cents }) => ({ cents, year })),
        resultArea: { indicators: budgetData.resultArea.indicators, name: budgetData.resultArea.name },
      }
      expect(hashOf(reordered, reorderedData)).toBe(hashOf(exampleClause, budgetData))
    })

    it('collapses and trims whitespace, in text and title', () => {
      const whitespace = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', ' \n ')
      const sentence = ['Het', 'budget', 'staat', 'vast']
      fc.assert(
        fc.property(fc.array(whitespace, { minLength: 5, maxLength: 5 }), (gaps) => {
          const spaced =
            gaps
              .slice(0, 4)
              .map((gap, index) => gap + sentence[index])
              .join('') + gaps[4]
          const tidy = clause([paragraph(text(sentence.join(' ')))], { title: 'Budget jeugd' })
          const messy = clause([paragraph(text(spaced))], { title: `${gaps[0]}Budget${gaps[1]}jeugd${gaps[2]}` })
          expect(hashOf(messy)).toBe(hashOf(tidy))
        }),
      )
    })

    it('treats a space at the edge of a bold word like a plain space', () => {
      const spaceOutside = clause([paragraph(text('Het budget is '), text('vast', ['bold']))])
      const spaceInside = clause([paragraph(text('Het budget is'), text(' vast', ['bold']))])
      expect(hashOf(spaceInside)).toBe(hashOf(spaceOutside))
    })

    it('treats NFC and NFD alike', () => {
      const nfc = clause([paragraph(text('Coördinatie van zorg'))], { title: 'Één loket' })
      const nfd = clause([paragraph(text('Coördinatie van zorg'.normalize('NFD')))], {
        title: 'Één loket'.normalize('NFD'),
      })
      expect(hashOf(nfd, { naam: 'één'.normalize('NFD') })).toBe(hashOf(nfc, { naam: 'één' }))
    })

    it('ignores empty paragraphs, trailing line breaks and empty headings', () => {
      const padded = clause([
        paragraph(),
        ...exampleBody,
        { type: 'heading', attrs: { level: 2 } },
        paragraph(text('  ')),
        paragraph({ type: 'hardBreak' }),
      ])
      expect(hashOf(padded)).toBe(hashOf(exampleClause))
    })

    it('ignores the clause id, nested ids, presentation attributes and attributes at their default', () => {
      const decorated: DocumentNode = {
        type: 'clause',
        attrs: { clauseId: 'another-id', kind: 'budget', resultAreaId: 'ra-9' },
        content: [
          { type: 'clauseTitle', attrs: { id: 'title-1' }, content: [text('Budget jeugd en gezin')] },
          { ...exampleBody[0], attrs: { id: 'p-1', textAlign: 'justify', dir: 'ltr' } },
          ...exampleBody.slice(1),
        ],
      }
      expect(hashOf(decorated)).toBe(hashOf(exampleClause))
      const numberedFromOne = clause([{ type: 'orderedList', attrs: { start: 1, type: null }, content: [] }])
      const numbered = clause([{ type: 'orderedList', content: [] }])
      expect(hashOf(numberedFromOne)).toBe(hashOf(numbered))
    })

    it('ignores marks that only style or annotate', () => {
      const styled = clause([
        paragraph({
          type: 'text',
          text: 'Het budget',
          marks: [
            { type: 'highlight', attrs: { color: 'yellow' } },
            { type: 'comment', attrs: { commentId: 'x' } },
          ],
        }),
      ])
      expect(hashOf(styled)).toBe(hashOf(clause([paragraph(text('Het budget'))])))
    })

    it('leaves out undefined properties of the structured data', () => {
      expect(hashOf(exampleClause, { ...budgetData, note: undefined })).toBe(hashOf(exampleClause, budgetData))
    })
  })

  describe('changes with any change of content', () => {
    const baseHash = hashOf(exampleClause, budgetData)

    it('changes when one character changes', () => {
      const words = 'Het budget staat vast voor vier jaar'
      fc.assert(
        fc.property(fc.nat(words.length - 1), fc.constantFrom('x', 'Q', '7', 'é'), (at, replacement) => {
          fc.pre(words[at] !== ' ' && words[at] !== replacement)
          const changed = words.slice(0, at) + replacement + words.slice(at + 1)
          expect(hashOf(clause([paragraph(text(changed))]))).not.toBe(hashOf(clause([paragraph(text(words))])))
        }),
      )
    })

    it('changes with the title or the kind', () => {
      expect(hashOf(clause(exampleBody, { title: 'Budget jeugd & gezin' }), budgetData)).not.toBe(baseHash)
      expect(hashOf(clause(exampleBody, { kind: 'resultaatgebied' }), budgetData)).not.toBe(baseHash)
    })

    it('changes when a list item moves', () => {
      const moved = clause(
        exampleBody.map((block) => (block.type === 'bulletList' ? bulletList('Dan de regio', 'Eerst de wijk') : block)),
      )
      expect(hashOf(moved, budgetData)).not.toBe(baseHash)
    })

    it('changes when emphasis is added', () => {
      const plain = clause([paragraph(text('Wij doen dit niet alleen.'))])
      const bold = clause([paragraph(text('Wij doen dit '), text('niet', ['bold']), text(' alleen.'))])
      const italic = clause([paragraph(text('Wij doen dit '), text('niet', ['italic']), text(' alleen.'))])
      expect(new Set([hashOf(plain), hashOf(bold), hashOf(italic)]).size).toBe(3)
    })

    it('does not confuse literal braces with formatting', () => {
      const literal = clause([paragraph(text('{bold|vast}'))])
      const bold = clause([paragraph(text('vast', ['bold']))])
      expect(hashOf(literal)).not.toBe(hashOf(bold))
    })

    it('changes with the block structure', () => {
      const oneParagraph = clause([paragraph(text('Eerst de wijk. Dan de regio.'))])
      const twoParagraphs = clause([paragraph(text('Eerst de wijk.')), paragraph(text('Dan de regio.'))])
      const lineBreak = clause([paragraph(text('Eerst de wijk.'), { type: 'hardBreak' }, text('Dan de regio.'))])
      const heading = clause([{ type: 'heading', attrs: { level: 2 }, content: [text('Eerst de wijk. Dan de regio.')] }])
      const smallerHeading = clause([{ type: 'heading', attrs: { level: 3 }, content: [text('Eerst de wijk. Dan de regio.')] }])
      const hashes = [oneParagraph, twoParagraphs, lineBreak, heading, smallerHeading].map((node) => hashOf(node))
      expect(new Set(hashes).size).toBe(hashes.length)
    })

    it('changes with a link target', () => {
      const link = (href: string) =>
        clause([paragraph({ type: 'text', text: 'de regeling', marks: [{ type: 'link', attrs: { href } }] })])
      expect(hashOf(link('https://example.nl/a'))).not.toBe(hashOf(link('https://example.nl/b')))
    })

    it('changes with one cent of a budget', () => {
      const oneCentMore = { ...budgetData, budgets: [{ year: 2026, cents: 1_250_000_01 }, budgetData.budgets[1]] }
      expect(hashOf(exampleClause, oneCentMore)).not.toBe(baseHash)
    })

    it('changes with a percent of a risk rule, and with data where there was none', () => {
      const riskClause = clause([paragraph(text('Tekorten delen wij.'))], {
        kind: 'risicodeling',
        title: 'Risicodeling',
      })
      expect(hashOf(riskClause, { ...riskRule, providerShareInside: 51 })).not.toBe(hashOf(riskClause, riskRule))
      expect(hashOf(riskClause, {})).not.toBe(hashOf(riskClause, null))
    })

    it('writes structured data that JSON would silently change as tokens JSON cannot produce, each distinct', () => {
      const data = [
        { cents: Number.NaN },
        { cents: Infinity },
        { cents: -Infinity },
        { cents: 10n },
        { cents: new Uint8Array([10, 255]) },
        { since: new Date(0) },
      ]
      const lines = data.map((value) =>
        canonicalClauseContent(exampleClause, value)
          .split('\n')
          .find((line) => line.includes('"cents"') || line.includes('"since"'))
          ?.trim(),
      )
      expect(lines).toEqual([
        '"cents": NaN',
        '"cents": Infinity',
        '"cents": -Infinity',
        '"cents": 10n',
        '"cents": bytes:0aff',
        '"since": unreadable',
      ])
      expect(hashOf(exampleClause, { cents: 10n })).not.toBe(hashOf(exampleClause, { cents: 10 }))
      expect(hashOf(exampleClause, { cents: Number.NaN })).not.toBe(hashOf(exampleClause, { cents: 'NaN' }))
    })
  })
})

describe('on content it does not understand', () => {
  it('never throws: nodes that are not objects, types and texts that are not strings, junk attributes and marks', () => {
    const junk = [null, 7, 'tekst', [], { type: { toString: 1 } }, { type: 'paragraph', content: 'niet een lijst' }]
    const node = {
      type: 'clause',
      attrs: { clauseId: 'c1', kind: { toString: 1 }, start: Infinity, big: 10n },
      content: [
        { type: 'clauseTitle', content: [{ type: 'text', text: 42 }, ...junk] },
        {
          type: 'paragraph',
          attrs: 'geen object',
          content: [{ type: 'text', text: 'Wel', marks: [null, { type: 5 }, { type: 'bold', attrs: [] }] }, ...junk],
        },
        ...junk,
      ],
    } as unknown as DocumentNode
    expect(
      extractClauses({ type: 'doc', content: [node, ...junk] } as unknown as DocumentNode).map((clause) => clause.clauseId),
    ).toEqual(['c1'])
    expect(canonicalClauseContent(node, null).split('\n')).toEqual([
      'kind algemeen',
      'title ',
      '  paragraph {bold|Wel}{unreadable}{paragraph}',
      '  unreadable',
    ])
  })

  it('reads nesting of any depth without recursion, and writes structured data deeper than its bound as unreadable', () => {
    let list: DocumentNode = paragraph(text('Diep'))
    for (let level = 0; level < 10_000; level++) list = { type: 'bulletList', content: [{ type: 'listItem', content: [list] }] }
    const deep = clause([list])
    expect(extractClauses({ type: 'doc', content: [deep] })).toHaveLength(1)
    const lines = canonicalClauseContent(deep, null).split('\n')
    expect(lines).toHaveLength(2 + 20_001)
    expect(lines.at(-1)).toBe(`${'  '.repeat(20_001)}paragraph Diep`)

    let data: unknown = 'bodem'
    for (let level = 0; level < 10_000; level++) data = { in: data }
    expect(canonicalClauseContent(exampleClause, data)).toContain('"in": unreadable')
  })
})

describe('extractClauses', () => {
  it('lists clauses in document order, also nested ones, with kind and title', () => {
    const doc: DocumentNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('1. Waarom')] },
        clause([paragraph(text('a'))], { clauseId: 'first', kind: 'algemeen', title: '  Partijen  en looptijd ' }),
        {
          type: 'section',
          content: [clause([paragraph(text('b'))], { clauseId: 'nested', kind: 'opgave', title: 'Opgaven' })],
        },
        {
          type: 'clause',
          attrs: { clauseId: 'attr-title', title: 'Titel als attribuut' },
          content: [paragraph(text('c'))],
        },
      ],
    }
    expect(extractClauses(doc).map(({ clauseId, kind, title }) => ({ clauseId, kind, title }))).toEqual([
      { clauseId: 'first', kind: 'algemeen', title: 'Partijen en looptijd' },
      { clauseId: 'nested', kind: 'opgave', title: 'Opgaven' },
      { clauseId: 'attr-title', kind: 'algemeen', title: 'Titel als attribuut' },
    ])
    expect(extractClauses(doc)[1].node).toBe(doc.content![2].content![0])
  })

  it('keeps a clause without a usable id in the list, with id "", and does not list clauses inside a clause', () => {
    const inner = clause([paragraph(text('binnen'))], { clauseId: 'inner' })
    const doc: DocumentNode = {
      type: 'doc',
      content: [{ type: 'clause', attrs: { clauseId: null, kind: 'budget' }, content: [paragraph(text('zonder id')), inner] }],
    }
    expect(extractClauses(doc).map((found) => found.clauseId)).toEqual([''])
  })

  it('follows a reading that shares blocks with an earlier one: a replaced block is looked at again, a kept one is not', () => {
    const first = clause([paragraph(text('a'))], { clauseId: 'first' })
    const section = { type: 'section', content: [clause([paragraph(text('b'))], { clauseId: 'nested' })] }
    const before = extractClauses({ type: 'doc', content: [first, section] })
    // A new reading of the section's block, now holding another clause; the first block is the same node.
    const replaced = { type: 'section', content: [clause([paragraph(text('c'))], { clauseId: 'other' })] }
    const after = extractClauses({ type: 'doc', content: [first, replaced, section] })
    expect(after.map((found) => found.clauseId)).toEqual(['first', 'other', 'nested'])
    expect(after[0]).toBe(before[0])
    expect(after[2]).toBe(before[1])
    expect(extractClauses(first).map((found) => found.clauseId)).toEqual(['first'])
  })
})

describe('open suggestions', () => {
  const by = (type: 'insertion' | 'deletion') => ({
    type,
    attrs: { id: 's1', authorId: 'henk', partyId: 'adviesraad', createdAt: '2026-11-30T12:00:00.000Z' },
  })
  const original = clause([paragraph(text('Het budget staat vast voor vier jaar.'))])

  it('leave a proposed insertion out and read a proposed deletion as the original text', () => {
    const proposed = clause([
      paragraph(
        text('Het budget staat '),
        { type: 'text', text: 'niet ', marks: [by('insertion')] },
        text('vast voor '),
        { type: 'text', text: 'vier', marks: [by('deletion')] },
        text(' jaar.'),
      ),
    ])
    expect(canonicalClauseContent(proposed, null)).toBe(canonicalClauseContent(original, null))
    expect(hashOf(proposed)).toBe(hashOf(original))
  })

  it('ignore the zero-width spaces that mark a deletion across paragraphs, but not other text marked deleted', () => {
    const boundary = clause([
      paragraph(text('Het budget staat vast voor vier jaar.'), { type: 'text', text: '\u200b', marks: [by('deletion')] }),
    ])
    expect(hashOf(boundary)).toBe(hashOf(original))
    const accepted = clause([paragraph(text('Het budget staat niet vast voor vier jaar.'))])
    expect(hashOf(accepted)).not.toBe(hashOf(original))
  })
})
