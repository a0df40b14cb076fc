import type { TFunction } from 'i18next'
import { useId, useState, type FocusEvent, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { budgetCellIndex, type EditableIndicator, type EditablePactModel, type EditableResultArea } from '#app/pact-model/editable-pact-model.ts'
import {
  addIndicator,
  moveResultArea,
  PACT_MODEL_ORIGIN,
  removeIndicator,
  removeResultArea,
  setBudget,
  setIndicatorTarget,
  setResponsibleParty,
  updateIndicatorField,
  updateResultAreaField,
  writeResultArea,
} from '#app/pact-model/pact-model-yjs.ts'
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_LEVELS,
  indicatorSchema,
  resultAreaSchema,
  type IndicatorDirection,
  type IndicatorLevel,
} from '#app/pact-model/pact-model.ts'
import { newId } from '#app/platform/ids.ts'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import { ConfirmButton } from '#app/platform/ui/confirm-button.tsx'
import { FieldError, FieldFrame, FormField, LiveField, LiveSelect } from './live-fields.tsx'
import { moneyInputText, numberInputText, useModelParsers } from './model-parsers.ts'
import { buttonClass } from '#app/platform/ui/ui.tsx'

type Path = ReadonlyArray<string | number>

export interface ModelEditorProps {
  doc: Y.Doc
  model: EditablePactModel
  years: readonly number[]
  parties: readonly NamedParty[]
  /** The translated problems with the shared value at a path (and who wrote it, when known). */
  issuesAt: (path: Path) => string[]
}

/** Every result area of the pact, each editable field written to the shared model as it is typed. */
export function ResultAreasEditor(props: ModelEditorProps) {
  const { t } = useTranslation()
  const { model } = props
  return (
    <div className="pw-stack">
      {model.resultAreas.length === 0 ? <p className="utrecht-paragraph">{t('areas.area.none')}</p> : null}
      {model.resultAreas.map((area, index) => (
        <ResultAreaEditor key={area.id || index} {...props} area={area} index={index} />
      ))}
      <AddResultAreaForm doc={props.doc} />
    </div>
  )
}

function AddResultAreaForm({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [added, setAdded] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = parse.bySchema(resultAreaSchema.shape.title, title)
    setError(result.ok ? null : result.message)
    if (!result.ok) return
    writeResultArea(doc, {
      id: newId(),
      title: result.value,
      description: '',
      challenge: '',
      targetGroup: '',
      responsiblePartyIds: [],
      budgets: [],
      indicators: [],
    })
    setTitle('')
    setAdded(t('areas.area.added', { title: result.value }))
  }
  return (
    <form className="pw-add-form" onSubmit={submit} noValidate>
      <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('areas.area.addLegend')}</legend>
        <FormField label={t('areas.area.title')} value={title} onChange={setTitle} error={error} />
        <button type="submit" className={buttonClass('primary')}>
          {t('areas.area.add')}
        </button>
      </fieldset>
      <p className="pw-visually-hidden" role="status">
        {added}
      </p>
    </form>
  )
}

function ResultAreaEditor({ doc, model, years, parties, issuesAt, area, index }: ModelEditorProps & { area: EditableResultArea; index: number }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const headingId = useId()
  const path = ['resultAreas', index]
  const title = area.title || t('areas.area.untitled')
  const count = model.resultAreas.length
  const textField = (field: 'title' | 'challenge' | 'targetGroup' | 'description', multiline = false) => (
    <LiveField
      label={t(`areas.area.${field}`)}
      value={area[field]}
      parse={parse.text(resultAreaSchema.shape[field])}
      commit={(value: string) => updateResultAreaField(doc, area.id, field, value)}
      issues={issuesAt([...path, field])}
      multiline={multiline}
    />
  )
  // Moving re-inserts the section, which takes the focus away from the button that was pressed.
  const move = (direction: 'up' | 'down') => {
    moveResultArea(doc, area.id, index + (direction === 'up' ? -1 : 1))
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-move="${area.id}-${direction}"]:not(:disabled)`)?.focus())
  }
  return (
    <section className="pw-area" aria-labelledby={headingId} data-testid="result-area-editor">
      <h3 id={headingId} className="utrecht-heading-3">
        {t('areas.area.heading', { number: index + 1, title })}
      </h3>
      <div className="pw-actions">
        <button
          type="button"
          className={buttonClass('secondary')}
          aria-label={t('areas.area.moveUpLabel', { title })}
          data-move={`${area.id}-up`}
          disabled={index === 0}
          onClick={() => move('up')}
        >
          {t('areas.area.moveUp')}
        </button>
        <button
          type="button"
          className={buttonClass('secondary')}
          aria-label={t('areas.area.moveDownLabel', { title })}
          data-move={`${area.id}-down`}
          disabled={index === count - 1}
          onClick={() => move('down')}
        >
          {t('areas.area.moveDown')}
        </button>
        <ConfirmButton
          label={t('areas.area.remove')}
          ariaLabel={t('areas.area.removeLabel', { title })}
          question={t('areas.area.confirmRemove', { title })}
          onConfirm={() => removeResultArea(doc, area.id)}
        />
      </div>
      {textField('title')}
      <div className="pw-two-col">
        {textField('challenge', true)}
        {textField('targetGroup', true)}
      </div>
      {textField('description', true)}
      <ResponsibleParties doc={doc} area={area} parties={parties} issues={issuesAt([...path, 'responsiblePartyIds'])} />
      <BudgetGrid doc={doc} area={area} years={years} parties={parties} issuesAt={issuesAt} path={path} />
      <IndicatorsEditor doc={doc} area={area} years={years} issuesAt={issuesAt} path={path} />
    </section>
  )
}

function ResponsibleParties({
  doc,
  area,
  parties,
  issues,
}: {
  doc: Y.Doc
  area: EditableResultArea
  parties: readonly NamedParty[]
  issues: string[]
}) {
  const { t } = useTranslation()
  const errorId = useId()
  return (
    <fieldset
      className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset"
      aria-invalid={issues.length > 0 || undefined}
      aria-describedby={issues.length > 0 ? errorId : undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('areas.area.responsible')}</legend>
      {issues.length > 0 ? <FieldError id={errorId} messages={issues} /> : null}
      {parties.map((party) => (
        <Checkbox
          key={party.id}
          label={party.name}
          checked={area.responsiblePartyIds.includes(party.id)}
          onChange={(checked) => setResponsibleParty(doc, area.id, party.id, checked)}
        />
      ))}
    </fieldset>
  )
}

function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId()
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <div className="utrecht-form-field__input">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          className="utrecht-checkbox utrecht-checkbox--html-input"
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  )
}

function BudgetGrid({
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
  const rows = parties.filter((party) => area.responsiblePartyIds.includes(party.id) || area.budgets.some((cell) => cell.partyId === party.id))
  return (
    <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" aria-describedby={hintId}>
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('areas.budget.legend')}</legend>
      <p id={hintId} className="utrecht-form-field-description">
        {rows.length === 0 ? t('areas.budget.noParties') : t('areas.budget.hint')}
      </p>
      {rows.length > 0 ? (
        <div className="pw-table-wrap">
          <table className="utrecht-table pw-budget-grid">
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">
                  {t('areas.table.party')}
                </th>
                {years.map((year) => (
                  <th key={year} className="utrecht-table__header-cell" scope="col">
                    {year}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {rows.map((party) => (
                <tr key={party.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">
                    {party.name}
                  </th>
                  {years.map((year) => {
                    const cellIndex = budgetCellIndex(area, party.id, year)
                    return (
                      <td key={year} className="utrecht-table__cell">
                        <LiveField
                          label={t('areas.budget.cellLabel', { party: party.name, year })}
                          labelHidden
                          size="small"
                          inputMode="decimal"
                          value={moneyInputText(cellIndex === -1 ? null : area.budgets[cellIndex]!.cents)}
                          parse={parse.optionalMoney}
                          commit={(cents) => setBudget(doc, area.id, party.id, year, cents)}
                          issues={cellIndex === -1 ? [] : issuesAt([...path, 'budgets', cellIndex])}
                        />
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </fieldset>
  )
}

function IndicatorsEditor({
  doc,
  area,
  years,
  issuesAt,
  path,
}: Pick<ModelEditorProps, 'doc' | 'years' | 'issuesAt'> & { area: EditableResultArea; path: Path }) {
  const { t } = useTranslation()
  return (
    <div className="pw-stack">
      <h4 className="utrecht-heading-4">{t('areas.indicator.heading')}</h4>
      {area.indicators.length === 0 ? <p className="utrecht-paragraph">{t('areas.indicator.none')}</p> : null}
      {area.indicators.map((indicator, index) => (
        <IndicatorEditor
          key={indicator.id || index}
          doc={doc}
          areaId={area.id}
          indicator={indicator}
          years={years}
          issuesAt={issuesAt}
          path={[...path, 'indicators', index]}
        />
      ))}
      <AddIndicatorForm doc={doc} area={area} />
    </div>
  )
}

function levelOptions(t: TFunction) {
  return INDICATOR_LEVELS.map((level) => ({ value: level, label: t(`areas.indicator.levels.${level}`) }))
}

function directionOptions(t: TFunction) {
  return INDICATOR_DIRECTIONS.map((direction) => ({ value: direction, label: t(`areas.indicator.directions.${direction}`) }))
}

function IndicatorEditor({
  doc,
  areaId,
  indicator,
  years,
  issuesAt,
  path,
}: Pick<ModelEditorProps, 'doc' | 'years' | 'issuesAt'> & { areaId: string; indicator: EditableIndicator; path: Path }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const name = indicator.name || t('areas.indicator.name')
  const textField = (field: 'name' | 'unit' | 'dataSource', description?: string) => (
    <LiveField
      label={t(`areas.indicator.${field}`)}
      description={description}
      value={indicator[field]}
      parse={parse.text(indicatorSchema.shape[field])}
      commit={(value: string) => updateIndicatorField(doc, areaId, indicator.id, field, value)}
      issues={issuesAt([...path, field])}
    />
  )
  const invalid = issuesAt(path).length > 0
  // Closed by default, so an area with many indicators stays scannable; open while something in it is wrong.
  return (
    <details className="pw-indicator" open={invalid || undefined}>
      <summary>
        {name}
        {indicator.unit ? ` (${indicator.unit})` : ''}
      </summary>
      <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('areas.indicator.legend', { name })}</legend>
        <div className="pw-two-col">
          {textField('name')}
          {textField('unit', t('areas.indicator.unitHint'))}
          <LiveSelect
            label={t('areas.indicator.level')}
            value={indicator.level}
            options={levelOptions(t)}
            commit={(level: IndicatorLevel) => updateIndicatorField(doc, areaId, indicator.id, 'level', level)}
            issues={issuesAt([...path, 'level'])}
          />
          <LiveSelect
            label={t('areas.indicator.direction')}
            value={indicator.direction}
            options={directionOptions(t)}
            commit={(direction: IndicatorDirection) => updateIndicatorField(doc, areaId, indicator.id, 'direction', direction)}
            issues={issuesAt([...path, 'direction'])}
          />
          {textField('dataSource')}
        </div>
        <BaselineFields
          doc={doc}
          areaId={areaId}
          indicator={indicator}
          issues={[...issuesAt([...path, 'baselineValue']), ...issuesAt([...path, 'baselineYear'])]}
        />
        <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('areas.indicator.targets')}</legend>
          <div className="pw-field-row">
            {years.map((year) => {
              const targetIndex = indicator.targets.findIndex((target) => target.year === year)
              return (
                <LiveField
                  key={year}
                  label={t('areas.indicator.target', { year })}
                  size="small"
                  inputMode="decimal"
                  value={numberInputText(targetIndex === -1 ? null : indicator.targets[targetIndex]!.value)}
                  parse={parse.optionalNumber}
                  commit={(value) => setIndicatorTarget(doc, areaId, indicator.id, year, value)}
                  issues={targetIndex === -1 ? [] : issuesAt([...path, 'targets', targetIndex])}
                />
              )
            })}
          </div>
        </fieldset>
        <ConfirmButton
          label={t('areas.indicator.remove')}
          ariaLabel={t('areas.indicator.removeLabel', { name })}
          question={t('areas.indicator.removeLabel', { name })}
          onConfirm={() => removeIndicator(doc, areaId, indicator.id)}
        />
      </fieldset>
    </details>
  )
}

/**
 * A baseline is a value measured in a year: the two are written together, once both are filled
 * in (or both emptied), so the shared model never holds half a baseline.
 */
function BaselineFields({ doc, areaId, indicator, issues }: { doc: Y.Doc; areaId: string; indicator: EditableIndicator; issues: string[] }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const [drafts, setDrafts] = useState<{ value: string; year: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const errorId = useId()
  const shown = drafts ?? {
    value: numberInputText(indicator.baselineValue),
    year: indicator.baselineYear === null ? '' : String(indicator.baselineYear),
  }

  const read = (texts: { value: string; year: string }) => {
    const value = parse.optionalNumber(texts.value)
    if (!value.ok) return value
    const year = parse.optionalYear(texts.year)
    if (!year.ok) return year
    if ((value.value === null) !== (year.value === null)) return { ok: false as const, message: t('model.errors.baseline.incomplete') }
    return { ok: true as const, value: { baselineValue: value.value, baselineYear: year.value } }
  }
  const change = (field: 'value' | 'year', text: string) => {
    const next = { ...shown, [field]: text }
    setDrafts(next)
    const result = read(next)
    if (!result.ok) return
    setError(null)
    doc.transact(() => {
      updateIndicatorField(doc, areaId, indicator.id, 'baselineValue', result.value.baselineValue)
      updateIndicatorField(doc, areaId, indicator.id, 'baselineYear', result.value.baselineYear)
    }, PACT_MODEL_ORIGIN)
  }
  // Leaving the pair (not one of its fields for the other) settles it.
  const settle = (event: FocusEvent<HTMLFieldSetElement>) => {
    if (!drafts || event.currentTarget.contains(event.relatedTarget as Node | null)) return
    const result = read(drafts)
    if (result.ok) setDrafts(null)
    setError(result.ok ? null : result.message)
  }
  const messages = error ? [error] : issues
  const field = (key: 'value' | 'year', label: string) => (
    <BaselineInput label={label} value={shown[key]} invalid={messages.length > 0} errorId={errorId} onChange={(text) => change(key, text)} />
  )
  return (
    <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" onBlur={settle}>
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('areas.indicator.baseline')}</legend>
      {messages.length > 0 ? <FieldError id={errorId} messages={messages} /> : null}
      <div className="pw-field-row">
        {field('value', t('areas.indicator.baselineValue'))}
        {field('year', t('areas.indicator.baselineYear'))}
      </div>
    </fieldset>
  )
}

function BaselineInput({
  label,
  value,
  invalid,
  errorId,
  onChange,
}: {
  label: string
  value: string
  invalid: boolean
  errorId: string
  onChange: (text: string) => void
}) {
  const id = useId()
  return (
    <FieldFrame id={id} label={label} invalid={invalid} error={null}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={`utrecht-textbox utrecht-textbox--html-input pw-textbox--small${invalid ? ' utrecht-textbox--invalid' : ''}`}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  )
}

function AddIndicatorForm({ doc, area }: { doc: Y.Doc; area: EditableResultArea }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const [name, setName] = useState('')
  const [unit, setUnit] = useState('')
  const [level, setLevel] = useState<IndicatorLevel>('populatie')
  const [direction, setDirection] = useState<IndicatorDirection>('hoger-is-beter')
  const [errors, setErrors] = useState<{ name: string | null; unit: string | null }>({ name: null, unit: null })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsedName = parse.bySchema(indicatorSchema.shape.name, name)
    const parsedUnit = parse.bySchema(indicatorSchema.shape.unit, unit)
    setErrors({ name: parsedName.ok ? null : parsedName.message, unit: parsedUnit.ok ? null : parsedUnit.message })
    if (!parsedName.ok || !parsedUnit.ok) return
    addIndicator(doc, area.id, {
      id: newId(),
      name: parsedName.value,
      unit: parsedUnit.value,
      level,
      direction,
      baselineValue: null,
      baselineYear: null,
      targets: [],
      dataSource: '',
    })
    setName('')
    setUnit('')
  }
  return (
    <details className="pw-indicator">
      <summary>{t('areas.indicator.add')}</summary>
      <form className="pw-add-form" onSubmit={submit} noValidate>
        <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {t('areas.indicator.addLegend', { title: area.title || t('areas.area.untitled') })}
          </legend>
          <div className="pw-two-col">
            <FormField label={t('areas.indicator.name')} value={name} onChange={setName} error={errors.name} />
            <FormField
              label={t('areas.indicator.unit')}
              description={t('areas.indicator.unitHint')}
              value={unit}
              onChange={setUnit}
              error={errors.unit}
            />
            <LiveSelect label={t('areas.indicator.level')} value={level} options={levelOptions(t)} commit={setLevel} />
            <LiveSelect label={t('areas.indicator.direction')} value={direction} options={directionOptions(t)} commit={setDirection} />
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            {t('areas.indicator.add')}
          </button>
        </fieldset>
      </form>
    </details>
  )
}
