import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
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
import { formatEuros, sumCents, type NamedParty } from '#app/pact-model/budget-table.ts'
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

/** With more result areas than this the page opens with each one closed, to its name and total. */
const OPEN_UP_TO = 3

/** Every result area of the pact, each editable field written to the shared model as it is typed. */
export function ResultAreasEditor(props: ModelEditorProps) {
  const { t } = useTranslation()
  const { model } = props
  const areas = model.resultAreas
  // What someone opened or closed; the others follow the number of areas.
  const [chosen, setChosen] = useState<ReadonlyMap<string, boolean>>(new Map())
  const isOpen = (areaId: string) => chosen.get(areaId) ?? areas.length <= OPEN_UP_TO
  const choose = (areaIds: string[], open: boolean) =>
    setChosen((current) => new Map([...current, ...areaIds.map((areaId) => [areaId, open] as const)]))
  const allIds = areas.map((area) => area.id)
  useOpenWhenLinkedTo(areas, (areaId) => choose([areaId], true))
  return (
    <div className="pw-stack">
      {areas.length === 0 ? <p className="utrecht-paragraph">{t('areas.area.none')}</p> : null}
      {areas.length > 1 ? (
        <div className="pw-actions">
          <button type="button" className={buttonClass('secondary')} onClick={() => choose(allIds, true)}>
            {t('areas.area.openAll')}
          </button>
          <button type="button" className={buttonClass('secondary')} onClick={() => choose(allIds, false)}>
            {t('areas.area.closeAll')}
          </button>
        </div>
      ) : null}
      {areas.map((area, index) => (
        <ResultAreaEditor
          key={area.id || index}
          {...props}
          area={area}
          index={index}
          open={isOpen(area.id)}
          onToggle={() => choose([area.id], !isOpen(area.id))}
        />
      ))}
      {/* An area just added is opened for its fields, however many there are. */}
      <AddResultAreaForm doc={props.doc} onAdded={(areaId) => choose([areaId], true)} />
    </div>
  )
}

/**
 * A link to a result area (the page's contents) opens it: one followed on this page, or the address
 * the page was opened with. A closed area's section stays in the page, so the browser scrolls to it.
 */
function useOpenWhenLinkedTo(areas: readonly EditableResultArea[], open: (areaId: string) => void) {
  // The listener is added once; it reads the areas and the setter of the latest render.
  const latest = useRef({ areas, open })
  useEffect(() => {
    latest.current = { areas, open }
  })
  useEffect(() => {
    const openAt = (hash: string | null) => {
      const area = latest.current.areas.find((candidate) => `#${areaAnchor(candidate.id)}` === hash)
      if (area) latest.current.open(area.id)
    }
    openAt(window.location.hash)
    const onClick = (event: MouseEvent) => {
      if (event.target instanceof Element) openAt(event.target.closest('a[href^="#"]')?.getAttribute('href') ?? null)
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [])
}

function AddResultAreaForm({ doc, onAdded }: { doc: Y.Doc; onAdded: (areaId: string) => void }) {
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
    const id = newId()
    writeResultArea(doc, {
      id,
      title: result.value,
      description: '',
      challenge: '',
      targetGroup: '',
      responsiblePartyIds: [],
      budgets: [],
      indicators: [],
    })
    onAdded(id)
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
  open,
  onToggle,
}: ModelEditorProps & { area: EditableResultArea; index: number; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation()
  const parse = useModelParsers()
  const headingId = useId()
  const contentId = useId()
  // Cells still being typed (not whole cents) are left out, as the budget table leaves them out.
  const total = sumCents(area.budgets.filter((cell) => Number.isSafeInteger(cell.cents)))
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
      {/* The disclosure pattern of WAI-ARIA: the heading stays a heading, its button opens and closes. */}
      <h3 id={headingId} className="utrecht-heading-3">
        <button type="button" className="pw-area__toggle" aria-expanded={open} aria-controls={contentId} onClick={onToggle}>
          <span>{t('areas.area.heading', { number: index + 1, title })}</span>{' '}
          <span className="pw-area__total">{t('areas.area.total', { amount: formatEuros(total) })}</span>
        </button>
      </h3>
      <div id={contentId} hidden={!open}>
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
      </div>
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
