import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { createI18n } from '#app/platform/i18n/config.ts'
import { SpentThisYear } from './ui.tsx'

function render(locale: 'nl' | 'en', props: { year: number; budgetCents: number; actualCents: number }) {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(locale) }, createElement(SpentThisYear, props)))
}

describe('how much of a year’s budget is spent', () => {
  it('says it in Dutch, in whole euros, with the share of the budget', () => {
    const html = render('nl', { year: 2027, budgetCents: 1_032_000_000, actualCents: 1_031_154_567 })
    expect(html).toContain('Uitgegeven in 2027:')
    expect(html).toMatch(/10\.311\.546.*van.*10\.320\.000/)
    expect(html).toContain('(99%)')
  })

  it('shows 0 % rather than nothing for a year without a budget', () => {
    expect(render('nl', { year: 2028, budgetCents: 0, actualCents: 500 })).toContain('(0%)')
  })
})
