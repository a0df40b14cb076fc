import { describe, expect, it } from 'vitest'
import { checkPeriod, comparePeriods, formatPeriod, parsePeriod, periodCovers, periodsOf } from './periods.ts'

const years = [2027, 2028, 2029, 2030]

describe('periods', () => {
  it('reads and writes years and quarters', () => {
    expect(parsePeriod('2027')).toEqual({ year: 2027, quarter: null })
    expect(parsePeriod(' 2027-K3 ')).toEqual({ year: 2027, quarter: 3 })
    expect(parsePeriod('2027-k4')).toEqual({ year: 2027, quarter: 4 })
    expect(formatPeriod({ year: 2028, quarter: 1 })).toBe('2028-K1')
    expect(formatPeriod({ year: 2028, quarter: null })).toBe('2028')
  })

  it.each(['', '27', '20270', '2027-K5', '2027-K0', '2027-Q1', '2027 K1', 'K1-2027', '2027-', '=2027'])('refuses %j', (text) => {
    expect(parsePeriod(text)).toBeNull()
    expect(checkPeriod(text, { years, frequency: 'jaar' })).toEqual({ ok: false, error: 'invalid' })
  })

  it('checks the pact years and the frequency', () => {
    expect(checkPeriod('2026', { years, frequency: 'jaar' })).toEqual({ ok: false, error: 'outside-years' })
    expect(checkPeriod('2031-K1', { years, frequency: 'kwartaal' })).toEqual({ ok: false, error: 'outside-years' })
    expect(checkPeriod('2027-K1', { years, frequency: 'jaar' })).toEqual({ ok: false, error: 'wrong-frequency' })
    expect(checkPeriod('2027', { years, frequency: 'kwartaal' })).toEqual({ ok: false, error: 'wrong-frequency' })
    expect(checkPeriod('2027-k2', { years, frequency: 'kwartaal' })).toEqual({
      ok: true,
      period: { year: 2027, quarter: 2 },
      text: '2027-K2',
    })
  })

  it('lists the periods of the pact at each frequency', () => {
    expect(periodsOf([2028, 2027], 'jaar')).toEqual(['2027', '2028'])
    expect(periodsOf([2027], 'kwartaal')).toEqual(['2027-K1', '2027-K2', '2027-K3', '2027-K4'])
  })

  it('a fixed year covers its quarters, a fixed quarter only itself', () => {
    const year = parsePeriod('2027')!
    const q2 = parsePeriod('2027-K2')!
    expect(periodCovers(year, q2)).toBe(true)
    expect(periodCovers(year, year)).toBe(true)
    expect(periodCovers(q2, year)).toBe(false)
    expect(periodCovers(q2, parsePeriod('2027-K3')!)).toBe(false)
    expect(periodCovers(year, parsePeriod('2028-K2')!)).toBe(false)
  })

  it('orders periods in time', () => {
    const sorted = ['2028', '2027-K2', '2027', '2027-K1']
      .map((text) => parsePeriod(text)!)
      .sort(comparePeriods)
      .map(formatPeriod)
    expect(sorted).toEqual(['2027', '2027-K1', '2027-K2', '2028'])
  })
})
