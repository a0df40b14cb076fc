import { comparePeriods, parsePeriod, periodCovers } from './periods.ts'

/**
 * The reporting cycle of one cell (an indicator's value, or one party's spending in a result area,
 * for one period). Records are append-only; the figure that counts is derived here:
 *
 *   concept ──(the party submits)──▶ ingediend ──(the table fixes the period)──▶ vastgesteld
 *                                                                              └─ correctie (with a reason)
 *
 * While the period is open a newer concept is a draft beside the submitted figure; submitting
 * it makes it the figure. Fixing locks the latest submitted record as it was at that moment
 * (a fixing stores the last record id it covered); after that only corrections can be added,
 * each with its reason, and the latest correction is the figure. Nothing is ever changed or removed.
 */

export const RECORD_STATUSES = ['concept', 'ingediend', 'correctie'] as const
export type RecordStatus = (typeof RECORD_STATUSES)[number]

export type CellStatus = 'leeg' | 'concept' | 'ingediend' | 'vastgesteld'

export interface CycleRecord {
  id: number
  status: RecordStatus
}

export const FIGURE_KINDS = ['realisatie', 'uitgaven'] as const
export type FigureKind = (typeof FIGURE_KINDS)[number]

/** One stored record, as read back: an indicator value (realisatie) or a party's spending (uitgaven). */
export interface TrackingRecord extends CycleRecord {
  kind: FigureKind
  resultAreaId: string
  indicatorId: string | null
  partyId: string
  period: string
  value: number | null
  cents: number | null
  source: string | null
  referenceDate: string | null
  note: string | null
  public: boolean
  reason: string | null
  correctionOf: number | null
  versionNumber: number
  createdBy: string
  createdAt: string
}

/**
 * The cell a record belongs to. An indicator has one value per period, whichever responsible
 * party reports it; spending is per party.
 */
export function cellKey(record: Pick<TrackingRecord, 'kind' | 'resultAreaId' | 'indicatorId' | 'partyId' | 'period'>): string {
  return record.kind === 'realisatie'
    ? `realisatie:${record.indicatorId}:${record.period}`
    : `uitgaven:${record.resultAreaId}:${record.partyId}:${record.period}`
}

/** Records grouped by cell, in id order. */
export function groupByCell<R extends TrackingRecord>(records: readonly R[]): Map<string, R[]> {
  const cells = new Map<string, R[]>()
  for (const record of [...records].sort((a, b) => a.id - b.id)) {
    const key = cellKey(record)
    const cell = cells.get(key)
    if (cell) cell.push(record)
    else cells.set(key, [record])
  }
  return cells
}

export interface Fixing {
  period: string
  /** The highest record id when the period was fixed: later records are corrections. */
  throughRecordId: number
  /** The signed version in force when the period was fixed. */
  versionNumber: number
}

export interface CellFigure<R extends CycleRecord> {
  status: CellStatus
  /** The figure that counts: submitted, fixed or corrected. */
  current: R | null
  /** A newer concept not yet submitted (open periods only). */
  draft: R | null
  corrected: boolean
}

/** The cell's figure from its records (any order) and the fixing that covers its period, if any. */
export function deriveCell<R extends CycleRecord>(
  records: readonly R[],
  fixing: Pick<Fixing, 'throughRecordId'> | null,
): CellFigure<R> {
  const sorted = [...records].sort((a, b) => a.id - b.id)
  const latest = (keep: (record: R) => boolean) => sorted.findLast(keep) ?? null
  if (fixing) {
    const fixed = latest((record) => record.status === 'ingediend' && record.id <= fixing.throughRecordId)
    const correction = latest((record) => record.status === 'correctie')
    const current = correction ?? fixed
    return { status: current ? 'vastgesteld' : 'leeg', current, draft: null, corrected: correction !== null }
  }
  const submitted = latest((record) => record.status === 'ingediend')
  const concept = latest((record) => record.status === 'concept')
  const draft = concept && (!submitted || concept.id > submitted.id) ? concept : null
  return { status: submitted ? 'ingediend' : draft ? 'concept' : 'leeg', current: submitted, draft, corrected: false }
}

/** The fixing that locked this period (the first one covering it), or null while it is open. */
export function fixingFor(period: string, fixings: readonly Fixing[]): Fixing | null {
  const target = parsePeriod(period)
  if (!target) return null
  const covering = fixings.filter((fixing) => {
    const fixed = parsePeriod(fixing.period)
    return fixed !== null && periodCovers(fixed, target)
  })
  return covering.sort((a, b) => a.throughRecordId - b.throughRecordId)[0] ?? null
}

export type WriteRefusal = 'period-fixed' | 'reason-required' | 'period-open'

/**
 * What a new record for a cell becomes: a concept while the period is open, a correction (which
 * needs a reason) once it is fixed. A correction of an open period is refused: there the figure
 * is simply reported again.
 */
export function statusOfNewRecord(input: {
  fixed: boolean
  correction: boolean
  reason: string | null
}): RecordStatus | WriteRefusal {
  if (!input.fixed) return input.correction ? 'period-open' : 'concept'
  if (!input.correction) return 'period-fixed'
  return input.reason?.trim() ? 'correctie' : 'reason-required'
}

export function byPeriod<T extends { period: string }>(a: T, b: T): number {
  const pa = parsePeriod(a.period)
  const pb = parsePeriod(b.period)
  return pa && pb ? comparePeriods(pa, pb) : a.period.localeCompare(b.period)
}
