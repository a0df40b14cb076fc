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

const scheduled = new Map<string, ReturnType<typeof setTimeout>>()

/**
 * Announces a change at most once per `delayMs` per pact: typing sends an update per keystroke,
 * and open pages need one reload for a burst, not one per letter.
 */
export function publishPactEventSoon(pactId: string, kind: PactEventKind, delayMs = 500): void {
  const key = `${pactId}\u0000${kind}`
  if (scheduled.has(key)) return
  const timer = setTimeout(() => {
    scheduled.delete(key)
    publishPactEvent(pactId, kind)
  }, delayMs)
  timer.unref()
  scheduled.set(key, timer)
}
