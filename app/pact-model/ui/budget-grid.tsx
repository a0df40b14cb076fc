import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import { budgetCellIndex, type EditableResultArea } from '#app/pact-model/editable-pact-model.ts'
import { setBudget } from '#app/pact-model/pact-model-yjs.ts'
import { Fieldset } from '#app/platform/ui/field.tsx'
import { formatCents } from '#app/platform/money.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { LiveField } from './live-fields.tsx'
import type { ModelEditorProps, Path } from './model-editor.ts'
import { moneyInputText, useModelParsers } from './model-parsers.ts'

/** A result area's budget per responsible party and year, each cell written to the shared model as it is typed. */
export function BudgetGrid({
  doc,
  area,
  years,
  parties,
  issuesAt,
  path,
}: Pick<ModelEditorProps, 'doc' | 'years' | 'parties' | 'issuesAt'> & { area: EditableResultArea; path: Path }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const hintId = useId()
  // A party keeps its row while it has budget, also once it is no longer responsible, so that budget stays in view.
  const rows = parties.filter(
    (party) => area.responsiblePartyIds.includes(party.id) || area.budgets.some((cell) => cell.partyId === party.id),
  )
  return (
    <Fieldset legend={t('areas.budget.legend')} aria-describedby={hintId}>
      <p id={hintId} className="utrecht-form-field-description">
        {rows.length === 0 ? t('areas.budget.noParties') : t('areas.budget.hint')}
      </p>
      {rows.length > 0 ? (
        <Table
          caption={t('areas.budget.legend')}
          captionHidden
          className="pw-budget-grid"
          rows={rows}
          rowKey={(party) => party.id}
          columns={[
            { header: t('areas.table.party'), rowHeader: true, cell: (party) => party.name },
            ...years.map((year) => ({
              key: String(year),
              header: year,
              cell: (party: NamedParty) => {
                const cellIndex = budgetCellIndex(area, party.id, year)
                return (
                  <LiveField
                    label={t('areas.budget.cellLabel', { party: party.name, year })}
                    labelHidden
                    size="small"
                    inputMode="decimal"
                    value={moneyInputText(cellIndex === -1 ? null : area.budgets[cellIndex]!.cents)}
                    parse={parse.optionalMoney}
                    shared={{
                      key: `budget:${area.id}:${party.id}:${year}`,
                      path: cellIndex === -1 ? [...path, 'budgets'] : [...path, 'budgets', cellIndex],
                    }}
                    describe={(text) => {
                      const amount = parse.optionalMoney(text)
                      return amount.ok && amount.value !== null ? formatCents(amount.value) : t('areas.live.empty')
                    }}
                    commit={(cents) => setBudget(doc, area.id, party.id, year, cents)}
                    issues={cellIndex === -1 ? [] : issuesAt([...path, 'budgets', cellIndex])}
                  />
                )
              },
            })),
          ]}
        />
      ) : null}
    </Fieldset>
  )
}
