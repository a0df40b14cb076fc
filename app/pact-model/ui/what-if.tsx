import { lazy, Suspense, useId, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { partyName, whatIf, type NamedParty } from '#app/pact-model/budget-table.ts'
import { formatCents } from '#app/platform/money.ts'
import { riskScopeKey } from '#app/pact-model/model-keys.ts'
import type { PactModel, RiskScope } from '#app/pact-model/pact-model.ts'
import { moneyInputText, useModelParsers } from './model-parsers.ts'
import { riskScopeLabel } from '#app/document/ui/pact-data-view.tsx'
import { Field, Select, textboxClass } from '#app/platform/ui/field.tsx'
import { uncappedProvidersCents } from '#app/pact-model/risk-sharing.ts'
import { sliderPosition, sliderScale } from '#app/pact-model/what-if-scale.ts'
import { Alert } from '#app/platform/ui/ui.tsx'
import { Table } from '#app/platform/ui/table.tsx'

// The chart library (recharts, about 100 KB gzipped) is fetched only when a chart is drawn.
const WhatIfChart = lazy(() => import('./what-if-chart.tsx'))

/**
 * "Wat als": what the agreed risk sharing means for a given actual spend, per party, computed
 * by the one settlement rule (budget-table.ts → risk-sharing.ts) as the spend is typed or slid.
 * The table is the answer; the chart shows the same numbers and says them in words.
 */
export function WhatIf({
  model,
  years,
  parties,
}: {
  model: PactModel
  years: readonly number[]
  parties: readonly NamedParty[]
}) {
  const { t } = useTranslation()
  const scopes = model.riskRules.map((rule) => rule.scope)
  const [scopeKey, setScopeKey] = useState<string | null>(null)
  const [year, setYear] = useState(years[0]!)
  const id = useId()
  const scope = scopes.find((candidate) => riskScopeKey(candidate) === scopeKey) ?? scopes[0]
  if (!scope) return <p className="utrecht-paragraph">{t('areas.whatIf.noRules')}</p>
  return (
    <div className="pw-stack pw-what-if" data-testid="what-if">
      <p className="utrecht-paragraph">{t('areas.whatIf.lead')}</p>
      <div className="pw-field-row">
        <Select
          id={`${id}-scope`}
          label={t('areas.whatIf.scope')}
          value={riskScopeKey(scope)}
          options={scopes.map((candidate) => ({
            value: riskScopeKey(candidate),
            label: riskScopeLabel({ scope: candidate }, model, t),
          }))}
          onChange={(event) => setScopeKey(event.target.value)}
        />
        <Select
          id={`${id}-year`}
          label={t('areas.whatIf.year')}
          value={String(year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(event) => setYear(Number(event.target.value))}
        />
      </div>
      {/* A new question starts from its own budget. */}
      <Settlement key={`${riskScopeKey(scope)}|${year}`} model={model} scope={scope} year={year} parties={parties} />
    </div>
  )
}

function Settlement({
  model,
  scope,
  year,
  parties,
}: {
  model: PactModel
  scope: RiskScope
  year: number
  parties: readonly NamedParty[]
}) {
  const { t, i18n } = useTranslation()
  const parse = useModelParsers()
  const inputId = useId()
  const sliderId = useId()
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
  const scale = sliderScale(budgetCents)
  const slide = (euros: number) => {
    setActualCents(euros * 100)
    setActualText(moneyInputText(euros * 100))
    setError(null)
  }

  const providerNames = settlement.providers.map((provider) => partyName(parties, provider.id))
  const rows: ShareRow[] = [
    ...settlement.providers.map((provider, index) => ({ key: provider.id, name: providerNames[index]!, cents: provider.cents })),
    ...(settlement.kind === 'underspend'
      ? [{ key: 'fund', name: t('areas.whatIf.revolvingFund'), cents: settlement.revolvingFundCents }]
      : []),
    { key: 'municipality', name: t('areas.whatIf.municipality'), cents: settlement.municipalityCents },
  ]
  const deviation = formatCents(Math.abs(settlement.deviationCents))
  const providersTotal = settlement.providers.reduce((sum, provider) => sum + provider.cents, 0)
  const uncapped = uncappedProvidersCents(result.input)
  const summary = rows.map((row) => `${row.name}: ${formatCents(row.cents)}`).join('; ')
  const amountHeader = settlement.kind === 'underspend' ? t('areas.whatIf.receives') : t('areas.whatIf.carries')

  return (
    <>
      <p className="utrecht-paragraph pw-meta">{t('areas.whatIf.budget', { amount: formatCents(budgetCents) })}</p>
      <div className="pw-field-row pw-what-if__amount">
        <Field id={inputId} label={t('areas.whatIf.actual')} errors={error ? [error] : undefined}>
          {({ invalid, ...control }) => (
            <input
              {...control}
              type="text"
              inputMode="decimal"
              value={actualText}
              className={textboxClass(invalid)}
              onChange={(event) => typeAmount(event.target.value)}
              onBlur={settleAmount}
            />
          )}
        </Field>
        <Field
          id={sliderId}
          label={t('areas.whatIf.slider')}
          description={t('areas.whatIf.sliderSteps', { step: formatCents(scale.stepEuros * 100, { withCents: false }) })}
        >
          {({ invalid: _invalid, ...control }) => (
            <input
              {...control}
              type="range"
              className="pw-slider"
              min={0}
              max={scale.maxEuros}
              step={scale.stepEuros}
              value={sliderPosition(actualCents, scale)}
              aria-valuetext={formatCents(actualCents)}
              onChange={(event) => slide(Number(event.target.value))}
            />
          )}
        </Field>
      </div>
      <p className="utrecht-paragraph" role="status" data-testid="what-if-summary">
        {settlement.kind === 'on-budget'
          ? t('areas.whatIf.onBudget')
          : t(`areas.whatIf.${settlement.kind}`, {
              amount: deviation,
              shares: shareSentence(rows, settlement.kind, t, i18n.language),
            })}{' '}
        {settlement.kind === 'on-budget' ? null : t('areas.whatIf.providersTotal', { amount: formatCents(providersTotal) })}
      </p>
      {uncapped === null ? null : (
        <div data-testid="what-if-cap">
          <Alert type="warning">
            <p className="utrecht-paragraph">
              {t('areas.whatIf.capApplies', {
                providers: listText(providerNames, i18n.language),
                cap: formatCents(providersTotal),
                uncapped: formatCents(uncapped),
              })}
            </p>
          </Alert>
        </div>
      )}
      {settlement.kind === 'on-budget' ? null : (
        <>
          <Table
            caption={t('areas.whatIf.tableCaption')}
            className="pw-money-table"
            testId="what-if-table"
            columns={[
              { key: 'name', header: t('areas.whatIf.recipient'), rowHeader: true, cell: (row) => row.name },
              { key: 'amount', header: amountHeader, numeric: true, cell: (row) => row.amount },
            ]}
            rows={rows.map((row) => ({ key: row.key, name: row.name, amount: formatCents(row.cents) }))}
            rowKey={(row) => row.key}
            footer={[{ key: 'total', name: t('areas.whatIf.total'), amount: deviation }]}
          />
          <figure className="pw-chart">
            <div role="img" aria-label={t('areas.whatIf.chartLabel', { summary })}>
              <Suspense fallback={null}>
                <WhatIfChart rows={rows} />
              </Suspense>
            </div>
          </figure>
        </>
      )}
    </>
  )
}

interface ShareRow {
  key: string
  name: string
  cents: number
}

/** Each party with its own share, e.g. "Stichting Welzijn draagt € 24.375,00, …, en Gemeente (de rest) draagt € 47.500,00". */
export function shareSentence(
  rows: readonly Pick<ShareRow, 'name' | 'cents'>[],
  kind: 'overspend' | 'underspend',
  t: TFunction,
  language: string,
): string {
  const key = kind === 'overspend' ? 'areas.whatIf.partyCarries' : 'areas.whatIf.partyReceives'
  return listText(
    rows.map((row) => t(key, { name: row.name, amount: formatCents(row.cents) })),
    language,
  )
}

function listText(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language === 'en' ? 'en' : 'nl', { type: 'conjunction' }).format(items)
}
