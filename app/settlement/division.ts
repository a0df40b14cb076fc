import { allocateLargestRemainder } from '#app/pact-model/risk-sharing.ts'
import type { RiskSharingKind } from '#app/pact-model/risk-sharing.ts'

/**
 * How a region divides the municipal share of a settlement among its gemeenten. Solidarity
 * decides the mix: `solidarityPercent` of the share is divided by the fixed key (e.g.
 * inhabitants), the rest by who caused it (each municipality's own reported spending in the
 * rule's scope). 100 is the key alone, 0 is each one's own share alone. A cap limits what one
 * municipality carries of an overspend; what it would carry above its cap goes to the others by
 * the key. Every split is exact largest remainder, so the parts add up to the share to the cent.
 */
export interface MunicipalDivision {
  solidarityPercent: number
  key: MunicipalKeyEntry[]
}

export interface MunicipalKeyEntry {
  partyId: string
  /** Percent of the key, at most 2 decimals; the key adds up to exactly 100. */
  percent: number
  /** The most this municipality carries of an overspend, or null for no maximum. */
  capCents: number | null
}

export type DivisionProblem =
  | 'settlement.errors.division.keyNot100'
  | 'settlement.errors.division.solidarityRange'
  | 'settlement.errors.division.percentInvalid'
  | 'settlement.errors.division.capInvalid'
  | 'settlement.errors.division.municipalitiesMismatch'

export type DivisionResult =
  | { ok: true; parts: Array<{ partyId: string; cents: number }> }
  | { ok: false; problem: DivisionProblem | 'settlement.errors.division.capsTooLow' }

const BASIS_POINTS = 10_000

/** Everything wrong with a division for these municipalities, as message keys; empty when it is usable. */
export function divisionProblems(division: MunicipalDivision, municipalityIds: readonly string[]): DivisionProblem[] {
  const problems = new Set<DivisionProblem>()
  const solidarity = basisPoints(division.solidarityPercent)
  if (solidarity === null || solidarity < 0 || solidarity > BASIS_POINTS)
    problems.add('settlement.errors.division.solidarityRange')
  const keyed = division.key.map((entry) => entry.partyId)
  const sameParties =
    keyed.length === municipalityIds.length &&
    new Set(keyed).size === keyed.length &&
    keyed.every((id) => municipalityIds.includes(id))
  if (!sameParties) problems.add('settlement.errors.division.municipalitiesMismatch')
  let total = 0
  for (const entry of division.key) {
    const points = basisPoints(entry.percent)
    if (points === null || points < 0 || points > BASIS_POINTS) problems.add('settlement.errors.division.percentInvalid')
    else total += points
    if (entry.capCents !== null && (!Number.isSafeInteger(entry.capCents) || entry.capCents < 0)) {
      problems.add('settlement.errors.division.capInvalid')
    }
  }
  if (!problems.has('settlement.errors.division.percentInvalid') && total !== BASIS_POINTS)
    problems.add('settlement.errors.division.keyNot100')
  return [...problems]
}

/**
 * Divides `totalCents` (the municipal share of one rule, what the municipalities carry on an
 * overspend or receive on an underspend) by `division`. `causeCents` is each municipality's own
 * spending in the scope; when none of them spent anything the caused part follows the key too.
 * Caps apply to an overspend only: a cap limits a burden, never a gain.
 */
export function divideMunicipalShare(input: {
  totalCents: number
  kind: RiskSharingKind
  division: MunicipalDivision
  causeCents: Readonly<Record<string, number>>
}): DivisionResult {
  const { totalCents, division } = input
  const problems = divisionProblems(
    division,
    division.key.map((entry) => entry.partyId),
  )
  if (problems.length > 0) return { ok: false, problem: problems[0]! }
  // Whole basis points, so that no float (100 − 32,01 = 67,99000000000001) reaches the allocation.
  const keyWeights = division.key.map((entry) => basisPoints(entry.percent)!)
  const solidarity = basisPoints(division.solidarityPercent)!
  const [byKey, byCause] = allocateLargestRemainder(totalCents, [solidarity, BASIS_POINTS - solidarity])
  const causeWeights = division.key.map((entry) => Math.max(0, input.causeCents[entry.partyId] ?? 0))
  const keyParts = allocateLargestRemainder(byKey!, keyWeights)
  const causeParts = allocateLargestRemainder(byCause!, causeWeights.some((weight) => weight > 0) ? causeWeights : keyWeights)
  const parts = keyParts.map((cents, index) => cents + causeParts[index]!)
  if (input.kind === 'overspend' && !applyCaps(parts, division.key, keyWeights))
    return { ok: false, problem: 'settlement.errors.division.capsTooLow' }
  return { ok: true, parts: division.key.map((entry, index) => ({ partyId: entry.partyId, cents: parts[index]! })) }
}

// Lowers every part above its cap to the cap and gives the excess to the municipalities below
// their cap, by the key (equally when their key is all zero), until none is above its cap.
// False when the caps together are less than the total.
function applyCaps(parts: number[], key: readonly MunicipalKeyEntry[], keyWeights: readonly number[]): boolean {
  const capped = new Set<number>()
  for (;;) {
    let excess = 0
    key.forEach((entry, index) => {
      if (capped.has(index) || entry.capCents === null || parts[index]! <= entry.capCents) return
      excess += parts[index]! - entry.capCents
      parts[index] = entry.capCents
      capped.add(index)
    })
    if (excess === 0) return true
    const open = key.map((_, index) => index).filter((index) => !capped.has(index))
    if (open.length === 0) return false
    const weights = open.map((index) => keyWeights[index]!)
    const extra = allocateLargestRemainder(excess, weights.some((weight) => weight > 0) ? weights : open.map(() => 1))
    open.forEach((index, position) => (parts[index] = parts[index]! + extra[position]!))
  }
}

// A percent as whole basis points, or null when it has more than 2 decimals or is no number.
function basisPoints(percent: number): number | null {
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return null
  const points = Math.round(percent * 100)
  return points / 100 === percent ? points : null
}
