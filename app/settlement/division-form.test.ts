import { describe, expect, it } from 'vitest'
import { divisionFromForm } from './division-form.ts'

describe('divisionFromForm', () => {
  it('reads Dutch percentages and euro caps', () => {
    const fields = { solidariteit: '75', 'sleutel-a': '62,5', 'sleutel-b': '37,5', 'maximum-a': '1.000,00', 'maximum-b': '' }
    expect(divisionFromForm(fields, ['a', 'b'])).toEqual({
      ok: true,
      division: {
        solidarityPercent: 75,
        key: [
          { partyId: 'a', percent: 62.5, capCents: 100_000 },
          { partyId: 'b', percent: 37.5, capCents: null },
        ],
      },
    })
  })

  it('names what cannot be read', () => {
    expect(divisionFromForm({ solidariteit: 'veel' }, ['a'])).toEqual({
      ok: false,
      problem: 'settlement.errors.division.solidarityRange',
    })
    expect(divisionFromForm({ solidariteit: '50', 'sleutel-a': '' }, ['a'])).toEqual({
      ok: false,
      problem: 'settlement.errors.division.percentInvalid',
    })
    expect(divisionFromForm({ solidariteit: '50', 'sleutel-a': '100', 'maximum-a': '-5' }, ['a'])).toEqual({
      ok: false,
      problem: 'settlement.errors.division.capInvalid',
    })
  })
})
