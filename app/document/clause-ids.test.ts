import { describe, expect, it } from 'vitest'
import { assignClauseIds, clauseIdsToReplace, isUsableClauseId, newClauseId } from './clause-ids.ts'

describe('isUsableClauseId', () => {
  it.each(['abc', 'a1b2c3d4e5f6g7h8i9j0', 'with-dash_and_underscore'])('accepts %s', (id) => {
    expect(isUsableClauseId(id)).toBe(true)
  })

  it.each([null, undefined, '', ' ', 'has space', '<script>', 'a'.repeat(65), 42, {}])('rejects %j', (id) => {
    expect(isUsableClauseId(id)).toBe(false)
  })
})

describe('newClauseId', () => {
  it('is usable and different every time', () => {
    const ids = Array.from({ length: 100 }, newClauseId)
    expect(ids.every(isUsableClauseId)).toBe(true)
    expect(new Set(ids).size).toBe(100)
  })
})

describe('clauseIdsToReplace', () => {
  it('leaves unique ids alone', () => {
    expect(clauseIdsToReplace(['a', 'b', 'c'])).toEqual([])
  })

  it('replaces missing and unusable ids', () => {
    expect(clauseIdsToReplace(['a', null, '', 'b', undefined, 'x y'])).toEqual([1, 2, 4, 5])
  })

  it('keeps the first occurrence of a duplicate and replaces the later ones', () => {
    expect(clauseIdsToReplace(['a', 'b', 'a', 'c', 'a', 'b'])).toEqual([2, 4, 5])
  })

  it('handles an empty document', () => {
    expect(clauseIdsToReplace([])).toEqual([])
  })
})

describe('assignClauseIds', () => {
  it('gives every clause that needs one a fresh id', () => {
    let n = 0
    const assigned = assignClauseIds(['a', null, 'a'], () => `new${++n}`)
    expect([...assigned]).toEqual([
      [1, 'new1'],
      [2, 'new2'],
    ])
  })

  it('never hands out an id that is already in use', () => {
    const candidates = ['b', 'b', 'c']
    const assigned = assignClauseIds(['a', 'b', 'a'], () => candidates.shift()!)
    expect([...assigned]).toEqual([[2, 'c']])
  })

  it('makes the result unique', () => {
    const ids: unknown[] = ['a', 'a', null, 'b', 'b', '']
    const assigned = assignClauseIds(ids)
    const result = ids.map((id, index) => assigned.get(index) ?? id)
    expect(new Set(result).size).toBe(ids.length)
    expect(result.every(isUsableClauseId)).toBe(true)
    expect(result[0]).toBe('a')
    expect(result[3]).toBe('b')
  })
})
