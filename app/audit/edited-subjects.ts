import * as Y from 'yjs'
import { Clause, ClauseTitle } from '#app/document/clause.ts'
import { modelPartsTouched, resultAreaTitle, type TouchedModelPart } from '#app/pact-model/pact-model-yjs.ts'

/**
 * What one change to a pact's shared document was about, as the audit trail names it: a clause,
 * a clause removed, the text outside the clauses, a result area (its fields, parties, indicators),
 * a budget year, a risk-sharing rule. Read from the Yjs transaction that applied the change: from
 * each type it changed up to its clause or model part, so it costs the depth of the document, never
 * its size (a clause removed costs what was removed, and a look along the list it was in). Names
 * are read only when an entry is written (`details`), not for every keystroke.
 */

export const EDIT_ACTIONS = [
  'edit.clause',
  'edit.clause-removed',
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
  const removed = removedClauses(transaction)
  for (const subject of removed.subjects) subjects.set(subject.key, subject)
  for (const [type, keys] of transaction.changed) {
    // A list whose only change is clauses removed from it says nothing more than their removal.
    if (removed.onlyChangeTo.has(type) && keys.size === 1 && keys.has(null)) continue
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

/**
 * Clauses this transaction removed from the text, named by their title as it read just before,
 * and the lists whose only change was losing them. Yjs keeps removed content until the
 * transaction ends, so the title is read now, not when the entry is written. A clause whose id
 * is still in its list was moved (removed and inserted again), not removed.
 */
function removedClauses(transaction: Y.Transaction): { subjects: EditSubject[]; onlyChangeTo: Set<SharedType> } {
  const existedBefore = (item: Y.Item) => item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0)
  const removedHere = (item: Y.Item) => existedBefore(item) && item.deleted && Y.isDeleted(transaction.deleteSet, item.id)
  const shownBefore = (item: Y.Item) => existedBefore(item) && (!item.deleted || removedHere(item))
  const removedItems = new Set<Y.Item>()
  const lists = new Set<SharedType>()
  const subjects: EditSubject[] = []
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || !existedBefore(struct)) return
    const clause = typeOf(struct)
    const list = struct.parent
    if (!(clause instanceof Y.XmlElement) || clause.nodeName !== Clause.name || !(list instanceof Y.AbstractType)) return
    const clauseId = String(attribute(clause, 'clauseId', shownBefore) ?? '')
    if (itemsOf(list, isShown).some((item) => clauseIdOf(item) === clauseId)) return
    removedItems.add(struct)
    lists.add(list)
    const details = { clauseId, title: clauseTitle(clause, shownBefore) }
    subjects.push({ key: `clause-removed:${clauseId}`, action: 'edit.clause-removed', details: () => details })
  })
  const changedOtherwise = (item: Y.Item) =>
    !removedItems.has(item) && (removedHere(item) || (!existedBefore(item) && !item.deleted))
  const onlyChangeTo = new Set([...lists].filter((list) => !itemsOf(list, changedOtherwise).length))
  return { subjects, onlyChangeTo }
}

function parentOf(type: { _item: Y.Item | null }): unknown {
  return type._item?.parent ?? null
}

const isShown = (item: Y.Item) => !item.deleted

/** The items of a list (removed ones too, until Yjs collects them) that `shows` keeps. */
function itemsOf(list: { _start: Y.Item | null }, shows: (item: Y.Item) => boolean): Y.Item[] {
  const items: Y.Item[] = []
  for (let item = list._start; item !== null; item = item.right) if (shows(item)) items.push(item)
  return items
}

function typeOf(item: Y.Item): SharedType | null {
  return item.content instanceof Y.ContentType ? item.content.type : null
}

function attribute(element: Y.XmlElement, name: string, shows: (item: Y.Item) => boolean): unknown {
  const item = element._map.get(name)
  return item && shows(item) ? item.content.getContent().at(-1) : undefined
}

function clauseIdOf(item: Y.Item): string | null {
  const type = typeOf(item)
  return type instanceof Y.XmlElement && type.nodeName === Clause.name ? String(attribute(type, 'clauseId', isShown) ?? '') : null
}

/**
 * The clause's title as plain text, without formatting: the words of its title node, as `shows`
 * sees them (the document now, or as it was before the transaction that removed the clause).
 */
function clauseTitle(clause: Y.XmlElement, shows: (item: Y.Item) => boolean = isShown): string {
  const titleNode = itemsOf(clause, shows)
    .map(typeOf)
    .find((child) => child instanceof Y.XmlElement && child.nodeName === ClauseTitle.name)
  if (!titleNode) return ''
  return itemsOf(titleNode, shows)
    .map(typeOf)
    .flatMap((child) => (child instanceof Y.XmlText ? itemsOf(child, shows) : []))
    .map((item) => (item.content instanceof Y.ContentString ? item.content.str : ''))
    .join('')
    .trim()
}
