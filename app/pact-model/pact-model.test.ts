import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { settlementRuleOf } from './model-keys.ts'
import {
  validatePactModel,
  type Indicator,
  type PactModel,
  type PactModelIssue,
  type ResultArea,
  type RiskRule,
} from './pact-model.ts'
import { settleRiskSharing } from './risk-sharing.ts'

const context = { years: [2027, 2028, 2029, 2030], partyIds: ['gemeente', 'p1', 'p2'] }

function indicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: 'i1',
    name: 'Jeugdigen met verblijf',
    unit: 'per 1.000 jeugdigen',
    level: 'populatie',
    direction: 'lager-is-beter',
    baselineValue: 11.8,
    baselineYear: 2025,
    targets: [{ year: 2027, value: 11 }],
    dataSource: 'CBS Jeugdmonitor',
    ...overrides,
  }
}

function area(overrides: Partial<ResultArea> = {}): ResultArea {
  return {
    id: 'a1',
    title: 'Jeugdigen met een complexe hulpvraag',
    description: '',
    challenge: '',
    targetGroup: '',
    responsiblePartyIds: ['p1', 'p2'],
    budgets: [
      { partyId: 'p1', year: 2027, cents: 75_000_000 },
      { partyId: 'p2', year: 2027, cents: 25_000_000 },
    ],
    indicators: [indicator()],
    ...overrides,
  }
}

function rule(overrides: Partial<RiskRule> = {}): RiskRule {
  return {
    id: 'r1',
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

function model(overrides: Partial<PactModel> = {}): PactModel {
  return { resultAreas: [area()], riskRules: [rule()], ...overrides }
}

function issuesOf(input: unknown): PactModelIssue[] {
  const result = validatePactModel(input, context)
  if (result.ok) throw new Error('expected the model to be invalid')
  return result.issues
}

describe('validatePactModel: valid models', () => {
  it('accepts a complete model and returns it unchanged', () => {
    expect(validatePactModel(model(), context)).toEqual({ ok: true, model: model() })
  })

  it('accepts an empty model', () => {
    expect(validatePactModel({ resultAreas: [], riskRules: [] }, context).ok).toBe(true)
  })

  it('accepts the demo pact', () => {
    const parties = { gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }
    const demo = demoPactModel(parties)
    expect(validatePactModel(demo, { years: [...DEMO_PACT_YEARS], partyIds: Object.values(parties) })).toEqual({
      ok: true,
      model: demo,
    })
  })

  it('accepts explicit weights, a cap and shares that add up to exactly 100', () => {
    const weighted = rule({
      providerCapCents: 50_000_000,
      underspend: { providerGainShare: 33.33, revolvingFundShare: 66.67 },
      division: {
        kind: 'weights',
        weights: [
          { partyId: 'p1', weight: 3 },
          { partyId: 'p2', weight: 0.5 },
        ],
      },
    })
    expect(validatePactModel(model({ riskRules: [weighted] }), context).ok).toBe(true)
  })

  it('drops keys the model does not know', () => {
    const result = validatePactModel({ ...model(), extra: 1, resultAreas: [{ ...area(), order: 3 }] }, context)
    expect(result).toEqual({ ok: true, model: model({ riskRules: [rule()] }) })
  })
})

describe('validatePactModel: field errors', () => {
  it.each([
    ['a text', '75000', 'model.errors.cents.invalid'],
    ['a fraction of a cent', 12.5, 'model.errors.cents.invalid'],
    ['beyond the safe integer range', 2 ** 53, 'model.errors.cents.invalid'],
    ['not a number', Number.NaN, 'model.errors.cents.invalid'],
    ['missing', undefined, 'model.errors.cents.invalid'],
    ['negative', -100, 'model.errors.cents.negative'],
  ])('rejects a budget that is %s', (_, cents, message) => {
    const bad = model({ resultAreas: [area({ budgets: [{ partyId: 'p1', year: 2027, cents: cents as number }] })] })
    expect(issuesOf(bad)).toEqual([{ path: ['resultAreas', 0, 'budgets', 0, 'cents'], message }])
  })

  it.each([
    ['missing', undefined, 'model.errors.title.required'],
    ['empty', '', 'model.errors.title.required'],
    ['only spaces', '   ', 'model.errors.title.required'],
    ['longer than 200 characters', 'x'.repeat(201), 'model.errors.title.tooLong'],
  ])('rejects a result area whose title is %s', (_, title, message) => {
    const bad = model({ resultAreas: [area({ title: title as string })] })
    expect(issuesOf(bad)).toEqual([{ path: ['resultAreas', 0, 'title'], message }])
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('rejects an indicator whose unit is %s', (_, unit) => {
    const bad = model({ resultAreas: [area({ indicators: [indicator({ unit: unit as string })] })] })
    expect(issuesOf(bad)).toEqual([{ path: ['resultAreas', 0, 'indicators', 0, 'unit'], message: 'model.errors.unit.required' }])
  })

  it('rejects an indicator without name, level or direction', () => {
    const bad = model({
      resultAreas: [
        area({ indicators: [indicator({ name: ' ', level: 'wijk' as 'inwoner', direction: 'omhoog' as 'hoger-is-beter' })] }),
      ],
    })
    expect(issuesOf(bad)).toEqual([
      { path: ['resultAreas', 0, 'indicators', 0, 'name'], message: 'model.errors.name.required' },
      { path: ['resultAreas', 0, 'indicators', 0, 'level'], message: 'model.errors.level.invalid' },
      { path: ['resultAreas', 0, 'indicators', 0, 'direction'], message: 'model.errors.direction.invalid' },
    ])
  })

  it('rejects a baseline value without a year, and the other way round', () => {
    const bad = model({
      resultAreas: [area({ indicators: [indicator({ baselineYear: null }), indicator({ id: 'i2', baselineValue: null })] })],
    })
    expect(issuesOf(bad)).toEqual([
      { path: ['resultAreas', 0, 'indicators', 0, 'baselineYear'], message: 'model.errors.baseline.incomplete' },
      { path: ['resultAreas', 0, 'indicators', 1, 'baselineValue'], message: 'model.errors.baseline.incomplete' },
    ])
  })

  it('rejects two targets for the same year and two budgets for the same cell', () => {
    const twice = [
      { year: 2027, value: 1 },
      { year: 2027, value: 2 },
    ]
    const cells = [
      { partyId: 'p1', year: 2027, cents: 1 },
      { partyId: 'p1', year: 2027, cents: 2 },
    ]
    const bad = model({ resultAreas: [area({ budgets: cells, indicators: [indicator({ targets: twice })] })] })
    expect(issuesOf(bad)).toEqual([
      { path: ['resultAreas', 0, 'indicators', 0, 'targets', 1, 'year'], message: 'model.errors.year.duplicate' },
      { path: ['resultAreas', 0, 'budgets', 1], message: 'model.errors.budget.duplicate' },
    ])
  })

  it.each([
    ['corridorPercent', { corridorPercent: 120 }, 'model.errors.percent.range'],
    ['providerShareInside', { providerShareInside: -1 }, 'model.errors.percent.range'],
    ['providerShareOutside', { providerShareOutside: 12.345 }, 'model.errors.percent.decimals'],
    ['corridorPercent', { corridorPercent: '5' }, 'model.errors.percent.range'],
  ])('rejects a bad percent in %s', (field, overrides, message) => {
    const bad = model({ riskRules: [rule(overrides as Partial<RiskRule>)] })
    expect(issuesOf(bad)).toEqual([{ path: ['riskRules', 0, field], message }])
  })

  it('rejects underspend shares that add up to more than 100', () => {
    const bad = model({ riskRules: [rule({ underspend: { providerGainShare: 60, revolvingFundShare: 40.01 } })] })
    expect(issuesOf(bad)).toEqual([{ path: ['riskRules', 0, 'underspend'], message: 'model.errors.gainPlusFund' }])
  })

  it('rejects a negative cap', () => {
    const bad = model({ riskRules: [rule({ providerCapCents: -1 })] })
    expect(issuesOf(bad)).toEqual([{ path: ['riskRules', 0, 'providerCapCents'], message: 'model.errors.cents.negative' }])
  })

  it.each([
    ['zero', [{ partyId: 'p1', weight: 0 }], [0, 'weight'], 'model.errors.weight.invalid'],
    ['negative', [{ partyId: 'p1', weight: -2 }], [0, 'weight'], 'model.errors.weight.invalid'],
    ['too precise', [{ partyId: 'p1', weight: 0.1234567 }], [0, 'weight'], 'model.errors.weight.invalid'],
    [
      'given twice for one party',
      [
        { partyId: 'p1', weight: 1 },
        { partyId: 'p1', weight: 2 },
      ],
      [1, 'partyId'],
      'model.errors.party.duplicate',
    ],
    ['empty', [], [], 'model.errors.weights.empty'],
  ])('rejects weights that are %s', (_, weights, subPath, message) => {
    const bad = model({ riskRules: [rule({ division: { kind: 'weights', weights } })] })
    expect(issuesOf(bad)).toEqual([{ path: ['riskRules', 0, 'division', 'weights', ...subPath], message }])
  })

  it('rejects an unknown scope or division kind', () => {
    const bad = model({ riskRules: [rule({ scope: { kind: 'regio' } as never, division: { kind: 'gelijk' } as never })] })
    expect(issuesOf(bad)).toEqual([
      { path: ['riskRules', 0, 'scope', 'kind'], message: 'model.errors.scope.invalid' },
      { path: ['riskRules', 0, 'division', 'kind'], message: 'model.errors.division.invalid' },
    ])
  })

  it('gives a generic key for a wrong shape', () => {
    expect(issuesOf('model')).toEqual([{ path: [], message: 'model.errors.invalid' }])
    expect(issuesOf({ resultAreas: {}, riskRules: [] })).toEqual([{ path: ['resultAreas'], message: 'model.errors.invalid' }])
  })

  it('answers anything with i18n keys and never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (resultAreas, riskRules) => {
        const result = validatePactModel({ resultAreas, riskRules }, context)
        if (!result.ok) for (const issue of result.issues) expect(issue.message).toMatch(/^model\.errors\.[A-Za-z.]+$/)
      }),
    )
  })
})

describe('validatePactModel: references to the pact and within the model', () => {
  it('rejects years outside the pact period', () => {
    const bad = model({
      resultAreas: [
        area({
          budgets: [{ partyId: 'p1', year: 2031, cents: 1 }],
          indicators: [indicator({ targets: [{ year: 2026, value: 1 }] })],
        }),
      ],
    })
    expect(issuesOf(bad)).toEqual([
      { path: ['resultAreas', 0, 'budgets', 0, 'year'], message: 'model.errors.year.outsidePeriod' },
      { path: ['resultAreas', 0, 'indicators', 0, 'targets', 0, 'year'], message: 'model.errors.year.outsidePeriod' },
    ])
  })

  it('rejects parties that are not in the pact', () => {
    const bad = model({
      resultAreas: [area({ responsiblePartyIds: ['p1', 'x'], budgets: [{ partyId: 'y', year: 2027, cents: 1 }] })],
      riskRules: [rule({ division: { kind: 'weights', weights: [{ partyId: 'z', weight: 1 }] } })],
    })
    expect(issuesOf(bad)).toEqual([
      { path: ['resultAreas', 0, 'responsiblePartyIds', 1], message: 'model.errors.party.unknown' },
      { path: ['resultAreas', 0, 'budgets', 0, 'partyId'], message: 'model.errors.party.unknown' },
      { path: ['riskRules', 0, 'division', 'weights', 0, 'partyId'], message: 'model.errors.party.unknown' },
    ])
  })

  it('rejects a rule for an unknown area, and a second rule for the same scope', () => {
    const bad = model({
      riskRules: [
        rule(),
        rule({ id: 'r2' }),
        rule({ id: 'r3', scope: { kind: 'result-area', resultAreaId: 'a1' } }),
        rule({ id: 'r4', scope: { kind: 'result-area', resultAreaId: 'a1' } }),
        rule({ id: 'r5', scope: { kind: 'result-area', resultAreaId: 'gone' } }),
      ],
    })
    expect(issuesOf(bad)).toEqual([
      { path: ['riskRules', 1, 'scope'], message: 'model.errors.scope.duplicate' },
      { path: ['riskRules', 3, 'scope'], message: 'model.errors.scope.duplicate' },
      { path: ['riskRules', 4, 'scope', 'resultAreaId'], message: 'model.errors.scope.unknownResultArea' },
    ])
  })

  it('rejects an id used twice anywhere in the model', () => {
    const bad = model({
      resultAreas: [area(), area({ id: 'a2', indicators: [indicator({ id: 'a1' })] })],
      riskRules: [rule({ id: 'i1' })],
    })
    expect(issuesOf(bad)).toEqual([
      { path: ['resultAreas', 1, 'indicators', 0, 'id'], message: 'model.errors.id.duplicate' },
      { path: ['riskRules', 0, 'id'], message: 'model.errors.id.duplicate' },
    ])
  })

  it('rejects budgets whose total leaves the safe integer range', () => {
    const half = Math.ceil(Number.MAX_SAFE_INTEGER / 2)
    const cells = [
      { partyId: 'p1', year: 2027, cents: half },
      { partyId: 'p2', year: 2027, cents: half },
    ]
    expect(issuesOf(model({ resultAreas: [area({ budgets: cells })] }))).toEqual([
      { path: ['resultAreas', 0, 'budgets', 1, 'cents'], message: 'model.errors.cents.tooLarge' },
    ])
  })
})

describe('risk rules and settleRiskSharing agree', () => {
  const percent = fc.oneof(
    fc.double({ min: -10, max: 110, noNaN: true }),
    fc.integer({ min: 0, max: 10_000 }).map((basisPoints) => basisPoints / 100),
  )

  it('accepts a percent exactly when the settlement can compute with it', () => {
    fc.assert(
      fc.property(percent, percent, (corridorPercent, providerGainShare) => {
        const candidate = rule({ corridorPercent, underspend: { providerGainShare, revolvingFundShare: 0 } })
        const valid = validatePactModel(model({ riskRules: [candidate] }), context).ok
        const settles = (() => {
          try {
            settleRiskSharing({
              budgetCents: 100,
              actualCents: 90,
              rule: settlementRuleOf(candidate),
              providers: [{ id: 'p1', weight: 1 }],
            })
            return true
          } catch {
            return false
          }
        })()
        expect(valid).toBe(settles)
      }),
    )
  })

  it('maps a rule onto the settlement rule field for field', () => {
    expect(settlementRuleOf(rule({ providerCapCents: 10 }))).toEqual({
      corridorPercent: 5,
      providerShareInside: 50,
      providerShareOutside: 25,
      providerCapCents: 10,
      underspend: { providerGainShare: 40, revolvingFundShare: 30 },
    })
  })
})
