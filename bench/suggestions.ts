import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { DOCUMENT_FIELD, INSERTION_MARK } from '#app/document/extensions.ts'
import { suggestionEffects } from '#server/collab/suggestion-guard.ts'
import { TrialCopy } from '#server/collab/trial-copy.ts'
import { generateHistory, stateAfter } from './lib/history.ts'
import { summarize } from './lib/stats.ts'

/**
 * What the suggestion guard costs the server per update in a long pact: a commentator proposes
 * wording while redacteurs type. Every proposal is tried on a copy of the document before it is
 * applied (server/collab/suggestion-guard.ts). The guard keeps that copy in step with the
 * document (trial-copy.ts); measured beside it in the same run is what it cost to make a fresh
 * copy per proposal, as the guard did before. In-process and synchronous, as on the server's event
 * loop, so each figure is also how long that update blocks it; no sockets or clients.
 */

// Run from bench/.build/, where esbuild puts the bundle.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const config = {
  historyUpdates: setting('LOAD_UPDATES', 60_000),
  proposals: setting('PROPOSALS', 300),
  /** Redacteurs' plain edits between two proposals (they go through the guard's cheap check). */
  editsPerProposal: setting('EDITS_PER_PROPOSAL', 5),
}
const COMMENTATOR = 'bench-commentator'
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits
const MiB = (bytes: number) => round(bytes / 1024 / 1024, 1)

function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function textsOf(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(doc.getXmlFragment(DOCUMENT_FIELD))
  return texts
}

/** A person's own Y.Doc, in step with the server's, whose changes come out as updates. */
function person(state: Uint8Array) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return {
    doc,
    change(edit: (texts: Y.XmlText[]) => void): Uint8Array {
      const before = Y.encodeStateVector(doc)
      doc.transact(() => edit(textsOf(doc)))
      return Y.encodeStateAsUpdate(doc, before)
    },
  }
}

async function main() {
  console.log(`Generating a pact history of ${config.historyUpdates} updates…`)
  const history = generateHistory({ updates: config.historyUpdates, seed: 20262 })
  const state = stateAfter(history.updates, history.updates.length)
  console.log(
    `The pact: ${history.chars} characters (~${Math.round(history.chars / 2500)} pages), state ${Math.round(state.byteLength / 1024)} KiB`,
  )

  const server = new Y.Doc()
  Y.applyUpdate(server, state)
  const trialCopy = new TrialCopy(server)
  const commentator = person(state)
  const redacteur = person(state)
  const pick = random(7)
  const share = (update: Uint8Array) => {
    Y.applyUpdate(commentator.doc, update)
    Y.applyUpdate(redacteur.doc, update)
  }

  const proposalMs: number[] = []
  const editMs: number[] = []
  const freshCopyMs: number[] = []
  const rssBefore = process.memoryUsage().rss
  for (let proposal = 0; proposal < config.proposals; proposal++) {
    for (let edit = 0; edit < config.editsPerProposal; edit++) {
      const update = redacteur.change((texts) => {
        const text = texts[Math.floor(pick() * texts.length)]!
        text.insert(Math.floor(pick() * (text.length + 1)), 'x')
      })
      const started = performance.now()
      const effects = suggestionEffects(server, trialCopy, update, 'bench-redacteur', 'edit')
      if (effects.refusal !== null) throw new Error(`a plain edit was refused: ${effects.refusal}`)
      Y.applyUpdate(server, update)
      trialCopy.confirm(update)
      editMs.push(performance.now() - started)
      Y.applyUpdate(commentator.doc, update)
    }
    const update = commentator.change((texts) => {
      const text = texts[Math.floor(pick() * texts.length)]!
      const mark = { id: `bench-${proposal}`, authorId: COMMENTATOR, partyId: 'adviesraad', createdAt: '2026-11-30T12:00:00Z' }
      text.insert(Math.floor(pick() * (text.length + 1)), ' voorstel', { [INSERTION_MARK]: mark })
    })
    const started = performance.now()
    const effects = suggestionEffects(server, trialCopy, update, COMMENTATOR, 'suggest')
    if (effects.refusal !== null) throw new Error(`a proposal was refused: ${effects.refusal}`)
    Y.applyUpdate(server, update)
    trialCopy.confirm(update)
    proposalMs.push(performance.now() - started)
    share(update)
    // The peer: a fresh copy of the document, which the guard made for every proposal before.
    if (proposal % 10 === 0) {
      const copyStarted = performance.now()
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server))
      freshCopyMs.push(performance.now() - copyStarted)
      copy.destroy()
    }
  }
  const report = {
    startedAt: new Date().toISOString(),
    node: process.version,
    config,
    pact: { chars: history.chars, pages: Math.round(history.chars / 2500), stateKiB: Math.round(state.byteLength / 1024) },
    proposalGuardAndApplyMs: summarize(proposalMs),
    plainEditGuardAndApplyMs: summarize(editMs),
    freshCopyPerProposalMs: summarize(freshCopyMs),
    rssMiB: { before: MiB(rssBefore), after: MiB(process.memoryUsage().rss) },
  }
  const dir = path.join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  const stamp = report.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')
  for (const name of [`suggestions-${stamp}.json`, 'suggestions-latest.json']) {
    const file = path.join(dir, name)
    writeFileSync(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`)
    renameSync(`${file}.tmp`, file)
  }
  const line = (label: string, s: ReturnType<typeof summarize>) =>
    console.log(`${label.padEnd(44)} p50 ${s?.p50} ms  p99 ${s?.p99} ms  max ${s?.max} ms  (${s?.samples} samples)`)
  line('proposal: guard on the kept copy + apply', report.proposalGuardAndApplyMs)
  line('redacteur edit: guard check + apply', report.plainEditGuardAndApplyMs)
  line('peer: a fresh copy per proposal (before)', report.freshCopyPerProposalMs)
  console.log(`RSS ${report.rssMiB.before} → ${report.rssMiB.after} MiB (the kept copy is a second document in memory)`)
  console.log(`results: bench/results/suggestions-${stamp}.json (and suggestions-latest.json)`)
  trialCopy.destroy()
}

await main()
