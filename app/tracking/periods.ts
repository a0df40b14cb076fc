/**
 * Reporting periods: a year (`2027`) or a quarter of it (`2027-K1` … `2027-K4`). What a period is,
 * how it is written and which periods an indicator takes are decided here and nowhere else.
 *
 * An indicator's measuring frequency is not part of the pact model (it says what is aimed for,
 * not how often it is measured), so it is tracking-side data: yearly unless the table recorded
 * otherwise (see `tracking.server.ts`). Spending is reported per year.
 */

export const FREQUENCIES = ['jaar', 'kwartaal'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export type Quarter = 1 | 2 | 3 | 4

export interface Period {
  year: number
  quarter: Quarter | null
}

export type PeriodError = 'invalid' | 'outside-years' | 'wrong-frequency'

export type PeriodCheck = { ok: true; period: Period; text: string } | { ok: false; error: PeriodError }

// Four-digit years only: a period is text people type into a spreadsheet, and "27" or "20270" is a typo.
const periodPattern = /^(\d{4})(?:-[Kk]([1-4]))?$/

/** Reads `2027` or `2027-K3` (a lower-case k too); anything else is null. */
export function parsePeriod(text: string): Period | null {
  const match = periodPattern.exec(text.trim())
  if (!match) return null
  return { year: Number(match[1]), quarter: match[2] ? (Number(match[2]) as Quarter) : null }
}

export function formatPeriod(period: Period): string {
  return period.quarter === null ? String(period.year) : `${period.year}-K${period.quarter}`
}

export function frequencyOf(period: Period): Frequency {
  return period.quarter === null ? 'jaar' : 'kwartaal'
}

/** A period for something measured at `frequency`, within the pact's years. */
export function checkPeriod(text: string, rules: { years: readonly number[]; frequency: Frequency }): PeriodCheck {
  const period = parsePeriod(text)
  if (!period) return { ok: false, error: 'invalid' }
  if (!rules.years.includes(period.year)) return { ok: false, error: 'outside-years' }
  if (frequencyOf(period) !== rules.frequency) return { ok: false, error: 'wrong-frequency' }
  return { ok: true, period, text: formatPeriod(period) }
}

/** Every period of the years at this frequency, in order. */
export function periodsOf(years: readonly number[], frequency: Frequency): string[] {
  return [...years]
    .sort((a, b) => a - b)
    .flatMap((year) =>
      frequency === 'jaar' ? [String(year)] : ([1, 2, 3, 4] as const).map((quarter) => formatPeriod({ year, quarter })),
    )
}

/** Whether fixing `fixed` locks `period`: a year locks itself and its quarters, a quarter only itself. */
export function periodCovers(fixed: Period, period: Period): boolean {
  return fixed.year === period.year && (fixed.quarter === null || fixed.quarter === period.quarter)
}

/** Chronological: years before their quarters' successors, `2027` before `2027-K1`. */
export function comparePeriods(a: Period, b: Period): number {
  return a.year - b.year || (a.quarter ?? 0) - (b.quarter ?? 0)
}
