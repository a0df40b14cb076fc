import { describe, expect, it } from 'vitest'
import { roundStep, sliderPosition, sliderScale } from './what-if-scale.ts'

describe('the what-if slider', () => {
  it('moves in round steps of about 1 % of the budget', () => {
    expect(sliderScale(100_000_000)).toEqual({ stepEuros: 10_000, maxEuros: 2_000_000 })
    // Issue 9, item 15: a budget of € 5.755.000 moved in steps of € 57.550.
    expect(sliderScale(575_500_000)).toEqual({ stepEuros: 50_000, maxEuros: 11_550_000 })
    expect(sliderScale(25_000_000).stepEuros).toBe(2_000)
  })

  it('rounds down to 1, 2 or 5 times a power of ten, and never below € 1', () => {
    expect([0, 0.4, 1, 1.9, 2, 4.99, 5, 9.99, 10, 57_550, 199_999].map(roundStep)).toEqual([
      1, 1, 1, 1, 2, 2, 5, 5, 10, 50_000, 100_000,
    ])
  })

  it('ends on a whole step at or beyond twice the budget', () => {
    const scale = sliderScale(123_456_789)
    expect(scale.maxEuros % scale.stepEuros).toBe(0)
    expect(scale.maxEuros * 100).toBeGreaterThanOrEqual(2 * 123_456_789)
  })

  it('puts a typed amount on the nearest step, within the scale', () => {
    const scale = sliderScale(100_000_000)
    expect(sliderPosition(108_400_000, scale)).toBe(1_080_000)
    expect(sliderPosition(900_000_000, scale)).toBe(2_000_000)
  })
})
