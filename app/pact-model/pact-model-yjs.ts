import * as Y from 'yjs'
import { budgetCellKey } from './model-keys.ts'
import type { Indicator, PactModel, ResultArea, RiskRule } from './pact-model.ts'

/**
 * The pact's structured model inside the pact's Y.Doc, beside the text, so it shares the text's
 * socket, undo and offline path. Every scalar is its own map entry and every collection that
 * people edit cell by cell is a map keyed by that cell, so concurrent edits of different fields,
 * budget cells, parties or targets all survive the merge.
 *
 *   model                  Y.Map (root, PACT_MODEL_KEY)
 *     resultAreas          Y.Map   area id → area
 *     resultAreaOrder      Y.Array area ids, first occurrence counts
 *     riskRules            Y.Array rule
 *   area                   Y.Map   title, description, challenge, targetGroup
 *     responsiblePartyIds  Y.Map   party id → true
 *     budgets              Y.Map   `${partyId}:${year}` → cents
 *     indicators           Y.Array indicator
 *   indicator              Y.Map   id, name, unit, level, direction, baselineValue, baselineYear, dataSource
 *     targets              Y.Map   `${year}` → value
 *   rule                   Y.Map   id, corridorPercent, providerShareInside, providerShareOutside, providerCapCents
 *     scope                Y.Map   kind, resultAreaId
 *     underspend           Y.Map   providerGainShare, revolvingFundShare
 *     division             Y.Map   kind, weights (Y.Map party id → weight)
 *
 * Areas live in a map with their order kept apart because Yjs has no move: moving an element of a
 * Y.Array means deleting it and inserting a copy, which would drop edits made to it meanwhile.
 * Moving only the id in `resultAreaOrder` leaves the area itself untouched.
 *
 * Mutators that target an existing area, indicator or rule return false when it is gone (another
 * editor removed it meanwhile) and change nothing.
 */

export const PACT_MODEL_KEY = 'model'
/**
 * The origin of every model change made here. A client's Y.UndoManager undoes model edits when
 * it has the model map in scope and tracks this origin.
 */
export const PACT_MODEL_ORIGIN = 'pact-model'
const RESULT_AREAS = 'resultAreas'
const RESULT_AREA_ORDER = 'resultAreaOrder'
const RISK_RULES = 'riskRules'

const RESULT_AREA_TEXT_FIELDS = ['title', 'description', 'challenge', 'targetGroup'] as const
const INDICATOR_SCALAR_FIELDS = [
  'id',
  'name',
  'unit',
  'level',
  'direction',
  'baselineValue',
  'baselineYear',
  'dataSource',
] as const
const RISK_RULE_SCALAR_FIELDS = [
  'id',
  'corridorPercent',
  'providerShareInside',
  'providerShareOutside',
  'providerCapCents',
] as const

export type ResultAreaTextField = (typeof RESULT_AREA_TEXT_FIELDS)[number]
export type IndicatorField = Exclude<(typeof INDICATOR_SCALAR_FIELDS)[number], 'id'>

type YMap = Y.Map<unknown>
// Any shared type (map, array, text), whatever events it emits: Yjs's event types are invariant, so only `any` fits all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<Y.YEvent<any>>
type Entry = [key: string, value: unknown]

function change<Result>(doc: Y.Doc, apply: () => Result): Result {
  return doc.transact(apply, PACT_MODEL_ORIGIN)
}

function modelOf(doc: Y.Doc): YMap {
  return doc.getMap<unknown>(PACT_MODEL_KEY)
}

// ---------------------------------------------------------------------------------------------
// Reading: the model as plain data, exactly as clients wrote it (validation is the caller's job).

/**
 * The model as plain JSON, not validated: a buggy or hostile client may have written anything.
 * Collections kept as keyed maps come out as arrays sorted by key, so every replica with the
 * same state reads the same value.
 */
export function readPactModel(doc: Y.Doc): unknown {
  const model = modelOf(doc)
  const areas = model.get(RESULT_AREAS)
  return {
    resultAreas:
      areas instanceof Y.Map
        ? resultAreaIdsInOrder(model, areas).map((id) => readResultArea(id, areas.get(id)))
        : plainList(areas),
    riskRules: readList(model.get(RISK_RULES), readRiskRule),
  }
}

function resultAreaIdsInOrder(model: YMap, areas: YMap): string[] {
  const order = model.get(RESULT_AREA_ORDER)
  const ids = new Set<string>()
  // Two people moving the same area at once leave its id twice; the first occurrence counts.
  for (const id of order instanceof Y.Array ? order.toArray() : []) {
    if (typeof id === 'string' && areas.has(id)) ids.add(id)
  }
  // An area missing from the order (only a buggy client leaves one out) still shows, after the others.
  for (const id of sortedKeys(areas)) ids.add(id)
  return [...ids]
}

function readResultArea(id: string, value: unknown): unknown {
  if (!(value instanceof Y.Map)) return plain(value)
  return {
    ...plainEntries(value),
    // The map key is the id every mutator looks up, so it is the only id there is.
    id,
    responsiblePartyIds: readKeyed(value.get('responsiblePartyIds'), (partyId) => partyId),
    budgets: readKeyed(value.get('budgets'), (key, cents) => ({ ...budgetCellKeyParts(key), cents })),
    indicators: readList(value.get('indicators'), readIndicator),
  }
}

function readIndicator(value: unknown): unknown {
  if (!(value instanceof Y.Map)) return plain(value)
  return {
    ...plainEntries(value),
    targets: readKeyed(value.get('targets'), (year, target) => ({ year: yearFromKey(year), value: target })),
  }
}

function readRiskRule(value: unknown): unknown {
  if (!(value instanceof Y.Map)) return plain(value)
  const division = value.get('division')
  if (!(division instanceof Y.Map) || !division.has('weights')) return plainEntries(value)
  return {
    ...plainEntries(value),
    division: {
      ...plainEntries(division),
      weights: readKeyed(division.get('weights'), (partyId, weight) => ({ partyId, weight })),
    },
  }
}

function readList(value: unknown, readItem: (item: unknown) => unknown): unknown {
  return value instanceof Y.Array ? value.toArray().map(readItem) : plainList(value)
}

function readKeyed(value: unknown, readItem: (key: string, value: unknown) => unknown): unknown {
  return value instanceof Y.Map ? sortedKeys(value).map((key) => readItem(key, plain(value.get(key)))) : plainList(value)
}

// An absent collection is an empty one; anything else of the wrong kind is passed on for validation to reject.
function plainList(value: unknown): unknown {
  return value === undefined ? [] : plain(value)
}

function plainEntries(map: YMap): Record<string, unknown> {
  return Object.fromEntries(Array.from(map.entries(), ([key, value]) => [key, plain(value)]))
}

// Binary content and subdocuments are not data the model can hold; null makes validation report them.
function plain(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return value.toJSON()
  if (value instanceof Uint8Array || value instanceof Y.Doc) return null
  return value
}

function sortedKeys(map: YMap): string[] {
  return Array.from(map.keys()).sort()
}

function budgetCellKeyParts(key: string): { partyId: string; year: unknown } {
  const separator = key.lastIndexOf(':')
  return separator === -1
    ? { partyId: key, year: null }
    : { partyId: key.slice(0, separator), year: yearFromKey(key.slice(separator + 1)) }
}

// A key that is not a year is passed on as text, so validation reports it at the year.
function yearFromKey(text: string): unknown {
  return /^\d+$/.test(text) ? Number(text) : text
}

// ---------------------------------------------------------------------------------------------
// What a change touched: lets the audit trail say who changed which area, budget or rule.

/** A part of the model one change touched, by id (names are looked up when needed: `resultAreaTitle`). */
export type TouchedModelPart =
  | { part: 'area'; areaId: string; aspect: 'fields' | 'parties' | 'indicators' | 'added' | 'removed' }
  | { part: 'budget'; areaId: string; year: number | null }
  | { part: 'rule'; ruleId: string; areaId: string | null }
  /** Rules added or removed, or the areas' order. */
  | { part: 'rules' | 'order' }

/**
 * The model parts a change to `type` touched, where `keys` are the map keys it changed (a Yjs
 * transaction's `changed` entry). Walks up from the type to the model root, so it costs the depth
 * of the layout, never the size of the model. Empty when the type is not part of the model.
 */
export function modelPartsTouched(doc: Y.Doc, type: SharedType, keys: ReadonlySet<string | null>): TouchedModelPart[] {
  // From the model root down to `type`, each with the key it has in its parent (null in an array).
  const chain: Array<{ type: SharedType; key: string | null }> = []
  for (let current: SharedType | null = type; current;) {
    const item: Y.Item | null = current._item
    chain.unshift({ type: current, key: item?.parentSub ?? null })
    current = item && item.parent instanceof Y.AbstractType ? (item.parent as SharedType) : null
  }
  // By the shared instance, not modelOf(doc): until someone asks for the root map by its type, a document that
  // received the model in an update holds it as a plain shared type, and asking would replace that instance.
  if (!chain[0] || chain[0].type !== doc.share.get(PACT_MODEL_KEY)) return []
  const [, collection, member, child] = chain
  if (!collection) {
    // The collections themselves were written: the first area or rule of a pact, or a client replacing them.
    const areas = modelOf(doc).get(RESULT_AREAS)
    return [
      ...(keys.has(RESULT_AREAS) && areas instanceof Y.Map
        ? [...areas.keys()].map((areaId) => ({ part: 'area' as const, areaId, aspect: 'added' as const }))
        : []),
      ...(keys.has(RISK_RULES) ? [{ part: 'rules' as const }] : []),
      ...(keys.has(RESULT_AREA_ORDER) ? [{ part: 'order' as const }] : []),
    ]
  }
  if (collection.key === RESULT_AREA_ORDER) return [{ part: 'order' }]
  if (collection.key === RISK_RULES) {
    if (!member) return [{ part: 'rules' }]
    const rule = member.type instanceof Y.Map ? member.type : null
    const scope = rule?.get('scope')
    const areaId = scope instanceof Y.Map ? scope.get('resultAreaId') : null
    return [{ part: 'rule', ruleId: String(rule?.get('id') ?? ''), areaId: typeof areaId === 'string' ? areaId : null }]
  }
  if (collection.key !== RESULT_AREAS) return []
  if (!member) {
    const areas = collection.type
    if (!(areas instanceof Y.Map)) return []
    return [...keys].flatMap((areaId) =>
      areaId === null
        ? []
        : [{ part: 'area' as const, areaId, aspect: areas.has(areaId) ? ('added' as const) : ('removed' as const) }],
    )
  }
  const areaId = member.key ?? ''
  if (child?.key === 'budgets') {
    if (type !== child.type) return [{ part: 'budget', areaId, year: null }]
    return [...keys].map((key) => {
      const year = key === null ? null : budgetCellKeyParts(key).year
      return { part: 'budget' as const, areaId, year: typeof year === 'number' ? year : null }
    })
  }
  const aspect = child?.key === 'responsiblePartyIds' ? 'parties' : child?.key === 'indicators' ? 'indicators' : 'fields'
  return [{ part: 'area', areaId, aspect }]
}

/** The area's title as written now; '' when there is no such area. */
export function resultAreaTitle(doc: Y.Doc, areaId: string): string {
  const title = findResultArea(doc, areaId)?.get('title')
  return typeof title === 'string' ? title : ''
}

// ---------------------------------------------------------------------------------------------
// Who wrote a value: lets the server tell editors which client wrote an invalid field.

/** The name behind a Yjs client id, or null when the server does not know (e.g. written before a restart). */
export type WriterNameOf = (clientId: number) => string | null

/** What validating and projecting the model needs of a document, read without touching its text. */
export interface ModelReading {
  /** readPactModel's output. */
  model: unknown
  /** The document's state vector when the model was read: which state the projection is of. */
  stateVector: Uint8Array
  /** writerClientIdsAt on the document read (which may have changed since: a projection is of a moment). */
  writersAt(path: readonly (string | number)[]): number[]
}

/** The model of `doc` as a projection needs it: costs what the model costs, whatever the size of the text. */
export function readModelOf(doc: Y.Doc): ModelReading {
  return { model: readPactModel(doc), stateVector: Y.encodeStateVector(doc), writersAt: (path) => writerClientIdsAt(doc, path) }
}

/**
 * The Yjs client ids that wrote the value at `path` (a path of `readPactModel`'s output, as in a
 * validation issue), sorted: the client that wrote a single value; every client that wrote a
 * part of a group (an issue about a combination, such as underspend shares above 100 together);
 * for a missing value, the client that wrote the nearest enclosing value. Empty when nothing exists.
 */
export function writerClientIdsAt(doc: Y.Doc, path: readonly (string | number)[]): number[] {
  const model = modelOf(doc)
  const areas = model.get(RESULT_AREAS)
  let value: unknown = model
  let item: Y.Item | null = null
  for (const segment of path) {
    const child = childAt(value, segment, (map) => (map === areas ? resultAreaIdsInOrder(model, map) : sortedKeys(map)))
    // Past a scalar the remaining segments name parts of that one value (a budget cell's partyId, year and
    // cents are one entry), so its writer stands; a missing child of a group falls back to the group's writer.
    if (child === null) return item ? [item.id.client] : []
    item = child.item
    value = child.value
  }
  const partWriters = value instanceof Y.AbstractType ? [...writersWithin(value)] : []
  if (partWriters.length > 0) return partWriters.sort((a, b) => a - b)
  return item ? [item.id.client] : []
}

function childAt(
  parent: unknown,
  segment: string | number,
  keysInReadOrder: (map: YMap) => string[],
): { item: Y.Item; value: unknown } | null {
  let item: Y.Item | null | undefined = null
  let value: unknown
  if (parent instanceof Y.Map) {
    // A number indexes a keyed map that readPactModel turns into an array.
    const key = typeof segment === 'number' ? keysInReadOrder(parent)[segment] : segment
    item = key === undefined ? null : parent._map.get(key)
    value = key === undefined ? undefined : parent.get(key)
  } else if (parent instanceof Y.Array && typeof segment === 'number') {
    item = arrayItemAt(parent, segment)
    value = item ? parent.get(segment) : undefined
  }
  return item && !item.deleted ? { item, value } : null
}

function arrayItemAt(array: Y.Array<unknown>, index: number): Y.Item | null {
  if (!Number.isInteger(index) || index < 0) return null
  let remaining = index
  for (const item of liveItems(array)) {
    if (!item.countable) continue
    if (remaining < item.length) return item
    remaining -= item.length
  }
  return null
}

function writersWithin(type: SharedType, writers = new Set<number>()): Set<number> {
  for (const item of liveItems(type)) {
    writers.add(item.id.client)
    for (const content of item.content.getContent()) if (content instanceof Y.AbstractType) writersWithin(content, writers)
  }
  return writers
}

// A map's entries and an array's elements; an array item may hold several consecutive elements.
function liveItems(type: SharedType): Y.Item[] {
  const items = [...type._map.values()]
  for (let item = type._start; item !== null; item = item.right) items.push(item)
  return items.filter((item) => !item.deleted)
}

// ---------------------------------------------------------------------------------------------
// Writing: every mutator is one transaction and writes only what differs.

/** Makes the document's model equal to `model`: areas, their order and rules. */
export function seedPactModel(doc: Y.Doc, model: PactModel): void {
  change(doc, () => {
    const root = modelOf(doc)
    const areas = childMap(root, RESULT_AREAS)
    const wantedIds = model.resultAreas.map((area) => area.id)
    for (const id of sortedKeys(areas)) if (!wantedIds.includes(id)) areas.delete(id)
    for (const area of model.resultAreas) syncResultArea(childMap(areas, area.id), area)
    const order = childArray(root, RESULT_AREA_ORDER)
    const current = order.toArray()
    if (current.length !== wantedIds.length || current.some((id, index) => id !== wantedIds[index])) {
      order.delete(0, order.length)
      order.push(wantedIds)
    }
    syncById(childArray(root, RISK_RULES), model.riskRules, syncRiskRule)
  })
}

/** Adds the area at the end, or brings an existing one (same id) up to date where it differs. */
export function writeResultArea(doc: Y.Doc, area: ResultArea): void {
  change(doc, () => {
    const model = modelOf(doc)
    syncResultArea(childMap(childMap(model, RESULT_AREAS), area.id), area)
    const order = childArray(model, RESULT_AREA_ORDER)
    if (!order.toArray().includes(area.id)) order.push([area.id])
  })
}

export function updateResultAreaField(doc: Y.Doc, areaId: string, field: ResultAreaTextField, value: string): boolean {
  return change(doc, () => {
    const area = findResultArea(doc, areaId)
    if (area) setScalar(area, field, value)
    return area !== null
  })
}

export function setResponsibleParty(doc: Y.Doc, areaId: string, partyId: string, responsible: boolean): boolean {
  return change(doc, () => {
    const area = findResultArea(doc, areaId)
    if (!area) return false
    const parties = childMap(area, 'responsiblePartyIds')
    if (responsible) setScalar(parties, partyId, true)
    else parties.delete(partyId)
    return true
  })
}

/** Sets one budget cell; null empties it. */
export function setBudget(doc: Y.Doc, areaId: string, partyId: string, year: number, cents: number | null): boolean {
  return change(doc, () => {
    const area = findResultArea(doc, areaId)
    if (!area) return false
    const budgets = childMap(area, 'budgets')
    const key = budgetCellKey(partyId, year)
    if (cents === null) budgets.delete(key)
    else setScalar(budgets, key, cents)
    return true
  })
}

/** Moves the area to `toIndex` in the order readPactModel shows (clamped to the list). */
export function moveResultArea(doc: Y.Doc, areaId: string, toIndex: number): boolean {
  return change(doc, () => {
    const model = modelOf(doc)
    const areas = model.get(RESULT_AREAS)
    if (!(areas instanceof Y.Map) || !areas.has(areaId)) return false
    const others = resultAreaIdsInOrder(model, areas).filter((id) => id !== areaId)
    const order = childArray(model, RESULT_AREA_ORDER)
    deleteWhere(order, (id) => id === areaId)
    // Ids only shown because they were missing from the order get a place in it, so the position below exists.
    const missing = others.filter((id) => !order.toArray().includes(id))
    if (missing.length > 0) order.push(missing)
    const nextId = others[Math.min(Math.max(toIndex, 0), others.length)]
    order.insert(nextId === undefined ? order.length : order.toArray().indexOf(nextId), [areaId])
    return true
  })
}

/** Removes the area, its place in the order and the risk rules scoped to it, which would apply to nothing. */
export function removeResultArea(doc: Y.Doc, areaId: string): boolean {
  return change(doc, () => {
    const model = modelOf(doc)
    const areas = model.get(RESULT_AREAS)
    if (!(areas instanceof Y.Map) || !areas.has(areaId)) return false
    areas.delete(areaId)
    deleteWhere(childArray(model, RESULT_AREA_ORDER), (id) => id === areaId)
    deleteWhere(childArray(model, RISK_RULES), (rule) => {
      const scope = rule instanceof Y.Map ? rule.get('scope') : undefined
      return scope instanceof Y.Map && scope.get('kind') === 'result-area' && scope.get('resultAreaId') === areaId
    })
    return true
  })
}

/** Inserts the indicator at `index` (default: the end), or brings one with the same id up to date. */
export function addIndicator(doc: Y.Doc, areaId: string, indicator: Indicator, index?: number): boolean {
  return change(doc, () => {
    const area = findResultArea(doc, areaId)
    if (!area) return false
    upsertById(childArray(area, 'indicators'), indicator, syncIndicator, index)
    return true
  })
}

export function updateIndicatorField<Field extends IndicatorField>(
  doc: Y.Doc,
  areaId: string,
  indicatorId: string,
  field: Field,
  value: Indicator[Field],
): boolean {
  return change(doc, () => {
    const indicator = findIndicator(doc, areaId, indicatorId)
    if (indicator) setScalar(indicator, field, value)
    return indicator !== null
  })
}

/** Sets the indicator's target for one year; null removes it. */
export function setIndicatorTarget(doc: Y.Doc, areaId: string, indicatorId: string, year: number, value: number | null): boolean {
  return change(doc, () => {
    const indicator = findIndicator(doc, areaId, indicatorId)
    if (!indicator) return false
    const targets = childMap(indicator, 'targets')
    if (value === null) targets.delete(String(year))
    else setScalar(targets, String(year), value)
    return true
  })
}

export function removeIndicator(doc: Y.Doc, areaId: string, indicatorId: string): boolean {
  return change(doc, () => {
    const area = findResultArea(doc, areaId)
    const indicators = area?.get('indicators')
    return indicators instanceof Y.Array && deleteWhere(indicators, (indicator) => hasId(indicator, indicatorId))
  })
}

/** Adds the rule, or brings the rule with the same id up to date where it differs. */
export function upsertRiskRule(doc: Y.Doc, rule: RiskRule): void {
  change(doc, () => upsertById(childArray(modelOf(doc), RISK_RULES), rule, syncRiskRule))
}

export function removeRiskRule(doc: Y.Doc, ruleId: string): boolean {
  return change(doc, () => {
    const rules = modelOf(doc).get(RISK_RULES)
    return rules instanceof Y.Array && deleteWhere(rules, (rule) => hasId(rule, ruleId))
  })
}

function findResultArea(doc: Y.Doc, areaId: string): YMap | null {
  const areas = modelOf(doc).get(RESULT_AREAS)
  const area = areas instanceof Y.Map ? areas.get(areaId) : undefined
  return area instanceof Y.Map ? area : null
}

function findIndicator(doc: Y.Doc, areaId: string, indicatorId: string): YMap | null {
  const indicators = findResultArea(doc, areaId)?.get('indicators')
  return indicators instanceof Y.Array ? findById(indicators, indicatorId) : null
}

function syncResultArea(map: YMap, area: ResultArea): void {
  for (const field of RESULT_AREA_TEXT_FIELDS) setScalar(map, field, area[field])
  syncEntries(
    childMap(map, 'responsiblePartyIds'),
    area.responsiblePartyIds.map((partyId): Entry => [partyId, true]),
  )
  syncEntries(
    childMap(map, 'budgets'),
    area.budgets.map((cell): Entry => [budgetCellKey(cell.partyId, cell.year), cell.cents]),
  )
  syncById(childArray(map, 'indicators'), area.indicators, syncIndicator)
}

function syncIndicator(map: YMap, indicator: Indicator): void {
  for (const field of INDICATOR_SCALAR_FIELDS) setScalar(map, field, indicator[field])
  syncEntries(
    childMap(map, 'targets'),
    indicator.targets.map((target): Entry => [String(target.year), target.value]),
  )
}

function syncRiskRule(map: YMap, rule: RiskRule): void {
  for (const field of RISK_RULE_SCALAR_FIELDS) setScalar(map, field, rule[field])
  syncEntries(childMap(map, 'scope'), Object.entries(rule.scope))
  syncEntries(childMap(map, 'underspend'), Object.entries(rule.underspend))
  const division = childMap(map, 'division')
  setScalar(division, 'kind', rule.division.kind)
  if (rule.division.kind === 'weights') {
    syncEntries(
      childMap(division, 'weights'),
      rule.division.weights.map((entry): Entry => [entry.partyId, entry.weight]),
    )
  } else if (division.has('weights')) {
    division.delete('weights')
  }
}

/** Makes the array hold one map per item, in the items' order for new ones, reusing maps with the same id. */
function syncById<Item extends { id: string }>(
  array: Y.Array<unknown>,
  items: readonly Item[],
  syncItem: (map: YMap, item: Item) => void,
): void {
  const wantedIds = new Set(items.map((item) => item.id))
  const keptIds = new Set<unknown>()
  // Drops what is no longer wanted and repeats of an id (two people adding the same item).
  deleteWhere(array, (value) => {
    const id = value instanceof Y.Map ? value.get('id') : undefined
    const keep = typeof id === 'string' && wantedIds.has(id) && !keptIds.has(id)
    keptIds.add(id)
    return !keep
  })
  items.forEach((item, index) => upsertById(array, item, syncItem, index))
}

function upsertById<Item extends { id: string }>(
  array: Y.Array<unknown>,
  item: Item,
  syncItem: (map: YMap, item: Item) => void,
  index = array.length,
): void {
  const existing = findById(array, item.id)
  if (existing) {
    syncItem(existing, item)
    return
  }
  const created = new Y.Map<unknown>()
  array.insert(Math.min(Math.max(index, 0), array.length), [created])
  syncItem(created, item)
}

function findById(array: Y.Array<unknown>, id: string): YMap | null {
  return (array.toArray().find((value) => hasId(value, id)) as YMap | undefined) ?? null
}

function hasId(value: unknown, id: string): boolean {
  return value instanceof Y.Map && value.get('id') === id
}

/** Makes the map hold exactly these entries, writing only the ones that differ. */
function syncEntries(map: YMap, entries: Iterable<Entry>): void {
  const wanted = new Map(entries)
  for (const key of sortedKeys(map)) if (!wanted.has(key)) map.delete(key)
  for (const [key, value] of wanted) setScalar(map, key, value)
}

// Writing an unchanged value would still be a new write that wins over a concurrent edit of it.
function setScalar(map: YMap, key: string, value: unknown): void {
  if (!map.has(key) || map.get(key) !== value) map.set(key, value)
}

// The nested map or array writers expect, created (or put in place of a value of another kind) when needed.
function childMap(parent: YMap, key: string): YMap {
  const existing = parent.get(key)
  return existing instanceof Y.Map ? existing : parent.set(key, new Y.Map<unknown>())
}

function childArray(parent: YMap, key: string): Y.Array<unknown> {
  const existing = parent.get(key)
  return existing instanceof Y.Array ? existing : parent.set(key, new Y.Array<unknown>())
}

/** Deletes the elements `shouldDelete` picks (asked once per element, first to last); true if any. */
function deleteWhere(array: Y.Array<unknown>, shouldDelete: (value: unknown) => boolean): boolean {
  const doomed = array.toArray().flatMap((value, index) => (shouldDelete(value) ? [index] : []))
  for (const index of doomed.reverse()) array.delete(index, 1)
  return doomed.length > 0
}
