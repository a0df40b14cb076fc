import type { IndicatorDirection, PactModel } from '#app/pact-model/pact-model.ts'
import { parsePeriod, periodsOf, type Frequency } from './periods.ts'
import { cellKey, deriveCell, fixingFor, groupByCell, type CellStatus, type Fixing, type TrackingRecord } from './records.ts'
import { indicatorStatus, type IndicatorStatus } from './status.ts'

/**
 * How the pact is doing, from what was signed and what was reported: per result area each
 * indicator's target path and realised values, its status, and budget against spending per
 * year and party. Each year is measured against the signed version in force for it: the version
 * its fixing recorded, or the latest signed version while the year is open.
 */

export interface ProgressInput {
  years: readonly number[]
  latestVersion: number
  /** The models of the signed versions, by number; at least the latest and those fixings name. */
  models: ReadonlyMap<number, PactModel>
  parties: ReadonlyArray<{ id: string; name: string }>
  frequencies: Readonly<Record<string, Frequency>>
  fixings: readonly Fixing[]
  records: readonly TrackingRecord[]
  /** The calendar year today, so "this year" is the one being reported on. */
  today: { year: number }
}

export interface ProgressPoint {
  period: string
  target: number | null
  realised: number | null
  cellStatus: CellStatus
  corrected: boolean
}

export interface IndicatorProgress {
  id: string
  name: string
  unit: string
  direction: IndicatorDirection
  baselineValue: number | null
  baselineYear: number | null
  frequency: Frequency
  points: ProgressPoint[]
  /** The most recent realised value and the target of its year, which the status compares. */
  latest: { period: string; realised: number; target: number | null } | null
  status: IndicatorStatus
}

export interface SpendingCell {
  year: number
  partyId: string
  partyName: string
  budgetCents: number
  actualCents: number | null
  cellStatus: CellStatus
}

export interface AreaProgress {
  id: string
  title: string
  indicators: IndicatorProgress[]
  spending: SpendingCell[]
  /** Budget and reported spending of the reporting year, all parties. */
  reportingYear: { budgetCents: number; actualCents: number }
}

export interface YearInForce {
  year: number
  versionNumber: number
  fixed: boolean
}

export interface Progress {
  years: YearInForce[]
  /** "This year": today's year within the pact, or later when figures of a later year are in. */
  reportingYear: number
  areas: AreaProgress[]
  reportingYearTotals: { budgetCents: number; actualCents: number }
}

/** What a signed pact's overview shows first. */
export interface ProgressSummaryData {
  pactId: string
  versionNumber: number
  reportingYear: number
  budgetCents: number
  actualCents: number
  statusCounts: Record<IndicatorStatus, number>
}

export function versionForYear(year: number, fixings: readonly Fixing[], latestVersion: number): number {
  return fixingFor(String(year), fixings)?.versionNumber ?? latestVersion
}

export function buildProgress(input: ProgressInput): Progress {
  const years = [...input.years].sort((a, b) => a - b)
  const latestModel = input.models.get(input.latestVersion)
  const yearsInForce = years.map((year) => ({
    year,
    versionNumber: versionForYear(year, input.fixings, input.latestVersion),
    fixed: fixingFor(String(year), input.fixings) !== null,
  }))
  const modelOfYear = (year: number) => input.models.get(versionForYear(year, input.fixings, input.latestVersion)) ?? latestModel
  const cells = groupByCell(input.records)
  const figureOf = (key: string, period: string) => deriveCell(cells.get(key) ?? [], fixingFor(period, input.fixings))

  // Concepts do not count yet, here as everywhere on the dashboard.
  const reportedYears = input.records
    .filter((record) => record.status !== 'concept')
    .map((record) => parsePeriod(record.period)?.year ?? years[0]!)
  const clampedToday = Math.min(Math.max(input.today.year, years[0]!), years[years.length - 1]!)
  const reportingYear = Math.max(clampedToday, ...reportedYears)

  const areas = (latestModel?.resultAreas ?? []).map((area): AreaProgress => {
    const indicators = area.indicators.map((indicator): IndicatorProgress => {
      const frequency = input.frequencies[indicator.id] ?? 'jaar'
      const targetOf = (year: number) =>
        modelOfYear(year)
          ?.resultAreas.find((candidate) => candidate.id === area.id)
          ?.indicators.find((candidate) => candidate.id === indicator.id)
          ?.targets.find((target) => target.year === year)?.value ?? null
      const points = periodsOf(years, frequency).map((period): ProgressPoint => {
        const figure = figureOf(
          cellKey({ kind: 'realisatie', resultAreaId: area.id, indicatorId: indicator.id, partyId: '', period }),
          period,
        )
        return {
          period,
          target: targetOf(parsePeriod(period)!.year),
          realised: figure.current?.value ?? null,
          cellStatus: figure.status,
          corrected: figure.corrected,
        }
      })
      const lastPoint = points.findLast((point) => point.realised !== null)
      const latest = lastPoint ? { period: lastPoint.period, realised: lastPoint.realised!, target: lastPoint.target } : null
      return {
        id: indicator.id,
        name: indicator.name,
        unit: indicator.unit,
        direction: indicator.direction,
        baselineValue: indicator.baselineValue,
        baselineYear: indicator.baselineYear,
        frequency,
        points,
        latest,
        status: indicatorStatus({
          direction: indicator.direction,
          baseline: indicator.baselineValue,
          target: latest?.target ?? null,
          realised: latest?.realised ?? null,
        }),
      }
    })

    const partyIds = [...new Set([...area.responsiblePartyIds, ...area.budgets.map((cell) => cell.partyId)])]
    const spending = years.flatMap((year) =>
      partyIds.map((partyId): SpendingCell => {
        const budget = modelOfYear(year)
          ?.resultAreas.find((candidate) => candidate.id === area.id)
          ?.budgets.find((cell) => cell.partyId === partyId && cell.year === year)
        const period = String(year)
        const figure = figureOf(cellKey({ kind: 'uitgaven', resultAreaId: area.id, indicatorId: null, partyId, period }), period)
        return {
          year,
          partyId,
          partyName: input.parties.find((party) => party.id === partyId)?.name ?? partyId,
          budgetCents: budget?.cents ?? 0,
          actualCents: figure.current?.cents ?? null,
          cellStatus: figure.status,
        }
      }),
    )
    const thisYear = spending.filter((cell) => cell.year === reportingYear)
    return {
      id: area.id,
      title: area.title,
      indicators,
      spending,
      reportingYear: {
        budgetCents: thisYear.reduce((sum, cell) => sum + cell.budgetCents, 0),
        actualCents: thisYear.reduce((sum, cell) => sum + (cell.actualCents ?? 0), 0),
      },
    }
  })

  return {
    years: yearsInForce,
    reportingYear,
    areas,
    reportingYearTotals: {
      budgetCents: areas.reduce((sum, area) => sum + area.reportingYear.budgetCents, 0),
      actualCents: areas.reduce((sum, area) => sum + area.reportingYear.actualCents, 0),
    },
  }
}

/** Spent share of a budget in whole percents (rounded down, so 99.6% is not shown as done); null without a budget. */
export function spentPercent(budgetCents: number, actualCents: number): number | null {
  return budgetCents > 0 ? Math.floor((actualCents * 100) / budgetCents) : null
}
