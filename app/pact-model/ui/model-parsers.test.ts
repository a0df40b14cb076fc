import { describe, expect, it } from 'vitest'
import { indicatorSchema, resultAreaSchema, riskRuleSchema } from '#app/pact-model/pact-model.ts'
import { createI18n } from '#app/platform/i18n/config.ts'
import { moneyInputText, modelParsers, numberInputText } from './model-parsers.ts'

// What the forms say about bad input, in Dutch, before anything is written to the shared model.
const parse = modelParsers(createI18n('nl').t, 'nl')

describe('modelParsers', () => {
  it.each([
    ['abc', 'Vul een bedrag in cijfers in, bijvoorbeeld 1.234,56.'],
    ['-500', 'Het bedrag mag niet negatief zijn.'],
    ['1,234.56', 'Gebruik Nederlandse notatie: 1.234,56 (punt voor duizendtallen, komma voor centen).'],
  ])('refuses the amount %j: %s', (input, message) => {
    expect(parse.optionalMoney(input)).toEqual({ ok: false, message })
  })

  it('reads amounts to exact cents, and an empty amount as none', () => {
    expect(parse.optionalMoney('1.234.567,89')).toEqual({ ok: true, value: 123_456_789 })
    expect(parse.optionalMoney(' ')).toEqual({ ok: true, value: null })
    expect(parse.money('')).toEqual({ ok: false, message: 'Vul een bedrag in.' })
  })

  it('checks each field against the model’s own schema', () => {
    expect(parse.bySchema(resultAreaSchema.shape.title, '  ')).toEqual({
      ok: false,
      message: 'Geef het resultaatgebied een titel.',
    })
    expect(parse.bySchema(indicatorSchema.shape.unit, '')).toEqual({
      ok: false,
      message: 'Geef de eenheid van de indicator op, bijvoorbeeld % of per 1.000 inwoners.',
    })
    expect(parse.bySchema(riskRuleSchema.shape.corridorPercent, 120)).toEqual({
      ok: false,
      message: 'Vul een percentage van 0 tot en met 100 in.',
    })
  })

  it('reads Dutch decimals and years', () => {
    expect(parse.number('12,5')).toEqual({ ok: true, value: 12.5 })
    expect(parse.number('12.5')).toEqual({ ok: false, message: 'Gebruik een komma voor decimalen, bijvoorbeeld 12,5.' })
    expect(parse.optionalNumber('')).toEqual({ ok: true, value: null })
    expect(parse.optionalYear('25')).toEqual({ ok: false, message: 'Vul een jaartal in, bijvoorbeeld 2025.' })
    expect(parse.optionalYear('2025')).toEqual({ ok: true, value: 2025 })
  })

  it('writes values back the way they are typed', () => {
    expect(moneyInputText(75_000_000)).toBe('750.000')
    expect(moneyInputText(75_000_050)).toBe('750.000,50')
    expect(moneyInputText(Number.NaN)).toBe('')
    expect(numberInputText(11.8)).toBe('11,8')
    expect(numberInputText(null)).toBe('')
  })
})
