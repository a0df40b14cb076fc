import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { formatCents, formatCentsPlain, moneyErrorMessage, parseEuroToCents, type MoneyError } from './money.ts'

const nbsp = '\u00A0'
const narrowNbsp = '\u202F'

describe('parseEuroToCents', () => {
  it.each([
    ['1.234,56', 123_456],
    ['€ 1.234,56', 123_456],
    ['€1.234,56', 123_456],
    [`€${nbsp}1.234,56`, 123_456],
    [`€${narrowNbsp}1.234,56`, 123_456],
    [`  ${nbsp}1.234,56${narrowNbsp} `, 123_456],
    ['1234,5', 123_450],
    ['1234,05', 123_405],
    ['1234', 123_400],
    ['1.234.567', 123_456_700],
    ['0,01', 1],
    ['0', 0],
    ['007', 700],
    ['90.071.992.547.409,91', Number.MAX_SAFE_INTEGER],
  ])('reads %j as %i cents', (input, cents) => {
    expect(parseEuroToCents(input)).toEqual({ ok: true, cents })
  })

  it.each([
    ['-12,50', -1250],
    ['€ -12,50', -1250],
    ['-€ 12,50', -1250],
    [`€${nbsp}-1.234,56`, -123_456],
    ['\u221212,50', -1250],
    ['-90.071.992.547.409,91', -Number.MAX_SAFE_INTEGER],
  ])('reads negative %j as %i cents when allowed', (input, cents) => {
    expect(parseEuroToCents(input, { allowNegative: true })).toEqual({ ok: true, cents })
  })

  it('reads minus zero as plain zero', () => {
    const result = parseEuroToCents('-0,00')
    expect(result).toEqual({ ok: true, cents: 0 })
    expect(result.ok && Object.is(result.cents, 0)).toBe(true)
  })

  it.each<[string, MoneyError]>([
    ['', 'empty'],
    [`  ${nbsp}${narrowNbsp}`, 'empty'],
    ['€', 'empty'],
    ['-12,50', 'negative'],
    ['€ -12,50', 'negative'],
    ['abc', 'not-a-number'],
    ['12a', 'not-a-number'],
    ['12 345', 'not-a-number'],
    ['+12', 'not-a-number'],
    ['--12', 'not-a-number'],
    ['-€-12', 'not-a-number'],
    ['-', 'not-a-number'],
    [',50', 'not-a-number'],
    ['12,', 'not-a-number'],
    ['1e5', 'not-a-number'],
    ['1,234.56', 'english-notation'],
    ['€1,234.56', 'english-notation'],
    ['1,234,567', 'english-notation'],
    ['12.50', 'english-notation'],
    ['1234.5', 'english-notation'],
    ['1234,567', 'too-many-decimals'],
    ['1.234,567', 'too-many-decimals'],
    ['1.23,45', 'bad-grouping'],
    ['1.2345', 'bad-grouping'],
    ['1234.567', 'bad-grouping'],
    ['1.234.56', 'bad-grouping'],
    ['1.234.', 'bad-grouping'],
    ['.123', 'bad-grouping'],
    ['90.071.992.547.409,92', 'too-large'],
    ['99999999999999999999', 'too-large'],
  ])('rejects %j with %s', (input, error) => {
    expect(parseEuroToCents(input)).toEqual({ ok: false, error })
  })

  it('rejects values below -MAX_SAFE_INTEGER cents as too large', () => {
    expect(parseEuroToCents('-90.071.992.547.409,92', { allowNegative: true })).toEqual({ ok: false, error: 'too-large' })
  })

  it('reads back every amount formatCentsPlain and formatCents write', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        const expected = { ok: true, cents: cents === 0 ? 0 : cents }
        expect(parseEuroToCents(formatCentsPlain(cents), { allowNegative: true })).toEqual(expected)
        expect(parseEuroToCents(formatCents(cents), { allowNegative: true })).toEqual(expected)
      }),
    )
  })

  it('reads whole euros with any grouping-free digits exactly', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,12}$/), fc.stringMatching(/^\d{2}$/), (euros, cents) => {
        expect(parseEuroToCents(`${euros},${cents}`)).toEqual({ ok: true, cents: Number(`${euros}${cents}`) })
      }),
    )
  })
})

describe('moneyErrorMessage', () => {
  it('explains Dutch notation in Dutch and English', () => {
    expect(moneyErrorMessage('english-notation', 'nl')).toBe(
      'Gebruik Nederlandse notatie: 1.234,56 (punt voor duizendtallen, komma voor centen).',
    )
    expect(moneyErrorMessage('english-notation', 'en')).toBe('Use Dutch notation: 1.234,56 (dot for thousands, comma for cents).')
  })

  it('has a distinct sentence for every error in both locales', () => {
    const codes: MoneyError[] = [
      'empty',
      'not-a-number',
      'english-notation',
      'too-many-decimals',
      'negative',
      'too-large',
      'bad-grouping',
    ]
    for (const locale of ['nl', 'en'] as const) {
      const messages = codes.map((code) => moneyErrorMessage(code, locale))
      expect(new Set(messages).size).toBe(codes.length)
      for (const message of messages) expect(message).toMatch(/^[A-Z].*\.$/)
    }
  })
})

describe('formatCents', () => {
  it('formats with cents the way Intl does, no-break space included', () => {
    expect(formatCents(123_456)).toBe(`€${nbsp}1.234,56`)
    expect(formatCents(0)).toBe(`€${nbsp}0,00`)
    expect(formatCents(5)).toBe(`€${nbsp}0,05`)
    expect(formatCents(-123_456)).toBe(`€${nbsp}-1.234,56`)
    expect(formatCents(-0)).toBe(`€${nbsp}0,00`)
  })

  it('formats the largest safe amount without floating-point loss', () => {
    expect(formatCents(Number.MAX_SAFE_INTEGER)).toBe(`€${nbsp}90.071.992.547.409,91`)
  })

  it('formats whole euros, rounding half away from zero', () => {
    expect(formatCents(123_456_700, { withCents: false })).toBe(`€${nbsp}1.234.567`)
    expect(formatCents(123_456_750, { withCents: false })).toBe(`€${nbsp}1.234.568`)
    expect(formatCents(123_456_749, { withCents: false })).toBe(`€${nbsp}1.234.567`)
    expect(formatCents(-150, { withCents: false })).toBe(`€${nbsp}-2`)
    expect(formatCents(-40, { withCents: false })).toBe(`€${nbsp}0`)
  })

  it('refuses amounts that are not whole cents', () => {
    expect(() => formatCents(12.5)).toThrow(RangeError)
    expect(() => formatCents(Number.NaN)).toThrow(RangeError)
    expect(() => formatCentsPlain(2 ** 53)).toThrow(RangeError)
  })
})

describe('formatCentsPlain', () => {
  it('formats without the euro sign for input fields', () => {
    expect(formatCentsPlain(123_456)).toBe('1.234,56')
    expect(formatCentsPlain(123_456_700)).toBe('1.234.567,00')
    expect(formatCentsPlain(7)).toBe('0,07')
    expect(formatCentsPlain(-123_456)).toBe('-1.234,56')
  })
})
