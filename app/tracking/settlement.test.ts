import { describe, expect, it } from 'vitest'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { buildProgress } from './progress.ts'
import type { TrackingRecord } from './records.ts'
import { riskOutcomes } from './settlement.ts'

const model = demoPactModel({ gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' })
const parties = [
  { id: 'g', kind: 'gemeente' as const },
  { id: 'w', kind: 'aanbieder' as const },
  { id: 'j', kind: 'aanbieder' as const },
  { id: 'a', kind: 'inwoners' as const },
]

let nextId = 1
function spent(resultAreaId: string, partyId: string, year: number, euros: number): TrackingRecord {
  return {
    id: nextId++,
    kind: 'uitgaven',
    status: 'ingediend',
    resultAreaId,
    indicatorId: null,
    partyId,
    period: String(year),
    value: null,
    cents: euros * 100,
    source: null,
    referenceDate: null,
    note: null,
    public: false,
    reason: null,
    correctionOf: null,
    versionNumber: 1,
    createdBy: 'x',
    createdAt: '',
  }
}

// 2027: every budget spent, plus € 100.000 in youth care; 2028: only one party reported so far.
const records = [
  spent('demo-jeugd-complex', 'j', 2027, 4_750_000),
  spent('demo-jeugd-complex', 'w', 2027, 620_000),
  spent('demo-ouderen-thuis', 'w', 2027, 3_150_000),
  spent('demo-schulden-bestaanszekerheid', 'w', 2027, 1_640_000),
  spent('demo-schulden-bestaanszekerheid', 'j', 2027, 260_000),
  spent('demo-ouderen-thuis', 'w', 2028, 3_000_000),
]

function outcomes(fixings: Array<{ period: string; throughRecordId: number; versionNumber: number }>) {
  const progress = buildProgress({
    years: [...DEMO_PACT_YEARS],
    latestVersion: 1,
    models: new Map([[1, model]]),
    parties: [],
    frequencies: {},
    fixings,
    records,
    today: { year: 2027 },
  })
  return riskOutcomes({ progress, modelOfVersion: (number) => (number === 1 ? model : undefined), parties })
}

describe('what the risk sharing means in euros', () => {
  it('settles each year with spending through the signed rule, parts adding up to the deviation', () => {
    const [y2027, y2028, ...rest] = outcomes([{ period: '2027', throughRecordId: 100, versionNumber: 1 }])
    expect(rest).toEqual([])
    // € 100.000 over a budget of € 10.320.000: inside the 5% corridor, so the providers carry 50%.
    expect(y2027).toMatchObject({ year: 2027, final: true, budgetCents: 10_320_000_00, actualCents: 10_420_000_00 })
    expect(y2027!.settlement).toMatchObject({
      kind: 'overspend',
      deviationCents: 100_000_00,
      municipalityCents: 50_000_00,
      revolvingFundCents: 0,
    })
    const providers = y2027!.settlement.providers
    expect(providers.map((provider) => provider.id).sort()).toEqual(['j', 'w'])
    expect(providers.reduce((sum, provider) => sum + provider.cents, 0)).toBe(50_000_00)
    // Not fixed, and most parties have not reported: provisional, and it shows as a large underspend.
    expect(y2028).toMatchObject({ year: 2028, final: false, actualCents: 3_000_000_00 })
    expect(y2028!.settlement.kind).toBe('underspend')
  })

  it('is provisional while the year is open', () => {
    expect(outcomes([]).map((outcome) => [outcome.year, outcome.final])).toEqual([
      [2027, false],
      [2028, false],
    ])
  })
})
