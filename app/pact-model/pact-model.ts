// The mini build: this module is on the document page, and full Zod's chainable API cannot be tree-shaken.
import * as z from 'zod/mini'
import { RiskSharingInputError, settleRiskSharing, type RiskSharingRule } from './risk-sharing.ts'
import { budgetCellKey, riskScopeKey } from './model-keys.ts'

/**
 * The pact's structured model: result areas with their yearly budgets per party and their
 * indicators, and the risk-sharing rules. One schema set serves the client forms and the server,
 * which validates whatever clients wrote into the shared document before projecting it.
 * Error messages are i18n keys (`model.errors.*`); the UI translates them.
 */

export const INDICATOR_LEVELS = ['populatie', 'inwoner'] as const
export const INDICATOR_DIRECTIONS = ['hoger-is-beter', 'lager-is-beter'] as const

const MAX_TITLE_LENGTH = 200
const MAX_TEXT_LENGTH = 5000
const MAX_NAME_LENGTH = 200
const MAX_UNIT_LENGTH = 50
const MAX_ID_LENGTH = 64

// settleRiskSharing is the authority on which percents and weights it can compute with exactly;
// asking it instead of restating its rules means a rule the form accepts can always be settled.
const neutralRule: RiskSharingRule = {
  corridorPercent: 0,
  providerShareInside: 0,
  providerShareOutside: 0,
  providerCapCents: null,
  underspend: { providerGainShare: 0, revolvingFundShare: 0 },
}

function settlementAccepts(rule: Partial<RiskSharingRule>, providerWeight = 1): boolean {
  try {
    settleRiskSharing({
      budgetCents: 0,
      actualCents: 0,
      rule: { ...neutralRule, ...rule },
      providers: [{ id: 'probe', weight: providerWeight }],
    })
    return true
  } catch (error) {
    if (error instanceof RiskSharingInputError) return false
    throw error
  }
}

const idSchema = z
  .string({ error: 'model.errors.id.invalid' })
  .check(z.minLength(1, { error: 'model.errors.id.invalid' }), z.maxLength(MAX_ID_LENGTH, { error: 'model.errors.id.invalid' }))

const partyIdSchema = z
  .string({ error: 'model.errors.party.unknown' })
  .check(z.minLength(1, { error: 'model.errors.party.unknown' }))

const yearSchema = z.int({ error: 'model.errors.year.invalid' })

// z.int() only accepts safe integers, so every amount stays exact.
const centsSchema = z.int({ error: 'model.errors.cents.invalid' }).check(z.minimum(0, { error: 'model.errors.cents.negative' }))

function freeText(maxLength: number) {
  return z.string({ error: 'model.errors.text.invalid' }).check(z.maxLength(maxLength, { error: 'model.errors.text.tooLong' }))
}

function requiredText(maxLength: number, messages: { required: string; tooLong: string }) {
  return z.string({ error: messages.required }).check(
    z.maxLength(maxLength, { error: messages.tooLong }),
    z.refine((value) => value.trim() !== '', { error: messages.required }),
  )
}

const percentSchema = z.number({ error: 'model.errors.percent.range' }).check(
  z.minimum(0, { error: 'model.errors.percent.range', abort: true }),
  z.maximum(100, { error: 'model.errors.percent.range', abort: true }),
  // Every percent field goes through the same conversion in settleRiskSharing; the corridor stands in for all.
  z.refine((percent) => settlementAccepts({ corridorPercent: percent }), { error: 'model.errors.percent.decimals' }),
)

const measuredValueSchema = z.number({ error: 'model.errors.number.invalid' })

/** Adds an issue with `message` for every item whose `keyOf` value an earlier item already had. */
function flagRepeats<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  pathOf: (index: number) => (string | number)[],
  message: string,
  ctx: z.core.$RefinementCtx,
): void {
  const seen = new Set<string>()
  items.forEach((item, index) => {
    const key = keyOf(item)
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: pathOf(index), message })
    seen.add(key)
  })
}

export const budgetCellSchema = z.object({ partyId: partyIdSchema, year: yearSchema, cents: centsSchema })

export const indicatorTargetSchema = z.object({ year: yearSchema, value: measuredValueSchema })

export const indicatorSchema = z
  .object({
    id: idSchema,
    name: requiredText(MAX_NAME_LENGTH, { required: 'model.errors.name.required', tooLong: 'model.errors.name.tooLong' }),
    unit: requiredText(MAX_UNIT_LENGTH, { required: 'model.errors.unit.required', tooLong: 'model.errors.unit.tooLong' }),
    level: z.enum(INDICATOR_LEVELS, { error: 'model.errors.level.invalid' }),
    direction: z.enum(INDICATOR_DIRECTIONS, { error: 'model.errors.direction.invalid' }),
    baselineValue: z.nullable(measuredValueSchema),
    baselineYear: z.nullable(yearSchema),
    targets: z.array(indicatorTargetSchema),
    dataSource: freeText(MAX_NAME_LENGTH),
  })
  .check(
    z.superRefine((indicator, ctx) => {
      // A baseline is a value measured in a year; either half alone cannot be compared with anything.
      if (indicator.baselineValue === null && indicator.baselineYear !== null) {
        ctx.addIssue({ code: 'custom', path: ['baselineValue'], message: 'model.errors.baseline.incomplete' })
      }
      if (indicator.baselineYear === null && indicator.baselineValue !== null) {
        ctx.addIssue({ code: 'custom', path: ['baselineYear'], message: 'model.errors.baseline.incomplete' })
      }
      flagRepeats(
        indicator.targets,
        (target) => String(target.year),
        (index) => ['targets', index, 'year'],
        'model.errors.year.duplicate',
        ctx,
      )
    }),
  )

export const resultAreaSchema = z
  .object({
    id: idSchema,
    title: requiredText(MAX_TITLE_LENGTH, { required: 'model.errors.title.required', tooLong: 'model.errors.title.tooLong' }),
    description: freeText(MAX_TEXT_LENGTH),
    challenge: freeText(MAX_TEXT_LENGTH),
    targetGroup: freeText(MAX_TEXT_LENGTH),
    responsiblePartyIds: z.array(partyIdSchema),
    budgets: z.array(budgetCellSchema),
    indicators: z.array(indicatorSchema),
  })
  .check(
    z.superRefine((area, ctx) => {
      flagRepeats(
        area.responsiblePartyIds,
        (partyId) => partyId,
        (index) => ['responsiblePartyIds', index],
        'model.errors.party.duplicate',
        ctx,
      )
      flagRepeats(
        area.budgets,
        (cell) => budgetCellKey(cell.partyId, cell.year),
        (index) => ['budgets', index],
        'model.errors.budget.duplicate',
        ctx,
      )
    }),
  )

const riskScopeSchema = z.discriminatedUnion(
  'kind',
  [z.object({ kind: z.literal('pact') }), z.object({ kind: z.literal('result-area'), resultAreaId: idSchema })],
  { error: 'model.errors.scope.invalid' },
)

const weightSchema = z
  .number({ error: 'model.errors.weight.invalid' })
  .check(z.refine((weight) => settlementAccepts({}, weight), { error: 'model.errors.weight.invalid' }))

const providerDivisionSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('pro-rata') }),
    z.object({
      kind: z.literal('weights'),
      weights: z.array(z.object({ partyId: partyIdSchema, weight: weightSchema })).check(
        z.minLength(1, { error: 'model.errors.weights.empty' }),
        z.superRefine((weights, ctx) =>
          flagRepeats(
            weights,
            (entry) => entry.partyId,
            (index) => [index, 'partyId'],
            'model.errors.party.duplicate',
            ctx,
          ),
        ),
      ),
    }),
  ],
  { error: 'model.errors.division.invalid' },
)

export const riskRuleSchema = z.object({
  id: idSchema,
  scope: riskScopeSchema,
  corridorPercent: percentSchema,
  providerShareInside: percentSchema,
  providerShareOutside: percentSchema,
  providerCapCents: z.nullable(centsSchema),
  underspend: z
    .object({ providerGainShare: percentSchema, revolvingFundShare: percentSchema })
    .check(z.refine((underspend) => settlementAccepts({ underspend }), { error: 'model.errors.gainPlusFund' })),
  division: providerDivisionSchema,
})

export const pactModelSchema = z.object({
  resultAreas: z.array(resultAreaSchema),
  riskRules: z.array(riskRuleSchema),
})

export type BudgetCell = z.output<typeof budgetCellSchema>
export type IndicatorTarget = z.output<typeof indicatorTargetSchema>
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number]
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number]
export type Indicator = z.output<typeof indicatorSchema>
export type ResultArea = z.output<typeof resultAreaSchema>
export type RiskScope = z.output<typeof riskScopeSchema>
export type ProviderDivision = z.output<typeof providerDivisionSchema>
export type RiskRule = z.output<typeof riskRuleSchema>
export type PactModel = z.output<typeof pactModelSchema>

/** The pact facts the model refers to: its years (the period) and its parties. */
export type PactModelContext = { years: readonly number[]; partyIds: readonly string[] }

export type PactModelIssue = { path: (string | number)[]; message: string }

export type ReportedIssue = PactModelIssue & {
  /** Names of the people who wrote the value, as far as the server saw; empty when unknown. */
  writers: string[]
}

export type PactModelValidation = { ok: true; model: PactModel } | { ok: false; issues: PactModelIssue[] }

/** The model schema plus the checks that need the pact: years, parties and references within the model. */
export function pactModelSchemaFor(context: PactModelContext) {
  return pactModelSchema.check(z.superRefine((model, ctx) => addCrossReferenceIssues(model, context, ctx)))
}

export function validatePactModel(input: unknown, context: PactModelContext): PactModelValidation {
  // Anything without a message of its own (a wrong shape written by a buggy client) gets the generic key.
  const result = pactModelSchemaFor(context).safeParse(input, { error: () => 'model.errors.invalid' })
  if (result.success) return { ok: true, model: result.data }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
      message: issue.message,
    })),
  }
}

function addCrossReferenceIssues(model: PactModel, context: PactModelContext, ctx: z.core.$RefinementCtx): void {
  const years = new Set(context.years)
  const partyIds = new Set(context.partyIds)
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
  const checkParty = (partyId: string, path: (string | number)[]) => {
    if (!partyIds.has(partyId)) issue(path, 'model.errors.party.unknown')
  }
  const checkYear = (year: number, path: (string | number)[]) => {
    if (!years.has(year)) issue(path, 'model.errors.year.outsidePeriod')
  }

  // Ids are unique across the whole model, so an id alone is enough to point at an area, indicator or rule.
  const ids = new Set<string>()
  const checkId = (id: string, path: (string | number)[]) => {
    if (ids.has(id)) issue([...path, 'id'], 'model.errors.id.duplicate')
    ids.add(id)
  }

  // Sums of valid cells may still pass the safe-integer range; the budget table relies on exact totals.
  // Zod runs this check even when a field check failed (the types are right), so invalid cells are skipped.
  let runningTotalCents = 0
  model.resultAreas.forEach((area, areaIndex) => {
    const areaPath = ['resultAreas', areaIndex]
    checkId(area.id, areaPath)
    area.responsiblePartyIds.forEach((partyId, index) => checkParty(partyId, [...areaPath, 'responsiblePartyIds', index]))
    area.budgets.forEach((cell, index) => {
      const cellPath = [...areaPath, 'budgets', index]
      checkParty(cell.partyId, [...cellPath, 'partyId'])
      checkYear(cell.year, [...cellPath, 'year'])
      if (!centsSchema.safeParse(cell.cents).success) return
      runningTotalCents += cell.cents
      if (!Number.isSafeInteger(runningTotalCents)) issue([...cellPath, 'cents'], 'model.errors.cents.tooLarge')
    })
    area.indicators.forEach((indicator, indicatorIndex) => {
      const indicatorPath = [...areaPath, 'indicators', indicatorIndex]
      checkId(indicator.id, indicatorPath)
      indicator.targets.forEach((target, index) => checkYear(target.year, [...indicatorPath, 'targets', index, 'year']))
    })
  })

  const areaIds = new Set(model.resultAreas.map((area) => area.id))
  const scopesSeen = new Set<string>()
  model.riskRules.forEach((rule, ruleIndex) => {
    const rulePath = ['riskRules', ruleIndex]
    checkId(rule.id, rulePath)
    const scopeKey = riskScopeKey(rule.scope)
    if (rule.scope.kind === 'result-area' && !areaIds.has(rule.scope.resultAreaId)) {
      issue([...rulePath, 'scope', 'resultAreaId'], 'model.errors.scope.unknownResultArea')
    } else if (scopesSeen.has(scopeKey)) {
      issue([...rulePath, 'scope'], 'model.errors.scope.duplicate')
    }
    scopesSeen.add(scopeKey)
    if (rule.division.kind === 'weights') {
      rule.division.weights.forEach((entry, index) =>
        checkParty(entry.partyId, [...rulePath, 'division', 'weights', index, 'partyId']),
      )
    }
  })
}
