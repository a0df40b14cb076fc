import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatCents } from '#app/platform/money.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { spentPercent, type AreaProgress, type ProgressSummaryData } from './progress.ts'
import type { IndicatorStatus } from './status.ts'
import type { CellStatus } from './records.ts'
import type { RiskOutcome } from './settlement.ts'

/** The voortgang pages' building blocks: status badges and tables (the charts are in charts.tsx). */

const numberFormats = {
  nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
}

export function useMeasured() {
  const { i18n } = useTranslation()
  const format = i18n.language === 'en' ? numberFormats.en : numberFormats.nl
  return (value: number | null) => (value === null ? '–' : format.format(value))
}

export function StatusBadge({ status }: { status: IndicatorStatus }) {
  const { t } = useTranslation()
  return <span className={`utrecht-data-badge pw-status pw-status--${status}`}>{t(`tracking.status.${status}`)}</span>
}

export function CellStatusText({ status }: { status: CellStatus }) {
  const { t } = useTranslation()
  return <>{t(`tracking.cell.${status}`)}</>
}

/** The rule behind the statuses, as the domain defines it (app/tracking/status.ts). */
export function StatusRule() {
  const { t } = useTranslation()
  return (
    <details className="pw-status-rule">
      <summary>{t('tracking.status.ruleTitle')}</summary>
      <ul>
        <li>
          <StatusBadge status="op-koers" /> {t('tracking.status.rule.op-koers')}
        </li>
        <li>
          <StatusBadge status="aandacht" /> {t('tracking.status.rule.aandacht')}
        </li>
        <li>
          <StatusBadge status="achter" /> {t('tracking.status.rule.achter')}
        </li>
        <li>
          <StatusBadge status="geen-oordeel" /> {t('tracking.status.rule.geen-oordeel')}
        </li>
      </ul>
    </details>
  )
}

/** The indicators of an area with their latest value, target and status. */
export function IndicatorSummaryTable({ area }: { area: AreaProgress }) {
  const { t } = useTranslation()
  const measured = useMeasured()
  return (
    <Table
      caption={t('tracking.progress.indicatorsCaption', { title: area.title })}
      columns={[
        {
          header: t('tracking.fields.indicator'),
          rowHeader: true,
          cell: (indicator) => (
            <>
              {indicator.name} <span className="pw-meta">({indicator.unit})</span>
            </>
          ),
        },
        {
          header: t('tracking.fields.baseline'),
          numeric: true,
          cell: (indicator) =>
            `${measured(indicator.baselineValue)}${indicator.baselineYear ? ` (${indicator.baselineYear})` : ''}`,
        },
        {
          header: t('tracking.fields.latest'),
          numeric: true,
          cell: (indicator) => (indicator.latest ? `${measured(indicator.latest.realised)} (${indicator.latest.period})` : '–'),
        },
        {
          header: t('tracking.fields.target'),
          numeric: true,
          cell: (indicator) => measured(indicator.latest?.target ?? null),
        },
        { header: t('tracking.fields.status'), cell: (indicator) => <StatusBadge status={indicator.status} /> },
      ]}
      rows={area.indicators}
      rowKey={(indicator) => indicator.id}
    />
  )
}

/** The compact summary a signed pact's overview leads with. */
export function ProgressSummary({ summary }: { summary: ProgressSummaryData }) {
  const { t } = useTranslation()
  const statuses = ['op-koers', 'aandacht', 'achter', 'geen-oordeel'] as const
  return (
    <section className="pw-card pw-progress-summary" aria-labelledby="progress-summary-title">
      <h2 className="utrecht-heading-2" id="progress-summary-title">
        {t('tracking.summary.title')}
      </h2>
      <p className="utrecht-paragraph">{t('tracking.summary.version', { number: summary.versionNumber })}</p>
      <ul className="pw-status-counts">
        {statuses.map((status) => (
          <li key={status}>
            <StatusBadge status={status} /> {t('tracking.summary.indicators', { count: summary.statusCounts[status] })}
          </li>
        ))}
      </ul>
      <SpentThisYear year={summary.reportingYear} budgetCents={summary.budgetCents} actualCents={summary.actualCents} />
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={`/pacts/${summary.pactId}/voortgang`}>
          {t('tracking.summary.link')}
        </Link>
      </p>
    </section>
  )
}

/** What the signed risk-sharing rules mean in euros for the spending reported so far. */
export function RiskOutcomesTable({
  outcomes,
  partyNames,
  areaTitles,
}: {
  outcomes: RiskOutcome[]
  partyNames: Record<string, string>
  areaTitles: Record<string, string>
}) {
  const { t } = useTranslation()
  const scopeOf = (outcome: RiskOutcome) =>
    outcome.scope.kind === 'pact'
      ? t('tracking.risk.scopePact')
      : (areaTitles[outcome.scope.resultAreaId] ?? outcome.scope.resultAreaId)
  return (
    <Table
      caption={t('tracking.risk.caption')}
      columns={[
        { header: t('tracking.fields.year'), rowHeader: true, cell: (outcome) => outcome.year },
        { header: t('tracking.risk.scope'), cell: scopeOf },
        { header: t('tracking.fields.budget'), numeric: true, cell: (outcome) => formatCents(outcome.budgetCents) },
        { header: t('tracking.fields.spent'), numeric: true, cell: (outcome) => formatCents(outcome.actualCents) },
        {
          header: t('tracking.risk.deviation'),
          numeric: true,
          cell: ({ settlement }) =>
            t(`tracking.risk.kinds.${settlement.kind}`, { amount: formatCents(Math.abs(settlement.deviationCents)) }),
        },
        {
          header: t('tracking.risk.division'),
          cell: ({ settlement }) => {
            if (settlement.kind === 'on-budget') return '–'
            const parts = [
              ...settlement.providers.map((provider) => ({
                key: provider.id,
                name: partyNames[provider.id] ?? provider.id,
                cents: provider.cents,
              })),
              ...(settlement.kind === 'underspend'
                ? [{ key: 'fund', name: t('tracking.risk.fund'), cents: settlement.revolvingFundCents }]
                : []),
              { key: 'municipality', name: t('tracking.risk.municipality'), cents: settlement.municipalityCents },
            ]
            return (
              <ul className="pw-plain-list">
                {parts.map((part) => (
                  <li key={part.key}>
                    {part.name}: {formatCents(part.cents)}
                  </li>
                ))}
              </ul>
            )
          },
        },
        {
          header: t('tracking.fields.cellStatus'),
          cell: (outcome) => (outcome.final ? t('tracking.risk.final') : t('tracking.risk.provisional')),
        },
      ]}
      rows={outcomes}
      rowKey={(outcome) => `${outcome.year}:${outcome.ruleId}`}
    />
  )
}

/** How much of a year's budget is spent, in one sentence: for the pact, a result area and the summary. */
export function SpentThisYear({ year, budgetCents, actualCents }: { year: number; budgetCents: number; actualCents: number }) {
  const { t } = useTranslation()
  return (
    <p className="utrecht-paragraph">
      {t('tracking.summary.spent', {
        year,
        actual: formatCents(actualCents, { withCents: false }),
        budget: formatCents(budgetCents, { withCents: false }),
        percent: spentPercent(budgetCents, actualCents) ?? 0,
      })}
    </p>
  )
}
