import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { EditableResultArea } from '#app/pact-model/editable-pact-model.ts'
import {
  moveResultArea,
  removeResultArea,
  setResponsibleParty,
  updateResultAreaField,
  writeResultArea,
} from '#app/pact-model/pact-model-yjs.ts'
import { resultAreaSchema } from '#app/pact-model/pact-model.ts'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import { newId } from '#app/platform/ids.ts'
import { ConfirmButton } from '#app/platform/ui/confirm-button.tsx'
import { Checkbox, FieldErrors, Fieldset } from '#app/platform/ui/field.tsx'
import { buttonClass } from '#app/platform/ui/ui.tsx'
import { BudgetGrid } from './budget-grid.tsx'
import { IndicatorsEditor } from './indicators-editor.tsx'
import { FormField, LiveField } from './live-fields.tsx'
import type { ModelEditorProps } from './model-editor.ts'
import { useModelParsers } from './model-parsers.ts'
import { areaAnchor } from './page-contents.tsx'

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
      <Fieldset legend={t('areas.area.addLegend')}>
        <FormField label={t('areas.area.title')} value={title} onChange={setTitle} error={error} />
        <button type="submit" className={buttonClass('primary')}>
          {t('areas.area.add')}
        </button>
      </Fieldset>
      <p className="pw-visually-hidden" role="status">
        {added}
      </p>
    </form>
  )
}

function ResultAreaEditor({
  doc,
  model,
  years,
  parties,
  issuesAt,
  area,
  index,
}: ModelEditorProps & { area: EditableResultArea; index: number }) {
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
      shared={{ key: `area:${area.id}:${field}`, path: [...path, field] }}
      issues={issuesAt([...path, field])}
      multiline={multiline}
    />
  )
  // Moving re-inserts the section, which takes the focus away from the button that was pressed.
  const move = (direction: 'up' | 'down') => {
    moveResultArea(doc, area.id, index + (direction === 'up' ? -1 : 1))
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`[data-move="${area.id}-${direction}"]:not(:disabled)`)?.focus(),
    )
  }
  return (
    <section className="pw-area" id={areaAnchor(area.id)} aria-labelledby={headingId} data-testid="result-area-editor">
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
    <Fieldset
      legend={t('areas.area.responsible')}
      aria-invalid={issues.length > 0 || undefined}
      aria-describedby={issues.length > 0 ? errorId : undefined}
    >
      <FieldErrors id={errorId} errors={issues} />
      {parties.map((party) => (
        <Checkbox
          key={party.id}
          id={`${errorId}-${party.id}`}
          label={party.name}
          checked={area.responsiblePartyIds.includes(party.id)}
          onChange={(event) => setResponsibleParty(doc, area.id, party.id, event.target.checked)}
        />
      ))}
    </Fieldset>
  )
}
