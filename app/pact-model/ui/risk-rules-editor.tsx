import type { TFunction } from 'i18next'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { EditableRiskRule } from '#app/pact-model/editable-pact-model.ts'
import { removeRiskRule, upsertRiskRule } from '#app/pact-model/pact-model-yjs.ts'
import { riskScopeKey } from '#app/pact-model/model-keys.ts'
import { riskRuleSchema, type RiskRule, type RiskScope } from '#app/pact-model/pact-model.ts'
import { newId } from '#app/platform/ids.ts'
import { ConfirmButton } from '#app/platform/ui/confirm-button.tsx'
import { Fieldset, RadioGroup, Select } from '#app/platform/ui/field.tsx'
import { LiveField, type ParseResult } from './live-fields.tsx'
import { moneyInputText, numberInputText, useModelParsers } from './model-parsers.ts'
import type { ModelEditorProps } from './model-editor.ts'
import { buttonClass } from '#app/platform/ui/ui.tsx'
import { messageText, type MessageKey } from '#app/platform/i18n/keys.ts'

type PercentField = 'corridorPercent' | 'providerShareInside' | 'providerShareOutside'
type UnderspendField = 'providerGainShare' | 'revolvingFundShare'

const PERCENT_FIELDS: Array<[PercentField, MessageKey]> = [
  ['corridorPercent', 'areas.rule.corridor'],
  ['providerShareInside', 'areas.rule.inside'],
  ['providerShareOutside', 'areas.rule.outside'],
]
const UNDERSPEND_FIELDS: Array<[UnderspendField, MessageKey]> = [
  ['providerGainShare', 'areas.rule.gain'],
  ['revolvingFundShare', 'areas.rule.fund'],
]

// A new rule changes nothing yet: the municipality carries every deviation until the parties agree otherwise.
function newRule(scope: RiskScope): RiskRule {
  return {
    id: newId(),
    scope,
    corridorPercent: 0,
    providerShareInside: 0,
    providerShareOutside: 0,
    providerCapCents: null,
    underspend: { providerGainShare: 0, revolvingFundShare: 0 },
    division: { kind: 'pro-rata' },
  }
}

function isPrefix(prefix: readonly PropertyKey[], path: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment)
}

function scopeLabel(scope: EditableRiskRule['scope'], model: ModelEditorProps['model'], t: TFunction): string {
  if (scope?.kind === 'result-area') {
    const title = model.resultAreas.find((area) => area.id === scope.resultAreaId)?.title || t('areas.area.untitled')
    return t('areas.rule.scopeArea', { title })
  }
  return t('areas.rule.scopePact')
}

/** The risk-sharing rules: one for the whole pact and/or one per result area. */
export function RiskRulesEditor(props: ModelEditorProps) {
  const { t } = useTranslation()
  const { model } = props
  return (
    <div className="pw-stack">
      {model.riskRules.length === 0 ? <p className="utrecht-paragraph">{t('areas.rule.none')}</p> : null}
      {model.riskRules.map((rule, index) => (
        <RiskRuleEditor key={rule.id || index} {...props} rule={rule} index={index} />
      ))}
      <AddRiskRuleForm {...props} />
    </div>
  )
}

function AddRiskRuleForm({ doc, model }: ModelEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const taken = new Set(model.riskRules.flatMap((rule) => (rule.scope ? [riskScopeKey(rule.scope)] : [])))
  const scopes: RiskScope[] = [
    { kind: 'pact' as const },
    ...model.resultAreas.map((area) => ({ kind: 'result-area' as const, resultAreaId: area.id })),
  ].filter((scope) => !taken.has(riskScopeKey(scope)))
  const [chosen, setChosen] = useState('')
  const scope = scopes.find((candidate) => riskScopeKey(candidate) === chosen) ?? scopes[0]
  if (!scope) return <p className="utrecht-paragraph">{t('areas.rule.allScopesTaken')}</p>
  const submit = (event: FormEvent) => {
    event.preventDefault()
    upsertRiskRule(doc, newRule(scope))
    setChosen('')
  }
  return (
    <form className="pw-add-form" onSubmit={submit}>
      <Fieldset legend={t('areas.rule.addLegend')}>
        <Select
          id={id}
          label={t('areas.rule.scope')}
          value={riskScopeKey(scope)}
          onChange={(event) => setChosen(event.target.value)}
          options={scopes.map((candidate) => ({ value: riskScopeKey(candidate), label: scopeLabel(candidate, model, t) }))}
        />
        <button type="submit" className={buttonClass('secondary')}>
          {t('areas.rule.add')}
        </button>
      </Fieldset>
    </form>
  )
}

function RiskRuleEditor({
  doc,
  model,
  parties,
  issuesAt,
  rule,
  index,
}: ModelEditorProps & { rule: EditableRiskRule; index: number }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const path = ['riskRules', index]
  const scope = scopeLabel(rule.scope, model, t)

  /**
   * A change is written as the whole rule, and only when the whole rule is then valid: the
   * problem with the changed field is shown at that field, a problem elsewhere (someone else's
   * invalid value) says to fix that first.
   */
  function parseRule<Value>(
    readValue: (text: string) => ParseResult<Value>,
    apply: (rule: EditableRiskRule, value: Value) => EditableRiskRule,
    field: string[],
  ) {
    return (text: string): ParseResult<RiskRule> => {
      const value = readValue(text)
      if (!value.ok) return value
      const result = riskRuleSchema.safeParse(apply(rule, value.value))
      if (result.success) return { ok: true, value: result.data }
      const own = result.error.issues.find((issue) => isPrefix(field, issue.path) || isPrefix(issue.path, field))
      return { ok: false, message: own ? messageText(t, own.message) : t('areas.errors.otherFieldsInvalid') }
    }
  }
  const commit = (next: RiskRule) => upsertRiskRule(doc, next)
  const percentField = (
    label: string,
    value: number,
    apply: (rule: EditableRiskRule, value: number) => EditableRiskRule,
    field: string[],
  ) => (
    <LiveField
      key={field.join('.')}
      label={label}
      size="small"
      inputMode="decimal"
      value={numberInputText(value)}
      parse={parseRule(parse.number, apply, field)}
      commit={commit}
      issues={issuesAt([...path, ...field])}
    />
  )
  const providers = parties.filter((party) => party.kind !== 'gemeente')
  const ruleScope = rule.scope
  const scopedAreas =
    ruleScope?.kind === 'result-area' ? model.resultAreas.filter((area) => area.id === ruleScope.resultAreaId) : model.resultAreas
  const responsibleProviders = providers
    .map((party) => party.id)
    .filter((partyId) => scopedAreas.some((area) => area.responsiblePartyIds.includes(partyId)))
  const weights = rule.division?.kind === 'weights' ? rule.division.weights : []
  return (
    <Fieldset legend={t('areas.rule.legend', { scope })} className="pw-rule" data-testid="risk-rule-editor">
      <div className="pw-field-row">
        {PERCENT_FIELDS.map(([field, label]) =>
          percentField(t(label), rule[field], (current, value) => ({ ...current, [field]: value }), [field]),
        )}
        <LiveField
          label={t('areas.rule.cap')}
          description={t('areas.rule.capHint')}
          size="small"
          inputMode="decimal"
          value={moneyInputText(rule.providerCapCents)}
          parse={parseRule(parse.optionalMoney, (current, cents) => ({ ...current, providerCapCents: cents }), [
            'providerCapCents',
          ])}
          commit={commit}
          issues={issuesAt([...path, 'providerCapCents'])}
        />
      </div>
      <Fieldset legend={t('areas.rule.underspendLegend')}>
        <div className="pw-field-row">
          {UNDERSPEND_FIELDS.map(([field, label]) =>
            percentField(
              t(label),
              rule.underspend[field],
              (current, value) => ({ ...current, underspend: { ...current.underspend, [field]: value } }),
              ['underspend', field],
            ),
          )}
        </div>
        <p className="utrecht-paragraph">{t('areas.rule.municipalityRest')}</p>
      </Fieldset>
      <Fieldset legend={t('areas.rule.divisionLegend')}>
        <DivisionChoice
          rule={rule}
          onChoose={(kind) => {
            // Switching to weights starts from equal weights for the providers responsible in the rule's scope.
            const division =
              kind === 'pro-rata' ? { kind } : { kind, weights: responsibleProviders.map((partyId) => ({ partyId, weight: 1 })) }
            const result = riskRuleSchema.safeParse({ ...rule, division })
            if (result.success) commit(result.data)
          }}
        />
        {rule.division?.kind === 'weights' ? (
          <div className="pw-field-row">
            {providers.map((party) => {
              const weightIndex = weights.findIndex((entry) => entry.partyId === party.id)
              return (
                <LiveField
                  key={party.id}
                  label={t('areas.rule.weight', { party: party.name })}
                  size="small"
                  inputMode="decimal"
                  value={numberInputText(weightIndex === -1 ? null : weights[weightIndex]!.weight)}
                  parse={parseRule(
                    parse.optionalNumber,
                    (current, weight) => ({
                      ...current,
                      division: {
                        kind: 'weights',
                        weights: [
                          ...weights.filter((entry) => entry.partyId !== party.id),
                          ...(weight === null ? [] : [{ partyId: party.id, weight }]),
                        ],
                      },
                    }),
                    ['division', 'weights'],
                  )}
                  commit={commit}
                  issues={weightIndex === -1 ? [] : issuesAt([...path, 'division', 'weights', weightIndex])}
                />
              )
            })}
          </div>
        ) : null}
        {rule.division?.kind === 'weights' ? (
          <p className="utrecht-form-field-description">{t('areas.rule.weightHint')}</p>
        ) : null}
      </Fieldset>
      <ConfirmButton
        label={t('areas.rule.remove')}
        ariaLabel={t('areas.rule.removeLabel', { scope })}
        question={t('areas.rule.removeLabel', { scope })}
        onConfirm={() => removeRiskRule(doc, rule.id)}
      />
    </Fieldset>
  )
}

function DivisionChoice({ rule, onChoose }: { rule: EditableRiskRule; onChoose: (kind: 'pro-rata' | 'weights') => void }) {
  const { t } = useTranslation()
  const name = useId()
  return (
    <RadioGroup
      name={name}
      legend={t('areas.rule.divisionLegend')}
      legendHidden
      inline
      value={rule.division?.kind ?? null}
      onChange={onChoose}
      options={[
        { value: 'pro-rata', label: t('areas.rule.proRata') },
        { value: 'weights', label: t('areas.rule.weights') },
      ]}
    />
  )
}
