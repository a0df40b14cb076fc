import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { buildProgress } from '#app/tracking/progress.ts'
import type { TrackingRecord } from '#app/tracking/records.ts'
import { riskOutcomes } from '#app/tracking/settlement.ts'
import type { MunicipalDivision } from './division.ts'
import { settleYear, settlementHash, settlementOfYear, type SettlementInputs } from './year-settlement.ts'

const model = demoPactModel({ gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' })
const parties = [
  { id: 'g', kind: 'gemeente' as const },
  { id: 'w', kind: 'aanbieder' as const },
  { id: 'j', kind: 'aanbieder' as const },
  { id: 'a', kind: 'inwoners' as const },
]
const region = [...parties, { id: 'g2', kind: 'gemeente' as const }]

let nextId = 1
function spent(resultAreaId: string, partyId: string, year: number, euros: number): TrackingRecord {
  return {
    ...{ id: nextId++, kind: 'uitgaven', status: 'ingediend', resultAreaId, indicatorId: null, partyId, period: String(year) },
    ...{ value: null, cents: euros * 100, source: null, referenceDate: null, note: null, public: false, reason: null },
    ...{ correctionOf: null, versionNumber: 1, createdBy: 'x', createdAt: '' },
  }
}

// 2027 underspends by € 320.000 over a budget of € 10.320.000: 30 % to providers, 40 % to the fund.
const records = [
  spent('demo-jeugd-complex', 'j', 2027, 4_500_000),
  spent('demo-jeugd-complex', 'w', 2027, 550_000),
  spent('demo-ouderen-thuis', 'w', 2027, 3_100_000),
  spent('demo-schulden-bestaanszekerheid', 'w', 2027, 1_600_000),
  spent('demo-schulden-bestaanszekerheid', 'j', 2027, 250_000),
]

function settle(options: { fixed: boolean; parties?: typeof region; divisions?: Map<string, MunicipalDivision> }) {
  const progress = buildProgress({
    years: [...DEMO_PACT_YEARS],
    latestVersion: 1,
    models: new Map([[1, model]]),
    parties: [],
    frequencies: {},
    fixings: options.fixed ? [{ period: '2027', throughRecordId: 100, versionNumber: 1 }] : [],
    records,
    today: { year: 2027 },
  })
  const withParties = options.parties ?? parties
  const outcomes = riskOutcomes({ progress, modelOfVersion: () => model, parties: withParties })
  return settlementOfYear({
    pactId: 'p',
    year: progress.years.find((year) => year.year === 2027)!,
    outcomes,
    parties: withParties,
    divisions: options.divisions ?? new Map(),
  })
}

describe('settlementOfYear', () => {
  it('settles a fixed year through the signed rule, every rule adding up to its deviation', () => {
    const result = settle({ fixed: true })
    if (!result.ok) throw new Error(result.problem)
    const [rule] = result.outcome.rules
    expect(rule).toMatchObject({
      ruleId: 'demo-risicodeling-pact',
      kind: 'underspend',
      deviationCents: -320_000_00,
      revolvingFundCents: 128_000_00,
      municipalityCents: 96_000_00,
      municipalities: [{ partyId: 'g', cents: 96_000_00 }],
    })
    const providers = rule!.providers.reduce((sum, provider) => sum + provider.cents, 0)
    expect(providers + rule!.revolvingFundCents + rule!.municipalityCents).toBe(320_000_00)
    expect(result.outcome.revolvingFundCents).toBe(128_000_00)
    expect(result.inputs.versionNumber).toBe(1)
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a year that is not fixed', () => {
    expect(settle({ fixed: false })).toEqual({ ok: false, problem: 'settlement.errors.notFixed' })
  })

  it('asks a region how to divide, then divides the municipal share by its key', () => {
    expect(settle({ fixed: true, parties: region })).toEqual({ ok: false, problem: 'settlement.errors.division.missing' })
    const division: MunicipalDivision = {
      solidarityPercent: 100,
      key: [
        { partyId: 'g', percent: 60, capCents: null },
        { partyId: 'g2', percent: 40, capCents: null },
      ],
    }
    const result = settle({ fixed: true, parties: region, divisions: new Map([['demo-risicodeling-pact', division]]) })
    if (!result.ok) throw new Error(result.problem)
    expect(result.outcome.rules[0]!.municipalities).toEqual([
      { partyId: 'g', cents: 57_600_00 },
      { partyId: 'g2', cents: 38_400_00 },
    ])
  })
})

describe('settlementHash', () => {
  const settled = settle({ fixed: true })
  if (!settled.ok) throw new Error(settled.problem)

  it('property: the same inputs give the same outcome and hash, however the objects were built', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000_00 }), (actualCents) => {
        const rule = settled.inputs.rules[0]!
        const inputs: SettlementInputs = {
          ...settled.inputs,
          rules: [{ ...rule, riskSharing: { ...rule.riskSharing, actualCents } }],
        }
        // The same inputs with every object's keys in reverse order.
        const reversed = JSON.parse(JSON.stringify(inputs), (_, value) =>
          value && typeof value === 'object' && !Array.isArray(value)
            ? Object.fromEntries(Object.entries(value).reverse())
            : value,
        ) as SettlementInputs
        const first = settleYear(inputs)
        const second = settleYear(reversed)
        if (!first.ok || !second.ok) throw new Error('not settled')
        expect(settlementHash(reversed, second.outcome)).toBe(settlementHash(inputs, first.outcome))
        if (actualCents !== rule.riskSharing.actualCents) expect(settlementHash(inputs, first.outcome)).not.toBe(settled.hash)
      }),
    )
  })
})
