import { describe, it, expect } from 'vitest'
import { z } from 'zod'
import { euroAmountField } from './euro-amount-field.ts'
import { moneyErrorMessage } from './money.ts'

describe('euroAmountField', () => {
  it('outputs cents', () => {
    expect(euroAmountField().parse('€ 1.234,56')).toBe(123_456)
  })

  it('reports problems with the Dutch message and the error code', () => {
    const result = euroAmountField().safeParse('1,234.56')
    expect(result.success).toBe(false)
    expect(result.error?.issues).toHaveLength(1)
    expect(result.error?.issues[0].message).toBe(moneyErrorMessage('english-notation', 'nl'))
    expect(result.error?.issues[0]).toMatchObject({ params: { moneyError: 'english-notation' } })
  })

  it('treats a missing value as empty', () => {
    const result = euroAmountField().safeParse(undefined)
    expect(result.error?.issues[0].message).toBe('Vul een bedrag in.')
  })

  it('passes allowNegative and locale on', () => {
    expect(euroAmountField({ allowNegative: true }).parse('-12,50')).toBe(-1250)
    const result = euroAmountField({ locale: 'en' }).safeParse('-12,50')
    expect(result.error?.issues[0].message).toBe('The amount cannot be negative.')
  })

  it('works as an optional object field', () => {
    const schema = z.object({ amount: euroAmountField().optional() })
    expect(schema.parse({})).toEqual({})
    expect(schema.parse({ amount: '12' })).toEqual({ amount: 1200 })
  })
})
