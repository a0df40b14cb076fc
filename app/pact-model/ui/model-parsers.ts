import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type * as z from 'zod/mini'
import { formatDutchNumber, parseDutchNumber, type DutchNumberError } from '#app/platform/dutch-number.ts'
import { formatCentsPlain, moneyErrorMessage, parseEuroToCents, type MessageLocale } from '#app/platform/money.ts'
import type { ParseResult } from './live-fields.tsx'
import { messageText } from '#app/platform/i18n/keys.ts'

/**
 * Reading form input for the shared model, with the messages in the reader's language: amounts
 * through money.ts, other numbers as Dutch decimals, and every value then through the model's
 * own schema for that field, so the form refuses exactly what the server would.
 */
export function modelParsers(t: TFunction, locale: MessageLocale) {
  function bySchema<Value>(schema: z.ZodMiniType<Value>, value: unknown): ParseResult<Value> {
    const result = schema.safeParse(value)
    return result.success
      ? { ok: true, value: result.data }
      : { ok: false, message: messageText(t, result.error.issues[0]!.message) }
  }
  const numberErrors: Record<DutchNumberError, string> = {
    empty: t('areas.errors.number.empty'),
    'not-a-number': t('areas.errors.number.notANumber'),
    'english-notation': t('areas.errors.number.englishNotation'),
  }

  function money(text: string): ParseResult<number> {
    const result = parseEuroToCents(text)
    return result.ok ? { ok: true, value: result.cents } : { ok: false, message: moneyErrorMessage(result.error, locale) }
  }

  return {
    bySchema,
    text:
      <Value>(schema: z.ZodMiniType<Value>) =>
      (text: string): ParseResult<Value> =>
        bySchema(schema, text),
    /** An amount in euros, to cents. */
    money,
    /** An amount in euros to cents; an empty field means "no amount" (null). */
    optionalMoney: (text: string): ParseResult<number | null> => (text.trim() === '' ? { ok: true, value: null } : money(text)),
    number: (text: string): ParseResult<number> => {
      const result = parseDutchNumber(text)
      return result.ok ? result : { ok: false, message: numberErrors[result.error] }
    },
    /** A number, or null for an empty field. */
    optionalNumber: (text: string): ParseResult<number | null> => {
      if (text.trim() === '') return { ok: true, value: null }
      const result = parseDutchNumber(text)
      return result.ok ? result : { ok: false, message: numberErrors[result.error] }
    },
    optionalYear: (text: string): ParseResult<number | null> => {
      const trimmed = text.trim()
      if (trimmed === '') return { ok: true, value: null }
      return /^\d{4}$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, message: t('areas.errors.year') }
    },
  }
}

export type ModelParsers = ReturnType<typeof modelParsers>

export function useModelParsers(): ModelParsers {
  const { t, i18n } = useTranslation()
  const locale: MessageLocale = i18n.language === 'en' ? 'en' : 'nl'
  return useMemo(() => modelParsers(t, locale), [t, locale])
}

/** Cents as they are typed: "750.000" for whole euros, "750.000,50" otherwise; '' for no (or no sensible) amount. */
export function moneyInputText(cents: number | null): string {
  if (cents === null || !Number.isSafeInteger(cents)) return ''
  return formatCentsPlain(cents).replace(/,00$/, '')
}

/** A number as typed, or '' when there is none (or only something that is not a number). */
export function numberInputText(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : formatDutchNumber(value)
}
