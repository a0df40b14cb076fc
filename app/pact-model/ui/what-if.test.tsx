import { describe, expect, it } from 'vitest'
import { createI18n, loadLocale } from '#app/platform/i18n/config.ts'
import { shareSentence } from './what-if.tsx'

const rows = [
  { name: 'Stichting Welzijn', cents: 2_437_500 },
  { name: 'Jeugdhulp De Brug', cents: 812_500 },
  { name: 'Gemeente (de rest)', cents: 4_750_000 },
]

describe('what the what-if says each party carries', () => {
  // Issue 9, item 15: "dit draagt iedere partij" read as if every party paid the whole overspend.
  it('names each party with its own share', () => {
    const { t } = createI18n('nl')
    expect(shareSentence(rows, 'overspend', t, 'nl')).toBe(
      'Stichting Welzijn draagt € 24.375,00, Jeugdhulp De Brug draagt € 8.125,00 en Gemeente (de rest) draagt € 47.500,00'.replaceAll(
        '€ ',
        '€\u00a0',
      ),
    )
    expect(t('areas.whatIf.overspend', { amount: '€ 80.000,00', shares: shareSentence(rows, 'overspend', t, 'nl') })).not.toMatch(
      /iedere partij/,
    )
  })

  it('says what each receives on an underspend, in English too', async () => {
    await loadLocale('en')
    const { t } = createI18n('en')
    expect(shareSentence(rows.slice(0, 2), 'underspend', t, 'en')).toBe(
      'Stichting Welzijn receives €\u00a024.375,00 and Jeugdhulp De Brug receives €\u00a08.125,00',
    )
  })
})
