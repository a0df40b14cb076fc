import { describe, expect, it } from 'vitest'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import type { ResultArea } from '#app/pact-model/pact-model.ts'
import { pactDataHtml } from './pact-data-html.ts'

const parties: NamedParty[] = [
  { id: 'welzijn', name: 'Stichting Welzijn', kind: 'aanbieder' },
  { id: 'brug', name: 'Jeugdhulp De Brug', kind: 'aanbieder' },
]
const area = (cents: [number, number]): ResultArea => ({
  id: 'jeugd',
  title: 'Jeugd',
  description: '',
  challenge: '',
  targetGroup: '',
  responsiblePartyIds: ['welzijn', 'brug'],
  budgets: [
    { partyId: 'welzijn', year: 2028, cents: cents[0] },
    { partyId: 'brug', year: 2028, cents: cents[1] },
  ],
  indicators: [],
})
const html = (cents: [number, number]) =>
  pactDataHtml(
    { kind: 'result-area', refId: 'jeugd' },
    { model: { resultAreas: [area(cents)], riskRules: [] }, valid: true, years: [2027, 2028], parties },
    'budget',
  )
const cells = (markup: string) => [...markup.matchAll(/numeric-data">([^<]*)</g)].map((match) => match[1])

describe('the budget table in stored HTML', () => {
  it('shows the cents when an amount has cents, so the rows add up to the total (issue 9, item 13)', () => {
    expect(cells(html([25_000_075, 105_000_050]))).toEqual([
      '€\u00a00,00',
      '€\u00a0250.000,75',
      '€\u00a0250.000,75',
      '€\u00a00,00',
      '€\u00a01.050.000,50',
      '€\u00a01.050.000,50',
      '€\u00a00,00',
      '€\u00a01.300.001,25',
      '€\u00a01.300.001,25',
    ])
  })

  it('keeps whole euros, as signed versions stored them, when every amount is whole', () => {
    expect(cells(html([25_000_000, 105_000_000]))).toEqual([
      '€\u00a00',
      '€\u00a0250.000',
      '€\u00a0250.000',
      '€\u00a00',
      '€\u00a01.050.000',
      '€\u00a01.050.000',
      '€\u00a00',
      '€\u00a01.300.000',
      '€\u00a01.300.000',
    ])
  })
})

describe('a block that shows all result areas or all rules', () => {
  const source = {
    model: { resultAreas: [area([100, 200]), { ...area([300, 400]), id: 'ouderen', title: 'Ouderen' }], riskRules: [] },
    valid: true,
    years: [2027, 2028],
    parties,
  }

  it('shows every area there is, in model order', () => {
    const markup = pactDataHtml({ kind: 'all-result-areas', refId: '' }, source, 'resultaatgebied')
    expect(markup.indexOf('Resultaatgebied: Jeugd')).toBeGreaterThan(-1)
    expect(markup.indexOf('Resultaatgebied: Ouderen')).toBeGreaterThan(markup.indexOf('Resultaatgebied: Jeugd'))
  })

  it('says there is nothing yet while the model is empty', () => {
    expect(pactDataHtml({ kind: 'all-risk-rules', refId: '' }, source, 'risicodeling')).toContain(
      'Er zijn nog geen afspraken over risicodeling.',
    )
    expect(
      pactDataHtml({ kind: 'all-result-areas', refId: '' }, { ...source, model: { resultAreas: [], riskRules: [] } }, 'budget'),
    ).toContain('Er zijn nog geen resultaatgebieden.')
  })
})
