import type { RiskRule } from '#app/pact-model/pact-model.ts'
import { settleRiskSharing, type RiskSharingInput, type RiskSharingKind } from '#app/pact-model/risk-sharing.ts'
import { canonicalJson, sha256Hex } from '#app/sign-off/canonical.ts'
import type { YearInForce } from '#app/tracking/progress.ts'
import type { RiskOutcome } from '#app/tracking/settlement.ts'
import { divideMunicipalShare, type MunicipalDivision } from './division.ts'

/**
 * The settlement of one year: for every risk-sharing rule of the signed version in force, the
 * fixed budget and spending of its scope, settled by `settleRiskSharing` exactly as signed, and
 * the municipal share divided among the region's gemeenten. What the parties approve is the hash
 * of the inputs and the outcome together, so a changed figure, rule or key is a different
 * settlement. `settleYear` is a pure function of the stored inputs: the outcome can always be
 * recomputed and checked.
 */

export interface RuleInputs {
  ruleId: string
  scope: RiskRule['scope']
  /** Budget, spending, the rule as signed and the providers' weights: what settleRiskSharing takes. */
  riskSharing: RiskSharingInput
  /** The gemeenten at the table with their own spending in the scope; one gemeente carries the whole share. */
  municipalities: Array<{ partyId: string; causeCents: number }>
  /** How the municipal share is divided when there is more than one gemeente. */
  division: MunicipalDivision | null
}

export interface SettlementInputs {
  pactId: string
  year: number
  versionNumber: number
  rules: RuleInputs[]
}

export interface RuleOutcome {
  ruleId: string
  kind: RiskSharingKind
  budgetCents: number
  actualCents: number
  deviationCents: number
  providers: Array<{ partyId: string; cents: number }>
  municipalityCents: number
  municipalities: Array<{ partyId: string; cents: number }>
  revolvingFundCents: number
}

export interface SettlementOutcome {
  rules: RuleOutcome[]
  /** What the fund receives from this year, all rules together. */
  revolvingFundCents: number
}

export type SettleProblem =
  | 'settlement.errors.notFixed'
  | 'settlement.errors.incomplete'
  | 'settlement.errors.nothingToSettle'
  | 'settlement.errors.division.missing'
  | 'settlement.errors.division.keyNot100'
  | 'settlement.errors.division.solidarityRange'
  | 'settlement.errors.division.percentInvalid'
  | 'settlement.errors.division.capInvalid'
  | 'settlement.errors.division.municipalitiesMismatch'
  | 'settlement.errors.division.capsTooLow'

export type SettleResult =
  { ok: true; inputs: SettlementInputs; outcome: SettlementOutcome; hash: string } | { ok: false; problem: SettleProblem }

/**
 * Settles `year` from the tracking's risk outcomes (the signed rules over the reported spending).
 * Only a fixed year whose every budget holder reported can be settled. `divisions` holds the
 * region's division per rule id.
 */
export function settlementOfYear(input: {
  pactId: string
  /** The year with the signed version in force for it and whether it is fixed (progress.years). */
  year: YearInForce
  outcomes: readonly RiskOutcome[]
  parties: ReadonlyArray<{ id: string; kind: string }>
  divisions: ReadonlyMap<string, MunicipalDivision>
}): SettleResult {
  const { year, versionNumber, fixed } = input.year
  if (!fixed) return { ok: false, problem: 'settlement.errors.notFixed' }
  const ofYear = input.outcomes.filter((outcome) => outcome.year === year)
  if (ofYear.length === 0) return { ok: false, problem: 'settlement.errors.nothingToSettle' }
  if (ofYear.some((outcome) => !outcome.final)) return { ok: false, problem: 'settlement.errors.incomplete' }
  // Sorted, so that the order parties happen to be listed in never changes the hash.
  const municipalityIds = input.parties
    .filter((party) => party.kind === 'gemeente')
    .map((party) => party.id)
    .sort()
  const inputs: SettlementInputs = {
    pactId: input.pactId,
    year,
    versionNumber,
    rules: ofYear.map((outcome) => ({
      ruleId: outcome.ruleId,
      scope: outcome.scope,
      riskSharing: outcome.input,
      municipalities: municipalityIds.map((partyId) => ({
        partyId,
        causeCents: outcome.actualByParty.find((entry) => entry.partyId === partyId)?.cents ?? 0,
      })),
      division: municipalityIds.length > 1 ? (input.divisions.get(outcome.ruleId) ?? null) : null,
    })),
  }
  const settled = settleYear(inputs)
  return settled.ok ? { ok: true, inputs, outcome: settled.outcome, hash: settlementHash(inputs, settled.outcome) } : settled
}

/** The outcome of stored inputs: settleRiskSharing per rule, then the municipal division. */
export function settleYear(
  inputs: SettlementInputs,
): { ok: true; outcome: SettlementOutcome } | { ok: false; problem: SettleProblem } {
  const rules: RuleOutcome[] = []
  for (const rule of inputs.rules) {
    const settlement = settleRiskSharing(rule.riskSharing)
    const municipalities = divideAmongMunicipalities(rule, settlement.municipalityCents, settlement.kind)
    if (!municipalities.ok) return municipalities
    rules.push({
      ruleId: rule.ruleId,
      kind: settlement.kind,
      budgetCents: rule.riskSharing.budgetCents,
      actualCents: rule.riskSharing.actualCents,
      deviationCents: settlement.deviationCents,
      providers: settlement.providers.map((provider) => ({ partyId: provider.id, cents: provider.cents })),
      municipalityCents: settlement.municipalityCents,
      municipalities: municipalities.parts,
      revolvingFundCents: settlement.revolvingFundCents,
    })
  }
  return { ok: true, outcome: { rules, revolvingFundCents: rules.reduce((sum, rule) => sum + rule.revolvingFundCents, 0) } }
}

function divideAmongMunicipalities(rule: RuleInputs, totalCents: number, kind: RiskSharingKind) {
  if (rule.municipalities.length <= 1) {
    const parts = rule.municipalities.map((municipality) => ({ partyId: municipality.partyId, cents: totalCents }))
    return { ok: true as const, parts }
  }
  if (!rule.division) return { ok: false as const, problem: 'settlement.errors.division.missing' as const }
  const causeCents = Object.fromEntries(
    rule.municipalities.map((municipality) => [municipality.partyId, municipality.causeCents]),
  )
  return divideMunicipalShare({ totalCents, kind, division: rule.division, causeCents })
}

/** SHA-256 of the canonical JSON of inputs and outcome together: what every party approves. */
export function settlementHash(inputs: SettlementInputs, outcome: SettlementOutcome): string {
  return sha256Hex(canonicalJson({ inputs, outcome }, false))
}
