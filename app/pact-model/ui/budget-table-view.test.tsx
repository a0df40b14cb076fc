import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { createI18n } from '#app/platform/i18n/config.ts'
import type { NamedParty } from '../budget-table.ts'
import type { PactModel, ResultArea } from '../pact-model.ts'
import { AreaBudgetTable, BudgetTableView } from './budget-table-view.tsx'

const parties: NamedParty[] = [
  { id: 'welzijn', name: 'Stichting Welzijn', kind: 'aanbieder' },
  { id: 'brug', name: 'Jeugdhulp De Brug', kind: 'aanbieder' },
]
const years = [2027, 2028]
// Issue 9, item 13: these two budgets were shown as € 250.001 and € 1.050.001 with a total of € 1.300.001.
const area: ResultArea = {
  id: 'jeugd',
  title: 'Jeugd',
  description: '',
  challenge: '',
  targetGroup: '',
  responsiblePartyIds: ['welzijn', 'brug'],
  budgets: [
    { partyId: 'welzijn', year: 2028, cents: 25_000_075 },
    { partyId: 'brug', year: 2028, cents: 105_000_050 },
  ],
  indicators: [],
}
const model: PactModel = { resultAreas: [area], riskRules: [] }

const render = (element: React.ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n('nl')}>{element}</I18nextProvider>)
const cells = (html: string) => [...html.matchAll(/numeric-data">([^<]*)</g)].map((match) => match[1])

describe('the budget tables on the budgets page', () => {
  it('show the cents when an amount has cents, so the rows add up to the total', () => {
    const html = render(<BudgetTableView model={model} years={years} parties={parties} />)
    expect(cells(html)).toContain('€\u00a0250.000,75')
    expect(cells(html)).toContain('€\u00a01.050.000,50')
    expect(cells(html)).toContain('€\u00a01.300.001,25')
    expect(cells(html)).not.toContain('€\u00a0250.001')
  })

  it('show one area’s budget with cents too', () => {
    const html = render(<AreaBudgetTable area={area} years={years} parties={parties} />)
    expect(cells(html)).toEqual([
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
})
