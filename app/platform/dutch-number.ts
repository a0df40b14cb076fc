// Decimal numbers (percentages, weights, indicator values) as Dutch people write them: a comma for
// decimals, optionally dots between groups of three digits. Money has its own rules in money.ts.

export type DutchNumberError = 'empty' | 'not-a-number' | 'english-notation'

export type ParseDutchNumberResult = { ok: true; value: number } | { ok: false; error: DutchNumberError }

const dutchNumber = /^[-\u2212]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/
// "12.5" and "1,234.5": a dot as the decimal point, or a comma before a dot, as in English.
const englishNotation = /^[-\u2212]?\d+\.\d{1,2}$|,.*\./

export function parseDutchNumber(input: string): ParseDutchNumberResult {
  const text = input.trim()
  if (text === '') return { ok: false, error: 'empty' }
  if (englishNotation.test(text)) return { ok: false, error: 'english-notation' }
  if (!dutchNumber.test(text)) return { ok: false, error: 'not-a-number' }
  const value = Number(text.replace('\u2212', '-').replaceAll('.', '').replace(',', '.'))
  return Number.isFinite(value) ? { ok: true, value: Object.is(value, -0) ? 0 : value } : { ok: false, error: 'not-a-number' }
}

const dutchNumberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6, useGrouping: false })

/** The number as it is typed back: "12,5", "-3", "1250" (no grouping, so it round-trips through an input). */
export function formatDutchNumber(value: number): string {
  return dutchNumberFormat.format(value)
}
