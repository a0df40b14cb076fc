import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts'
import { partyName, whatIf, type NamedParty } from '#app/pact-model/budget-table.ts'
import { formatCents } from '#app/platform/money.ts'
import { riskScopeKey, type PactModel, type RiskScope } from '#app/pact-model/pact-model.ts'
import { FieldError } from './live-fields.tsx'
import { moneyInputText, useModelParsers } from './model-parsers.ts'
import { riskScopeLabel } from '#app/document/ui/pact-data-view.tsx'
import { FormField } from '#app/platform/ui/ui.tsx'

/**
 * "Wat als": what the agreed risk sharing means for a given actual spend, per party, computed
 * by the one settlement rule (budget-table.ts → risk-sharing.ts) as the spend is typed or slid.
 * The table is the answer; the chart shows the same numbers and says them in words.
 */
export function WhatIf({ model, years, parties }: { model: PactModel; years: readonly number[]; parties: readonly NamedParty[] }) {
  const { t } = useTranslation()
  const scopes = model.riskRules.map((rule) => rule.scope)
  const [scopeKey, setScopeKey] = useState<string | null>(null)
  const [year, setYear] = useState(years[0]!)
  const scope = scopes.find((candidate) => riskScopeKey(candidate) === scopeKey) ?? scopes[0]
  if (!scope) return <p className="utrecht-paragraph">{t('areas.whatIf.noRules')}</p>
  return (
    <div className="pw-stack pw-what-if" data-testid="what-if">
      <p className="utrecht-paragraph">{t('areas.whatIf.lead')}</p>
      <div className="pw-field-row">
        <Choice
          label={t('areas.whatIf.scope')}
          value={riskScopeKey(scope)}
          options={scopes.map((candidate) => ({ value: riskScopeKey(candidate), label: riskScopeLabel({ scope: candidate }, model, t) }))}
          onChange={setScopeKey}
        />
        <Choice
          label={t('areas.whatIf.year')}
          value={String(year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(value) => setYear(Number(value))}
        />
      </div>
      {/* A new question starts from its own budget. */}
      <Settlement key={`${riskScopeKey(scope)}|${year}`} model={model} scope={scope} year={year} parties={parties} />
    </div>
  )
}

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: string
  options: Array<{ value: string; label: string }>
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <FormField kind="select" inputId={id} label={label}>
      <select id={id} className="utrecht-select utrecht-select--html-select" value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormField>
  )
}

function Settlement({ model, scope, year, parties }: { model: PactModel; scope: RiskScope; year: number; parties: readonly NamedParty[] }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const inputId = useId()
  const sliderId = useId()
  const errorId = useId()
  const budgetQuestion = whatIf(model, { scope, year, actualCents: 0 }, parties)
  const budgetCents = budgetQuestion.ok ? budgetQuestion.input.budgetCents : 0
  const [actualCents, setActualCents] = useState(budgetCents)
  const [actualText, setActualText] = useState(moneyInputText(budgetCents))
  const [error, setError] = useState<string | null>(null)

  if (!budgetQuestion.ok) return <p className="utrecht-paragraph">{t(budgetQuestion.error)}</p>
  const result = whatIf(model, { scope, year, actualCents }, parties)
  if (!result.ok) return <p className="utrecht-paragraph">{t(result.error)}</p>
  const { settlement } = result

  const typeAmount = (text: string) => {
    setActualText(text)
    const parsed = parse.money(text)
    if (parsed.ok) {
      setActualCents(parsed.value)
      setError(null)
    }
  }
  const settleAmount = () => {
    const parsed = parse.money(actualText)
    setError(parsed.ok ? null : parsed.message)
  }
  // The slider moves in whole euros up to twice the budget, in about 400 steps.
  const sliderMax = Math.max(Math.round((budgetCents * 2) / 100), 1)
  const sliderStep = Math.max(Math.round(sliderMax / 400), 1)
  const slide = (euros: number) => {
    setActualCents(euros * 100)
    setActualText(moneyInputText(euros * 100))
    setError(null)
  }

  const rows = [
    ...settlement.providers.map((provider) => ({ key: provider.id, name: partyName(parties, provider.id), cents: provider.cents })),
    ...(settlement.kind === 'underspend' ? [{ key: 'fund', name: t('areas.whatIf.revolvingFund'), cents: settlement.revolvingFundCents }] : []),
    { key: 'municipality', name: t('areas.whatIf.municipality'), cents: settlement.municipalityCents },
  ]
  const deviation = formatCents(Math.abs(settlement.deviationCents))
  const providersTotal = settlement.providers.reduce((sum, provider) => sum + provider.cents, 0)
  const summary = rows.map((row) => `${row.name}: ${formatCents(row.cents)}`).join('; ')
  const amountHeader = settlement.kind === 'underspend' ? t('areas.whatIf.receives') : t('areas.whatIf.carries')

  return (
    <>
      <p className="utrecht-paragraph pw-meta">{t('areas.whatIf.budget', { amount: formatCents(budgetCents) })}</p>
      <div className={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
        <div className="utrecht-form-field__label">
          <label className="utrecht-form-label" htmlFor={inputId}>
            {t('areas.whatIf.actual')}
          </label>
        </div>
        {error ? <FieldError id={errorId} messages={[error]} /> : null}
        <div className="utrecht-form-field__input">
          <input
            id={inputId}
            type="text"
            inputMode="decimal"
            value={actualText}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
            onChange={(event) => typeAmount(event.target.value)}
            onBlur={settleAmount}
          />
        </div>
      </div>
      <div className="utrecht-form-field">
        <div className="utrecht-form-field__label">
          <label className="utrecht-form-label" htmlFor={sliderId}>
            {t('areas.whatIf.slider')}
          </label>
        </div>
        <div className="utrecht-form-field__input">
          <input
            id={sliderId}
            type="range"
            className="pw-slider"
            min={0}
            max={sliderMax}
            step={sliderStep}
            value={Math.min(Math.round(actualCents / 100), sliderMax)}
            aria-valuetext={formatCents(actualCents)}
            onChange={(event) => slide(Number(event.target.value))}
          />
        </div>
      </div>
      <p className="utrecht-paragraph" role="status" data-testid="what-if-summary">
        {settlement.kind === 'overspend'
          ? t('areas.whatIf.overspend', { amount: deviation })
          : settlement.kind === 'underspend'
            ? t('areas.whatIf.underspend', { amount: deviation })
            : t('areas.whatIf.onBudget')}{' '}
        {settlement.kind === 'on-budget' ? null : t('areas.whatIf.providersTotal', { amount: formatCents(providersTotal) })}
      </p>
      {settlement.kind === 'on-budget' ? null : (
        <>
          <table className="utrecht-table pw-money-table" data-testid="what-if-table">
            <caption className="utrecht-table__caption">{t('areas.whatIf.tableCaption')}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">
                  {t('areas.whatIf.recipient')}
                </th>
                <th className="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">
                  {amountHeader}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {rows.map((row) => (
                <tr key={row.key} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">
                    {row.name}
                  </th>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{formatCents(row.cents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="utrecht-table__footer">
              <tr className="utrecht-table__row pw-money-table__total">
                <th className="utrecht-table__header-cell" scope="row">
                  {t('areas.whatIf.total')}
                </th>
                <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{deviation}</td>
              </tr>
            </tfoot>
          </table>
          <figure className="pw-chart">
            <div role="img" aria-label={t('areas.whatIf.chartLabel', { summary })}>
              <BarChart
                responsive
                style={{ width: '100%', maxWidth: '40rem', height: 280 }}
                data={rows.map((row) => ({ name: row.name, euros: row.cents / 100 }))}
                accessibilityLayer={false}
                margin={{ top: 8, right: 8, bottom: 24, left: 24 }}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
                <YAxis tickFormatter={(euros: number) => formatCents(Math.round(euros) * 100, { withCents: false })} width={96} />
                <Bar dataKey="euros" fill="var(--pw-color-primary)" isAnimationActive={false} />
              </BarChart>
            </div>
          </figure>
        </>
      )}
    </>
  )
}
