import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import type { NamedParty } from '#app/pact-model/ui/budget-table-view.tsx'
import { documentJson, renderDocumentHtml } from '#app/document/document.server.ts'
import { PactData } from '#app/document/pact-data.ts'
import { readPactModel } from '#app/pact-model/pact-model-yjs.ts'
import { validatePactModel, type PactModel } from '#app/pact-model/pact-model.ts'
import { canonicalClauseContent, clauseContentHash, extractClauses, type DocumentNode } from '#app/sign-off/sign-off.ts'
import { ports } from '#app/platform/ports.ts'
import { pactYears } from '#app/pacts/lifecycle.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'

/**
 * A pact's document as the server reads it for sign-off: its text, the validated structured
 * model, and each clause's canonical content and hash. The server computes these itself from
 * the stored document; a client's idea of a clause's content is never trusted.
 */
export interface SnapshotClause {
  clauseId: string
  kind: string
  title: string
  canonical: string
  contentHash: string
}

export interface PactSnapshot {
  state: Uint8Array
  json: JSONContent
  html: string
  model: PactModel | null
  clauses: SnapshotClause[]
}

function referencedData(clause: DocumentNode, model: PactModel | null): unknown | null {
  const refs: Array<{ kind: string; refId: string }> = []
  const visit = (node: DocumentNode) => {
    // A pactData block inside a clause shows structured data: a result area, or a risk rule.
    if (node.type === PactData.name) refs.push({ kind: String(node.attrs?.kind ?? ''), refId: String(node.attrs?.refId ?? '') })
    node.content?.forEach(visit)
  }
  visit(clause)
  if (refs.length === 0) return null
  // Invalid structured data cannot be approved: it resolves to a marker, never to the raw values.
  return refs.map(({ kind, refId }) => {
    if (!model) return { kind, refId, invalid: true }
    if (kind === 'result-area') return { kind, refId, data: model.resultAreas.find((area) => area.id === refId) ?? null }
    if (kind === 'risk-rule') return { kind, refId, data: model.riskRules.find((rule) => rule.id === refId) ?? null }
    return { kind, refId, data: null }
  })
}

export function snapshotFromState(state: Uint8Array, context: { years: number[]; parties: NamedParty[] }): PactSnapshot {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    const json = documentJson(doc)
    const validation = validatePactModel(readPactModel(doc), { years: context.years, partyIds: context.parties.map((party) => party.id) })
    const model = validation.ok ? validation.model : null
    const clauses = extractClauses(json as DocumentNode).map((clause) => {
      const canonical = canonicalClauseContent(clause.node, referencedData(clause.node, model))
      return { clauseId: clause.clauseId, kind: clause.kind, title: clause.title, canonical, contentHash: clauseContentHash(canonical) }
    })
    const html = renderDocumentHtml(doc, { pactData: model ? { model, valid: true, years: context.years, parties: context.parties } : undefined })
    return { state, json, html, model, clauses }
  } finally {
    doc.destroy()
  }
}

export async function pactSnapshot(pactId: string): Promise<PactSnapshot> {
  const [pact, parties, state] = await Promise.all([getPact(pactId), listParties(pactId), ports().documents.loadState(pactId)])
  const namedParties = parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind }))
  return snapshotFromState(state, { years: pactYears(pact.start_year, pact.end_year), parties: namedParties })
}
