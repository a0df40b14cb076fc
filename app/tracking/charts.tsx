import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts'
import { formatCents } from '#app/platform/money.ts'
import { Table } from '#app/platform/ui/table.tsx'
import type { AreaProgress, IndicatorProgress } from './progress.ts'
import { CellStatusText, useMeasured } from './ui.tsx'

/**
 * The voortgang pages' charts, each with its figures in a table beside it. Apart from the other
 * building blocks, so pages that show none (the pact overview) do not load the chart library.
 */

/** Target path and realised values over the periods: a line chart with the same figures in a table beside it. */
export function IndicatorChart({ indicator }: { indicator: IndicatorProgress }) {
  const { t } = useTranslation()
  const measured = useMeasured()
  const realised = indicator.points.filter((point) => point.realised !== null)
  const summary = realised.length
    ? realised.map((point) => `${point.period}: ${measured(point.realised)}`).join(', ')
    : t('tracking.chart.noValues')
  return (
    <div className="pw-two-col pw-indicator">
      <figure className="pw-chart" data-indicator={indicator.id}>
        <div role="img" aria-label={t('tracking.chart.indicatorLabel', { name: indicator.name, summary })}>
          <LineChart
            responsive
            style={{ width: '100%', maxWidth: '36rem', height: 260 }}
            data={indicator.points}
            accessibilityLayer={false}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(value: number) => measured(value)} width={56} domain={['auto', 'auto']} />
            <Legend />
            <Line
              name={t('tracking.chart.target')}
              dataKey="target"
              className="pw-line-target"
              stroke="var(--pw-color-text-muted, #555)"
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              name={t('tracking.chart.realised')}
              dataKey="realised"
              className="pw-line-realised"
              stroke="var(--pw-color-primary)"
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
          </LineChart>
        </div>
      </figure>
      <Table
        caption={t('tracking.chart.tableCaption', { name: indicator.name, unit: indicator.unit })}
        columns={[
          { header: t('tracking.fields.period'), rowHeader: true, cell: (point) => point.period },
          { header: t('tracking.chart.target'), numeric: true, cell: (point) => measured(point.target) },
          {
            header: t('tracking.chart.realised'),
            numeric: true,
            cell: (point) => `${measured(point.realised)}${point.corrected ? ` (${t('tracking.cell.corrected')})` : ''}`,
          },
          { header: t('tracking.fields.cellStatus'), cell: (point) => <CellStatusText status={point.cellStatus} /> },
        ]}
        rows={indicator.points}
        rowKey={(point) => point.period}
      />
    </div>
  )
}

/** Budget against reported spending per year and party: bars per year, and the table with every cell. */
export function SpendingChart({ area }: { area: AreaProgress }) {
  const { t } = useTranslation()
  const years = [...new Set(area.spending.map((cell) => cell.year))]
  const perYear = years.map((year) => {
    const cells = area.spending.filter((cell) => cell.year === year)
    return {
      year: String(year),
      budget: cells.reduce((sum, cell) => sum + cell.budgetCents, 0) / 100,
      actual: cells.reduce((sum, cell) => sum + (cell.actualCents ?? 0), 0) / 100,
    }
  })
  const summary = perYear
    .map(
      (row) =>
        `${row.year}: ${formatCents(row.actual * 100, { withCents: false })} / ${formatCents(row.budget * 100, { withCents: false })}`,
    )
    .join(', ')
  return (
    <div className="pw-stack">
      <figure className="pw-chart">
        <div role="img" aria-label={t('tracking.chart.spendingLabel', { title: area.title, summary })}>
          <BarChart
            responsive
            style={{ width: '100%', maxWidth: '40rem', height: 260 }}
            data={perYear}
            accessibilityLayer={false}
            margin={{ top: 8, right: 8, bottom: 8, left: 24 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="year" />
            <YAxis tickFormatter={(euros: number) => formatCents(Math.round(euros) * 100, { withCents: false })} width={104} />
            <Legend />
            <Bar
              name={t('tracking.fields.budget')}
              dataKey="budget"
              fill="var(--pw-color-border-light, #c5ced8)"
              isAnimationActive={false}
            />
            <Bar name={t('tracking.fields.spent')} dataKey="actual" fill="var(--pw-color-primary)" isAnimationActive={false} />
          </BarChart>
        </div>
      </figure>
      <Table
        caption={t('tracking.progress.spendingCaption', { title: area.title })}
        columns={[
          { header: t('tracking.fields.year'), rowHeader: true, cell: (cell) => cell.year },
          { header: t('tracking.fields.party'), cell: (cell) => cell.partyName },
          { header: t('tracking.fields.budget'), numeric: true, cell: (cell) => formatCents(cell.budgetCents) },
          {
            header: t('tracking.fields.spent'),
            numeric: true,
            cell: (cell) => (cell.actualCents === null ? '–' : formatCents(cell.actualCents)),
          },
          { header: t('tracking.fields.cellStatus'), cell: (cell) => <CellStatusText status={cell.cellStatus} /> },
        ]}
        rows={area.spending}
        rowKey={(cell) => `${cell.year}:${cell.partyId}`}
      />
    </div>
  )
}
