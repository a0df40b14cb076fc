import { describe, expect, it, vi } from 'vitest'
import { publishPactEvent, publishPactEventSoon, subscribePactEvents, type PactEventKind } from './pact-events.server.ts'

describe('pact events', () => {
  it('reach only the subscribers of that pact, until they unsubscribe', () => {
    const seen: PactEventKind[] = []
    const unsubscribe = subscribePactEvents('pact-a', (kind) => seen.push(kind))
    publishPactEvent('pact-a', 'comments')
    publishPactEvent('pact-b', 'status')
    unsubscribe()
    publishPactEvent('pact-a', 'sign-off')
    expect(seen).toEqual(['comments'])
  })

  it('announce a burst of document changes once', () => {
    vi.useFakeTimers()
    try {
      const seen: PactEventKind[] = []
      const unsubscribe = subscribePactEvents('pact-c', (kind) => seen.push(kind))
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
