import { describe, expect, it } from 'vitest'
import type { PactEventKind } from '#app/platform/ports.ts'
import { InProcessPactEvents } from './in-process.ts'

describe('in-process pact events', () => {
  it('delivers a pact’s events to its subscribers only, until they unsubscribe', () => {
    const events = new InProcessPactEvents()
    const received: PactEventKind[] = []
    const unsubscribe = events.subscribe('pact-a', (kind) => received.push(kind))
    events.publish('pact-a', 'comments')
    events.publish('pact-b', 'status')
    unsubscribe()
    events.publish('pact-a', 'sign-off')
    expect(received).toEqual(['comments'])
  })
})
