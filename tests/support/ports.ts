import * as Y from 'yjs'
import { installPorts, type AccessInvalidation, type LiveDocuments } from '#app/platform/ports.ts'
import type { CollabServer } from '#server/collab/index.ts'
import { createSqlDocumentStore, readStoredState } from '#server/collab/persistence.ts'
import { collabAccessInvalidation, collabDocuments, InProcessPactEvents } from '#server/ports/in-process.ts'

/**
 * The ports as tests see them. Without a collaboration server: documents read straight from
 * storage (an empty document for one never created), nothing to invalidate. While a test's
 * collaboration server runs, its documents and sockets. Pact events stay the same throughout,
 * so a page subscribed before a server started still hears what is published after.
 */
const events = new InProcessPactEvents()

const storedDocuments: LiveDocuments = {
  loadState: async (pactId) => (await readStoredState(createSqlDocumentStore(), pactId)) ?? Y.encodeStateAsUpdate(new Y.Doc()),
  readLive: async (pactId, read) => {
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, await storedDocuments.loadState(pactId))
      return read(doc)
    } finally {
      doc.destroy()
    }
  },
  applyServerUpdate: async () => {
    // Without a server there would be no template and no relay: a test that changes documents starts one.
    throw new Error('applyServerUpdate needs a collaboration server: start one with startCollabServer')
  },
}

const noSockets: AccessInvalidation = {
  pactAccessChanged: async () => {},
  sessionEnded: async () => {},
}

export function installTestPorts(collab?: CollabServer): void {
  installPorts(
    collab
      ? { documents: collabDocuments(collab), events, access: collabAccessInvalidation(collab) }
      : { documents: storedDocuments, events, access: noSockets },
  )
}
