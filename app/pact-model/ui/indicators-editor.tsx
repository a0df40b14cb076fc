import type { TFunction } from 'i18next'
import { useId, useState, type FocusEvent, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { EditableIndicator, EditableResultArea } from '#app/pact-model/editable-pact-model.ts'
import {
  addIndicator,
  PACT_MODEL_ORIGIN,
  removeIndicator,
  setIndicatorTarget,
  updateIndicatorField,
} from '#app/pact-model/pact-model-yjs.ts'
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_LEVELS,
  indicatorSchema,
  type IndicatorDirection,
  type IndicatorLevel,
} from '#app/pact-model/pact-model.ts'
import { newId } from '#app/platform/ids.ts'
import { ConfirmButton } from '#app/platform/ui/confirm-button.tsx'
import { Field, FieldErrors, Fieldset, textboxClass } from '#app/platform/ui/field.tsx'
import { buttonClass } from '#app/platform/ui/ui.tsx'
import { FormField, LiveField, LiveSelect } from './live-fields.tsx'
import type { ModelEditorProps, Path } from './model-editor.ts'
import { numberInputText, useModelParsers } from './model-parsers.ts'

/** A result area's indicators: each with its unit, level, direction, baseline and yearly targets. */
export function IndicatorsEditor({
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
      <Fieldset legend={t('areas.indicator.legend', { name })}>
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
        <Fieldset legend={t('areas.indicator.targets')}>
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
        </Fieldset>
        <ConfirmButton
          label={t('areas.indicator.remove')}
          ariaLabel={t('areas.indicator.removeLabel', { name })}
          question={t('areas.indicator.removeLabel', { name })}
          onConfirm={() => removeIndicator(doc, areaId, indicator.id)}
        />
      </Fieldset>
    </details>
  )
}

/**
 * A baseline is a value measured in a year: the two are written together, once both are filled
 * in (or both emptied), so the shared model never holds half a baseline.
 */
function BaselineFields({
  doc,
  areaId,
  indicator,
  issues,
}: {
  doc: Y.Doc
  areaId: string
  indicator: EditableIndicator
  issues: string[]
}) {
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
    if ((value.value === null) !== (year.value === null))
      return { ok: false as const, message: t('model.errors.baseline.incomplete') }
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
    <BaselineInput
      label={label}
      value={shown[key]}
      invalid={messages.length > 0}
      errorId={errorId}
      onChange={(text) => change(key, text)}
    />
  )
  return (
    <Fieldset legend={t('areas.indicator.baseline')} onBlur={settle}>
      <FieldErrors id={errorId} errors={messages} />
      <div className="pw-field-row">
        {field('value', t('areas.indicator.baselineValue'))}
        {field('year', t('areas.indicator.baselineYear'))}
      </div>
    </Fieldset>
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
    <Field id={id} label={label}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="decimal"
          value={value}
          aria-invalid={invalid || undefined}
          // The pair's message is above both fields, on their fieldset.
          aria-describedby={invalid ? errorId : undefined}
          className={textboxClass(invalid, 'small')}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
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
        <Fieldset legend={t('areas.indicator.addLegend', { title: area.title || t('areas.area.untitled') })}>
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
            <LiveSelect
              label={t('areas.indicator.direction')}
              value={direction}
              options={directionOptions(t)}
              commit={setDirection}
            />
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            {t('areas.indicator.add')}
          </button>
        </Fieldset>
      </form>
    </details>
  )
}
