import { createHash } from 'node:crypto'
import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import { renderDocumentJsonHtml, type SuggestionLabel } from '#app/document/document.server.ts'
import { readDocument, readLiveDocument } from '#app/document/read-document.ts'
import { listOpenSuggestions, withoutOpenSuggestions, type OpenSuggestion } from '#app/document/suggestions.ts'
import { escapeHtml, pactDataHtml } from '#app/document/pact-data-html.ts'
import type { PactDataSource } from '#app/document/pact-data.ts'
import { clauseHtml } from '#app/document/render-clause.server.ts'
import { readPactModel } from '#app/pact-model/pact-model-yjs.ts'
import { validatePactModel, type PactModel } from '#app/pact-model/pact-model.ts'
import { approvableItems, type ApprovableItem } from '#app/sign-off/approvable-items.ts'
import { extractClauses, sameNodes, type DocumentNode, type ExtractedClause } from '#app/sign-off/canonical.ts'
import { signoffNl } from '#app/sign-off/texts.nl.ts'
import { ports } from '#app/platform/ports.ts'
import { pactYears } from '#app/pacts/lifecycle.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'

/**
 * A pact's document as the server reads it for sign-off: its text, the validated structured
 * model, and every approvable item (the clauses, the text outside them, the model parts no clause
 * shows) with its canonical content and hash. The server computes these itself from the stored
 * document; a client's idea of an item's content is never trusted.
 */
export type SnapshotClause = ApprovableItem

export interface PactSnapshot {
  state: Uint8Array
  /** The text without open suggestions: what is read, approved and signed. */
  json: JSONContent
  /** The open suggestions, in document order. */
  suggestions: OpenSuggestion[]
  /** Pieces of the text that could not be read and show as a placeholder (see read-document.ts). */
  skipped: number
  html: string
  model: PactModel | null
  /** Every approvable item in reading order (approvable-items.ts), clauses and the rest. */
  clauses: SnapshotClause[]
  /** What data blocks are rendered from; null while the model is invalid. */
  pactData: PactDataSource | null
}

export interface SnapshotContext {
  years: number[]
  parties: NamedParty[]
}

export function snapshotFromState(state: Uint8Array, context: SnapshotContext): PactSnapshot {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    const reading = readDocument(doc)
    const suggestions = listOpenSuggestions(reading.json)
    const json = withoutOpenSuggestions(reading.json)
    const { model, pactData } = validatedModel(readPactModel(doc), context)
    const items = approvableItems(json as DocumentNode, model)
    const html = renderDocumentJsonHtml(json, { pactData: pactData ?? undefined }) + notInTextHtml(items, pactData)
    return { state, json, suggestions, skipped: reading.skipped, html, model, clauses: items, pactData }
  } finally {
    doc.destroy()
  }
}

/**
 * The text with its open suggestions shown and marked (the leesversie, on request): never what is
 * approved, signed or compared, which is `html`. Read again from the snapshot's state, so the
 * cached snapshot does not hold a second copy of the text for a page few ask for.
 */
export function htmlWithSuggestions(snapshot: PactSnapshot, suggestionLabel: SuggestionLabel): string {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, snapshot.state)
    const { pactData } = snapshot
    return (
      renderDocumentJsonHtml(readDocument(doc).json, { pactData: pactData ?? undefined, suggestionLabel }) +
      notInTextHtml(snapshot.clauses, pactData)
    )
  } finally {
    doc.destroy()
  }
}

function validatedModel(read: unknown, context: SnapshotContext) {
  const validation = validatePactModel(read, { years: context.years, partyIds: context.parties.map((party) => party.id) })
  const model = validation.ok ? validation.model : null
  const pactData: PactDataSource | null = model ? { model, valid: true, years: context.years, parties: context.parties } : null
  return { model, pactData }
}

/** What the sign-off pages show of a pact: its approvable items now, and each one's HTML. */
export interface PactItems {
  clauses: SnapshotClause[]
  /** The open suggestions, in document order: an item's canonical content leaves them out (canonical.ts). */
  suggestions: OpenSuggestion[]
  /** What an item's page shows (approvableItemHtml); null for an unknown id. */
  itemHtml(itemId: string): string | null
}

/**
 * The pact's approvable items now, read from its live document rather than from an encoded
 * state: in a 200-page pact only the blocks changed since the last reading are read, and only
 * the items they belong to are derived again (readLiveDocument, approvable-items.ts), where a
 * snapshot decodes, reads, renders and hashes everything.
 */
export async function currentItems(pactId: string): Promise<PactItems> {
  const [context, { json, read }] = await Promise.all([
    snapshotContext(pactId),
    ports().documents.readLive(pactId, (doc) => ({ json: readLiveDocument(doc).json, read: readPactModel(doc) })),
  ])
  return liveItems(pactId, json, read, context)
}

/**
 * The items of a live reading (readLiveDocument) of the pact, shared with the previous caller
 * while nothing they are derived from changed: most page requests find the document as the one
 * before them did, and then nothing is derived, hashed or rendered again. The text is unchanged
 * when the reading holds the very same top-level nodes, which readLiveDocument keeps only until
 * a transaction changes anything inside their block (a deletion too, which leaves the state
 * vector as it was); the model and the pact's years and parties are compared by value.
 * Shared between callers, so read-only.
 */
export function liveItems(pactId: string, json: JSONContent, read: unknown, context: SnapshotContext): PactItems {
  const blocks = json.content ?? []
  const { model, pactData } = validatedModel(read, context)
  // The validated model is plain data (the schema's output, or null), so its JSON is exact.
  const dataKey = JSON.stringify([model, context])
  const kept = recentlyUsed(liveItemsCache, pactId)
  if (kept && kept.dataKey === dataKey && sameNodes(kept.blocks, blocks)) return kept.items

  const clauses = approvableItems(json as DocumentNode, model)
  const html = new Map<string, string | null>()
  const items: PactItems = {
    clauses,
    suggestions: listOpenSuggestions(json),
    itemHtml(itemId) {
      if (!html.has(itemId)) html.set(itemId, approvableItemHtml({ json, clauses, pactData }, itemId, dataKey))
      return html.get(itemId)!
    },
  }
  remember(liveItemsCache, pactId, { blocks, dataKey, items }, LIVE_ITEMS_PACTS)
  return items
}

const liveItemsCache = new Map<string, { blocks: readonly JSONContent[]; dataKey: string; items: PactItems }>()
// The items hold every item's canonical content: about the size of the pact's text.
const LIVE_ITEMS_PACTS = 16

/** The entry kept for this pact, marked as the most recently used one. */
function recentlyUsed<T>(cache: Map<string, T>, pactId: string): T | undefined {
  const entry = cache.get(pactId)
  if (entry === undefined) return undefined
  cache.delete(pactId)
  cache.set(pactId, entry)
  return entry
}

/** Keeps the entry as the most recently used one, letting go of the least recently used beyond `limit`. */
function remember<T>(cache: Map<string, T>, pactId: string, entry: T, limit: number): void {
  // Most recently used last, so the first entry is the one to let go.
  cache.delete(pactId)
  cache.set(pactId, entry)
  if (cache.size > limit) cache.delete(cache.keys().next().value!)
}

async function snapshotContext(pactId: string): Promise<SnapshotContext> {
  const [pact, parties] = await Promise.all([getPact(pactId), listParties(pactId)])
  return {
    years: pactYears(pact.start_year, pact.end_year),
    parties: parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind })),
  }
}

// A model part no clause shows is approved as an item of its own (approvable-items.ts); the HTML
// a signed version stores shows it after the text, so the version reads as everything approved.
function notInTextHtml(items: readonly ApprovableItem[], pactData: PactDataSource | null): string {
  const parts = items.flatMap((item) => (item.item === 'result-area' || item.item === 'risk-rule' ? item.shows : []))
  if (!pactData || parts.length === 0) return ''
  const heading = `<h2>${escapeHtml(signoffNl.items.notInText)}</h2>`
  return `<section class="pw-not-in-text">${heading}${parts.map((ref) => pactDataHtml(ref, pactData, null)).join('')}</section>`
}

/**
 * What an item's page shows: a clause as the document's HTML shows it (its section, cut from its
 * rendering: renderDocumentHtml renders each block on its own), the text outside the clauses
 * rendered on its own, a model part as its data block would show it. Null for an unknown id.
 * `dataKey` says which structured data, years and parties `pactData` holds (liveItems): with it a
 * clause's HTML is kept per clause node until that data changes.
 */
export function approvableItemHtml(
  snapshot: Pick<PactSnapshot, 'json' | 'clauses' | 'pactData'>,
  itemId: string,
  dataKey: string | null = null,
): string | null {
  const item = snapshot.clauses.find((candidate) => candidate.clauseId === itemId)
  if (!item || item.clauseId === '') return null
  if (item.item === 'clause') {
    // The first clause with the id in document order, as the matrix lists them.
    const clause = extractClauses(snapshot.json as DocumentNode).find((candidate) => candidate.clauseId === item.clauseId)
    return clause ? renderedClause(clause, snapshot.pactData, dataKey) : null
  }
  if (item.item === 'outside-text') {
    const outside = (snapshot.json.content ?? []).filter((node) => node.type !== 'clause').map(withoutOpenSuggestions)
    return renderDocumentJsonHtml({ type: 'doc', content: outside }, { pactData: snapshot.pactData ?? undefined })
  }
  const [ref] = item.shows
  return ref && snapshot.pactData ? pactDataHtml(ref, snapshot.pactData, null) : null
}

// Per clause node, as canonical.ts keeps its canonical lines: a live reading shares the nodes of its
// unchanged blocks, so after a change to one clause the page of any other clause renders nothing.
const renderedClauses = new WeakMap<DocumentNode, { dataKey: string; html: string | null }>()

function renderedClause(clause: ExtractedClause, pactData: PactDataSource | null, dataKey: string | null): string | null {
  const kept = dataKey === null ? undefined : renderedClauses.get(clause.node)
  if (kept && kept.dataKey === dataKey) return kept.html
  const html = clauseHtml(
    renderDocumentJsonHtml(
      { type: 'doc', content: [withoutOpenSuggestions(clause.node as JSONContent)] },
      { pactData: pactData ?? undefined },
    ),
    clause.clauseId,
  )
  if (dataKey !== null) renderedClauses.set(clause.node, { dataKey, html })
  return html
}

/**
 * The last snapshot read per pact, for the pacts read most recently. Building one for a 200-page
 * pact (apply, read, validate, render and hash every clause) takes far longer than a page may,
 * and the sign-off pages read it again after every burst of changes while most requests find the
 * document as it was. Keyed by a hash of the state and the context, not by the state vector: a
 * deletion changes the document without changing its state vector.
 */
const snapshotCache = new Map<string, { key: string; snapshot: PactSnapshot }>()
// A large pact's snapshot holds its state, text and HTML several times over (tens of MB).
const SNAPSHOT_CACHE_PACTS = 8

/** The pact's snapshot now; shared between callers, so read-only. */
export async function pactSnapshot(pactId: string): Promise<PactSnapshot> {
  const [context, state] = await Promise.all([snapshotContext(pactId), ports().documents.loadState(pactId)])
  const key = createHash('sha256').update(state).update(JSON.stringify(context)).digest('base64')
  const cached = snapshotCache.get(pactId)
  const snapshot = cached?.key === key ? cached.snapshot : snapshotFromState(state, context)
  remember(snapshotCache, pactId, { key, snapshot }, SNAPSHOT_CACHE_PACTS)
  return snapshot
}
