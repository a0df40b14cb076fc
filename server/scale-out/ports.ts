import { isPactEventKind, type AccessInvalidation, type PactEvents, type Ports } from '#app/platform/ports.ts'
import type { RedisBus } from './redis-bus.ts'

/**
 * The app's ports across instances: each wraps this process's own implementation. What happens
 * here is done here at once (so it works while Redis is unreachable) and published; what another
 * instance publishes is done here as if it had happened here.
 */

const text = new TextEncoder()
const untext = new TextDecoder()

function parse(payload: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(untext.decode(payload))
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Server-sent events reach open pages on every instance. */
export function crossInstancePactEvents(bus: RedisBus, local: PactEvents): PactEvents {
  bus.subscribe('pact-events', (payload) => {
    const event = parse(payload)
    if (typeof event?.pactId === 'string' && isPactEventKind(event.kind)) local.publish(event.pactId, event.kind)
  })
  return {
    publish(pactId, kind) {
      local.publish(pactId, kind)
      bus.publish('pact-events', text.encode(JSON.stringify({ pactId, kind })))
    },
    subscribe: (pactId, listener) => local.subscribe(pactId, listener),
  }
}

/**
 * An access change or a signing on one instance re-checks the open sockets of every instance.
 * Each instance also re-checks its sockets every few seconds, which covers a notice Redis lost.
 */
export function crossInstanceAccessInvalidation(bus: RedisBus, local: AccessInvalidation): AccessInvalidation {
  bus.subscribe('access', (payload) => {
    const change = parse(payload)
    if (typeof change?.pactId === 'string') void local.pactAccessChanged(change.pactId)
    if (typeof change?.sessionId === 'string') void local.sessionEnded(change.sessionId)
  })
  return {
    pactAccessChanged(pactId) {
      bus.publish('access', text.encode(JSON.stringify({ pactId })))
      return local.pactAccessChanged(pactId)
    },
    sessionEnded(sessionId) {
      bus.publish('access', text.encode(JSON.stringify({ sessionId })))
      return local.sessionEnded(sessionId)
    },
  }
}

/** This process's ports, made to reach every instance. */
export function crossInstancePorts(bus: RedisBus, local: Ports): Ports {
  return {
    documents: local.documents,
    events: crossInstancePactEvents(bus, local.events),
    access: crossInstanceAccessInvalidation(bus, local.access),
  }
}
