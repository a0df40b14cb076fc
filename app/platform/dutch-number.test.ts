import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatDutchNumber, parseDutchNumber } from './dutch-number.ts'

describe('parseDutchNumber', () => {
  it.each([
    ['12', 12],
    ['12,5', 12.5],
    ['-3,25', -3.25],
    ['0,000001', 0.000001],
    ['1.234', 1234],
    ['1.234.567,8', 1234567.8],
    [' 7 ', 7],
    ['−4', -4],
  ])('reads %j as %d', (input, value) => {
    expect(parseDutchNumber(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['12.5', 'english-notation'],
    ['0.25', 'english-notation'],
    ['1,234.5', 'english-notation'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['twaalf', 'not-a-number'],
    ['12%', 'not-a-number'],
    ['1.23.4', 'not-a-number'],
    ['1,2,3', 'not-a-number'],
    [',5', 'not-a-number'],
  ])('refuses %j (%s)', (input, error) => {
    expect(parseDutchNumber(input)).toEqual({ ok: false, error })
  })

  it('reads back what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (whole, decimals) => {
        const value = whole / 10 ** decimals
        expect(parseDutchNumber(formatDutchNumber(value))).toEqual({ ok: true, value: Object.is(value, -0) ? 0 : value })
      }),
    )
  })
})
