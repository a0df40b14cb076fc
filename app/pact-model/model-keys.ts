import type { RiskRule, RiskScope } from './pact-model.ts'
import type { RiskSharingRule } from './risk-sharing.ts'

/*
 * Keys and conversions of the model's parts, apart from its schema (pact-model.ts): the shared
 * document's model and the budget tables need these on pages that load Zod only later, or never.
 */

/** The one key for a budget cell, also used as the cell's key in the shared document. */
export function budgetCellKey(partyId: string, year: number): string {
  return `${partyId}:${year}`
}

/** Equal for rules that cover the same budget: the whole pact, or one result area. */
export function riskScopeKey(scope: RiskScope): string {
  return scope.kind === 'pact' ? 'pact' : `result-area:${scope.resultAreaId}`
}

/** The part of a rule that settleRiskSharing takes, field for field. */
export function settlementRuleOf(rule: RiskRule): RiskSharingRule {
  return {
    corridorPercent: rule.corridorPercent,
    providerShareInside: rule.providerShareInside,
    providerShareOutside: rule.providerShareOutside,
    providerCapCents: rule.providerCapCents,
    underspend: { ...rule.underspend },
  }
}
