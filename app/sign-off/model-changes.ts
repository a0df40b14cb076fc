import type { TFunction } from 'i18next'
import { budgetCellKey } from '#app/pact-model/model-keys.ts'
import { resultAreaSchema, riskRuleSchema, type Indicator, type ResultArea, type RiskRule } from '#app/pact-model/pact-model.ts'
import { formatCents } from '#app/platform/money.ts'

/**
 * What changed in the structured data of the pact (result areas, budgets, indicators, risk
 * sharing), in the words a director reads: names instead of ids, euros instead of cents, one line
 * per change. Pure and total: a part whose shape is not a valid model part gives one generic line.
 * Lines are i18n keys (`signoff.modelChanges.*`) with values already formatted; `modelChangeText`
 * puts them into words.
 */

/** The model parts one approvable item (or one whole model) holds. */
export interface ModelParts {
  resultAreas: ResultArea[]
  riskRules: RiskRule[]
  /** Parts that are not a valid area or rule (invalid model, an old or foreign shape). */
  unreadable: string[]
}

export interface ModelNames {
  /** Party id → the organisation's name. */
  parties: ReadonlyMap<string, string>
  /** Area id → title, for rules whose area the compared parts do not hold themselves. */
  areas?: ReadonlyMap<string, string>
}

/** A rule's terms, formatted; `cap` '' for no cap, `weights` '' for a division pro rata. */
export interface RuleSummary {
  corridor: string
  inside: string
  outside: string
  cap: string
  gain: string
  fund: string
  weights: string
}

type FieldKey =
  | 'description'
  | 'challenge'
  | 'targetGroup'
  | 'unit'
  | 'level'
  | 'direction'
  | 'dataSource'
  | 'corridorPercent'
  | 'providerShareInside'
  | 'providerShareOutside'

export type ModelChange =
  | { key: 'areaAdded' | 'areaRemoved'; values: { area: string; total: string } }
  | { key: 'areaRenamed'; values: { before: string; after: string } }
  | { key: 'areaField'; values: { area: string; field: FieldKey; before: string; after: string } }
  | { key: 'responsibleAdded' | 'responsibleRemoved'; values: { area: string; party: string } }
  | { key: 'budget'; values: { area: string; party: string; year: string; before: string; after: string } }
  | { key: 'indicatorAdded' | 'indicatorRemoved'; values: { area: string; indicator: string } }
  | { key: 'indicatorRenamed'; values: { area: string; before: string; after: string } }
  | { key: 'indicatorField'; values: { indicator: string; field: FieldKey; before: string; after: string } }
  | { key: 'indicatorBaseline'; values: { indicator: string; before: string; after: string } }
  | { key: 'indicatorTarget'; values: { indicator: string; year: string; before: string; after: string } }
  | { key: 'ruleAdded' | 'ruleRemoved'; values: { scope: string } & RuleSummary }
  | { key: 'ruleScope'; values: { before: string; after: string } }
  | { key: 'ruleField'; values: { scope: string; field: FieldKey; before: string; after: string } }
  | { key: 'ruleCap' | 'ruleGain' | 'ruleFund'; values: { scope: string; before: string; after: string } }
  | { key: 'ruleDivision'; values: { scope: string; beforeWeights: string; afterWeights: string } }
  | { key: 'ruleWeight'; values: { scope: string; party: string; before: string; after: string } }
  | { key: 'unreadable'; values: Record<string, never> }

const EMPTY_PARTS: ModelParts = { resultAreas: [], riskRules: [], unreadable: [] }
const MAX_QUOTED_TEXT = 120
const NONE = '—'
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6 })

/** The model parts in an item's canonical content (its `data` section, see canonical.ts); none when it has none. */
export function modelPartsOfCanonical(canonical: string): ModelParts {
  const start = canonical.startsWith('data ') ? 0 : canonical.indexOf('\ndata ') + 1
  if (start === 0 && !canonical.startsWith('data ')) return EMPTY_PARTS
  const json = canonical.slice(start + 'data '.length)
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    return { ...EMPTY_PARTS, unreadable: [json] }
  }
  return modelPartsOf(Array.isArray(data) ? data : [data])
}

// A clause holds `{ kind, refId, data }` per data block (a block showing every area or every rule holds
// them as a list); an item of its own holds the area or rule itself. A part shown twice counts once.
function modelPartsOf(entries: readonly unknown[]): ModelParts {
  const parts: ModelParts = { resultAreas: [], riskRules: [], unreadable: [] }
  for (const entry of entries) {
    const isBlock = isRecord(entry) && 'kind' in entry && ('refId' in entry || 'data' in entry)
    const value = isBlock ? entry.data : entry
    // A block that refers to no part holds nothing; one of an invalid model holds what cannot be read.
    if (isBlock && !entry.invalid && (value === null || value === undefined)) continue
    if (isBlock && entry.invalid) {
      parts.unreadable.push(JSON.stringify(entry))
      continue
    }
    for (const each of isBlock && Array.isArray(value) ? value : [value]) addModelPart(parts, each)
  }
  return parts
}

function addModelPart(parts: ModelParts, value: unknown): void {
  const area = isRecord(value) && 'budgets' in value ? resultAreaSchema.safeParse(value) : null
  if (area?.success) {
    if (!parts.resultAreas.some((known) => known.id === area.data.id)) parts.resultAreas.push(area.data)
    return
  }
  const rule = isRecord(value) && 'scope' in value ? riskRuleSchema.safeParse(value) : null
  if (rule?.success) {
    if (!parts.riskRules.some((known) => known.id === rule.data.id)) parts.riskRules.push(rule.data)
  } else parts.unreadable.push(JSON.stringify(value) ?? String(value))
}

/** Every change from `before` to `after`, areas first (in the order of `after`, removed ones last), then rules. */
export function modelChanges(before: ModelParts, after: ModelParts, names: ModelNames): ModelChange[] {
  const changes: ModelChange[] = []
  // A party no longer in the pact stays unnamed rather than shown by its id.
  const party = (id: string) => names.parties.get(id) ?? NONE
  const areaTitles = new Map([
    ...(names.areas ?? []),
    ...[...before.resultAreas, ...after.resultAreas].map((area) => [area.id, area.title] as const),
  ])

  const beforeAreas = new Map(before.resultAreas.map((area) => [area.id, area]))
  const afterAreaIds = new Set(after.resultAreas.map((area) => area.id))
  for (const area of after.resultAreas) {
    const previous = beforeAreas.get(area.id)
    if (previous) changes.push(...areaChanges(previous, area, party))
    else changes.push({ key: 'areaAdded', values: { area: area.title, total: money(budgetTotal(area)) } })
  }
  for (const area of before.resultAreas) {
    if (!afterAreaIds.has(area.id))
      changes.push({ key: 'areaRemoved', values: { area: area.title, total: money(budgetTotal(area)) } })
  }

  // '' stands for the whole pact (see modelChangeText); an area no part names stays unnamed rather than shown by id.
  const scopeOf = (rule: RiskRule) => (rule.scope.kind === 'pact' ? '' : (areaTitles.get(rule.scope.resultAreaId) ?? NONE))
  const beforeRules = new Map(before.riskRules.map((rule) => [rule.id, rule]))
  const afterRuleIds = new Set(after.riskRules.map((rule) => rule.id))
  for (const rule of after.riskRules) {
    const previous = beforeRules.get(rule.id)
    if (previous) changes.push(...ruleChanges(previous, rule, scopeOf, party))
    else changes.push({ key: 'ruleAdded', values: { scope: scopeOf(rule), ...ruleSummary(rule, party) } })
  }
  for (const rule of before.riskRules) {
    if (!afterRuleIds.has(rule.id)) {
      changes.push({ key: 'ruleRemoved', values: { scope: scopeOf(rule), ...ruleSummary(rule, party) } })
    }
  }

  const unreadableBefore = [...before.unreadable].sort().join('\n')
  const unreadableAfter = [...after.unreadable].sort().join('\n')
  if (unreadableBefore !== unreadableAfter) changes.push({ key: 'unreadable', values: {} })
  return changes
}

/** The names comparing these items needs: the parties', and the title of every area the items hold. */
export function modelNamesFor(parties: Iterable<{ id: string; name: string }>, canonicals: Iterable<string>): ModelNames {
  const areas = new Map<string, string>()
  for (const canonical of canonicals) {
    for (const area of modelPartsOfCanonical(canonical).resultAreas) areas.set(area.id, area.title)
  }
  return { parties: new Map([...parties].map((party) => [party.id, party.name])), areas }
}

/** The changes in the structured data between two canonical contents of one item. */
export function canonicalModelChanges(beforeCanonical: string, afterCanonical: string, names: ModelNames): ModelChange[] {
  return modelChanges(modelPartsOfCanonical(beforeCanonical), modelPartsOfCanonical(afterCanonical), names)
}

/** A change in words, in the language of `t`. */
export function modelChangeText(t: TFunction, change: ModelChange): string {
  const scope = (area: string) =>
    area
      ? t('signoff.modelChanges.scopeArea', { area, interpolation: { escapeValue: false } })
      : t('signoff.modelChanges.scopePact')
  const division = (weights: string) =>
    weights
      ? t('signoff.modelChanges.weights', { weights, interpolation: { escapeValue: false } })
      : t('signoff.modelChanges.proRata')
  const values: Record<string, string> = { ...change.values }
  if ('scope' in change.values) values.scope = scope(change.values.scope)
  if (change.key === 'ruleScope') {
    values.before = scope(change.values.before)
    values.after = scope(change.values.after)
  }
  if (change.key === 'ruleAdded' || change.key === 'ruleRemoved') {
    values.cap = change.values.cap ? t('signoff.modelChanges.cap', { cap: change.values.cap }) : t('signoff.modelChanges.noCap')
    values.division = division(change.values.weights)
  }
  if (change.key === 'ruleDivision') {
    values.before = division(change.values.beforeWeights)
    values.after = division(change.values.afterWeights)
  }
  if ('field' in change.values) {
    const { field, before, after } = change.values
    values.field = t(`areas.issues.where.field.${field}`)
    if (field === 'level' || field === 'direction') {
      const word = (code: string) =>
        t(`areas.indicator.${field === 'level' ? 'levels' : 'directions'}.${code}`, { defaultValue: code })
      values.before = word(before)
      values.after = word(after)
    }
  }
  // Values are names and amounts, not mark-up: i18next must not escape them (React escapes on render).
  return t(`signoff.modelChanges.${change.key}`, { ...values, interpolation: { escapeValue: false } })
}

function areaChanges(before: ResultArea, after: ResultArea, party: (id: string) => string): ModelChange[] {
  const changes: ModelChange[] = []
  const area = after.title
  if (before.title !== after.title) changes.push({ key: 'areaRenamed', values: { before: before.title, after: after.title } })
  for (const field of ['description', 'challenge', 'targetGroup'] as const) {
    if (before[field] !== after[field]) {
      changes.push({ key: 'areaField', values: { area, field, before: quoted(before[field]), after: quoted(after[field]) } })
    }
  }
  const beforeParties = new Set(before.responsiblePartyIds)
  const afterParties = new Set(after.responsiblePartyIds)
  for (const id of after.responsiblePartyIds) {
    if (!beforeParties.has(id)) changes.push({ key: 'responsibleAdded', values: { area, party: party(id) } })
  }
  for (const id of before.responsiblePartyIds) {
    if (!afterParties.has(id)) changes.push({ key: 'responsibleRemoved', values: { area, party: party(id) } })
  }

  const cells = new Map<string, { partyId: string; year: number; before: number; after: number }>()
  for (const [side, budgets] of [
    ['before', before.budgets],
    ['after', after.budgets],
  ] as const) {
    for (const cell of budgets) {
      const key = budgetCellKey(cell.partyId, cell.year)
      const entry = cells.get(key) ?? { partyId: cell.partyId, year: cell.year, before: 0, after: 0 }
      entry[side] = cell.cents
      cells.set(key, entry)
    }
  }
  const changedCells = [...cells.values()]
    .filter((cell) => cell.before !== cell.after)
    .sort((a, b) => party(a.partyId).localeCompare(party(b.partyId), 'nl') || a.year - b.year)
  for (const cell of changedCells) {
    changes.push({
      key: 'budget',
      values: { area, party: party(cell.partyId), year: String(cell.year), before: money(cell.before), after: money(cell.after) },
    })
  }

  const beforeIndicators = new Map(before.indicators.map((indicator) => [indicator.id, indicator]))
  const afterIndicatorIds = new Set(after.indicators.map((indicator) => indicator.id))
  for (const indicator of after.indicators) {
    const previous = beforeIndicators.get(indicator.id)
    if (previous) changes.push(...indicatorChanges(area, previous, indicator))
    else changes.push({ key: 'indicatorAdded', values: { area, indicator: indicator.name } })
  }
  for (const indicator of before.indicators) {
    if (!afterIndicatorIds.has(indicator.id))
      changes.push({ key: 'indicatorRemoved', values: { area, indicator: indicator.name } })
  }
  return changes
}

function indicatorChanges(area: string, before: Indicator, after: Indicator): ModelChange[] {
  const changes: ModelChange[] = []
  const indicator = after.name
  if (before.name !== after.name)
    changes.push({ key: 'indicatorRenamed', values: { area, before: before.name, after: after.name } })
  for (const field of ['unit', 'level', 'direction', 'dataSource'] as const) {
    if (before[field] === after[field]) continue
    // Level and direction are codes, put into words where the line is shown.
    const show = field === 'level' || field === 'direction' ? (value: string) => value : quoted
    changes.push({ key: 'indicatorField', values: { indicator, field, before: show(before[field]), after: show(after[field]) } })
  }
  const baseline = (value: Indicator) =>
    value.baselineValue === null ? NONE : `${measured(value.baselineValue, value.unit)} (${value.baselineYear ?? NONE})`
  if (baseline(before) !== baseline(after)) {
    changes.push({ key: 'indicatorBaseline', values: { indicator, before: baseline(before), after: baseline(after) } })
  }
  const targetOf = (value: Indicator, year: number) => value.targets.find((target) => target.year === year)
  const years = [...new Set([...before.targets, ...after.targets].map((target) => target.year))].sort((a, b) => a - b)
  for (const year of years) {
    const old = targetOf(before, year)
    const now = targetOf(after, year)
    if (old?.value === now?.value) continue
    changes.push({
      key: 'indicatorTarget',
      values: {
        indicator,
        year: String(year),
        before: old ? measured(old.value, before.unit) : NONE,
        after: now ? measured(now.value, after.unit) : NONE,
      },
    })
  }
  return changes
}

function ruleChanges(
  before: RiskRule,
  after: RiskRule,
  scopeOf: (rule: RiskRule) => string,
  party: (id: string) => string,
): ModelChange[] {
  const changes: ModelChange[] = []
  const scope = scopeOf(after)
  if (scopeOf(before) !== scope || before.scope.kind !== after.scope.kind) {
    changes.push({ key: 'ruleScope', values: { before: scopeOf(before), after: scope } })
  }
  for (const field of ['corridorPercent', 'providerShareInside', 'providerShareOutside'] as const) {
    if (before[field] !== after[field]) {
      changes.push({ key: 'ruleField', values: { scope, field, before: percent(before[field]), after: percent(after[field]) } })
    }
  }
  const cap = (value: number | null) => (value === null ? NONE : money(value))
  if (before.providerCapCents !== after.providerCapCents) {
    changes.push({ key: 'ruleCap', values: { scope, before: cap(before.providerCapCents), after: cap(after.providerCapCents) } })
  }
  if (before.underspend.providerGainShare !== after.underspend.providerGainShare) {
    const values = {
      scope,
      before: percent(before.underspend.providerGainShare),
      after: percent(after.underspend.providerGainShare),
    }
    changes.push({ key: 'ruleGain', values })
  }
  if (before.underspend.revolvingFundShare !== after.underspend.revolvingFundShare) {
    const values = {
      scope,
      before: percent(before.underspend.revolvingFundShare),
      after: percent(after.underspend.revolvingFundShare),
    }
    changes.push({ key: 'ruleFund', values })
  }
  if (before.division.kind !== after.division.kind) {
    changes.push({
      key: 'ruleDivision',
      values: { scope, beforeWeights: weights(before, party), afterWeights: weights(after, party) },
    })
  } else if (before.division.kind === 'weights' && after.division.kind === 'weights') {
    const weightOf = (rule: typeof before.division, id: string) =>
      rule.kind === 'weights' ? rule.weights.find((entry) => entry.partyId === id)?.weight : undefined
    const partyIds = [...new Set([...before.division.weights, ...after.division.weights].map((entry) => entry.partyId))]
    for (const id of partyIds) {
      const old = weightOf(before.division, id)
      const now = weightOf(after.division, id)
      if (old === now) continue
      const show = (weight: number | undefined) => (weight === undefined ? NONE : numberFormat.format(weight))
      changes.push({ key: 'ruleWeight', values: { scope, party: party(id), before: show(old), after: show(now) } })
    }
  }
  return changes
}

function ruleSummary(rule: RiskRule, party: (id: string) => string): RuleSummary {
  return {
    corridor: percent(rule.corridorPercent),
    inside: percent(rule.providerShareInside),
    outside: percent(rule.providerShareOutside),
    cap: rule.providerCapCents === null ? '' : money(rule.providerCapCents),
    gain: percent(rule.underspend.providerGainShare),
    fund: percent(rule.underspend.revolvingFundShare),
    weights: weights(rule, party),
  }
}

function weights(rule: RiskRule, party: (id: string) => string): string {
  if (rule.division.kind === 'pro-rata') return ''
  return rule.division.weights.map((entry) => `${party(entry.partyId)} ${numberFormat.format(entry.weight)}`).join(', ')
}

function budgetTotal(area: ResultArea): number {
  return area.budgets.reduce((total, cell) => total + cell.cents, 0)
}

function money(cents: number): string {
  return Number.isSafeInteger(cents) ? formatCents(cents, { withCents: cents % 100 !== 0 }) : NONE
}

function percent(value: number): string {
  return `${numberFormat.format(value)}%`
}

function measured(value: number, unit: string): string {
  return unit ? `${numberFormat.format(value)} ${unit}` : numberFormat.format(value)
}

function quoted(text: string): string {
  if (text.trim() === '') return NONE
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > MAX_QUOTED_TEXT ? `${flat.slice(0, MAX_QUOTED_TEXT - 1)}…` : flat}”`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
