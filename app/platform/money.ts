// Money is integer euro cents everywhere; euros only exist as text at the edges (input and display).

export type MoneyError =
  'empty' | 'not-a-number' | 'english-notation' | 'too-many-decimals' | 'negative' | 'too-large' | 'bad-grouping'

export type MessageLocale = 'nl' | 'en'

export type ParseEuroOptions = { allowNegative?: boolean }

export type ParseEuroResult = { ok: true; cents: number } | { ok: false; error: MoneyError }

const moneyErrorMessageTable: Record<MoneyError, Record<MessageLocale, string>> = {
  empty: {
    nl: 'Vul een bedrag in.',
    en: 'Enter an amount.',
  },
  'not-a-number': {
    nl: 'Vul een bedrag in cijfers in, bijvoorbeeld 1.234,56.',
    en: 'Enter an amount in digits, for example 1.234,56.',
  },
  'english-notation': {
    nl: 'Gebruik Nederlandse notatie: 1.234,56 (punt voor duizendtallen, komma voor centen).',
    en: 'Use Dutch notation: 1.234,56 (dot for thousands, comma for cents).',
  },
  'too-many-decimals': {
    nl: 'Gebruik hoogstens twee cijfers achter de komma.',
    en: 'Use at most two digits after the comma.',
  },
  negative: {
    nl: 'Het bedrag mag niet negatief zijn.',
    en: 'The amount cannot be negative.',
  },
  'too-large': {
    nl: 'Dit bedrag is te groot om te verwerken.',
    en: 'This amount is too large to process.',
  },
  'bad-grouping': {
    nl: 'Zet de punten tussen groepjes van drie cijfers, bijvoorbeeld 1.234.567,89.',
    en: 'Put the dots between groups of three digits, for example 1.234.567,89.',
  },
}

export function moneyErrorMessage(code: MoneyError, locale: MessageLocale): string {
  return moneyErrorMessageTable[code][locale]
}

/** Every money message in one language, keyed by error code (for i18n tables whose schemas return `…amount.<code>`). */
export function moneyErrorMessages(locale: MessageLocale): Record<MoneyError, string> {
  const entries = Object.entries(moneyErrorMessageTable).map(([code, texts]) => [code, texts[locale]])
  return Object.fromEntries(entries) as Record<MoneyError, string>
}

// Optional minus (hyphen or U+2212, which pasted text may contain) before or after an optional euro sign.
// `\s` covers U+00A0 and U+202F, which Intl and word processors put after the euro sign.
const amountPattern = /^(?<minusBeforeEuro>[-\u2212]?)\s*(?<euro>€?)\s*(?<minusAfterEuro>[-\u2212]?)\s*(?<amount>.*)$/s
const groupedEuros = /^\d{1,3}(?:\.\d{3})+$/
const maxSafeCents = BigInt(Number.MAX_SAFE_INTEGER)

export function parseEuroToCents(input: string, options: ParseEuroOptions = {}): ParseEuroResult {
  const fail = (error: MoneyError): ParseEuroResult => ({ ok: false, error })
  const trimmed = input.trim()
  if (trimmed === '') return fail('empty')

  // Every part of the pattern is optional, so it always matches.
  const { minusBeforeEuro, euro, minusAfterEuro, amount } = amountPattern.exec(trimmed)!.groups!
  const isNegative = minusBeforeEuro !== '' || minusAfterEuro !== ''
  if (amount === '') return fail(euro !== '' && !isNegative ? 'empty' : 'not-a-number')
  if ((minusBeforeEuro !== '' && minusAfterEuro !== '') || !/^[\d.,]+$/.test(amount)) return fail('not-a-number')

  const notationError = checkDutchNotation(amount)
  if (notationError) return fail(notationError)

  const [euros, fraction = ''] = amount.split(',')
  const magnitude = BigInt(euros.replaceAll('.', '')) * 100n + BigInt(fraction.padEnd(2, '0'))
  if (isNegative && magnitude > 0n && !options.allowNegative) return fail('negative')
  if (magnitude > maxSafeCents) return fail('too-large')
  // `-0` is returned as 0 so callers never see negative zero.
  const cents = Number(magnitude)
  return { ok: true, cents: isNegative && cents !== 0 ? -cents : cents }
}

// `amount` holds only digits, dots and commas here.
function checkDutchNotation(amount: string): MoneyError | null {
  const commaCount = amount.split(',').length - 1
  const lastComma = amount.lastIndexOf(',')
  const lastDot = amount.lastIndexOf('.')
  // "1,234.56", "1,234,567" and "12.50" are English habits: comma for thousands, dot for decimals.
  const dotAfterComma = lastComma !== -1 && lastDot > lastComma
  const digitsAfterOnlyDot = lastDot !== -1 && lastDot === amount.indexOf('.') ? amount.length - lastDot - 1 : 0
  const dotAsDecimalPoint = commaCount === 0 && (digitsAfterOnlyDot === 1 || digitsAfterOnlyDot === 2)
  if (dotAfterComma || commaCount > 1 || dotAsDecimalPoint) return 'english-notation'

  const [euros, fraction] = amount.split(',')
  if (euros === '' || fraction === '') return 'not-a-number'
  if (fraction !== undefined && fraction.length > 2) return 'too-many-decimals'
  if (euros.includes('.') && !groupedEuros.test(euros)) return 'bad-grouping'
  return null
}

// Intl formatters are costly to construct, so they are built once.
const euroWithCentsFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })
// signDisplay 'negative' keeps amounts that round to zero (e.g. −0,40) from showing as "€ -0".
const wholeEuroFormat = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
  signDisplay: 'negative',
})
const plainAmountFormat = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/**
 * Formats cents as Dutch currency, e.g. "€ 1.234,56" (Intl puts U+00A0 after the euro sign; kept as is).
 * With `withCents: false` the amount is shown in whole euros, rounded by Intl half away from zero
 * (1.234.567,50 → "€ 1.234.568"). That rounding is for display only; amounts stay exact cents.
 */
export function formatCents(cents: number, options: { withCents?: boolean } = {}): string {
  const amount = centsToDecimalString(cents)
  return options.withCents === false ? wholeEuroFormat.format(amount) : euroWithCentsFormat.format(amount)
}

/** Formats cents as "1.234,56" without the euro sign, for input fields; `parseEuroToCents` reads it back. */
export function formatCentsPlain(cents: number): string {
  return plainAmountFormat.format(centsToDecimalString(cents))
}

// Intl formats a decimal string exactly, so cents are never divided as floating-point numbers.
function centsToDecimalString(cents: number): `${number}` {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`)
  const magnitude = Math.abs(cents)
  const remainder = magnitude % 100
  const euros = (magnitude - remainder) / 100
  return `${cents < 0 ? '-' : ''}${euros}.${String(remainder).padStart(2, '0')}` as `${number}`
}
