import { describe, expect, it } from 'vitest'
import { fieldControl, textboxClass } from './field.tsx'

describe('the field wrapper', () => {
  it('points a control at its description and, when invalid, at its errors', () => {
    expect(fieldControl('naam', {})).toEqual({
      id: 'naam',
      invalid: false,
      'aria-invalid': undefined,
      'aria-describedby': undefined,
    })
    expect(fieldControl('naam', { description: 'Zoals in het handelsregister' })['aria-describedby']).toBe('naam-description')
    expect(fieldControl('naam', { description: 'Uitleg', errors: ['Vul een naam in.'] })).toMatchObject({
      invalid: true,
      'aria-invalid': true,
      'aria-describedby': 'naam-description naam-error',
    })
    expect(fieldControl('naam', { errors: [] }).invalid).toBe(false)
  })

  it('gives every text box the same look, marked when invalid', () => {
    expect(textboxClass(false)).toBe('utrecht-textbox utrecht-textbox--html-input')
    expect(textboxClass(true, 'small')).toBe(
      'utrecht-textbox utrecht-textbox--html-input pw-textbox--small utrecht-textbox--invalid',
    )
  })
})
