import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  allocateLargestRemainder,
  providersProRataToBudget,
  RiskSharingInputError,
  settleRiskSharing,
  type RiskSharingInput,
  type RiskSharingRule,
  type RiskSharingSettlement,
  uncappedProvidersCents,
} from './risk-sharing.ts'

const exampleRule: RiskSharingRule = {
  corridorPercent: 5,
  providerShareInside: 50,
  providerShareOutside: 25,
  providerCapCents: null,
  underspend: { providerGainShare: 40, revolvingFundShare: 30 },
}

const exampleInput: RiskSharingInput = {
  budgetCents: 100_000_000,
  actualCents: 108_000_000,
  rule: exampleRule,
  providers: [
    { id: 'p1', weight: 3 },
    { id: 'p2', weight: 1 },
  ],
}

function totalOf(settlement: RiskSharingSettlement): number {
  return settlement.municipalityCents + settlement.revolvingFundCents + providersTotalOf(settlement)
}

function providersTotalOf(settlement: RiskSharingSettlement): number {
  return settlement.providers.reduce((sum, provider) => sum + provider.cents, 0)
}

function expectInputError(settle: () => unknown, field: string): void {
  let thrown: unknown
  try {
    settle()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(RiskSharingInputError)
  expect((thrown as RiskSharingInputError).field).toBe(field)
  expect((thrown as RiskSharingInputError).message).toContain(field)
}

function equalProviders(count: number) {
  return Array.from({ length: count }, (_, index) => ({ id: `p${index + 1}`, weight: 1 }))
}

describe('settleRiskSharing: worked examples', () => {
  it('shares an overspend inside and beyond the corridor', () => {
    expect(settleRiskSharing(exampleInput)).toEqual({
      kind: 'overspend',
      deviationCents: 8_000_000,
      municipalityCents: 4_750_000,
      revolvingFundCents: 0,
      providers: [
        { id: 'p1', cents: 2_437_500 },
        { id: 'p2', cents: 812_500 },
      ],
    })
  })

  it('caps what the providers carry together', () => {
    const settlement = settleRiskSharing({ ...exampleInput, rule: { ...exampleRule, providerCapCents: 3_000_000 } })
    expect(settlement).toEqual({
      kind: 'overspend',
      deviationCents: 8_000_000,
      municipalityCents: 5_000_000,
      revolvingFundCents: 0,
      providers: [
        { id: 'p1', cents: 2_250_000 },
        { id: 'p2', cents: 750_000 },
      ],
    })
  })

  it('shares an underspend with providers, revolving fund and municipality', () => {
    expect(settleRiskSharing({ ...exampleInput, actualCents: 95_000_000 })).toEqual({
      kind: 'underspend',
      deviationCents: -5_000_000,
      municipalityCents: 1_500_000,
      revolvingFundCents: 1_500_000,
      providers: [
        { id: 'p1', cents: 1_500_000 },
        { id: 'p2', cents: 500_000 },
      ],
    })
  })

  it('settles nothing when on budget', () => {
    expect(settleRiskSharing({ ...exampleInput, actualCents: 100_000_000 })).toEqual({
      kind: 'on-budget',
      deviationCents: 0,
      municipalityCents: 0,
      revolvingFundCents: 0,
      providers: [
        { id: 'p1', cents: 0 },
        { id: 'p2', cents: 0 },
      ],
    })
  })
})

describe('settleRiskSharing: rounding, hand-checked', () => {
  const allToProviders: RiskSharingRule = {
    ...exampleRule,
    corridorPercent: 10,
    providerShareInside: 100,
    providerShareOutside: 0,
  }

  it('gives 1 cent over 3 equal providers to the first', () => {
    const settlement = settleRiskSharing({
      budgetCents: 1000,
      actualCents: 1001,
      rule: allToProviders,
      providers: equalProviders(3),
    })
    expect(settlement.providers.map((provider) => provider.cents)).toEqual([1, 0, 0])
    expect(settlement.municipalityCents).toBe(0)
  })

  it('gives 2 cents over 3 equal providers to the first two', () => {
    const settlement = settleRiskSharing({
      budgetCents: 1000,
      actualCents: 1002,
      rule: allToProviders,
      providers: equalProviders(3),
    })
    expect(settlement.providers.map((provider) => provider.cents)).toEqual([1, 1, 0])
  })

  it('rounds the corridor down to whole cents', () => {
    // Corridor = floor(999 × 10 %) = 99 cents, all carried by providers; the 100th cent lies beyond it.
    const settlement = settleRiskSharing({
      budgetCents: 999,
      actualCents: 1099,
      rule: allToProviders,
      providers: equalProviders(1),
    })
    expect(settlement.providers[0].cents).toBe(99)
    expect(settlement.municipalityCents).toBe(1)
  })

  it('gives a half cent tie between providers and municipality to the providers', () => {
    const rule = { ...exampleRule, providerShareInside: 50 }
    const settlement = settleRiskSharing({ budgetCents: 1000, actualCents: 1001, rule, providers: equalProviders(1) })
    expect(settlement.providers[0].cents).toBe(1)
    expect(settlement.municipalityCents).toBe(0)
  })

  it('gives a half cent tie between fund and municipality to the fund', () => {
    const rule = { ...exampleRule, underspend: { providerGainShare: 0, revolvingFundShare: 50 } }
    const settlement = settleRiskSharing({ budgetCents: 1001, actualCents: 1000, rule, providers: equalProviders(1) })
    expect(settlement).toMatchObject({ revolvingFundCents: 1, municipalityCents: 0, providers: [{ id: 'p1', cents: 0 }] })
  })

  it('gives the largest remainder the leftover cent, not the first part', () => {
    // Underspend of 10 cents: providers 3,3 / fund 3,3 / municipality 3,4 → the municipality gets the cent.
    const rule = { ...exampleRule, underspend: { providerGainShare: 33, revolvingFundShare: 33 } }
    const settlement = settleRiskSharing({ budgetCents: 10, actualCents: 0, rule, providers: equalProviders(1) })
    expect(settlement).toMatchObject({ revolvingFundCents: 3, municipalityCents: 4, providers: [{ cents: 3 }] })
  })

  it('uses percents with decimals exactly', () => {
    // D = 50 000, corridor 2,5 % of 1 000 000 = 25 000; 25 000 × 12,5 % + 25 000 × 33,33 % = 11 457,5 → 11 458 (tie to providers).
    const rule = { ...exampleRule, corridorPercent: 2.5, providerShareInside: 12.5, providerShareOutside: 33.33 }
    const settlement = settleRiskSharing({ budgetCents: 1_000_000, actualCents: 1_050_000, rule, providers: equalProviders(1) })
    expect(settlement.providers[0].cents).toBe(11_458)
    expect(settlement.municipalityCents).toBe(38_542)
  })

  it('is not misled by percents that floating point cannot represent', () => {
    // 0.29 × 100 is 28.999999999999996 in floating point; the share must still be exactly 29 basis points.
    const rule = { ...exampleRule, underspend: { providerGainShare: 0.29, revolvingFundShare: 0.57 } }
    const settlement = settleRiskSharing({ budgetCents: 10_000, actualCents: 0, rule, providers: equalProviders(1) })
    expect(settlement).toMatchObject({ revolvingFundCents: 57, municipalityCents: 9_914, providers: [{ cents: 29 }] })
  })

  it('splits by decimal weights exactly', () => {
    const rule = { ...exampleRule, underspend: { providerGainShare: 100, revolvingFundShare: 0 } }
    const providers = [
      { id: 'a', weight: 0.1 },
      { id: 'b', weight: 0.2 },
    ]
    const settlement = settleRiskSharing({ budgetCents: 300, actualCents: 0, rule, providers })
    expect(settlement.providers).toEqual([
      { id: 'a', cents: 100 },
      { id: 'b', cents: 200 },
    ])
  })

  it('handles the largest safe amounts', () => {
    const settlement = settleRiskSharing({ ...exampleInput, budgetCents: 0, actualCents: Number.MAX_SAFE_INTEGER })
    // Corridor 0: everything is beyond it, providers carry 25 %.
    expect(providersTotalOf(settlement)).toBe(Math.round(Number.MAX_SAFE_INTEGER / 4))
    expect(totalOf(settlement)).toBe(Number.MAX_SAFE_INTEGER)
  })
})

describe('settleRiskSharing: invalid input', () => {
  it.each<[string, (input: RiskSharingInput) => RiskSharingInput]>([
    ['budgetCents', (input) => ({ ...input, budgetCents: -1 })],
    ['budgetCents', (input) => ({ ...input, budgetCents: 1.5 })],
    ['budgetCents', (input) => ({ ...input, budgetCents: Number.NaN })],
    ['budgetCents', (input) => ({ ...input, budgetCents: 2 ** 53 })],
    ['actualCents', (input) => ({ ...input, actualCents: Number.POSITIVE_INFINITY })],
    ['rule.corridorPercent', (input) => ({ ...input, rule: { ...input.rule, corridorPercent: 101 } })],
    ['rule.corridorPercent', (input) => ({ ...input, rule: { ...input.rule, corridorPercent: 12.345 } })],
    ['rule.providerShareInside', (input) => ({ ...input, rule: { ...input.rule, providerShareInside: 100.01 } })],
    ['rule.providerShareInside', (input) => ({ ...input, rule: { ...input.rule, providerShareInside: Number.NaN } })],
    ['rule.providerShareOutside', (input) => ({ ...input, rule: { ...input.rule, providerShareOutside: -1 } })],
    ['rule.providerCapCents', (input) => ({ ...input, rule: { ...input.rule, providerCapCents: -1 } })],
    ['rule.providerCapCents', (input) => ({ ...input, rule: { ...input.rule, providerCapCents: 0.5 } })],
    [
      'rule.underspend.providerGainShare',
      (input) => ({ ...input, rule: { ...input.rule, underspend: { providerGainShare: 120, revolvingFundShare: 0 } } }),
    ],
    [
      'rule.underspend.revolvingFundShare',
      (input) => ({
        ...input,
        rule: { ...input.rule, underspend: { providerGainShare: 0, revolvingFundShare: Number.POSITIVE_INFINITY } },
      }),
    ],
    [
      'rule.underspend',
      (input) => ({ ...input, rule: { ...input.rule, underspend: { providerGainShare: 60, revolvingFundShare: 40.01 } } }),
    ],
    ['providers', (input) => ({ ...input, providers: [] })],
    [
      'providers[1].weight',
      (input) => ({
        ...input,
        providers: [
          { id: 'a', weight: 1 },
          { id: 'b', weight: 0 },
        ],
      }),
    ],
    [
      'providers[1].weight',
      (input) => ({
        ...input,
        providers: [
          { id: 'a', weight: 1 },
          { id: 'b', weight: -2 },
        ],
      }),
    ],
    [
      'providers[1].weight',
      (input) => ({
        ...input,
        providers: [
          { id: 'a', weight: 1 },
          { id: 'b', weight: Number.NaN },
        ],
      }),
    ],
    ['providers[0].weight', (input) => ({ ...input, providers: [{ id: 'a', weight: Number.POSITIVE_INFINITY }] })],
    ['providers[0].weight', (input) => ({ ...input, providers: [{ id: 'a', weight: 0.1234567 }] })],
    [
      'providers[1].id',
      (input) => ({
        ...input,
        providers: [
          { id: 'a', weight: 1 },
          { id: 'a', weight: 1 },
        ],
      }),
    ],
    ['providers[0].id', (input) => ({ ...input, providers: [{ id: '', weight: 1 }] })],
  ])('rejects a bad %s', (field, corrupt) => {
    expectInputError(() => settleRiskSharing(corrupt(exampleInput)), field)
  })

  it('accepts gain and fund shares adding up to exactly 100', () => {
    const rule = { ...exampleRule, underspend: { providerGainShare: 60, revolvingFundShare: 40 } }
    expect(settleRiskSharing({ ...exampleInput, actualCents: 0, rule }).municipalityCents).toBe(0)
  })
})

describe('allocateLargestRemainder', () => {
  it.each<[number, number[], number[]]>([
    [1, [1, 1, 1], [1, 0, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [100, [1, 1, 1], [34, 33, 33]],
    [10, [1, 2], [3, 7]],
    [5, [0, 1, 1], [0, 3, 2]],
    [0, [1, 2], [0, 0]],
    [7, [1e20, 1], [7, 0]],
    [300, [0.1, 0.2], [100, 200]],
    [3, [0.000001, 0.000002], [1, 2]],
  ])('splits %i over %j as %j', (total, weights, expected) => {
    expect(allocateLargestRemainder(total, weights)).toEqual(expected)
  })

  it('rejects bad input, naming the field', () => {
    expectInputError(() => allocateLargestRemainder(-1, [1]), 'totalCents')
    expectInputError(() => allocateLargestRemainder(1, []), 'weights')
    expectInputError(() => allocateLargestRemainder(1, [0, 0]), 'weights')
    expectInputError(() => allocateLargestRemainder(1, [1, -1]), 'weights[1]')
    expectInputError(() => allocateLargestRemainder(1, [1, 0.1 + 0.2]), 'weights[1]')
  })

  it('hands equal remainders to the earliest parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 20 }), (total, count) => {
        const parts = allocateLargestRemainder(total, Array(count).fill(7))
        const base = Math.floor(total / count)
        expect(parts).toEqual(parts.map((_, index) => (index < total % count ? base + 1 : base)))
      }),
    )
  })

  it('stays within 1 cent of the exact pro-rata share and adds up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 8 })
          .filter((weights) => weights.some((w) => w > 0)),
        (total, weights) => {
          const parts = allocateLargestRemainder(total, weights)
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total)
          expectWithinOneCentOfProRata(BigInt(total), parts, weights)
        },
      ),
    )
  })
})

// |part − total × weight / Σweights| < 1, checked in integers.
function expectWithinOneCentOfProRata(total: bigint, parts: number[], weights: number[]): void {
  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n)
  parts.forEach((part, index) => {
    expect(Number.isSafeInteger(part) && part >= 0).toBe(true)
    const difference = BigInt(part) * weightSum - total * BigInt(weights[index])
    expect(difference < weightSum && difference > -weightSum).toBe(true)
  })
}

describe('settleRiskSharing: properties', () => {
  const percent = fc.integer({ min: 0, max: 10_000 }).map((basisPoints) => basisPoints / 100)
  const rule: fc.Arbitrary<RiskSharingRule> = fc
    .record({
      corridorPercent: percent,
      providerShareInside: percent,
      providerShareOutside: percent,
      providerCapCents: fc.option(fc.integer({ min: 0, max: 1_000_000_000_000 }), { nil: null }),
      gainBasisPoints: fc.integer({ min: 0, max: 10_000 }),
      fundFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ gainBasisPoints, fundFraction, ...rest }) => ({
      ...rest,
      underspend: {
        providerGainShare: gainBasisPoints / 100,
        revolvingFundShare: Math.floor((10_000 - gainBasisPoints) * fundFraction) / 100,
      },
    }))
  const weights = fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 1, maxLength: 6 })
  const cents = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000_000_000_000 }))
  const toProviders = (weightList: number[]) => weightList.map((weight, index) => ({ id: `p${index}`, weight }))

  it('hands out exactly |actual − budget| in non-negative whole cents', () => {
    fc.assert(
      fc.property(cents, cents, rule, weights, (budgetCents, actualCents, ruleValue, weightList) => {
        const settlement = settleRiskSharing({ budgetCents, actualCents, rule: ruleValue, providers: toProviders(weightList) })
        const parts = [settlement.municipalityCents, settlement.revolvingFundCents, ...settlement.providers.map((p) => p.cents)]
        for (const part of parts) expect(Number.isSafeInteger(part) && part >= 0).toBe(true)
        expect(totalOf(settlement)).toBe(Math.abs(actualCents - budgetCents))
        expect(settlement.deviationCents).toBe(actualCents - budgetCents)
        expect(settlement.kind).toBe(
          actualCents > budgetCents ? 'overspend' : actualCents < budgetCents ? 'underspend' : 'on-budget',
        )
        if (settlement.kind === 'overspend') expect(settlement.revolvingFundCents).toBe(0)
      }),
    )
  })

  it('never lets providers carry more than the cap', () => {
    fc.assert(
      fc.property(
        cents,
        cents,
        rule,
        weights,
        fc.integer({ min: 0, max: 1_000_000 }),
        (budgetCents, overspend, ruleValue, weightList, cap) => {
          const settlement = settleRiskSharing({
            budgetCents,
            actualCents: budgetCents + overspend,
            rule: { ...ruleValue, providerCapCents: cap },
            providers: toProviders(weightList),
          })
          expect(providersTotalOf(settlement)).toBeLessThanOrEqual(cap)
        },
      ),
    )
  })

  it('never lowers the providers\u2019 total or the municipality\u2019s part when the overspend grows', () => {
    // Only the totals are monotone: a single provider's cent may move the other way (the Alabama
    // paradox of largest-remainder rounding), which the rule accepts.
    fc.assert(
      fc.property(cents, cents, cents, rule, weights, (budgetCents, overspend, extra, ruleValue, weightList) => {
        const settle = (actualCents: number) =>
          settleRiskSharing({ budgetCents, actualCents, rule: ruleValue, providers: toProviders(weightList) })
        const smaller = settle(budgetCents + overspend)
        const larger = settle(budgetCents + overspend + extra)
        expect(providersTotalOf(larger)).toBeGreaterThanOrEqual(providersTotalOf(smaller))
        expect(larger.municipalityCents).toBeGreaterThanOrEqual(smaller.municipalityCents)
      }),
    )
  })

  it('splits the providers\u2019 part within 1 cent of exact pro-rata by weight', () => {
    fc.assert(
      fc.property(cents, cents, rule, weights, (budgetCents, actualCents, ruleValue, weightList) => {
        const settlement = settleRiskSharing({ budgetCents, actualCents, rule: ruleValue, providers: toProviders(weightList) })
        const providerParts = settlement.providers.map((provider) => provider.cents)
        expectWithinOneCentOfProRata(BigInt(providersTotalOf(settlement)), providerParts, weightList)
      }),
    )
  })

  it('gives providers, fund and municipality their underspend share within 1 cent', () => {
    fc.assert(
      fc.property(cents, cents, rule, weights, (actualCents, underspend, ruleValue, weightList) => {
        const settlement = settleRiskSharing({
          budgetCents: actualCents + underspend,
          actualCents,
          rule: ruleValue,
          providers: toProviders(weightList),
        })
        const gain = Math.round(ruleValue.underspend.providerGainShare * 100)
        const fund = Math.round(ruleValue.underspend.revolvingFundShare * 100)
        expectWithinOneCentOfProRata(
          BigInt(underspend),
          [providersTotalOf(settlement), settlement.revolvingFundCents, settlement.municipalityCents],
          [gain, fund, 10_000 - gain - fund],
        )
      }),
    )
  })
})

describe('providersProRataToBudget', () => {
  it('weighs providers by budget and omits those without one', () => {
    const budgets = [
      { id: 'a', budgetCents: 300_000 },
      { id: 'b', budgetCents: 0 },
      { id: 'c', budgetCents: 100_000 },
    ]
    const providers = providersProRataToBudget(budgets)
    expect(providers).toEqual([
      { id: 'a', weight: 300_000 },
      { id: 'c', weight: 100_000 },
    ])
    const settlement = settleRiskSharing({ ...exampleInput, providers })
    expect(settlement.providers).toEqual([
      { id: 'a', cents: 2_437_500 },
      { id: 'c', cents: 812_500 },
    ])
  })

  it('rejects budgets that are all zero or not whole cents', () => {
    expectInputError(() => providersProRataToBudget([{ id: 'a', budgetCents: 0 }]), 'budgets')
    expectInputError(() => providersProRataToBudget([]), 'budgets')
    expectInputError(
      () =>
        providersProRataToBudget([
          { id: 'a', budgetCents: 1 },
          { id: 'b', budgetCents: -5 },
        ]),
      'budgets[1].budgetCents',
    )
  })
})

describe('uncappedProvidersCents: whether the cap applies', () => {
  const capped = (cents: number | null, actualCents = exampleInput.actualCents) =>
    uncappedProvidersCents({ ...exampleInput, actualCents, rule: { ...exampleRule, providerCapCents: cents } })

  it('says what the providers would carry without the cap when it cuts their share', () => {
    // Without a cap the providers carry 2.500.000 + 750.000 of the 8.000.000 overspend.
    expect(capped(3_000_000)).toBe(3_250_000)
  })

  it('is null without a cap, with a share within it, and on an underspend', () => {
    expect(capped(null)).toBeNull()
    expect(capped(3_250_000)).toBeNull()
    expect(capped(1, 90_000_000)).toBeNull()
  })
})
