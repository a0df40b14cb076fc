import { EventEmitter } from 'node:events'

/**
 * Tells open pages that something about a pact changed (a decision, a comment, a status), so
 * they reload their data. In-process; a scale-out deployment relays these between instances.
 */
export type PactEventKind = 'sign-off' | 'comments' | 'status' | 'document'

const emitter = new EventEmitter()
emitter.setMaxListeners(0)

export function publishPactEvent(pactId: string, kind: PactEventKind): void {
  emitter.emit(pactId, kind)
}

export function subscribePactEvents(pactId: string, listener: (kind: PactEventKind) => void): () => void {
  emitter.on(pactId, listener)
  return () => emitter.off(pactId, listener)
}
