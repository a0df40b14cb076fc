import { describe, expect, it, vi } from 'vitest'
import { ports, type PactEventKind } from '#app/platform/ports.ts'
import { publishPactEventSoon } from './pact-events.server.ts'

describe('pact events', () => {
  it('announce a burst of document changes once', () => {
    vi.useFakeTimers()
    try {
      const seen: PactEventKind[] = []
      const unsubscribe = ports().events.subscribe('pact-c', (kind) => seen.push(kind))
      for (let keystroke = 0; keystroke < 20; keystroke++) publishPactEventSoon('pact-c', 'document', 500)
      expect(seen).toEqual([])
      vi.advanceTimersByTime(500)
      expect(seen).toEqual(['document'])
      publishPactEventSoon('pact-c', 'document', 500)
      vi.advanceTimersByTime(500)
      expect(seen).toEqual(['document', 'document'])
      unsubscribe()
    } finally {
      vi.useRealTimers()
    }
  })
})
