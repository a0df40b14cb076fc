import type { OrganisationKind } from '#app/organisations/organisation.ts'
import { formatCents } from '#app/platform/money.ts'
import { riskScopeKey, settlementRuleOf } from './model-keys.ts'
import type { BudgetCell, PactModel, ResultArea, RiskRule, RiskScope } from './pact-model.ts'
import {
  providersProRataToBudget,
  RiskSharingInputError,
  settleRiskSharing,
  type RiskSharingInput,
  type RiskSharingProvider,
  type RiskSharingSettlement,
} from './risk-sharing.ts'

/**
 * The budget table and the risk-sharing what-if, computed from a validated model. Validation
 * guarantees every budget year lies in the pact period, every party is known and the grand total
 * is a safe integer, so every sum below is exact in integer cents.
 */

export type PactParty = { id: string; kind: OrganisationKind }

/** A party as the model views show it. */
export type NamedParty = PactParty & { name: string }

export function partyName(parties: readonly NamedParty[], partyId: string): string {
  return parties.find((party) => party.id === partyId)?.name ?? partyId
}

/** An amount in whole euros when it is whole, with its cents otherwise: never rounded. */
export function formatEuros(cents: number): string {
  return formatCents(cents, { withCents: cents % 100 !== 0 })
}

/**
 * How one table of budgets writes its amounts: budgets read best in whole euros, but as soon as
 * one amount in the table has cents every amount shows them, so the rows visibly add up to the
 * total (rounded, € 250.000,75 + € 1.050.000,50 would read € 250.001 + € 1.050.001 = € 1.300.001).
 */
export function budgetAmountFormat(rows: readonly BudgetRow[]): (cents: number) => string {
  const withCents = rows.some((row) => [...row.centsByYear, row.totalCents].some((cents) => cents % 100 !== 0))
  return (cents) => formatCents(cents, { withCents })
}

/** Amounts per pact year (same order as the table's `years`) and over the whole period. */
export type BudgetRow = { centsByYear: number[]; totalCents: number }

export type BudgetTable = {
  years: number[]
  resultAreas: Array<BudgetRow & { resultAreaId: string; parties: Array<BudgetRow & { partyId: string }> }>
  parties: Array<BudgetRow & { partyId: string }>
  total: BudgetRow
}

export function budgetTable(model: PactModel, years: readonly number[], parties: readonly Pick<PactParty, 'id'>[]): BudgetTable {
  const rowOf = (cells: readonly BudgetCell[]): BudgetRow => {
    const centsByYear = years.map((year) => sumCents(cells.filter((cell) => cell.year === year)))
    return { centsByYear, totalCents: centsByYear.reduce((sum, cents) => sum + cents, 0) }
  }
  const partyRowsOf = (cells: readonly BudgetCell[]) =>
    parties.map((party) => ({ partyId: party.id, ...rowOf(cells.filter((cell) => cell.partyId === party.id)) }))
  const allCells = model.resultAreas.flatMap((area) => area.budgets)

  return {
    years: [...years],
    resultAreas: model.resultAreas.map((area) => ({
      resultAreaId: area.id,
      ...rowOf(area.budgets),
      parties: partyRowsOf(area.budgets),
    })),
    parties: partyRowsOf(allCells),
    total: rowOf(allCells),
  }
}

export type WhatIfQuestion = { scope: RiskScope; year: number; actualCents: number }

export type WhatIfError = 'model.errors.whatIf.noRule' | 'model.errors.whatIf.noBudget' | 'model.errors.whatIf.noProviders'

export type WhatIfResult =
  { ok: true; rule: RiskRule; input: RiskSharingInput; settlement: RiskSharingSettlement } | { ok: false; error: WhatIfError }

/**
 * What the scope's risk-sharing rule means if `actualCents` is spent in `year`: the budget is the
 * scope's budget that year, and the providers are either the rule's explicit weights or the
 * responsible providers weighted pro rata to their own budget in the scope that year.
 * Throws RiskSharingInputError when `actualCents` is not a non-negative whole number of cents.
 */
export function whatIf(model: PactModel, question: WhatIfQuestion, parties: readonly PactParty[]): WhatIfResult {
  const { scope, year } = question
  const rule = model.riskRules.find((candidate) => riskScopeKey(candidate.scope) === riskScopeKey(scope))
  if (!rule) return { ok: false, error: 'model.errors.whatIf.noRule' }

  const areas = scope.kind === 'pact' ? model.resultAreas : model.resultAreas.filter((area) => area.id === scope.resultAreaId)
  const budgetCents = sumCents(areas.flatMap((area) => area.budgets.filter((cell) => cell.year === year)))
  if (budgetCents === 0) return { ok: false, error: 'model.errors.whatIf.noBudget' }

  const providers =
    rule.division.kind === 'weights'
      ? rule.division.weights.map((entry) => ({ id: entry.partyId, weight: entry.weight }))
      : providersProRata(areas, year, parties)
  if (!providers) return { ok: false, error: 'model.errors.whatIf.noProviders' }

  const input: RiskSharingInput = { budgetCents, actualCents: question.actualCents, rule: settlementRuleOf(rule), providers }
  return { ok: true, rule, input, settlement: settleRiskSharing(input) }
}

// Each provider weighs by its budget in the areas it is responsible for; the municipality carries
// the rest in any case, so it is never one of the providers. Null when no provider has a budget.
function providersProRata(
  areas: readonly ResultArea[],
  year: number,
  parties: readonly PactParty[],
): RiskSharingProvider[] | null {
  const budgets = parties
    .filter((party) => party.kind !== 'gemeente')
    .map((party) => ({
      id: party.id,
      budgetCents: sumCents(
        areas
          .filter((area) => area.responsiblePartyIds.includes(party.id))
          .flatMap((area) => area.budgets.filter((cell) => cell.partyId === party.id && cell.year === year)),
      ),
    }))
  try {
    return providersProRataToBudget(budgets)
  } catch (error) {
    if (error instanceof RiskSharingInputError) return null
    throw error
  }
}

export function sumCents(cells: readonly Pick<BudgetCell, 'cents'>[]): number {
  return cells.reduce((sum, cell) => sum + cell.cents, 0)
}
