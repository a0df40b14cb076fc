import { ports, type PactEventKind } from '#app/platform/ports.ts'

/**
 * Telling open pages that something about a pact changed goes through `ports().events`
 * (publish, subscribe), which reaches every instance. This adds coalescing for changes that
 * come in bursts.
 */

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
    ports().events.publish(pactId, kind)
  }, delayMs)
  timer.unref()
  scheduled.set(key, timer)
}
