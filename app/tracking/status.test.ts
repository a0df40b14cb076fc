import { describe, expect, it } from 'vitest'
import { indicatorStatus } from './status.ts'

describe('indicator status', () => {
  const higher = { direction: 'hoger-is-beter' as const, baseline: 58, target: 72 }
  const lower = { direction: 'lager-is-beter' as const, baseline: 11.8, target: 10.7 }

  it('is op koers when the target is met or beaten, in the indicator’s direction', () => {
    expect(indicatorStatus({ ...higher, realised: 72 })).toBe('op-koers')
    expect(indicatorStatus({ ...higher, realised: 80 })).toBe('op-koers')
    expect(indicatorStatus({ ...lower, realised: 10.7 })).toBe('op-koers')
    expect(indicatorStatus({ ...lower, realised: 9 })).toBe('op-koers')
  })

  it('asks for aandacht when at least half the planned improvement from the baseline was made', () => {
    // Planned: 58 → 72 (+14); half is +7, so 65 is the boundary.
    expect(indicatorStatus({ ...higher, realised: 65 })).toBe('aandacht')
    expect(indicatorStatus({ ...higher, realised: 64.9 })).toBe('achter')
    // Planned: 11.8 → 10.7 (−1.1); half is −0.55, so 11.25 is the boundary.
    expect(indicatorStatus({ ...lower, realised: 11.2 })).toBe('aandacht')
    expect(indicatorStatus({ ...lower, realised: 11.3 })).toBe('achter')
  })

  it('is achter when the value moved the wrong way', () => {
    expect(indicatorStatus({ ...higher, realised: 50 })).toBe('achter')
    expect(indicatorStatus({ ...lower, realised: 12.5 })).toBe('achter')
  })

  it('without a baseline, or a target that is no improvement, counts within 10% of the target as aandacht', () => {
    expect(indicatorStatus({ direction: 'hoger-is-beter', baseline: null, target: 80, realised: 72 })).toBe('aandacht')
    expect(indicatorStatus({ direction: 'hoger-is-beter', baseline: null, target: 80, realised: 71.9 })).toBe('achter')
    expect(indicatorStatus({ direction: 'lager-is-beter', baseline: 5, target: 6, realised: 6.5 })).toBe('aandacht')
    expect(indicatorStatus({ direction: 'lager-is-beter', baseline: 5, target: 6, realised: 7 })).toBe('achter')
  })

  it('gives no judgement without a realised value or a target for the year', () => {
    expect(indicatorStatus({ ...higher, realised: null })).toBe('geen-oordeel')
    expect(indicatorStatus({ ...higher, target: null, realised: 70 })).toBe('geen-oordeel')
  })
})
