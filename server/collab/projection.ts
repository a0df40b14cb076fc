import type * as Y from 'yjs'
import { logger } from '#app/platform/logger.server.ts'
import { PACT_MODEL_KEY, readModelOf, type ModelReading, type WriterNameOf } from '#app/pact-model/pact-model-yjs.ts'
import type { DocumentChange } from './index.ts'

export interface ModelProjectionOptions {
  /** How long after a change the model is validated and projected; changes meanwhile are included. */
  delayMs?: number
  /** The app's projection (server/app.ts passes it): validates the model read and stores it. */
  project: (pactId: string, reading: ModelReading, writerNameOf: WriterNameOf) => Promise<unknown>
}

interface Pending {
  doc: Y.Doc
  writers: DocumentChange['writers']
  timer: NodeJS.Timeout
  run: () => void
}

/**
 * The collaboration server's `onDocumentChanged`: validates and projects a pact's model a moment
 * after its model changed. One projection covers a burst of changes (typing sends one per
 * keystroke), and a steady stream of changes is still projected every `delayMs`. A document
 * unloaded before its turn is projected right away, from the state it had.
 *
 * Only the model is read, and only when it changed: in a 200-page pact, typing in the text
 * costs the projection nothing (re-encoding and re-reading the whole document for it stalled the
 * server for tens of milliseconds twice a second). A document's first change after it loaded is
 * projected whatever it touched, as the model may have changed while nobody had it loaded.
 */
export function createModelProjection({ delayMs = 500, project }: ModelProjectionOptions) {
  const log = logger.child({ component: 'model-projection' })
  const pending = new Map<string, Pending>()
  // Per loaded document: whether its model changed since it was last projected.
  const modelChanged = new WeakMap<Y.Doc, boolean>()

  function watch(doc: Y.Doc): void {
    if (modelChanged.has(doc)) return
    modelChanged.set(doc, true)
    doc.getMap(PACT_MODEL_KEY).observeDeep(() => modelChanged.set(doc, true))
  }

  function run(pactId: string, entry: Pending): void {
    if (pending.get(pactId) !== entry) return
    pending.delete(pactId)
    clearTimeout(entry.timer)
    entry.doc.off('destroy', entry.run)
    modelChanged.set(entry.doc, false)
    // Read now, with a copy of who wrote what: the live document keeps changing meanwhile.
    const reading = readModelOf(entry.doc)
    const writers = new Map(entry.writers)
    project(pactId, reading, (clientId) => writers.get(clientId)?.name ?? null).catch((error: unknown) =>
      log.error({ err: error, pactId }, 'model projection failed; the previous projection stays'),
    )
  }

  return function onDocumentChanged({ pactId, doc, writers }: DocumentChange): void {
    watch(doc)
    const existing = pending.get(pactId)
    if (existing?.doc === doc) return
    // The document was reloaded while a projection of the old one waited: that one goes first.
    if (existing) existing.run()
    if (!modelChanged.get(doc)) return
    const runEntry = () => run(pactId, entry)
    const entry: Pending = { doc, writers, run: runEntry, timer: setTimeout(runEntry, delayMs) }
    entry.timer.unref()
    doc.on('destroy', entry.run)
    pending.set(pactId, entry)
  }
}
