import { isUsableClauseId } from '#app/document/clause-ids.ts'
import type { PactModel } from '#app/pact-model/pact-model.ts'
import {
  canonicalClauseContent,
  canonicalContent,
  canonicalJson,
  childrenOf,
  clauseContentHash,
  extractClauses,
  type DocumentNode,
  sameNodes,
  type ExtractedClause,
} from './canonical.ts'
import { signoffNl } from './texts.nl.ts'

/**
 * What the parties approve, item by item: the one rule that a signed version contains nothing
 * that every signing party did not approve on its current content. Pure, shared by client and
 * server; the matrix (status.ts) and the version hash are built over exactly this list.
 *
 * Every part of the pact belongs to an approvable item:
 * - every clause is an item (canonical content: canonical.ts);
 * - all text outside the clauses (headings between clauses, a paragraph after the last one,
 *   a data block placed outside any clause) is one item, "Tekst buiten de artikelen", whose
 *   canonical content is that text: it is approved like a clause rather than refused, because the
 *   template itself puts section headings between the clauses. It exists only while there is
 *   such text (empty paragraphs say nothing);
 * - every result area (with its budgets per party and year, its indicators and all its fields)
 *   and every risk-sharing rule of the structured model belongs to the items whose data blocks
 *   show it (a clause, or the text outside clauses), with its full data in their canonical
 *   content. A block that shows all areas (or all rules), as a new pact's text has, shows every
 *   one there is, so each area added on the budgets page belongs to its clause at once. A model
 *   part that no item shows gets an item of its own, e.g. "Resultaatgebied Jeugd (niet in de
 *   tekst)", whose canonical content is that part's data. So an area added on the budgets page
 *   but not placed in the text, or a budget raised while the pact is ter ondertekening, always
 *   changes some item's hash and reopens its approvals. Budgets and indicators live inside their
 *   area in the model, so an area's item covers them.
 * - While the shared model is invalid nothing can say which parts exist: one item without a
 *   usable id stands for it, open for every party, so the pact cannot be signed until the model
 *   is repaired (an invalid model would otherwise be signed unseen, inside the stored state).
 *
 * A model part shown by two clauses is approved twice, once in each; never zero times.
 *
 * Item ids share the column and URLs of clause ids. The items that are not clauses have ids with
 * a dot (`tekst.buiten-artikelen`, `resultaatgebied.<id>`, `risicoregel.<id>`), which a clause id
 * can never contain (clause-ids.ts), so no clause can take over another item's decisions.
 */

export type ApprovableItemType = 'clause' | 'outside-text' | 'result-area' | 'risk-rule' | 'invalid-model'

export interface ModelPartRef {
  kind: 'result-area' | 'risk-rule'
  refId: string
}

export interface ApprovableItem {
  /** The clause id, or the item id of an item that is not a clause; '' when not approvable. */
  clauseId: string
  item: ApprovableItemType
  /** The clause kind, or the kind of clause the item stands closest to (for its label). */
  kind: string
  title: string
  canonical: string
  contentHash: string
  /** The model parts whose data this item's canonical content holds. */
  shows: ModelPartRef[]
}

export const OUTSIDE_TEXT_ITEM_ID = 'tekst.buiten-artikelen'
const AREA_ITEM_PREFIX = 'resultaatgebied.'
const RULE_ITEM_PREFIX = 'risicoregel.'
const MODEL_ITEM_ID = /^(resultaatgebied|risicoregel)\.[A-Za-z0-9_-]{1,64}$/
const PACT_DATA_NODE = 'pactData'
// The data blocks that show every area or every rule (app/document/pact-data.ts).
const ALL_AREAS = 'all-result-areas'
const ALL_RULES = 'all-risk-rules'
const CLAUSE_NODE = 'clause'

/** An id a decision can be about: a clause's, or one of the items above. */
export function isUsableItemId(id: unknown): id is string {
  return isUsableClauseId(id) || id === OUTSIDE_TEXT_ITEM_ID || (typeof id === 'string' && MODEL_ITEM_ID.test(id))
}

/**
 * Every approvable item of a pact: the clauses in document order, then the text outside them,
 * then the model parts no item shows, areas before rules, in model order. `model` is the
 * validated model, null when invalid.
 */
export function approvableItems(doc: DocumentNode, model: PactModel | null): ApprovableItem[] {
  const topLevel = childrenOf(doc)
  const items: ApprovableItem[] = extractClauses(doc).map((clause) => clauseItem(clause, model))
  // Clauses are top-level blocks (the schema); everything else at the top level is outside them. A clause
  // that a client nested inside another block anyway is then approved twice, in both items, never in none.
  const outsideItem = outsideTextItem(
    topLevel.filter((node) => node.type !== CLAUSE_NODE),
    model,
  )
  if (outsideItem) items.push(outsideItem)

  if (!model) {
    const canonical = 'item ongeldige-gegevens'
    const title = signoffNl.items.invalidModel
    items.push({
      clauseId: '',
      item: 'invalid-model',
      kind: 'budget',
      title,
      canonical,
      contentHash: clauseContentHash(canonical),
      shows: [],
    })
    return items
  }
  const shown = new Set(items.flatMap((item) => item.shows.map(partKey)))
  for (const area of model.resultAreas) {
    const ref: ModelPartRef = { kind: 'result-area', refId: area.id }
    if (shown.has(partKey(ref))) continue
    const title = fill(signoffNl.items.resultArea, { title: area.title })
    items.push(modelItem(ref, 'resultaatgebied', title, area))
  }
  for (const rule of model.riskRules) {
    const ref: ModelPartRef = { kind: 'risk-rule', refId: rule.id }
    if (shown.has(partKey(ref))) continue
    const scope =
      rule.scope.kind === 'pact'
        ? signoffNl.items.pactScope
        : (model.resultAreas.find((area) => rule.scope.kind === 'result-area' && area.id === rule.scope.resultAreaId)?.title ??
          '')
    items.push(modelItem(ref, 'risicodeling', fill(signoffNl.items.riskRule, { scope }), rule))
  }
  return items
}

// Per clause node, while the data it shows stays the same. A document read again from the live one
// shares the nodes of its unchanged blocks (readLiveDocument): a change to one clause derives only that one.
const clauseItems = new WeakMap<DocumentNode, { data: string; item: ApprovableItem }>()

function clauseItem(clause: ExtractedClause, model: PactModel | null): ApprovableItem {
  const refs = dataBlocks([clause.node])
  const data = resolvedData(refs, model)
  const dataKey = canonicalJson(data, false)
  const kept = clauseItems.get(clause.node)
  if (kept?.data === dataKey) return kept.item
  const canonical = canonicalClauseContent(clause.node, data)
  const { clauseId, kind, title } = clause
  const item: ApprovableItem = {
    clauseId,
    item: 'clause',
    kind,
    title,
    canonical,
    contentHash: clauseContentHash(canonical),
    shows: modelParts(refs, model),
  }
  clauseItems.set(clause.node, { data: dataKey, item })
  return item
}

/**
 * The structured data the data blocks of an item stand for, as its canonical content holds it.
 * Invalid structured data cannot be approved: it resolves to a marker, never to the raw values
 * (and the invalid-model item keeps the pact from being signed).
 */
function resolvedData(refs: readonly DataBlockRef[], model: PactModel | null): unknown | null {
  if (refs.length === 0) return null
  return refs.map(({ kind, refId }) => {
    if (!model) return { kind, refId, invalid: true }
    if (kind === 'result-area') return { kind, refId, data: model.resultAreas.find((area) => area.id === refId) ?? null }
    if (kind === 'risk-rule') return { kind, refId, data: model.riskRules.find((rule) => rule.id === refId) ?? null }
    if (kind === ALL_AREAS) return { kind, data: model.resultAreas }
    if (kind === ALL_RULES) return { kind, data: model.riskRules }
    return { kind, refId, data: null }
  })
}

function partKey(ref: ModelPartRef): string {
  return `${ref.kind}:${ref.refId}`
}

// The last text outside the clauses derived, while its blocks (the same nodes, as clauseItems keeps
// them) and the data they show stay the same: in a large pact it is hundreds of kilobytes, and a
// change to a clause leaves it as it was.
let lastOutsideText: { blocks: readonly DocumentNode[]; data: string; item: ApprovableItem | null } | null = null

function outsideTextItem(blocks: readonly DocumentNode[], model: PactModel | null): ApprovableItem | null {
  const refs = dataBlocks(blocks)
  const data = resolvedData(refs, model)
  const dataKey = canonicalJson(data, false)
  const kept = lastOutsideText
  if (kept && kept.data === dataKey && sameNodes(kept.blocks, blocks)) return kept.item
  const canonical = canonicalContent(['item tekst-buiten-artikelen'], blocks, data)
  // Only empty paragraphs and headings outside the clauses: there is nothing to approve.
  const item: ApprovableItem | null =
    canonical === 'item tekst-buiten-artikelen'
      ? null
      : {
          clauseId: OUTSIDE_TEXT_ITEM_ID,
          item: 'outside-text',
          kind: 'algemeen',
          title: signoffNl.items.outsideText,
          canonical,
          contentHash: clauseContentHash(canonical),
          shows: modelParts(refs, model),
        }
  lastOutsideText = { blocks, data: dataKey, item }
  return item
}

function modelItem(ref: ModelPartRef, kind: string, title: string, data: unknown): ApprovableItem {
  const prefix = ref.kind === 'result-area' ? AREA_ITEM_PREFIX : RULE_ITEM_PREFIX
  // Model ids are only checked for length; one that cannot stand in a URL gets no usable item id, so it stays open.
  const clauseId = MODEL_ITEM_ID.test(`${prefix}${ref.refId}`) ? `${prefix}${ref.refId}` : ''
  const canonical = canonicalContent([`item ${ref.kind}`], [], data)
  return { clauseId, item: ref.kind, kind, title, canonical, contentHash: clauseContentHash(canonical), shows: [ref] }
}

/** A data block's reference as written; any client can write attributes, so the kind may be anything. */
interface DataBlockRef {
  kind: string
  refId: string
}

// Per node, for the same reason as clauseItems.
const dataBlocksIn = new WeakMap<DocumentNode, readonly DataBlockRef[]>()

// The data blocks below these nodes, in document order; the walk is iterative, so depth is no risk.
function dataBlocks(nodes: readonly DocumentNode[]): DataBlockRef[] {
  const refs: DataBlockRef[] = []
  for (const node of nodes) {
    let own = dataBlocksIn.get(node)
    if (!own) {
      own = dataBlocksBelow(node)
      dataBlocksIn.set(node, own)
    }
    refs.push(...own)
  }
  return refs
}

function dataBlocksBelow(root: DocumentNode): DataBlockRef[] {
  const refs: DataBlockRef[] = []
  const pending = [root]
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === PACT_DATA_NODE) refs.push({ kind: textAttribute(node, 'kind'), refId: textAttribute(node, 'refId') })
    pending.push(...[...childrenOf(node)].reverse())
  }
  return refs
}

function modelParts(refs: readonly DataBlockRef[], model: PactModel | null): ModelPartRef[] {
  return refs.flatMap(({ kind, refId }): ModelPartRef[] => {
    if (kind === 'result-area' || kind === 'risk-rule') return [{ kind, refId }]
    if (kind === ALL_AREAS) return (model?.resultAreas ?? []).map((area) => ({ kind: 'result-area', refId: area.id }))
    if (kind === ALL_RULES) return (model?.riskRules ?? []).map((rule) => ({ kind: 'risk-rule', refId: rule.id }))
    return []
  })
}

function textAttribute(node: DocumentNode, name: string): string {
  const value = node.attrs?.[name]
  return typeof value === 'string' ? value : ''
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => values[name] ?? match)
}
