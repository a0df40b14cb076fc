import { describe, it, expect } from 'vitest'
import { DEMO_PACT_YEARS, demoPactModel } from './demo-pact-model.ts'
import { validatePactModel } from '#app/pact-model/pact-model.ts'

const parties = {
  gemeente: 'gemeente-zuiderveen',
  welzijn: 'welzijn-zuiderveen',
  jeugdhulp: 'jeugdhulp-zuid',
  adviesraad: 'adviesraad',
}
const demo = demoPactModel(parties)

describe('demoPactModel', () => {
  it('is a valid model for the pact 2027–2030 and its four parties', () => {
    expect(validatePactModel(demo, { years: [...DEMO_PACT_YEARS], partyIds: Object.values(parties) })).toEqual({
      ok: true,
      model: demo,
    })
  })

  it('has the three result areas, each with a budget for every responsible provider in every year', () => {
    expect(demo.resultAreas.map((area) => area.title)).toEqual([
      'Jeugdigen met een complexe hulpvraag',
      'Ouderen langer thuis',
      'Schulden en bestaanszekerheid',
    ])
    for (const area of demo.resultAreas) {
      for (const partyId of area.responsiblePartyIds) {
        const years = area.budgets.filter((cell) => cell.partyId === partyId).map((cell) => cell.year)
        expect(years).toEqual([...DEMO_PACT_YEARS])
      }
    }
  })

  it('budgets a few million euros per area per year, in whole euros', () => {
    for (const area of demo.resultAreas) {
      for (const year of DEMO_PACT_YEARS) {
        const cents = area.budgets.filter((cell) => cell.year === year).reduce((sum, cell) => sum + cell.cents, 0)
        expect(cents).toBeGreaterThanOrEqual(100_000_000)
        expect(cents).toBeLessThanOrEqual(1_000_000_000)
      }
    }
    expect(demo.resultAreas.flatMap((area) => area.budgets).every((cell) => cell.cents % 100 === 0)).toBe(true)
  })

  it('measures every area at population and at resident level', () => {
    for (const area of demo.resultAreas) {
      expect(area.indicators.length).toBeGreaterThanOrEqual(2)
      expect(new Set(area.indicators.map((indicator) => indicator.level))).toEqual(new Set(['populatie', 'inwoner']))
    }
  })

  it('shares risk over the whole pact', () => {
    expect(demo.riskRules).toHaveLength(1)
    expect(demo.riskRules[0].scope).toEqual({ kind: 'pact' })
  })

  it('uses the given party ids only', () => {
    const used = new Set(
      demo.resultAreas.flatMap((area) => [...area.responsiblePartyIds, ...area.budgets.map((cell) => cell.partyId)]),
    )
    expect([...used].every((partyId) => Object.values(parties).includes(partyId))).toBe(true)
  })
})
