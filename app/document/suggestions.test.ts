import { describe, expect, it } from 'vitest'
import { listOpenSuggestions, withoutOpenSuggestions } from './suggestions.ts'

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
