import * as Y from 'yjs'
import { Clause, ClauseTitle } from '#app/document/clause.ts'
import { modelPartsTouched, resultAreaTitle, type TouchedModelPart } from '#app/pact-model/pact-model-yjs.ts'

/**
 * What one change to a pact's shared document was about, as the audit trail names it: a clause,
 * the text outside the clauses, a result area (its fields, parties, indicators), a budget year,
 * a risk-sharing rule. Read from the Yjs transaction that applied the change: from each type it
 * changed up to its clause or model part, so it costs the depth of the document, never its size.
 * Names are read only when an entry is written (`details`), not for every keystroke.
 */

export const EDIT_ACTIONS = [
  'edit.clause',
  'edit.outside-text',
  'edit.area',
  'edit.area-parties',
  'edit.indicators',
  'edit.area-added',
  'edit.area-removed',
  'edit.area-order',
  'edit.budget',
  'edit.risk-rule',
  'edit.risk-rules',
] as const
export type EditAction = (typeof EDIT_ACTIONS)[number]

export interface EditSubject {
  /** Equal for changes to the same thing: edits with the same key coalesce (edit-sessions.ts). */
  key: string
  action: EditAction
  /** Ids and names for the audit entry, read from the document as it is now. */
  details(): Record<string, string | number>
}

// Any shared type, whatever events it emits (Yjs's event types are invariant).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<Y.YEvent<any>>

export function editedSubjects(transaction: Y.Transaction): EditSubject[] {
  const subjects = new Map<string, EditSubject>()
  const doc = transaction.doc
  for (const [type, keys] of transaction.changed) {
    const parts = modelPartsTouched(doc, type, keys)
    const found = parts.length ? parts.map((part) => modelSubject(doc, part)) : [textSubject(type)]
    for (const subject of found) if (!subjects.has(subject.key)) subjects.set(subject.key, subject)
  }
  // Adding or removing an area also changes the order of the areas; that says nothing more.
  const areasAddedOrRemoved = [...subjects.values()].some(
    (subject) => subject.action === 'edit.area-added' || subject.action === 'edit.area-removed',
  )
  if (areasAddedOrRemoved) subjects.delete('order')
  return [...subjects.values()]
}

function textSubject(type: SharedType): EditSubject {
  for (let current: unknown = type; current instanceof Y.AbstractType; current = parentOf(current)) {
    if (current instanceof Y.XmlElement && current.nodeName === Clause.name) {
      const clause: Y.XmlElement = current
      const clauseId = String(clause.getAttribute('clauseId') ?? '')
      return { key: `clause:${clauseId}`, action: 'edit.clause', details: () => ({ clauseId, title: clauseTitle(clause) }) }
    }
  }
  return { key: 'outside-text', action: 'edit.outside-text', details: () => ({}) }
}

function modelSubject(doc: Y.Doc, touched: TouchedModelPart): EditSubject {
  switch (touched.part) {
    case 'area': {
      const { areaId, aspect } = touched
      const action = (
        {
          fields: 'edit.area',
          parties: 'edit.area-parties',
          indicators: 'edit.indicators',
          added: 'edit.area-added',
          removed: 'edit.area-removed',
        } as const
      )[aspect]
      return { key: `${action}:${areaId}`, action, details: () => ({ areaId, area: resultAreaTitle(doc, areaId) }) }
    }
    case 'budget': {
      const { areaId, year } = touched
      return {
        key: `budget:${areaId}:${year ?? ''}`,
        action: 'edit.budget',
        details: () => ({ areaId, area: resultAreaTitle(doc, areaId), ...(year === null ? {} : { year }) }),
      }
    }
    case 'rule': {
      const { ruleId, areaId } = touched
      return {
        key: `rule:${ruleId}`,
        action: 'edit.risk-rule',
        details: (): Record<string, string> =>
          areaId === null ? { ruleId } : { ruleId, areaId, area: resultAreaTitle(doc, areaId) },
      }
    }
    case 'rules':
      return { key: 'rules', action: 'edit.risk-rules', details: () => ({}) }
    case 'order':
      return { key: 'order', action: 'edit.area-order', details: () => ({}) }
  }
}

function parentOf(type: { _item: Y.Item | null }): unknown {
  return type._item?.parent ?? null
}

// The clause's title as plain text: the words of its title node, without formatting.
function clauseTitle(clause: Y.XmlElement): string {
  const titleNode = clause.toArray().find((child) => child instanceof Y.XmlElement && child.nodeName === ClauseTitle.name)
  if (!(titleNode instanceof Y.XmlElement)) return ''
  return titleNode
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? plainText(child) : ''))
    .join('')
    .trim()
}

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
}
