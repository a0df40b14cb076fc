import type { ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatDutchNumber } from '#app/platform/dutch-number.ts'
import type { Indicator, PactModel, ResultArea, RiskRule } from '#app/pact-model/pact-model.ts'
import type { ClauseKind } from '#app/document/clause.ts'
import type { PactDataSource } from '#app/document/pact-data.ts'
import { formatEuros, partyName } from '#app/pact-model/budget-table.ts'
import { AreaBudgetTable } from '#app/pact-model/ui/budget-table-view.tsx'
import { Table } from '#app/platform/ui/table.tsx'

/**
 * The structured data a `pactData` block refers to, as it reads inside a clause or on the
 * resultaatgebieden page. No editor code here: that page shows the same data without the editor
 * (the node view around it is in pact-data-node-view.tsx).
 */

type AreaSection = 'overview' | 'budget' | 'indicators'

// A budget clause is about the money, a result-area clause about the aims; the rest of the data
// (which is signed with the clause too) stays one click away.
const SECTIONS_BY_CLAUSE_KIND: Partial<Record<ClauseKind, { shown: AreaSection[]; folded: AreaSection[] }>> = {
  budget: { shown: ['budget'], folded: ['overview', 'indicators'] },
  resultaatgebied: { shown: ['overview', 'indicators'], folded: ['budget'] },
}
const ALL_SECTIONS = { shown: ['overview', 'budget', 'indicators'] as AreaSection[], folded: [] as AreaSection[] }

/** Inside a clause (whose title is an h3) the data's title is an h4; on a page of its own it may sit higher. */
type HeadingLevel = 3 | 4

function DataTitle({ level, children }: { level: HeadingLevel; children: ReactNode }) {
  const Tag = `h${level}` as const
  return <Tag className="pw-pact-data__title">{children}</Tag>
}

export function ResultAreaData({
  area,
  source,
  clauseKind,
  headingLevel = 4,
}: {
  area: ResultArea
  source: PactDataSource
  clauseKind: ClauseKind | null
  headingLevel?: HeadingLevel
}) {
  const { t } = useTranslation()
  const { shown, folded } = (clauseKind && SECTIONS_BY_CLAUSE_KIND[clauseKind]) || ALL_SECTIONS
  const render = (section: AreaSection) => <AreaSectionView key={section} section={section} area={area} source={source} />
  return (
    <div className="pw-pact-data__body">
      <DataTitle level={headingLevel}>
        {t('areas.data.resultArea')}: {area.title}
      </DataTitle>
      {shown.map(render)}
      {folded.length > 0 ? (
        <details className="pw-pact-data__more">
          <summary>
            {folded.includes('budget') && folded.length === 1 ? t('areas.data.budgetDetails') : t('areas.data.more')}
          </summary>
          {folded.map(render)}
        </details>
      ) : null}
    </div>
  )
}

function AreaSectionView({ section, area, source }: { section: AreaSection; area: ResultArea; source: PactDataSource }) {
  const { t } = useTranslation()
  if (section === 'budget') return <AreaBudgetTable area={area} years={source.years} parties={source.parties} />
  if (section === 'indicators') return <IndicatorTable area={area} years={source.years} />
  return (
    <DataList
      items={[
        [t('areas.area.challenge'), area.challenge],
        [t('areas.area.targetGroup'), area.targetGroup],
        [t('areas.area.description'), area.description],
        [
          t('areas.area.responsible'),
          area.responsiblePartyIds.map((partyId) => partyName(source.parties, partyId)).join(', ') ||
            t('areas.area.noneResponsible'),
        ],
      ]}
    />
  )
}

export function IndicatorTable({ area, years }: { area: ResultArea; years: readonly number[] }) {
  const { t } = useTranslation()
  if (area.indicators.length === 0) return <p className="utrecht-paragraph">{t('areas.indicator.none')}</p>
  const targets = (indicator: Indicator) =>
    years
      .flatMap((year) => {
        const target = indicator.targets.find((candidate) => candidate.year === year)
        return target ? [`${year}: ${formatDutchNumber(target.value)}`] : []
      })
      .join('\n') || '–'
  return (
    <Table
      caption={`${t('areas.indicator.heading')}: ${area.title}`}
      className="pw-indicator-table"
      rows={area.indicators}
      rowKey={(indicator) => indicator.id}
      columns={[
        { header: t('areas.indicator.name'), rowHeader: true, cell: (indicator) => indicator.name },
        { header: t('areas.indicator.unit'), cell: (indicator) => indicator.unit },
        {
          header: `${t('areas.indicator.level')}, ${t('areas.indicator.direction').toLowerCase()}`,
          cell: (indicator) =>
            `${t(`areas.indicator.levels.${indicator.level}`)}, ${t(`areas.indicator.directions.${indicator.direction}`).toLowerCase()}`,
        },
        {
          header: t('areas.indicator.baseline'),
          cell: (indicator) =>
            indicator.baselineValue === null || indicator.baselineYear === null
              ? '–'
              : t('areas.indicator.baselineText', {
                  value: formatDutchNumber(indicator.baselineValue),
                  year: indicator.baselineYear,
                }),
        },
        { header: t('areas.indicator.targets'), cell: targets },
        { header: t('areas.indicator.dataSource'), cell: (indicator) => indicator.dataSource || '–' },
      ]}
    />
  )
}

export function riskScopeLabel(rule: Pick<RiskRule, 'scope'>, model: PactModel, t: TFunction): string {
  if (rule.scope.kind === 'pact') return t('areas.rule.scopePact')
  const { resultAreaId } = rule.scope
  return t('areas.rule.scopeArea', { title: model.resultAreas.find((area) => area.id === resultAreaId)?.title ?? resultAreaId })
}

export function RiskRuleData({
  rule,
  source,
  headingLevel = 4,
}: {
  rule: RiskRule
  source: PactDataSource
  headingLevel?: HeadingLevel
}) {
  const { t } = useTranslation()
  const percent = (value: number) => t('areas.rule.percent', { value: formatDutchNumber(value) })
  const division =
    rule.division.kind === 'pro-rata'
      ? t('areas.rule.proRata')
      : `${t('areas.rule.weights')}: ${rule.division.weights.map((entry) => `${partyName(source.parties, entry.partyId)} ${formatDutchNumber(entry.weight)}`).join(', ')}`
  return (
    <div className="pw-pact-data__body">
      <DataTitle level={headingLevel}>
        {t('areas.data.riskRule')}: {riskScopeLabel(rule, source.model, t)}
      </DataTitle>
      <DataList
        items={[
          [t('areas.rule.corridor'), percent(rule.corridorPercent)],
          [t('areas.rule.inside'), percent(rule.providerShareInside)],
          [t('areas.rule.outside'), percent(rule.providerShareOutside)],
          [t('areas.rule.cap'), rule.providerCapCents === null ? t('areas.rule.noCap') : formatEuros(rule.providerCapCents)],
          [`${t('areas.rule.underspendLegend')}: ${t('areas.rule.gain')}`, percent(rule.underspend.providerGainShare)],
          [`${t('areas.rule.underspendLegend')}: ${t('areas.rule.fund')}`, percent(rule.underspend.revolvingFundShare)],
          [t('areas.rule.divisionLegend'), division],
        ]}
      />
      <p className="utrecht-paragraph">{t('areas.rule.municipalityRest')}</p>
    </div>
  )
}

function DataList({ items }: { items: Array<[label: string, value: string]> }) {
  return (
    <dl className="utrecht-data-list pw-data-list">
      {items
        .filter(([, value]) => value !== '')
        .map(([label, value]) => (
          <div key={label} className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">{label}</dt>
            <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
          </div>
        ))}
    </dl>
  )
}
