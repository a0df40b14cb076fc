import * as Y from 'yjs'
import { logger } from '#app/platform/logger.server.ts'
import type { WriterNameOf } from '#app/pact-model/pact-model-yjs.ts'
import type { DocumentChange } from './index.ts'

export interface ModelProjectionOptions {
  /** How long after a change the model is validated and projected; changes meanwhile are included. */
  delayMs?: number
  /** The app's projection (server/app.ts passes it): validates the model in `state` and stores it. */
  project: (pactId: string, state: Uint8Array, writerNameOf: WriterNameOf) => Promise<unknown>
}

interface Pending {
  doc: Y.Doc
  writers: DocumentChange['writers']
  timer: NodeJS.Timeout
  run: () => void
}

/**
 * The collaboration server's `onDocumentChanged`: validates and projects a pact's model a moment
 * after its document changed. One projection covers a burst of changes (typing sends one per
 * keystroke), and a steady stream of changes is still projected every `delayMs`. A document
 * unloaded before its turn is projected right away, from the state it had.
 */
export function createModelProjection({ delayMs = 500, project }: ModelProjectionOptions) {
  const log = logger.child({ component: 'model-projection' })
  const pending = new Map<string, Pending>()

  function run(pactId: string, entry: Pending): void {
    if (pending.get(pactId) !== entry) return
    pending.delete(pactId)
    clearTimeout(entry.timer)
    entry.doc.off('destroy', entry.run)
    // A copy of the state and of who wrote what: the live document keeps changing meanwhile.
    const state = Y.encodeStateAsUpdate(entry.doc)
    const writers = new Map(entry.writers)
    project(pactId, state, (clientId) => writers.get(clientId)?.name ?? null).catch((error: unknown) =>
      log.error({ err: error, pactId }, 'model projection failed; the previous projection stays'),
    )
  }

  return function onDocumentChanged({ pactId, doc, writers }: DocumentChange): void {
    const existing = pending.get(pactId)
    if (existing?.doc === doc) return
    // The document was reloaded while a projection of the old one waited: that one goes first.
    if (existing) existing.run()
    const runEntry = () => run(pactId, entry)
    const entry: Pending = { doc, writers, run: runEntry, timer: setTimeout(runEntry, delayMs) }
    entry.timer.unref()
    doc.on('destroy', entry.run)
    pending.set(pactId, entry)
  }
}
