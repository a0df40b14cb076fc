import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  canonicalClauseContent,
  canSign,
  clauseContentHash,
  diffVersions,
  extractClauses,
  openItems,
  signOffMatrix,
  versionHash,
  type Approval,
  type Decision,
  type DocumentNode,
  type VersionClause,
} from './sign-off.ts'

// --- document builders ---------------------------------------------------------------------

function text(value: string, marks: string[] = []): DocumentNode {
  return marks.length > 0
    ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) }
    : { type: 'text', text: value }
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
        content: [
          { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [paragraph(text('2026'))] },
        ],
      },
    ],
  },
]

const exampleClause = clause(exampleBody)

// --- canonical content ---------------------------------------------------------------------

describe('canonicalClauseContent', () => {
  it('writes kind, title, the block structure and the structured data, one line each', () => {
    const node = clause([
      paragraph(
        text('Het budget staat '),
        text('vast', ['bold']),
        text(' voor '),
        text('vier', ['italic']),
        text(' jaar.'),
      ),
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
          ...exampleBody.map((block) =>
            block.type === 'heading' ? { ...block, attrs: { textAlign: null, level: 3 } } : block,
          ),
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
      const heading = clause([
        { type: 'heading', attrs: { level: 2 }, content: [text('Eerst de wijk. Dan de regio.')] },
      ])
      const smallerHeading = clause([
        { type: 'heading', attrs: { level: 3 }, content: [text('Eerst de wijk. Dan de regio.')] },
      ])
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

    it('refuses structured data that JSON would silently change', () => {
      expect(() => canonicalClauseContent(exampleClause, { cents: Number.NaN })).toThrow(TypeError)
      expect(() => canonicalClauseContent(exampleClause, { since: new Date(0) })).toThrow(TypeError)
    })
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
      content: [
        { type: 'clause', attrs: { clauseId: null, kind: 'budget' }, content: [paragraph(text('zonder id')), inner] },
      ],
    }
    expect(extractClauses(doc).map((found) => found.clauseId)).toEqual([''])
  })
})

// --- sign-off state ------------------------------------------------------------------------

let clock = Date.UTC(2026, 0, 1)
function approval(clauseId: string, partyId: string, decision: Decision, contentHash: string): Approval {
  clock += 60_000
  return {
    clauseId,
    partyId,
    userId: `user-${partyId}`,
    decision,
    contentHash,
    decidedAt: new Date(clock).toISOString(),
  }
}

const parties = ['gemeente', 'aanbieder', 'adviesraad']
const everyoneAgrees = (clauseId: string, hash: string) =>
  parties.map((party) => approval(clauseId, party, 'akkoord', hash))

describe('signOffMatrix', () => {
  it('starts open for every clause and party', () => {
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1' }],
      signingPartyIds: parties,
      approvals: [],
    })
    expect(matrix.clauses[0].parties).toEqual(parties.map((partyId) => ({ partyId, status: 'open', latest: null })))
    expect(matrix.clauses[0].agreed).toBe(false)
    expect(matrix.allAgreed).toBe(false)
  })

  it('agrees a clause when every signing party approved its current hash', () => {
    const approvals = [...everyoneAgrees('a', 'h1'), ...everyoneAgrees('b', 'h2')]
    const matrix = signOffMatrix({
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: parties,
      approvals,
    })
    expect(matrix.clauses.map((row) => row.agreed)).toEqual([true, true])
    expect(matrix.clauses[0].parties.map((row) => row.status)).toEqual(['akkoord', 'akkoord', 'akkoord'])
    expect(matrix.allAgreed).toBe(true)
    expect(canSign(matrix)).toEqual({ ok: true })
  })

  it('reopens an approved clause for every party that approved when its content changes', () => {
    const approvals = [...everyoneAgrees('a', 'h1').slice(0, 2)]
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1-edited' }],
      signingPartyIds: parties,
      approvals,
    })
    expect(
      matrix.clauses[0].parties.map(({ partyId, status, latest }) => ({
        partyId,
        status,
        approvedHash: latest?.contentHash,
      })),
    ).toEqual([
      { partyId: 'gemeente', status: 'gewijzigd-na-akkoord', approvedHash: 'h1' },
      { partyId: 'aanbieder', status: 'gewijzigd-na-akkoord', approvedHash: 'h1' },
      { partyId: 'adviesraad', status: 'open', approvedHash: undefined },
    ])
    expect(matrix.clauses[0].agreed).toBe(false)
  })

  it('shows a refusal and a change request on the current text', () => {
    const approvals = [
      approval('a', 'gemeente', 'niet-akkoord', 'h1'),
      approval('a', 'aanbieder', 'wijziging-gevraagd', 'h1'),
    ]
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1' }],
      signingPartyIds: parties,
      approvals,
    })
    expect(matrix.clauses[0].parties.map((row) => row.status)).toEqual(['niet-akkoord', 'wijziging-gevraagd', 'open'])
  })

  it('opens a clause again when the text a party refused has changed, keeping the refusal', () => {
    const refusal = approval('a', 'gemeente', 'wijziging-gevraagd', 'h1')
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h2' }],
      signingPartyIds: ['gemeente'],
      approvals: [refusal],
    })
    expect(matrix.clauses[0].parties[0]).toEqual({ partyId: 'gemeente', status: 'open', latest: refusal })
  })

  it('lets the latest decision win, by time and not by list order', () => {
    const first = approval('a', 'gemeente', 'akkoord', 'h1')
    const second = approval('a', 'gemeente', 'niet-akkoord', 'h1')
    const third = approval('a', 'gemeente', 'akkoord', 'h1')
    const status = (approvals: Approval[]) =>
      signOffMatrix({ clauses: [{ clauseId: 'a', contentHash: 'h1' }], signingPartyIds: ['gemeente'], approvals })
        .clauses[0].parties[0]
    expect(status([first, second]).status).toBe('niet-akkoord')
    expect(status([second, first]).status).toBe('niet-akkoord')
    expect(status([third, second, first])).toEqual({ partyId: 'gemeente', status: 'akkoord', latest: third })
    // Times compare as moments, not as strings.
    const earlierInOtherZone = { ...third, decision: 'niet-akkoord' as const, decidedAt: '2027-01-01T00:30:00+01:00' }
    const later = { ...third, decidedAt: '2026-12-31T23:45:00Z' }
    expect(status([later, earlierInOtherZone]).status).toBe('akkoord')
  })

  it('does not depend on the order of the approvals', () => {
    const decision = fc.record({
      clauseId: fc.constantFrom('a', 'b'),
      partyId: fc.constantFrom(...parties, 'toeschouwer'),
      userId: fc.constant('user'),
      decision: fc.constantFrom<Decision>('akkoord', 'niet-akkoord', 'wijziging-gevraagd'),
      contentHash: fc.constantFrom('h1', 'h2'),
    })
    // Distinct times: one decision per minute, in the order generated.
    const approvalsInOrder = fc
      .array(decision, { maxLength: 20 })
      .map((list) =>
        list.map((entry, minute) => ({ ...entry, decidedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() })),
      )
    const input = {
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: parties,
    }
    fc.assert(
      fc.property(
        approvalsInOrder.chain((approvals) =>
          fc.tuple(fc.constant(approvals), fc.shuffledSubarray(approvals, { minLength: approvals.length })),
        ),
        ([approvals, shuffled]) => {
          expect(signOffMatrix({ ...input, approvals: shuffled })).toEqual(signOffMatrix({ ...input, approvals }))
        },
      ),
    )
  })

  it('ignores approvals of parties that do not sign and of clauses not listed', () => {
    const approvals = [
      approval('a', 'toeschouwer', 'niet-akkoord', 'h1'),
      approval('zz', 'gemeente', 'akkoord', 'h9'),
      approval('a', 'gemeente', 'akkoord', 'h1'),
    ]
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1' }],
      signingPartyIds: ['gemeente'],
      approvals,
    })
    expect(matrix.clauses[0].parties.map((row) => row.partyId)).toEqual(['gemeente'])
    expect(matrix.allAgreed).toBe(true)
  })

  it('is not all agreed while one party misses one clause', () => {
    const approvals = [...everyoneAgrees('a', 'h1'), ...everyoneAgrees('b', 'h2').slice(1)]
    const matrix = signOffMatrix({
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: parties,
      approvals,
    })
    expect(matrix.clauses.map((row) => row.agreed)).toEqual([true, false])
    expect(matrix.allAgreed).toBe(false)
    expect(openItems(matrix)).toEqual([{ clauseId: 'b', partyId: 'gemeente', status: 'open' }])
  })

  it('never agrees a clause without a usable id', () => {
    const matrix = signOffMatrix({
      clauses: [{ clauseId: '', contentHash: 'h1' }],
      signingPartyIds: ['gemeente'],
      approvals: [approval('', 'gemeente', 'akkoord', 'h1')],
    })
    expect(matrix.clauses[0].parties[0].status).toBe('open')
    expect(matrix.allAgreed).toBe(false)
  })
})

describe('canSign', () => {
  it('needs at least one clause and one signing party', () => {
    expect(canSign(signOffMatrix({ clauses: [], signingPartyIds: parties, approvals: [] }))).toEqual({
      ok: false,
      reason: 'no-clauses',
      open: [],
    })
    expect(
      canSign(signOffMatrix({ clauses: [{ clauseId: 'a', contentHash: 'h1' }], signingPartyIds: [], approvals: [] })),
    ).toEqual({
      ok: false,
      reason: 'no-signing-parties',
      open: [],
    })
  })

  it('lists every clause × party that is not akkoord, in clause and party order', () => {
    const approvals = [
      approval('a', 'gemeente', 'akkoord', 'old'),
      approval('a', 'aanbieder', 'akkoord', 'h1'),
      approval('b', 'aanbieder', 'niet-akkoord', 'h2'),
    ]
    const matrix = signOffMatrix({
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: ['gemeente', 'aanbieder'],
      approvals,
    })
    expect(canSign(matrix)).toEqual({
      ok: false,
      reason: 'open-clauses',
      open: [
        { clauseId: 'a', partyId: 'gemeente', status: 'gewijzigd-na-akkoord' },
        { clauseId: 'b', partyId: 'gemeente', status: 'open' },
        { clauseId: 'b', partyId: 'aanbieder', status: 'niet-akkoord' },
      ],
    })
  })
})

describe('versionHash', () => {
  const clauseHashes = [
    { clauseId: 'a', contentHash: 'h1' },
    { clauseId: 'b', contentHash: 'h2' },
  ]

  it('is a deterministic SHA-256 that changes with the HTML, the clause order and the state', () => {
    const base = versionHash({ html: '<p>Pact</p>', clauseHashes, stateUpdateBase64: 'AQID' })
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    expect(
      versionHash({
        html: '<p>Pact</p>',
        clauseHashes: clauseHashes.map((entry) => ({ ...entry })),
        stateUpdateBase64: 'AQID',
      }),
    ).toBe(base)
    const variants = [
      versionHash({ html: '<p>Pact.</p>', clauseHashes, stateUpdateBase64: 'AQID' }),
      versionHash({ html: '<p>Pact</p>', clauseHashes: [...clauseHashes].reverse(), stateUpdateBase64: 'AQID' }),
      versionHash({ html: '<p>Pact</p>', clauseHashes, stateUpdateBase64: 'AQIE' }),
      versionHash({ html: '<p>Pact</p>', clauseHashes }),
    ]
    expect(new Set([base, ...variants]).size).toBe(5)
  })
})

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
    expect(diffVersions(clauses, clauses)).toEqual(
      clauses.map((clause) => ({ change: 'unchanged', clause, moved: false })),
    )
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
