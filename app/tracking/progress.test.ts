import { describe, expect, it } from 'vitest'
import { demoPactModel } from '#app/demo/demo-pact-model.ts'
import type { PactModel } from '#app/pact-model/pact-model.ts'
import { buildProgress, spentPercent } from './progress.ts'
import type { TrackingRecord } from './records.ts'

const parties = { gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }
const signed = demoPactModel(parties)
// Version 2 lowers the 2028 target of the first indicator and raises a budget.
const amended: PactModel = structuredClone(signed)
amended.resultAreas[0]!.indicators[0]!.targets = amended.resultAreas[0]!.indicators[0]!.targets.map((target) =>
  target.year === 2028 ? { ...target, value: 10 } : target,
)
amended.resultAreas[0]!.budgets = amended.resultAreas[0]!.budgets.map((cell) =>
  cell.partyId === 'j' && cell.year === 2027 ? { ...cell, cents: 1 } : cell,
)

let nextId = 1
function record(fields: Partial<TrackingRecord> & Pick<TrackingRecord, 'kind' | 'period' | 'status'>): TrackingRecord {
  return {
    id: nextId++,
    resultAreaId: 'demo-jeugd-complex',
    indicatorId: fields.kind === 'realisatie' ? 'demo-jeugd-verblijf' : null,
    partyId: 'j',
    value: null,
    cents: null,
    source: null,
    referenceDate: null,
    note: null,
    public: false,
    reason: null,
    correctionOf: null,
    versionNumber: 1,
    createdBy: 'Marieke',
    createdAt: '2028-01-01T00:00:00.000Z',
    ...fields,
  }
}

const records = [
  record({ kind: 'realisatie', period: '2027', status: 'ingediend', value: 11.2 }),
  record({ kind: 'uitgaven', period: '2027', status: 'ingediend', cents: 4_000_000_00 }),
  record({ kind: 'realisatie', period: '2028', status: 'ingediend', value: 10.5 }),
  record({ kind: 'realisatie', period: '2029', status: 'concept', value: 9 }),
]

const progress = buildProgress({
  years: [2027, 2028, 2029, 2030],
  latestVersion: 2,
  models: new Map([
    [1, signed],
    [2, amended],
  ]),
  parties: [
    { id: 'j', name: 'Jeugdhulp De Brug' },
    { id: 'w', name: 'Stichting Welzijn Zuiderveen' },
  ],
  frequencies: {},
  fixings: [{ period: '2027', throughRecordId: 2, versionNumber: 1 }],
  records,
  today: { year: 2026 },
})

describe('progress', () => {
  it('tracks a fixed year against the version in force when it was fixed, open years against the latest', () => {
    expect(progress.years).toEqual([
      { year: 2027, versionNumber: 1, fixed: true },
      { year: 2028, versionNumber: 2, fixed: false },
      { year: 2029, versionNumber: 2, fixed: false },
      { year: 2030, versionNumber: 2, fixed: false },
    ])
    const verblijf = progress.areas[0]!.indicators[0]!
    expect(verblijf.points.map((point) => [point.period, point.target, point.realised, point.cellStatus])).toEqual([
      ['2027', 11.3, 11.2, 'vastgesteld'],
      ['2028', 10, 10.5, 'ingediend'],
      // A concept does not count.
      ['2029', 10.1, null, 'concept'],
      ['2030', 9.6, null, 'leeg'],
    ])
    // The latest realised value against its year's target, in the amended version: 10,5 misses 10, but made
    // more than half the planned improvement from 11,8.
    expect(verblijf.latest).toEqual({ period: '2028', realised: 10.5, target: 10 })
    expect(verblijf.status).toBe('aandacht')
  })

  it('compares spending with the budget of the version in force per year and party', () => {
    const cell = progress.areas[0]!.spending.find((candidate) => candidate.year === 2027 && candidate.partyId === 'j')
    expect(cell).toMatchObject({
      budgetCents: 4_650_000_00,
      actualCents: 4_000_000_00,
      cellStatus: 'vastgesteld',
      partyName: 'Jeugdhulp De Brug',
    })
    expect(progress.areas[0]!.spending.find((candidate) => candidate.year === 2028 && candidate.partyId === 'w')).toMatchObject({
      actualCents: null,
      cellStatus: 'leeg',
    })
  })

  it('reports on today’s year within the pact, or a later year once figures for it are in', () => {
    // The 2029 concept does not count yet.
    expect(progress.reportingYear).toBe(2028)
    expect(progress.areas[0]!.reportingYear).toEqual({ budgetCents: 4_480_000_00 + 720_000_00, actualCents: 0 })
  })

  it('gives the spent share in whole percents, rounded down', () => {
    expect(spentPercent(1000, 996)).toBe(99)
    expect(spentPercent(1000, 1500)).toBe(150)
    expect(spentPercent(0, 10)).toBeNull()
  })
})
