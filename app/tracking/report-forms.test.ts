import { describe, expect, it } from 'vitest'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { parseReferenceDate, parseYesNo, realisationSchema } from './report-forms.ts'
import type { TrackedPact } from './tracked-pact.ts'

const pact: TrackedPact = {
  years: [...DEMO_PACT_YEARS],
  versionNumber: 1,
  model: demoPactModel({ gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }),
  parties: [{ id: 'j', name: 'Jeugdhulp De Brug' }],
  frequencies: {},
  fixings: [{ period: '2027', throughRecordId: 3, versionNumber: 1 }],
}

// What the report form sends: the indicator by id, the date as a date field or typed, the checkbox as "on".
const form = { indicator: 'demo-jeugd-verblijf', value: '10,9', source: 'CBS', referenceDate: '2028-12-31', public: 'on' }

describe('the report form', () => {
  it('finds the area from the indicator and makes a concept while the period is open', () => {
    expect(realisationSchema(pact, 'j').parse({ ...form, period: '2028' })).toMatchObject({
      resultAreaId: 'demo-jeugd-complex',
      indicatorId: 'demo-jeugd-verblijf',
      period: '2028',
      status: 'concept',
      reason: null,
      value: 10.9,
      referenceDate: '2028-12-31',
      public: true,
      note: null,
    })
  })

  it('makes a correction of a fixed period only with a reason, and refuses a correction of an open one', () => {
    const schema = realisationSchema(pact, 'j')
    expect(schema.parse({ ...form, period: '2027', intent: 'correct', reason: 'Herzien' })).toMatchObject({
      status: 'correctie',
      reason: 'Herzien',
    })
    const issues = (input: Record<string, string>) =>
      schema.safeParse(input).error?.issues.map((issue) => [issue.path[0], issue.message])
    expect(issues({ ...form, period: '2027' })).toEqual([['period', 'tracking.errors.period.period-fixed']])
    expect(issues({ ...form, period: '2027', intent: 'correct' })).toEqual([['reason', 'tracking.errors.reason.required']])
    expect(issues({ ...form, period: '2028', intent: 'correct', reason: 'x' })).toEqual([
      ['period', 'tracking.errors.period.period-open'],
    ])
  })

  it('reads dates as dd-mm-jjjj or jjjj-mm-dd, and only days that exist', () => {
    expect(parseReferenceDate('1-2-2028')).toBe('2028-02-01')
    expect(parseReferenceDate('29-02-2028')).toBe('2028-02-29')
    expect(parseReferenceDate('29-02-2027')).toBeNull()
    expect(parseReferenceDate('2028-13-01')).toBeNull()
    expect(parseReferenceDate('31/12/2028')).toBeNull()
  })

  it('reads ja/nee and a checkbox', () => {
    expect([parseYesNo('Ja'), parseYesNo('nee'), parseYesNo(''), parseYesNo('on'), parseYesNo('jawel')]).toEqual([
      true,
      false,
      false,
      true,
      null,
    ])
  })
})
