import type { PactModelIssue } from './pact-model.ts'

/**
 * The shared model as the forms show it, even when someone wrote nonsense into it: every item
 * keeps its place (so validation paths still point at it) and every value its type. A text of
 * the wrong type reads as '', a number of the wrong type as NaN, so it still fails validation
 * and is never written back as if it were valid; an absent number is null.
 */

export interface EditableBudgetCell {
  partyId: string
  year: number
  cents: number
}

export interface EditableIndicator {
  id: string
  name: string
  unit: string
  level: string
  direction: string
  baselineValue: number | null
  baselineYear: number | null
  targets: Array<{ year: number; value: number }>
  dataSource: string
}

export interface EditableResultArea {
  id: string
  title: string
  description: string
  challenge: string
  targetGroup: string
  responsiblePartyIds: string[]
  budgets: EditableBudgetCell[]
  indicators: EditableIndicator[]
}

export type EditableRiskScope = { kind: 'pact' } | { kind: 'result-area'; resultAreaId: string } | null

export interface EditableRiskRule {
  id: string
  scope: EditableRiskScope
  corridorPercent: number
  providerShareInside: number
  providerShareOutside: number
  providerCapCents: number | null
  underspend: { providerGainShare: number; revolvingFundShare: number }
  division: { kind: 'pro-rata' } | { kind: 'weights'; weights: Array<{ partyId: string; weight: number }> } | null
}

export interface EditablePactModel {
  resultAreas: EditableResultArea[]
  riskRules: EditableRiskRule[]
}

type Fields = Record<string, unknown>

function fieldsOf(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {}
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function number(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN
}

function optionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : number(value)
}

/** `raw` is what readPactModel returns: plain data of any shape. */
export function editablePactModel(raw: unknown): EditablePactModel {
  const model = fieldsOf(raw)
  return {
    resultAreas: listOf(model.resultAreas).map(editableResultArea),
    riskRules: listOf(model.riskRules).map(editableRiskRule),
  }
}

function editableResultArea(value: unknown): EditableResultArea {
  const area = fieldsOf(value)
  return {
    id: text(area.id),
    title: text(area.title),
    description: text(area.description),
    challenge: text(area.challenge),
    targetGroup: text(area.targetGroup),
    responsiblePartyIds: listOf(area.responsiblePartyIds).map(text),
    budgets: listOf(area.budgets).map((cell) => {
      const { partyId, year, cents } = fieldsOf(cell)
      return { partyId: text(partyId), year: number(year), cents: number(cents) }
    }),
    indicators: listOf(area.indicators).map(editableIndicator),
  }
}

function editableIndicator(value: unknown): EditableIndicator {
  const indicator = fieldsOf(value)
  return {
    id: text(indicator.id),
    name: text(indicator.name),
    unit: text(indicator.unit),
    level: text(indicator.level),
    direction: text(indicator.direction),
    baselineValue: optionalNumber(indicator.baselineValue),
    baselineYear: optionalNumber(indicator.baselineYear),
    targets: listOf(indicator.targets).map((target) => {
      const { year, value: targetValue } = fieldsOf(target)
      return { year: number(year), value: number(targetValue) }
    }),
    dataSource: text(indicator.dataSource),
  }
}

function editableRiskRule(value: unknown): EditableRiskRule {
  const rule = fieldsOf(value)
  const scope = fieldsOf(rule.scope)
  const underspend = fieldsOf(rule.underspend)
  const division = fieldsOf(rule.division)
  return {
    id: text(rule.id),
    scope:
      scope.kind === 'pact'
        ? { kind: 'pact' }
        : scope.kind === 'result-area'
          ? { kind: 'result-area', resultAreaId: text(scope.resultAreaId) }
          : null,
    corridorPercent: number(rule.corridorPercent),
    providerShareInside: number(rule.providerShareInside),
    providerShareOutside: number(rule.providerShareOutside),
    providerCapCents: optionalNumber(rule.providerCapCents),
    underspend: {
      providerGainShare: number(underspend.providerGainShare),
      revolvingFundShare: number(underspend.revolvingFundShare),
    },
    division:
      division.kind === 'pro-rata'
        ? { kind: 'pro-rata' }
        : division.kind === 'weights'
          ? {
              kind: 'weights',
              weights: listOf(division.weights).map((entry) => {
                const { partyId, weight } = fieldsOf(entry)
                return { partyId: text(partyId), weight: number(weight) }
              }),
            }
          : null,
  }
}

/** The issues about the value at `path` or anything inside it. */
export function issuesWithin<Issue extends PactModelIssue>(
  issues: readonly Issue[],
  path: readonly (string | number)[],
): Issue[] {
  return issues.filter((issue) => path.every((segment, index) => issue.path[index] === segment))
}

/** Index of the cell in `area.budgets` (the index validation issues use), or -1. */
export function budgetCellIndex(area: EditableResultArea, partyId: string, year: number): number {
  return area.budgets.findIndex((cell) => cell.partyId === partyId && cell.year === year)
}
