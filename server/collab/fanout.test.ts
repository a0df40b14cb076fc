import { describe, expect, it } from 'vitest'
import { LocalFanout, type FanoutMessage } from './fanout.ts'

describe('LocalFanout', () => {
  it('delivers to the other members of the same pact only, never back to the publisher', () => {
    const fanout = new LocalFanout()
    const received: Record<string, FanoutMessage[]> = { a: [], b: [], other: [] }
    const a = fanout.join('pact-1', (message) => received.a.push(message))
    fanout.join('pact-1', (message) => received.b.push(message))
    fanout.join('pact-2', (message) => received.other.push(message))
    const message: FanoutMessage = { kind: 'update', payload: new Uint8Array([1]) }
    a.publish(message)
    expect(received).toEqual({ a: [], b: [message], other: [] })
  })

  it('stops delivering after leave', () => {
    const fanout = new LocalFanout()
    const received: FanoutMessage[] = []
    const a = fanout.join('pact-1', () => {})
    const b = fanout.join('pact-1', (message) => received.push(message))
    b.leave()
    a.publish({ kind: 'awareness', payload: new Uint8Array([0]) })
    expect(received).toEqual([])
  })
})
