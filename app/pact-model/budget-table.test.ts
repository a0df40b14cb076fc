import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { budgetAmountFormat, budgetTable, formatEuros, whatIf, type PactParty } from './budget-table.ts'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import type { BudgetCell, PactModel, ResultArea, RiskRule } from './pact-model.ts'
import { RiskSharingInputError } from './risk-sharing.ts'

const years = [2027, 2028]
const parties: PactParty[] = [
  { id: 'gemeente', kind: 'gemeente' },
  { id: 'p1', kind: 'aanbieder' },
  { id: 'p2', kind: 'aanbieder' },
  { id: 'raad', kind: 'inwoners' },
]

function area(id: string, responsiblePartyIds: string[], budgets: BudgetCell[]): ResultArea {
  return { id, title: id, description: '', challenge: '', targetGroup: '', responsiblePartyIds, budgets, indicators: [] }
}

function rule(overrides: Partial<RiskRule> = {}): RiskRule {
  return {
    id: 'r-pact',
    scope: { kind: 'pact' },
    corridorPercent: 5,
    providerShareInside: 50,
    providerShareOutside: 25,
    providerCapCents: null,
    underspend: { providerGainShare: 40, revolvingFundShare: 30 },
    division: { kind: 'pro-rata' },
    ...overrides,
  }
}

// The worked example of the risk-sharing tests, as a model: one area whose two providers' budgets are 3 : 1.
const workedExample: PactModel = {
  resultAreas: [
    area(
      'jeugd',
      ['p1', 'p2'],
      [
        { partyId: 'p1', year: 2027, cents: 75_000_000 },
        { partyId: 'p2', year: 2027, cents: 25_000_000 },
      ],
    ),
  ],
  riskRules: [rule()],
}

describe('budgetTable', () => {
  const model: PactModel = {
    resultAreas: [
      area(
        'jeugd',
        ['p1', 'p2'],
        [
          { partyId: 'p1', year: 2027, cents: 465_000_000 },
          { partyId: 'p1', year: 2028, cents: 448_000_001 },
          { partyId: 'p2', year: 2027, cents: 62_000_000 },
          { partyId: 'p2', year: 2028, cents: 72_000_099 },
        ],
      ),
      area('ouderen', ['p2'], [{ partyId: 'p2', year: 2028, cents: 324_000_000 }]),
      area('schulden', ['p1'], []),
    ],
    riskRules: [],
  }

  it('adds up every area, party and year exactly', () => {
    expect(budgetTable(model, years, parties)).toEqual({
      years: [2027, 2028],
      resultAreas: [
        {
          resultAreaId: 'jeugd',
          centsByYear: [527_000_000, 520_000_100],
          totalCents: 1_047_000_100,
          parties: [
            { partyId: 'gemeente', centsByYear: [0, 0], totalCents: 0 },
            { partyId: 'p1', centsByYear: [465_000_000, 448_000_001], totalCents: 913_000_001 },
            { partyId: 'p2', centsByYear: [62_000_000, 72_000_099], totalCents: 134_000_099 },
            { partyId: 'raad', centsByYear: [0, 0], totalCents: 0 },
          ],
        },
        {
          resultAreaId: 'ouderen',
          centsByYear: [0, 324_000_000],
          totalCents: 324_000_000,
          parties: [
            { partyId: 'gemeente', centsByYear: [0, 0], totalCents: 0 },
            { partyId: 'p1', centsByYear: [0, 0], totalCents: 0 },
            { partyId: 'p2', centsByYear: [0, 324_000_000], totalCents: 324_000_000 },
            { partyId: 'raad', centsByYear: [0, 0], totalCents: 0 },
          ],
        },
        {
          resultAreaId: 'schulden',
          centsByYear: [0, 0],
          totalCents: 0,
          parties: parties.map((party) => ({ partyId: party.id, centsByYear: [0, 0], totalCents: 0 })),
        },
      ],
      parties: [
        { partyId: 'gemeente', centsByYear: [0, 0], totalCents: 0 },
        { partyId: 'p1', centsByYear: [465_000_000, 448_000_001], totalCents: 913_000_001 },
        { partyId: 'p2', centsByYear: [62_000_000, 396_000_099], totalCents: 458_000_099 },
        { partyId: 'raad', centsByYear: [0, 0], totalCents: 0 },
      ],
      total: { centsByYear: [527_000_000, 844_000_100], totalCents: 1_371_000_100 },
    })
  })

  it('totals the demo pact to its budgets per area and year', () => {
    const demoParties: PactParty[] = [
      { id: 'g', kind: 'gemeente' },
      { id: 'w', kind: 'aanbieder' },
      { id: 'j', kind: 'aanbieder' },
      { id: 'a', kind: 'inwoners' },
    ]
    const table = budgetTable(
      demoPactModel({ gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }),
      DEMO_PACT_YEARS,
      demoParties,
    )
    expect(table.resultAreas.map((row) => row.centsByYear)).toEqual([
      [527_000_000, 520_000_000, 513_000_000, 506_000_000],
      [315_000_000, 324_000_000, 333_000_000, 342_000_000],
      [190_000_000, 197_000_000, 204_000_000, 209_000_000],
    ])
    expect(table.total.totalCents).toBe(4_180_000_000)
  })

  it('gives row, column and party totals that agree for any budgets', () => {
    const cell = fc.record({
      partyId: fc.constantFrom('p1', 'p2', 'gemeente'),
      year: fc.constantFrom(...years),
      cents: fc.integer({ min: 0, max: 10_000_000_000 }),
    })
    const cells = fc.uniqueArray(cell, { selector: (entry) => `${entry.partyId}:${entry.year}`, maxLength: 6 })
    fc.assert(
      fc.property(fc.array(cells, { maxLength: 4 }), (budgetsPerArea) => {
        const model = { resultAreas: budgetsPerArea.map((budgets, index) => area(`a${index}`, [], budgets)), riskRules: [] }
        const table = budgetTable(model, years, parties)
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
        const allCents = sum(budgetsPerArea.flat().map((entry) => entry.cents))
        expect(table.total.totalCents).toBe(allCents)
        expect(sum(table.total.centsByYear)).toBe(allCents)
        expect(sum(table.resultAreas.map((row) => row.totalCents))).toBe(allCents)
        expect(sum(table.parties.map((row) => row.totalCents))).toBe(allCents)
        for (const row of table.resultAreas) expect(sum(row.parties.map((partyRow) => partyRow.totalCents))).toBe(row.totalCents)
      }),
    )
  })
})

describe('whatIf', () => {
  it('reproduces the worked example with providers pro rata to their budgets', () => {
    const result = whatIf(workedExample, { scope: { kind: 'pact' }, year: 2027, actualCents: 108_000_000 }, parties)
    expect(result).toEqual({
      ok: true,
      rule: rule(),
      input: {
        budgetCents: 100_000_000,
        actualCents: 108_000_000,
        rule: {
          corridorPercent: 5,
          providerShareInside: 50,
          providerShareOutside: 25,
          providerCapCents: null,
          underspend: { providerGainShare: 40, revolvingFundShare: 30 },
        },
        providers: [
          { id: 'p1', weight: 75_000_000 },
          { id: 'p2', weight: 25_000_000 },
        ],
      },
      settlement: {
        kind: 'overspend',
        deviationCents: 8_000_000,
        municipalityCents: 4_750_000,
        revolvingFundCents: 0,
        providers: [
          { id: 'p1', cents: 2_437_500 },
          { id: 'p2', cents: 812_500 },
        ],
      },
    })
  })

  it('reproduces it for an area rule with explicit weights', () => {
    const weighted = rule({
      id: 'r-jeugd',
      scope: { kind: 'result-area', resultAreaId: 'jeugd' },
      division: {
        kind: 'weights',
        weights: [
          { partyId: 'p1', weight: 3 },
          { partyId: 'p2', weight: 1 },
        ],
      },
    })
    const model = { ...workedExample, riskRules: [weighted] }
    const result = whatIf(model, { scope: weighted.scope, year: 2027, actualCents: 108_000_000 }, parties)
    expect(result.ok && result.input.providers).toEqual([
      { id: 'p1', weight: 3 },
      { id: 'p2', weight: 1 },
    ])
    expect(result.ok && result.settlement.providers).toEqual([
      { id: 'p1', cents: 2_437_500 },
      { id: 'p2', cents: 812_500 },
    ])
  })

  it('weighs each provider by its budget in the areas it is responsible for, never the municipality', () => {
    const model: PactModel = {
      resultAreas: [
        area(
          'jeugd',
          ['p1', 'gemeente'],
          [
            { partyId: 'p1', year: 2027, cents: 60_000_000 },
            { partyId: 'p2', year: 2027, cents: 10_000_000 },
            { partyId: 'gemeente', year: 2027, cents: 5_000_000 },
          ],
        ),
        area('schulden', ['p2'], [{ partyId: 'p2', year: 2027, cents: 25_000_000 }]),
      ],
      riskRules: [rule()],
    }
    const result = whatIf(model, { scope: { kind: 'pact' }, year: 2027, actualCents: 90_000_000 }, parties)
    expect(result.ok && result.input.budgetCents).toBe(100_000_000)
    expect(result.ok && result.input.providers).toEqual([
      { id: 'p1', weight: 60_000_000 },
      { id: 'p2', weight: 25_000_000 },
    ])
    // Underspend of 10 000 000: 40 % to the providers, 30 % to the fund, the rest to the municipality.
    expect(result.ok && result.settlement).toMatchObject({
      kind: 'underspend',
      revolvingFundCents: 3_000_000,
      municipalityCents: 3_000_000,
    })
  })

  it('explains why there is nothing to compute', () => {
    const noRule = { ...workedExample, riskRules: [] }
    expect(whatIf(noRule, { scope: { kind: 'pact' }, year: 2027, actualCents: 1 }, parties)).toEqual({
      ok: false,
      error: 'model.errors.whatIf.noRule',
    })
    expect(whatIf(workedExample, { scope: { kind: 'pact' }, year: 2028, actualCents: 1 }, parties)).toEqual({
      ok: false,
      error: 'model.errors.whatIf.noBudget',
    })
    const onlyMunicipality: PactModel = {
      resultAreas: [area('jeugd', ['gemeente', 'p1'], [{ partyId: 'gemeente', year: 2027, cents: 1_000 }])],
      riskRules: [rule()],
    }
    expect(whatIf(onlyMunicipality, { scope: { kind: 'pact' }, year: 2027, actualCents: 1 }, parties)).toEqual({
      ok: false,
      error: 'model.errors.whatIf.noProviders',
    })
  })

  it('refuses an actual spend that is not a whole number of cents', () => {
    expect(() => whatIf(workedExample, { scope: { kind: 'pact' }, year: 2027, actualCents: -1 }, parties)).toThrow(
      RiskSharingInputError,
    )
  })

  it('shares any actual spend of the demo pact so that the parts add up to the deviation', () => {
    const demo = demoPactModel({ gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' })
    const demoParties: PactParty[] = [
      { id: 'g', kind: 'gemeente' },
      { id: 'w', kind: 'aanbieder' },
      { id: 'j', kind: 'aanbieder' },
    ]
    fc.assert(
      fc.property(fc.constantFrom(...DEMO_PACT_YEARS), fc.integer({ min: 0, max: 2_000_000_000 }), (year, actualCents) => {
        const result = whatIf(demo, { scope: { kind: 'pact' }, year, actualCents }, demoParties)
        if (!result.ok) throw new Error(result.error)
        const { settlement } = result
        const providersCents = settlement.providers.reduce((sum, provider) => sum + provider.cents, 0)
        expect(settlement.municipalityCents + settlement.revolvingFundCents + providersCents).toBe(
          Math.abs(settlement.deviationCents),
        )
        // The cap limits what providers carry on an overspend, not what they gain on an underspend.
        if (settlement.kind === 'overspend') expect(providersCents).toBeLessThanOrEqual(75_000_000)
      }),
    )
  })
})

describe('budget amounts in a table', () => {
  // Issue 9, item 13: 2028 had € 250.000,75 and € 1.050.000,50, shown rounded as 250.001 + 1.050.001 = 1.300.001.
  const withCents = budgetTable(
    {
      resultAreas: [
        area(
          'a',
          ['p1', 'p2'],
          [
            { partyId: 'p1', year: 2028, cents: 25_000_075 },
            { partyId: 'p2', year: 2028, cents: 105_000_050 },
          ],
        ),
      ],
      riskRules: [],
    },
    years,
    parties,
  )

  it('shows every amount with cents as soon as one amount in the table has cents, so the rows add up to the total', () => {
    const amount = budgetAmountFormat([...withCents.resultAreas[0]!.parties, withCents.total])
    const [p1, p2] = withCents.resultAreas[0]!.parties.filter((row) => row.totalCents > 0)
    expect([p1!.centsByYear[1], p2!.centsByYear[1], withCents.total.centsByYear[1]].map(amount)).toEqual([
      '€\u00a0250.000,75',
      '€\u00a01.050.000,50',
      '€\u00a01.300.001,25',
    ])
    expect(amount(0)).toBe('€\u00a00,00')
  })

  it('keeps whole euros when every amount in the table is whole', () => {
    const whole = budgetTable(
      { resultAreas: [area('a', ['p1'], [{ partyId: 'p1', year: 2027, cents: 500_000_000 }])], riskRules: [] },
      years,
      parties,
    )
    expect(budgetAmountFormat([whole.total])(whole.total.totalCents)).toBe('€\u00a05.000.000')
  })

  it('never rounds a single amount away', () => {
    expect(formatEuros(25_000_075)).toBe('€\u00a0250.000,75')
    expect(formatEuros(25_000_000)).toBe('€\u00a0250.000')
  })
})
