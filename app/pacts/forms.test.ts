import { describe, expect, it } from 'vitest'
import { createPactSchema } from './forms.ts'

const valid = { title: 'Pact', region: 'Zuiderveen', startYear: '2027', endYear: '2030', organisationId: 'org' }

function messages(input: Record<string, string>) {
  return createPactSchema.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []
}

describe('new pact form', () => {
  it('accepts a title, region and a period of years', () => {
    expect(createPactSchema.parse(valid)).toMatchObject({ startYear: 2027, endYear: 2030 })
  })

  it('refuses an empty title', () => {
    expect(messages({ ...valid, title: '   ' })).toEqual(['title: errors.title.required'])
  })

  it('refuses a period that ends before it starts', () => {
    expect(messages({ ...valid, startYear: '2030', endYear: '2027' })).toEqual(['endYear: errors.period.endBeforeStart'])
  })

  it('refuses years that are not years', () => {
    expect(messages({ ...valid, startYear: 'volgend jaar' })).toContain('startYear: errors.year.required')
    expect(messages({ ...valid, endYear: '3030' })).toEqual(['endYear: errors.year.invalid'])
  })
})
