import { whatIf, type PactParty } from '#app/pact-model/budget-table.ts'
import type { PactModel, RiskRule } from '#app/pact-model/pact-model.ts'
import type { RiskSharingSettlement } from '#app/pact-model/risk-sharing.ts'
import type { Progress } from './progress.ts'

/**
 * What the signed risk-sharing rules mean in euros, from the reported spending: per rule and per
 * year with spending in its scope, the budget and spending of that scope go through the one
 * settlement (`whatIf` → `settleRiskSharing`), under the version in force for that year. A year
 * that is not fixed is provisional, and so is one where not every party with a budget reported.
 */
export interface RiskOutcome {
  year: number
  ruleId: string
  scope: RiskRule['scope']
  /** Fixed and every party with a budget in the scope reported: the figures are final. */
  final: boolean
  budgetCents: number
  actualCents: number
  settlement: RiskSharingSettlement
}

export function riskOutcomes(input: {
  progress: Progress
  modelOfVersion: (versionNumber: number) => PactModel | undefined
  parties: readonly PactParty[]
}): RiskOutcome[] {
  return input.progress.years.flatMap(({ year, versionNumber, fixed }) => {
    const model = input.modelOfVersion(versionNumber)
    if (!model) return []
    return model.riskRules.flatMap((rule): RiskOutcome[] => {
      const areaIds = rule.scope.kind === 'pact' ? null : [rule.scope.resultAreaId]
      const cells = input.progress.areas
        .filter((area) => areaIds === null || areaIds.includes(area.id))
        .flatMap((area) => area.spending.filter((cell) => cell.year === year))
      if (cells.every((cell) => cell.actualCents === null)) return []
      const actualCents = cells.reduce((sum, cell) => sum + (cell.actualCents ?? 0), 0)
      const result = whatIf(model, { scope: rule.scope, year, actualCents }, input.parties)
      if (!result.ok) return []
      const complete = cells.every((cell) => cell.budgetCents === 0 || cell.actualCents !== null)
      return [
        {
          year,
          ruleId: rule.id,
          scope: rule.scope,
          final: fixed && complete,
          budgetCents: result.input.budgetCents,
          actualCents,
          settlement: result.settlement,
        },
      ]
    })
  })
}
