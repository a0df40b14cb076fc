import { describe, expect, it } from 'vitest'
import { itemsToReview, nextToReview } from './review.ts'
import { signOffMatrix, type Approval, type Decision } from './status.ts'

let clock = Date.UTC(2026, 0, 1)
const decided = (clauseId: string, partyId: string, decision: Decision, contentHash: string): Approval => ({
  clauseId,
  partyId,
  userId: `user-${partyId}`,
  decision,
  contentHash,
  decidedAt: new Date((clock += 60_000)).toISOString(),
})

const clauses = ['a', 'b', 'c', 'd', 'e'].map((clauseId) => ({ clauseId, contentHash: `${clauseId}2` }))
const matrix = signOffMatrix({
  clauses,
  signingPartyIds: ['gemeente', 'aanbieder'],
  approvals: [
    decided('a', 'aanbieder', 'akkoord', 'a2'),
    decided('b', 'aanbieder', 'akkoord', 'b1'),
    decided('c', 'aanbieder', 'niet-akkoord', 'c2'),
    decided('d', 'aanbieder', 'wijziging-gevraagd', 'd1'),
    decided('e', 'gemeente', 'akkoord', 'e2'),
  ],
})

describe('itemsToReview', () => {
  it('walks what the party has not decided on in its current content, in the pact’s order', () => {
    // a approved as it is; b approved then changed; c refused as it is; d a request about an older text; e never decided.
    expect(itemsToReview(matrix, 'aanbieder').map((clause) => clause.clauseId)).toEqual(['b', 'd', 'e'])
    expect(itemsToReview(matrix, 'gemeente').map((clause) => clause.clauseId)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('gives nothing for a party that does not sign', () => {
    expect(itemsToReview(matrix, 'adviesraad')).toEqual([])
  })
})

describe('nextToReview', () => {
  it('goes to the next open item after this one, round to the start, never to this one', () => {
    expect(nextToReview(matrix, 'aanbieder', 'a')).toBe('b')
    expect(nextToReview(matrix, 'aanbieder', 'b')).toBe('d')
    expect(nextToReview(matrix, 'aanbieder', 'e')).toBe('b')
    expect(nextToReview(matrix, 'gemeente', 'e')).toBe('a')
    expect(nextToReview(matrix, 'aanbieder', 'onbekend')).toBe('b')
    const onlyOne = signOffMatrix({ clauses: clauses.slice(0, 1), signingPartyIds: ['aanbieder'], approvals: [] })
    expect(nextToReview(onlyOne, 'aanbieder', 'a')).toBeNull()
  })
})
