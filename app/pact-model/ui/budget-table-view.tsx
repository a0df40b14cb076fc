import { useTranslation } from 'react-i18next'
import { budgetAmountFormat, budgetTable, partyName, type BudgetRow, type NamedParty } from '#app/pact-model/budget-table.ts'
import type { PactModel, ResultArea } from '#app/pact-model/pact-model.ts'
import { Table } from '#app/platform/ui/table.tsx'

/** The pact's budgets: per result area and year, totals per year and over the period, and per party. */
export function BudgetTableView({
  model,
  years,
  parties,
}: {
  model: PactModel
  years: readonly number[]
  parties: readonly NamedParty[]
}) {
  const { t } = useTranslation()
  const table = budgetTable(model, years, parties)
  if (table.resultAreas.length === 0) return <p className="utrecht-paragraph">{t('areas.table.empty')}</p>
  const titleOf = new Map(model.resultAreas.map((area) => [area.id, area.title]))
  const partyRows = table.parties.filter((row) => row.totalCents > 0)
  return (
    <div className="pw-stack" data-testid="budget-table">
      <MoneyTable
        caption={t('areas.table.caption')}
        firstColumn={t('areas.table.area')}
        years={years}
        rows={table.resultAreas.map((row) => ({ key: row.resultAreaId, label: titleOf.get(row.resultAreaId) ?? '', ...row }))}
        total={table.total}
      />
      {partyRows.length > 0 ? (
        <MoneyTable
          caption={t('areas.table.byPartyCaption')}
          firstColumn={t('areas.table.party')}
          years={years}
          rows={partyRows.map((row) => ({ key: row.partyId, label: partyName(parties, row.partyId), ...row }))}
          total={table.total}
        />
      ) : null}
    </div>
  )
}

/** One result area's budget per party and year, with totals. */
export function AreaBudgetTable({
  area,
  years,
  parties,
}: {
  area: ResultArea
  years: readonly number[]
  parties: readonly NamedParty[]
}) {
  const { t } = useTranslation()
  const [row] = budgetTable({ resultAreas: [area], riskRules: [] }, years, parties).resultAreas
  const partyRows = row.parties.filter((party) => party.totalCents > 0 || area.responsiblePartyIds.includes(party.partyId))
  if (partyRows.length === 0) return <p className="utrecht-paragraph">{t('areas.table.empty')}</p>
  return (
    <MoneyTable
      caption={t('areas.table.areaCaption', { title: area.title })}
      firstColumn={t('areas.table.party')}
      years={years}
      rows={partyRows.map((party) => ({ key: party.partyId, label: partyName(parties, party.partyId), ...party }))}
      total={row}
    />
  )
}

function MoneyTable({
  caption,
  firstColumn,
  years,
  rows,
  total,
}: {
  caption: string
  firstColumn: string
  years: readonly number[]
  rows: Array<BudgetRow & { key: string; label: string }>
  total: BudgetRow
}) {
  const { t } = useTranslation()
  const periodTotal = t('areas.table.periodTotal', { from: years[0], to: years[years.length - 1] })
  const amount = budgetAmountFormat([...rows, total])
  return (
    <Table
      caption={caption}
      className="pw-money-table"
      rows={rows}
      rowKey={(row) => row.key}
      footer={[{ ...total, key: 'total', label: t('areas.table.total') }]}
      columns={[
        { header: firstColumn, rowHeader: true, cell: (row) => row.label },
        ...years.map((year, index) => ({
          key: String(year),
          header: year,
          numeric: true,
          cell: (row: BudgetRow) => amount(row.centsByYear[index] ?? 0),
        })),
        { key: 'period', header: periodTotal, numeric: true, cell: (row) => amount(row.totalCents) },
      ]}
    />
  )
}
