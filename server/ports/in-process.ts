import { EventEmitter } from 'node:events'
import type { AccessInvalidation, LiveDocuments, PactEventKind, PactEvents, Ports } from '#app/platform/ports.ts'
import type { CollabServer } from '../collab/index.ts'

/**
 * The ports for one instance: pact events on an in-process emitter, the live documents and
 * access invalidation of this process's collaboration server. A scale-out deployment installs
 * implementations that reach every instance instead.
 */
export function inProcessPorts(collab: CollabServer, events: PactEvents = new InProcessPactEvents()): Ports {
  return { documents: collabDocuments(collab), events, access: collabAccessInvalidation(collab) }
}

export class InProcessPactEvents implements PactEvents {
  private readonly emitter = new EventEmitter()

  constructor() {
    // One listener per open page of a pact: many is normal, not a leak.
    this.emitter.setMaxListeners(0)
  }

  publish(pactId: string, kind: PactEventKind): void {
    this.emitter.emit(pactId, kind)
  }

  subscribe(pactId: string, listener: (kind: PactEventKind) => void): () => void {
    this.emitter.on(pactId, listener)
    return () => this.emitter.off(pactId, listener)
  }
}

export function collabDocuments(collab: CollabServer): LiveDocuments {
  return {
    loadState: (pactId) => collab.loadDocumentState(pactId),
    readLive: (pactId, read) => collab.readDocument(pactId, read),
    applyServerUpdate: (pactId, update, origin) => collab.applyServerUpdate(pactId, update, origin),
  }
}

export function collabAccessInvalidation(collab: CollabServer): AccessInvalidation {
  return {
    pactAccessChanged: (pactId) => collab.recheckPact(pactId),
    sessionEnded: (sessionId) => collab.endSession(sessionId),
  }
}
