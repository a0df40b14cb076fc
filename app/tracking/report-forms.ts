import { z } from 'zod'
import { parseEuroToCents } from '#app/platform/money.ts'
import { parseDutchNumber } from '#app/platform/dutch-number.ts'
import type { ResultArea } from '#app/pact-model/pact-model.ts'
import { checkPeriod, type Frequency } from './periods.ts'
import { fixingFor, statusOfNewRecord } from './records.ts'
import {
  findArea,
  findIndicator,
  findParty,
  frequencyOfIndicator,
  reportsIndicatorsOf,
  reportsSpendingOf,
  type TrackedPact,
} from './tracked-pact.ts'

/**
 * The one check of a reported figure, whether it comes from the report form or a CSV line: what
 * it refers to must be in the signed version, the period must fit the pact's years and the
 * indicator's frequency, a fixed period takes only corrections (with a reason), and a party
 * reports only for itself. The schemas take plain data, so the browser runs the same checks.
 * Messages are i18n keys (`tracking.errors.*`).
 */

export const MAX_SOURCE_LENGTH = 200
export const MAX_NOTE_LENGTH = 2_000
export const INTENTS = ['report', 'correct'] as const

interface FigureBase {
  resultAreaId: string
  partyId: string
  period: string
  /** 'concept' while the period is open, 'correctie' once it is fixed. */
  status: 'concept' | 'correctie'
  reason: string | null
}

export interface RealisationFigure extends FigureBase {
  kind: 'realisatie'
  indicatorId: string
  value: number
  source: string
  /** yyyy-mm-dd */
  referenceDate: string
  note: string | null
  public: boolean
}

export interface SpendingFigure extends FigureBase {
  kind: 'uitgaven'
  cents: number
}

export type ReportedFigure = RealisationFigure | SpendingFigure

const text = z
  .string()
  .optional()
  .transform((value) => value?.trim() ?? '')

const common = {
  intent: z.enum(INTENTS).optional().default('report'),
  resultArea: text,
  period: text,
  reason: text,
}

export function realisationSchema(pact: TrackedPact, partyId: string) {
  return z
    .object({
      ...common,
      indicator: text,
      value: text,
      source: text,
      referenceDate: text,
      note: text,
      public: text,
    })
    .transform((input, ctx): RealisationFigure => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      // The form names only the indicator (ids are unique across the model); a CSV line names both.
      const areaText =
        input.resultArea ||
        (pact.model.resultAreas.find((area) => area.indicators.some((indicator) => indicator.id === input.indicator))?.id ?? '')
      const area = resolveArea(pact, areaText, issue)
      const indicator = area ? findIndicator(area, input.indicator) : null
      if (area && !input.indicator) issue('indicator', 'tracking.errors.indicator.required')
      else if (area && !indicator) issue('indicator', 'tracking.errors.indicator.unknown')
      if (area && !reportsIndicatorsOf(area, partyId)) issue('resultArea', 'tracking.errors.party.notResponsible')
      const cycle = checkCycle(pact, input, indicator ? frequencyOfIndicator(pact, indicator.id) : null, issue)

      const value = parseDutchNumber(input.value)
      if (!value.ok)
        issue('value', value.error === 'empty' ? 'tracking.errors.value.required' : `tracking.errors.value.${value.error}`)
      if (!input.source) issue('source', 'tracking.errors.source.required')
      else if (input.source.length > MAX_SOURCE_LENGTH) issue('source', 'tracking.errors.text.tooLong')
      if (input.note.length > MAX_NOTE_LENGTH) issue('note', 'tracking.errors.text.tooLong')
      const referenceDate = parseReferenceDate(input.referenceDate)
      if (!input.referenceDate) issue('referenceDate', 'tracking.errors.referenceDate.required')
      else if (!referenceDate) issue('referenceDate', 'tracking.errors.referenceDate.invalid')
      const isPublic = parseYesNo(input.public)
      if (isPublic === null) issue('public', 'tracking.errors.public.invalid')

      if (!area || !indicator || !cycle || !value.ok || !referenceDate || isPublic === null || ctx.issues.length > 0)
        return z.NEVER
      return {
        kind: 'realisatie',
        resultAreaId: area.id,
        indicatorId: indicator.id,
        partyId,
        ...cycle,
        value: value.value,
        source: input.source,
        referenceDate,
        note: input.note || null,
        public: isPublic,
      }
    })
}

/** `party` may name the reporting party (a CSV has the column); it defaults to the reporter's own party. */
export function spendingSchema(pact: TrackedPact, partyId: string) {
  return z.object({ ...common, party: text, amount: text }).transform((input, ctx): SpendingFigure => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    const area = resolveArea(pact, input.resultArea, issue)
    const party = input.party ? findParty(pact, input.party) : { id: partyId }
    if (!party) issue('party', 'tracking.errors.party.unknown')
    else if (party.id !== partyId) issue('party', 'tracking.errors.party.other')
    else if (area && !reportsSpendingOf(area, partyId)) issue('resultArea', 'tracking.errors.party.notResponsible')
    const cycle = checkCycle(pact, input, 'jaar', issue)
    const amount = parseEuroToCents(input.amount)
    if (!amount.ok) issue('amount', `tracking.errors.amount.${amount.error}`)
    if (!area || !cycle || !amount.ok || ctx.issues.length > 0) return z.NEVER
    return { kind: 'uitgaven', resultAreaId: area.id, partyId, ...cycle, cents: amount.cents }
  })
}

function resolveArea(pact: TrackedPact, text: string, issue: (path: string, message: string) => void): ResultArea | null {
  if (!text) {
    issue('resultArea', 'tracking.errors.area.required')
    return null
  }
  const area = findArea(pact, text)
  if (!area) issue('resultArea', 'tracking.errors.area.unknown')
  return area
}

/** The period and what a new record for it becomes; null (with issues) when it cannot be reported. */
function checkCycle(
  pact: TrackedPact,
  input: { intent: (typeof INTENTS)[number]; period: string; reason: string },
  frequency: Frequency | null,
  issue: (path: string, message: string) => void,
): Pick<FigureBase, 'period' | 'status' | 'reason'> | null {
  if (!input.period) {
    issue('period', 'tracking.errors.period.required')
    return null
  }
  // Without a known indicator the frequency is unknown; the indicator has its own issue then.
  if (frequency === null) return null
  const period = checkPeriod(input.period, { years: pact.years, frequency })
  if (!period.ok) {
    issue('period', `tracking.errors.period.${period.error}`)
    return null
  }
  const fixed = fixingFor(period.text, pact.fixings) !== null
  const status = statusOfNewRecord({ fixed, correction: input.intent === 'correct', reason: input.reason })
  if (status === 'period-fixed' || status === 'period-open') {
    issue('period', `tracking.errors.period.${status}`)
    return null
  }
  if (status === 'reason-required') {
    issue('reason', 'tracking.errors.reason.required')
    return null
  }
  if (input.reason.length > MAX_NOTE_LENGTH) issue('reason', 'tracking.errors.text.tooLong')
  return {
    period: period.text,
    status: status === 'correctie' ? 'correctie' : 'concept',
    reason: status === 'correctie' ? input.reason : null,
  }
}

const dutchDate = /^(\d{1,2})-(\d{1,2})-(\d{4})$/
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/

/** `dd-mm-jjjj` (as spreadsheets write it) or `jjjj-mm-dd` (as a date field sends it), as yyyy-mm-dd; null if no such day. */
export function parseReferenceDate(text: string): string | null {
  const dutch = dutchDate.exec(text)
  const iso = isoDate.exec(text)
  const parts = dutch ? [dutch[3], dutch[2], dutch[1]] : iso ? [iso[1], iso[2], iso[3]] : null
  if (!parts) return null
  const [year, month, day] = parts.map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

/** `ja`/`nee` from a spreadsheet, `on` from a checkbox, empty as no. */
export function parseYesNo(text: string): boolean | null {
  const value = text.trim().toLocaleLowerCase('nl')
  if (value === 'ja' || value === 'on' || value === 'true') return true
  if (value === 'nee' || value === '' || value === 'false') return false
  return null
}
