import { z } from 'zod'
import { moneyErrorMessage, parseEuroToCents, type MessageLocale, type ParseEuroOptions } from './money.ts'

// Apart from money.ts, which every page loads for its formatting: Zod comes along only with the forms.

export type EuroAmountFieldOptions = ParseEuroOptions & { locale?: MessageLocale }

/**
 * Zod field that reads a Dutch euro amount from text and outputs cents. A missing value (conform
 * sends empty fields as undefined) gets the 'empty' message; other problems their own message.
 */
export function euroAmountField(options: EuroAmountFieldOptions = {}) {
  const locale = options.locale ?? 'nl'
  return z.string({ error: moneyErrorMessage('empty', locale) }).transform((input, ctx) => {
    const result = parseEuroToCents(input, options)
    if (result.ok) return result.cents
    ctx.addIssue({ code: 'custom', message: moneyErrorMessage(result.error, locale), params: { moneyError: result.error } })
    return z.NEVER
  })
}
