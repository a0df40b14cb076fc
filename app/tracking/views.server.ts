import { getDb, type Db } from '#app/platform/db/db.server.ts'
import { formatDutchNumber } from '#app/platform/dutch-number.ts'
import { formatCentsPlain } from '#app/platform/money.ts'
import type { CsvKind } from './csv-format.ts'
import { periodsOf } from './periods.ts'
import { buildProgress, type Progress, type ProgressSummaryData } from './progress.ts'
import { byPeriod, deriveCell, fixingFor, groupByCell, type TrackingRecord } from './records.ts'
import { listFixingDetails, loadTracking, type TrackingData } from './tracking.server.ts'
import { riskOutcomes, type RiskOutcome } from './settlement.ts'
import { reportsIndicatorsOf, reportsSpendingOf } from './tracked-pact.ts'

/** What the voortgang pages show, as plain data for their loaders. */

export interface ProgressView {
  pact: TrackingData['pact']
  versions: TrackingData['versions']
  /** Null until the pact has a signed version. */
  progress: Progress | null
  riskOutcomes: RiskOutcome[]
  fixings: Awaited<ReturnType<typeof listFixingDetails>>
  /** Periods the beheerder may still fix: years and quarters not yet covered by a fixing. */
  fixable: string[]
}

export async function progressView(
  pactId: string,
  today = new Date(),
  db: Db = getDb(),
): Promise<ProgressView & { data: TrackingData }> {
  const [data, fixings] = await Promise.all([loadTracking(pactId, db), listFixingDetails(pactId, db)])
  const { tracked } = data
  const progress = tracked
    ? buildProgress({
        years: data.years,
        latestVersion: tracked.versionNumber,
        models: data.models,
        parties: data.parties,
        frequencies: tracked.frequencies,
        fixings: tracked.fixings,
        records: data.records,
        today: { year: today.getUTCFullYear() },
      })
    : null
  const riskOutcomesOf = progress
    ? riskOutcomes({ progress, modelOfVersion: (number) => data.models.get(number), parties: data.parties })
    : []
  const fixable = tracked
    ? [...periodsOf(data.years, 'jaar'), ...periodsOf(data.years, 'kwartaal')].filter(
        (period) => fixingFor(period, tracked.fixings) === null,
      )
    : []
  return { pact: data.pact, versions: data.versions, progress, riskOutcomes: riskOutcomesOf, fixings, fixable, data }
}

export interface CellHistory {
  key: string
  kind: TrackingRecord['kind']
  resultAreaId: string
  indicatorId: string | null
  partyId: string
  period: string
  status: ReturnType<typeof deriveCell>['status']
  currentId: number | null
  draftId: number | null
  records: TrackingRecord[]
}

/** Every cell with its records, as the figure's history; `filter` narrows it (an area, a party). */
export function cellHistories(data: TrackingData, filter: (record: TrackingRecord) => boolean): CellHistory[] {
  const fixings = data.tracked?.fixings ?? []
  return [...groupByCell(data.records.filter(filter)).entries()].map(([key, records]) => {
    const first = records[0]!
    const figure = deriveCell(records, fixingFor(first.period, fixings))
    return {
      key,
      kind: first.kind,
      resultAreaId: first.resultAreaId,
      indicatorId: first.indicatorId,
      partyId: first.partyId,
      period: first.period,
      status: figure.status,
      currentId: figure.current?.id ?? null,
      draftId: figure.draft?.id ?? null,
      records,
    }
  })
}

/** What a party may report: the areas whose indicators or spending are theirs, per the signed version. */
export function reportableFor(data: TrackingData, partyId: string) {
  const areas = data.tracked?.model.resultAreas ?? []
  return {
    indicatorAreas: areas.filter((area) => reportsIndicatorsOf(area, partyId)),
    spendingAreas: areas.filter((area) => reportsSpendingOf(area, partyId)),
  }
}

/** The overview's summary, or null for a pact without a signed version. */
export async function progressSummary(pactId: string, today = new Date(), db: Db = getDb()): Promise<ProgressSummaryData | null> {
  const view = await progressView(pactId, today, db)
  if (!view.progress || !view.data.tracked) return null
  const statusCounts = { 'op-koers': 0, aandacht: 0, achter: 0, 'geen-oordeel': 0 }
  for (const area of view.progress.areas) for (const indicator of area.indicators) statusCounts[indicator.status] += 1
  const { budgetCents, actualCents } = view.progress.reportingYearTotals
  return {
    pactId,
    versionNumber: view.data.tracked.versionNumber,
    reportingYear: view.progress.reportingYear,
    budgetCents,
    actualCents,
    statusCounts,
  }
}

function dutchDate(iso: string | null): string {
  return iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : ''
}

/** Every figure that counts (submitted, fixed or corrected), as CSV lines in the import format. */
export function exportLines(data: TrackingData, kind: CsvKind): string[][] {
  const areas = data.tracked?.model.resultAreas ?? []
  const areaTitle = (id: string) => areas.find((area) => area.id === id)?.title ?? id
  const partyName = (id: string) => data.parties.find((party) => party.id === id)?.name ?? id
  const figureKind = kind === 'realisaties' ? 'realisatie' : 'uitgaven'
  return cellHistories(data, (record) => record.kind === figureKind)
    .sort(byPeriod)
    .flatMap((cell) => {
      const record = cell.records.find((candidate) => candidate.id === cell.currentId)
      if (!record) return []
      if (record.kind === 'uitgaven')
        return [[areaTitle(record.resultAreaId), partyName(record.partyId), record.period, formatCentsPlain(record.cents ?? 0)]]
      const indicator = areas.flatMap((area) => area.indicators).find((candidate) => candidate.id === record.indicatorId)
      return [
        [
          areaTitle(record.resultAreaId),
          indicator?.name ?? record.indicatorId ?? '',
          record.period,
          record.value === null ? '' : formatDutchNumber(record.value),
          record.source ?? '',
          dutchDate(record.referenceDate),
          record.note ?? '',
          record.public ? 'ja' : 'nee',
        ],
      ]
    })
}

/**
 * A template to fill in: a line per indicator and period (or per area and party) of the first
 * year that is not fixed yet, with the value left empty. For someone who reports, only what
 * their party reports; for anyone else, everything.
 */
export function templateLines(data: TrackingData, kind: CsvKind, reportingPartyId: string | null): string[][] {
  const tracked = data.tracked
  if (!tracked) return []
  const year = data.years.find((candidate) => fixingFor(String(candidate), tracked.fixings) === null) ?? data.years.at(-1)!
  const partyName = (id: string) => data.parties.find((party) => party.id === id)?.name ?? id
  return tracked.model.resultAreas.flatMap((area) => {
    if (kind === 'uitgaven') {
      const partyIds = [...new Set([...area.responsiblePartyIds, ...area.budgets.map((cell) => cell.partyId)])]
      return partyIds
        .filter((partyId) => reportingPartyId === null || (partyId === reportingPartyId && reportsSpendingOf(area, partyId)))
        .map((partyId) => [area.title, partyName(partyId), String(year), ''])
    }
    if (reportingPartyId !== null && !reportsIndicatorsOf(area, reportingPartyId)) return []
    return area.indicators.flatMap((indicator) =>
      periodsOf([year], tracked.frequencies[indicator.id] ?? 'jaar').map((period) => [
        area.title,
        indicator.name,
        period,
        '',
        indicator.dataSource,
        '',
        '',
        'nee',
      ]),
    )
  })
}
