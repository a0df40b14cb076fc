import { describe, expect, it } from 'vitest'
import { deriveCell, fixingFor, statusOfNewRecord, type CycleRecord } from './records.ts'

const record = (id: number, status: CycleRecord['status']) => ({ id, status })

describe('the figure of a cell', () => {
  it('is empty without records', () => {
    expect(deriveCell([], null)).toEqual({ status: 'leeg', current: null, draft: null, corrected: false })
  })

  it('a concept is a draft until its party submits it', () => {
    expect(deriveCell([record(1, 'concept')], null)).toMatchObject({ status: 'concept', current: null, draft: { id: 1 } })
    expect(deriveCell([record(1, 'concept'), record(2, 'ingediend')], null)).toMatchObject({
      status: 'ingediend',
      current: { id: 2 },
      draft: null,
    })
  })

  it('a newer concept stays a draft beside the submitted figure', () => {
    const cell = deriveCell([record(3, 'concept'), record(2, 'ingediend'), record(1, 'concept')], null)
    expect(cell).toMatchObject({ status: 'ingediend', current: { id: 2 }, draft: { id: 3 } })
  })

  it('fixing locks the latest figure submitted before it; later concepts do not count', () => {
    const records = [record(1, 'concept'), record(2, 'ingediend'), record(3, 'ingediend'), record(5, 'ingediend')]
    expect(deriveCell(records, { throughRecordId: 4 })).toEqual({
      status: 'vastgesteld',
      current: records[2],
      draft: null,
      corrected: false,
    })
    expect(deriveCell([record(1, 'concept')], { throughRecordId: 4 })).toMatchObject({ status: 'leeg', current: null })
  })

  it('after fixing the latest correction wins, and the cell says it was corrected', () => {
    const records = [record(2, 'ingediend'), record(7, 'correctie'), record(9, 'correctie')]
    expect(deriveCell(records, { throughRecordId: 4 })).toMatchObject({
      status: 'vastgesteld',
      current: { id: 9 },
      corrected: true,
    })
  })
})

describe('the fixing that covers a period', () => {
  const fixings = [
    { period: '2028-K1', throughRecordId: 10, versionNumber: 1 },
    { period: '2028', throughRecordId: 20, versionNumber: 2 },
    { period: '2027', throughRecordId: 5, versionNumber: 1 },
  ]
  it('is the earliest fixing that covers it', () => {
    expect(fixingFor('2027-K3', fixings)?.throughRecordId).toBe(5)
    expect(fixingFor('2028-K1', fixings)?.throughRecordId).toBe(10)
    expect(fixingFor('2028-K2', fixings)?.throughRecordId).toBe(20)
    expect(fixingFor('2029', fixings)).toBeNull()
    expect(fixingFor('onzin', fixings)).toBeNull()
  })
})

describe('what a new record becomes', () => {
  it('a concept while open, a correction with a reason once fixed', () => {
    expect(statusOfNewRecord({ fixed: false, correction: false, reason: null })).toBe('concept')
    expect(statusOfNewRecord({ fixed: false, correction: true, reason: 'x' })).toBe('period-open')
    expect(statusOfNewRecord({ fixed: true, correction: false, reason: null })).toBe('period-fixed')
    expect(statusOfNewRecord({ fixed: true, correction: true, reason: '  ' })).toBe('reason-required')
    expect(statusOfNewRecord({ fixed: true, correction: true, reason: 'Telfout in bron' })).toBe('correctie')
  })
})
