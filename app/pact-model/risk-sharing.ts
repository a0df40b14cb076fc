// Settles the deviation between budget and actual spending over providers, revolving fund and
// municipality. All arithmetic is exact (BigInt), so no floating-point error ever decides a cent:
// - percents may have at most 2 decimals and are used as integer basis points (percent × 100);
// - weights may have at most 6 decimals and are scaled to integers by a common power of ten.

export type RiskSharingRule = {
  /** Part of the budget (percent) within which overspend is shared by `providerShareInside`. */
  corridorPercent: number
  /** Percent of the overspend inside the corridor that providers carry. */
  providerShareInside: number
  /** Percent of the overspend beyond the corridor that providers carry. */
  providerShareOutside: number
  /** Maximum the providers carry together, or null for no maximum. */
  providerCapCents: number | null
  underspend: {
    /** Percent of the underspend the providers receive. */
    providerGainShare: number
    /** Percent of the underspend that goes to the revolving fund. */
    revolvingFundShare: number
  }
}

export type RiskSharingProvider = { id: string; weight: number }

export type RiskSharingInput = {
  budgetCents: number
  actualCents: number
  rule: RiskSharingRule
  providers: readonly RiskSharingProvider[]
}

export type RiskSharingKind = 'overspend' | 'underspend' | 'on-budget'

/**
 * All amounts are non-negative and add up to exactly |actual − budget|: on an overspend what each
 * party carries, on an underspend what each receives.
 */
export type RiskSharingSettlement = {
  kind: RiskSharingKind
  /** actual − budget: positive on overspend, negative on underspend. */
  deviationCents: number
  municipalityCents: number
  revolvingFundCents: number
  providers: { id: string; cents: number }[]
}

export class RiskSharingInputError extends Error {
  readonly field: string

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`)
    this.name = 'RiskSharingInputError'
    this.field = field
  }
}

const basisPointsPerWhole = 10_000n
const maxPercentDecimals = 2
const maxWeightDecimals = 6

export function settleRiskSharing(input: RiskSharingInput): RiskSharingSettlement {
  const budget = toCents(input.budgetCents, 'budgetCents')
  const actual = toCents(input.actualCents, 'actualCents')
  const rule = toBasisPointRule(input.rule)
  const providerWeights = toProviderWeights(input.providers)

  const deviation = actual - budget
  const magnitude = deviation < 0n ? -deviation : deviation
  // Exact shares as numerators over basis points, in the order providers, fund, municipality.
  let exactShares: bigint[]
  if (deviation > 0n) {
    const corridor = (budget * rule.corridor) / basisPointsPerWhole
    const inside = magnitude < corridor ? magnitude : corridor
    const outside = magnitude - inside
    const uncapped = inside * rule.providerShareInside + outside * rule.providerShareOutside
    const providers =
      rule.providerCapCents !== null && uncapped > rule.providerCapCents * basisPointsPerWhole
        ? rule.providerCapCents * basisPointsPerWhole
        : uncapped
    exactShares = [providers, 0n, magnitude * basisPointsPerWhole - providers]
  } else {
    // Underspend; on budget the magnitude is 0, so any shares give 0 everywhere.
    const { providerGainShare, revolvingFundShare } = rule
    exactShares = [providerGainShare, revolvingFundShare, basisPointsPerWhole - providerGainShare - revolvingFundShare]
  }

  const [providersTotal, revolvingFund, municipality] = allocateExact(magnitude, exactShares)
  const providerCents = allocateExact(providersTotal, providerWeights)

  return {
    kind: deviation > 0n ? 'overspend' : deviation < 0n ? 'underspend' : 'on-budget',
    deviationCents: Number(deviation),
    municipalityCents: Number(municipality),
    revolvingFundCents: Number(revolvingFund),
    providers: input.providers.map((provider, index) => ({ id: provider.id, cents: Number(providerCents[index]) })),
  }
}

/**
 * Splits `totalCents` by weight: every part gets its exact share rounded down, and the cents left
 * over go one each to the largest fractional remainders; equal remainders favour the earlier part.
 * Weights must be finite, non-negative, with at most 6 decimals, and not all zero.
 */
export function allocateLargestRemainder(totalCents: number, weights: readonly number[]): number[] {
  const total = toCents(totalCents, 'totalCents')
  if (weights.length === 0) throw new RiskSharingInputError('weights', 'needs at least one weight')
  const scaled = scaleWeights(weights, (index) => `weights[${index}]`, { allowZero: true })
  if (scaled.every((weight) => weight === 0n)) throw new RiskSharingInputError('weights', 'needs a weight above 0')
  return allocateExact(total, scaled).map(Number)
}

/**
 * Provider weights proportional to their budgets. Providers with a zero budget are omitted: they
 * carry and receive nothing. Throws when no provider has a budget.
 */
export function providersProRataToBudget(budgets: readonly { id: string; budgetCents: number }[]): RiskSharingProvider[] {
  const providers = budgets
    .map(({ id, budgetCents }, index) => {
      toCents(budgetCents, `budgets[${index}].budgetCents`)
      return { id, weight: budgetCents }
    })
    .filter((provider) => provider.weight > 0)
  if (providers.length === 0) throw new RiskSharingInputError('budgets', 'at least one provider needs a budget above 0')
  return providers
}

// Largest-remainder split of `total` over non-negative weights with a positive sum.
function allocateExact(total: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n)
  const parts = weights.map((weight) => (total * weight) / weightSum)
  const remainders = weights.map((weight) => (total * weight) % weightSum)
  const leftover = Number(total - parts.reduce((sum, part) => sum + part, 0n))
  // Array.prototype.sort is stable, so equal remainders keep their input order.
  const byRemainder = weights
    .map((_, index) => index)
    .sort((a, b) => (remainders[a] === remainders[b] ? 0 : remainders[a] > remainders[b] ? -1 : 1))
  for (const index of byRemainder.slice(0, leftover)) parts[index] += 1n
  return parts
}

function toCents(value: number, field: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RiskSharingInputError(field, `must be a non-negative whole number of cents, got ${value}`)
  }
  return BigInt(value)
}

type BasisPointRule = {
  corridor: bigint
  providerShareInside: bigint
  providerShareOutside: bigint
  providerCapCents: bigint | null
  providerGainShare: bigint
  revolvingFundShare: bigint
}

function toBasisPointRule(rule: RiskSharingRule): BasisPointRule {
  const basisPointRule: BasisPointRule = {
    corridor: toBasisPoints(rule.corridorPercent, 'rule.corridorPercent'),
    providerShareInside: toBasisPoints(rule.providerShareInside, 'rule.providerShareInside'),
    providerShareOutside: toBasisPoints(rule.providerShareOutside, 'rule.providerShareOutside'),
    providerCapCents: rule.providerCapCents === null ? null : toCents(rule.providerCapCents, 'rule.providerCapCents'),
    providerGainShare: toBasisPoints(rule.underspend.providerGainShare, 'rule.underspend.providerGainShare'),
    revolvingFundShare: toBasisPoints(rule.underspend.revolvingFundShare, 'rule.underspend.revolvingFundShare'),
  }
  if (basisPointRule.providerGainShare + basisPointRule.revolvingFundShare > basisPointsPerWhole) {
    throw new RiskSharingInputError(
      'rule.underspend',
      `providerGainShare + revolvingFundShare must be at most 100, got ${rule.underspend.providerGainShare} + ${rule.underspend.revolvingFundShare}`,
    )
  }
  return basisPointRule
}

function toBasisPoints(percent: number, field: string): bigint {
  const basisPoints = scaleToInteger(percent, maxPercentDecimals)
  if (basisPoints === null || percent < 0 || percent > 100) {
    throw new RiskSharingInputError(field, `must be a percent from 0 to 100 with at most 2 decimals, got ${percent}`)
  }
  return basisPoints
}

function toProviderWeights(providers: readonly RiskSharingProvider[]): bigint[] {
  if (providers.length === 0) throw new RiskSharingInputError('providers', 'needs at least one provider')
  const seenIds = new Set<string>()
  providers.forEach(({ id }, index) => {
    if (typeof id !== 'string' || id === '')
      throw new RiskSharingInputError(`providers[${index}].id`, 'must be a non-empty string')
    if (seenIds.has(id)) throw new RiskSharingInputError(`providers[${index}].id`, `duplicate id ${JSON.stringify(id)}`)
    seenIds.add(id)
  })
  return scaleWeights(
    providers.map((provider) => provider.weight),
    (index) => `providers[${index}].weight`,
    { allowZero: false },
  )
}

// Scales all weights by the same power of ten so that they become exact integers.
function scaleWeights(
  weights: readonly number[],
  fieldOf: (index: number) => string,
  { allowZero }: { allowZero: boolean },
): bigint[] {
  const decimals = weights.map((weight, index) => {
    const count = decimalCount(weight)
    if (count === null || weight < 0 || (weight === 0 && !allowZero)) {
      const range = allowZero ? 'at least 0' : 'above 0'
      throw new RiskSharingInputError(fieldOf(index), `must be a finite number ${range} with at most 6 decimals, got ${weight}`)
    }
    return count
  })
  const commonDecimals = Math.max(...decimals)
  // Each weight is scaled by its own decimals first, so a huge integer weight is never multiplied as a float.
  return weights.map(
    (weight, index) => scaleToInteger(weight, decimals[index])! * 10n ** BigInt(commonDecimals - decimals[index]),
  )
}

// Fewest decimals (up to maxWeightDecimals) that write `value` exactly, or null if there are more.
function decimalCount(value: number): number | null {
  for (let decimals = 0; decimals <= maxWeightDecimals; decimals++) {
    if (scaleToInteger(value, decimals) !== null) return decimals
  }
  return null
}

// value × 10^decimals as an exact integer, or null when `value` has more decimals (or is not finite).
// Dividing back by the power of ten checks that the rounded product stands for the same number.
function scaleToInteger(value: number, decimals: number): bigint | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null
  const factor = 10 ** decimals
  const scaled = Math.round(value * factor)
  return Number.isFinite(scaled) && scaled / factor === value ? BigInt(scaled) : null
}

/**
 * What the providers together would carry without their cap, when the cap cuts it; null when the
 * cap does not apply (no cap, no overspend, or a share within the cap). Settled by the same rule.
 */
export function uncappedProvidersCents(input: RiskSharingInput): number | null {
  const cap = input.rule.providerCapCents
  if (cap === null || input.actualCents <= input.budgetCents) return null
  const uncapped = settleRiskSharing({ ...input, rule: { ...input.rule, providerCapCents: null } })
  const total = uncapped.providers.reduce((sum, provider) => sum + provider.cents, 0)
  return total > cap ? total : null
}
