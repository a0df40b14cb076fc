import { describe, expect, it } from 'vitest'
import {
  listOpenSuggestions,
  selectSuggestions,
  suggestionAuthorOf,
  suggestionKey,
  withoutOpenSuggestions,
} from './suggestions.ts'

const mark = (type: 'insertion' | 'deletion', authorId = 'henk', id = 's1') => ({
  type,
  attrs: { id, authorId, partyId: 'adviesraad', createdAt: '2026-11-30T12:00:00.000Z' },
})

const doc = {
  type: 'doc',
  content: [
    {
      type: 'clause',
      attrs: { clauseId: 'artikel-5', kind: 'budget' },
      content: [
        { type: 'clauseTitle', content: [{ type: 'text', text: 'Budget' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Het budget ' },
            { type: 'text', text: 'is', marks: [mark('deletion')] },
            { type: 'text', text: 'wordt', marks: [mark('insertion', 'henk', 's2')] },
            { type: 'text', text: ' vast', marks: [mark('insertion', 'henk', 's2'), { type: 'bold' }] },
            { type: 'text', text: '.' },
          ],
        },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'Slot', marks: [mark('insertion', 'karim')] }] },
  ],
}

describe('listOpenSuggestions', () => {
  it('lists each suggestion once, with its clause, its pieces joined', () => {
    expect(listOpenSuggestions(doc).map(({ kind, authorId, clauseId, text }) => ({ kind, authorId, clauseId, text }))).toEqual([
      { kind: 'deletion', authorId: 'henk', clauseId: 'artikel-5', text: 'is' },
      { kind: 'insertion', authorId: 'henk', clauseId: 'artikel-5', text: 'wordt vast' },
      { kind: 'insertion', authorId: 'karim', clauseId: null, text: 'Slot' },
    ])
  })

  it('skips suggestion marks without an author (never written by the editor, refused by the server)', () => {
    const anonymous = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'insertion' }] }] }],
    }
    expect(listOpenSuggestions(anonymous)).toEqual([])
  })

  it('joins a suggestion across blocks as one, unless text or another clause lies between, whatever was listed before', () => {
    const proposed = (text: string, id = 's1') => ({ type: 'text', text, marks: [mark('insertion', 'henk', id)] })
    const plain = { type: 'text', text: 'staat' }
    const block = (...content: object[]) => ({ type: 'paragraph', content })
    const inClause = (clauseId: string, ...content: object[]) => ({ type: 'clause', attrs: { clauseId }, content })
    const first = block(plain, proposed('Een'))
    const empty = { type: 'horizontalRule' }
    const second = block(proposed('twee'), plain)
    const texts = (content: object[]) => listOpenSuggestions({ type: 'doc', content }).map((s) => `${s.clauseId}:${s.text}`)

    expect(texts([first, empty, second])).toEqual(['null:Eentwee'])
    // The blocks' own lists are kept; a join never changes them.
    expect(texts([first, empty, second])).toEqual(['null:Eentwee'])
    expect(texts([second, first])).toEqual(['null:twee', 'null:Een'])
    expect(texts([first, block(plain), second])).toEqual(['null:Een', 'null:twee'])
    expect(texts([first, block(proposed('twee', 's2'))])).toEqual(['null:Een', 'null:twee'])
    expect(texts([inClause('artikel-1', first), inClause('artikel-1', second)])).toEqual(['artikel-1:Eentwee'])
    expect(texts([inClause('artikel-1', first), inClause('artikel-2', second)])).toEqual(['artikel-1:Een', 'artikel-2:twee'])
    expect(texts([first, block(proposed('twee'), proposed('drie'))])).toEqual(['null:Eentweedrie'])
  })
})

describe('withoutOpenSuggestions', () => {
  it('reads the text as it is without the proposals', () => {
    const paragraph = withoutOpenSuggestions(doc).content![0].content![1]
    expect(paragraph.content).toEqual([
      { type: 'text', text: 'Het budget ' },
      { type: 'text', text: 'is' },
      { type: 'text', text: '.' },
    ])
    expect(withoutOpenSuggestions(doc).content![1]).toEqual({ type: 'paragraph', content: [] })
  })
})

describe('selectSuggestions', () => {
  // Henk proposes in two clauses, one of his proposals in pieces that other text separates; Karim in one.
  const paragraph = (...content: object[]) => ({ type: 'paragraph', content })
  const clause = (clauseId: string, ...content: object[]) => ({
    type: 'clause',
    attrs: { clauseId, kind: 'algemeen' },
    content: [{ type: 'clauseTitle', content: [{ type: 'text', text: clauseId }] }, ...content],
  })
  const table = {
    type: 'doc',
    content: [
      clause(
        'artikel-1',
        paragraph(
          { type: 'text', text: 'elk', marks: [mark('insertion', 'henk', 'h1')] },
          { type: 'text', text: ' kwartaal ' },
          { type: 'text', text: 'gehoord', marks: [mark('insertion', 'henk', 'h1')] },
          { type: 'text', text: 'soms', marks: [mark('deletion', 'karim', 'k1')] },
        ),
      ),
      clause('artikel-2', paragraph({ type: 'text', text: 'ook jongeren', marks: [mark('insertion', 'henk', 'h2')] })),
      paragraph({ type: 'text', text: 'Slot', marks: [mark('deletion', 'henk', 'h3')] }),
      { type: 'clause', attrs: { clauseId: 7 } },
    ],
  }
  const open = listOpenSuggestions(table)
  const summary = (list: ReturnType<typeof selectSuggestions>) => list.map((s) => `${s.authorId}:${s.id}:${s.text}`)

  it('gives a clause’s open suggestions, each once, pieces joined', () => {
    expect(summary(selectSuggestions(open, { clauseId: 'artikel-1' }))).toEqual(['henk:h1:elk … gehoord', 'karim:k1:soms'])
    expect(summary(selectSuggestions(open, { clauseId: 'artikel-2' }))).toEqual(['henk:h2:ook jongeren'])
    expect(summary(selectSuggestions(open, { clauseId: null }))).toEqual(['henk:h3:Slot'])
    expect(selectSuggestions(open, { clauseId: 'artikel-9' })).toEqual([])
  })

  it('selects all of one person’s suggestions, everywhere or in one clause', () => {
    expect(summary(selectSuggestions(open, { authorId: 'henk' }))).toEqual([
      'henk:h1:elk … gehoord',
      'henk:h2:ook jongeren',
      'henk:h3:Slot',
    ])
    expect(summary(selectSuggestions(open, { authorId: 'henk', clauseId: 'artikel-1' }))).toEqual(['henk:h1:elk … gehoord'])
    expect(selectSuggestions(open, { authorId: 'anouk' })).toEqual([])
  })

  it('leaves the document’s reading untouched and keeps the keys distinct', () => {
    const all = selectSuggestions(open)
    expect(new Set(all.map(suggestionKey)).size).toBe(all.length)
    expect(open.map((s) => s.text)).toEqual(['elk', 'gehoord', 'soms', 'ook jongeren', 'Slot'])
  })

  it('names the author of a key, also of a suggestion no longer in the document, and nobody for what is no key', () => {
    expect(open.map((suggestion) => suggestionAuthorOf(suggestionKey(suggestion)))).toEqual(open.map((s) => s.authorId))
    expect(suggestionAuthorOf(suggestionKey({ kind: 'deletion', authorId: 'karim', id: 'a:b' }))).toBe('karim')
    for (const wrong of ['', 'insertion', 'insertion::7', 'modification:henk:1', 'henk'])
      expect(suggestionAuthorOf(wrong)).toBeNull()
  })
})
