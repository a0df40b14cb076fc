import { afterEach, describe, expect, it } from 'vitest'
import type { AccessInvalidation, PactEventKind, PactEvents } from '#app/platform/ports.ts'
import { logger } from '#app/platform/logger.server.ts'
import type { FanoutMessage } from '#server/collab/fanout.ts'
import { crossInstanceAccessInvalidation, crossInstancePactEvents } from '#server/scale-out/ports.ts'
import { RedisBus } from '#server/scale-out/redis-bus.ts'
import { decodeFanoutMessage, encodeFanoutMessage, RedisFanout } from '#server/scale-out/redis-fanout.ts'
import { waitFor } from '#tests/support/collab.ts'
import { startRedis } from '#tests/support/services.ts'

const log = logger.child({ test: 'redis-relay' })
const cleanup: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function redisWithTwoInstances() {
  const redis = await startRedis()
  cleanup.push(() => redis.stop())
  const a = new RedisBus(redis.url, log)
  const b = new RedisBus(redis.url, log)
  cleanup.push(
    () => a.close(),
    () => b.close(),
  )
  return { redis, a, b }
}

/** This process's own PactEvents and AccessInvalidation, recording what reaches them. */
function localPorts() {
  const events: Array<[string, PactEventKind]> = []
  const accessChanges: string[] = []
  const local: PactEvents = { publish: (pactId, kind) => void events.push([pactId, kind]), subscribe: () => () => {} }
  const access: AccessInvalidation = {
    pactAccessChanged: async (pactId) => void accessChanges.push(`pact:${pactId}`),
    sessionEnded: async (sessionId) => void accessChanges.push(`session:${sessionId}`),
  }
  return { events, accessChanges, local, access }
}

describe('relaying between instances through Redis', () => {
  it('encodes a relay with its sequence number, and refuses what it did not write', () => {
    const update: FanoutMessage = { kind: 'update', payload: new Uint8Array([1, 2, 3]), seq: 42 }
    expect(decodeFanoutMessage(encodeFanoutMessage(update))).toEqual(update)
    const presence: FanoutMessage = { kind: 'awareness', payload: new Uint8Array([9]) }
    expect(decodeFanoutMessage(encodeFanoutMessage(presence))).toEqual(presence)
    expect(decodeFanoutMessage(new Uint8Array([7, 0, 0]))).toBeNull()
    expect(decodeFanoutMessage(new Uint8Array([]))).toBeNull()
  })

  it('relays a pact’s updates and presence to the other instance, never back to the sender', async () => {
    const { a, b } = await redisWithTwoInstances()
    const received = { a: [] as FanoutMessage[], b: [] as FanoutMessage[], otherPact: [] as FanoutMessage[] }
    const onA = new RedisFanout(a, log).join('pact-1', (message) => received.a.push(message))
    const onB = new RedisFanout(b, log).join('pact-1', (message) => received.b.push(message))
    const elsewhere = new RedisFanout(b, log).join('pact-2', (message) => received.otherPact.push(message))
    await Promise.all([onA.ready, onB.ready, elsewhere.ready])

    onA.publish({ kind: 'update', payload: new Uint8Array([1]), seq: 1 })
    onA.publish({ kind: 'awareness', payload: new Uint8Array([2]) })
    await waitFor(() => received.b.length === 2, 'B to receive both')
    expect(received.b).toEqual([
      { kind: 'update', payload: new Uint8Array([1]), seq: 1 },
      { kind: 'awareness', payload: new Uint8Array([2]) },
    ])
    expect(received.a).toEqual([])
    expect(received.otherPact).toEqual([])
  })

  it('asks its documents to catch up after Redis comes back, and relays again', async () => {
    const { redis, a, b } = await redisWithTwoInstances()
    let resyncs = 0
    const received: FanoutMessage[] = []
    const onA = new RedisFanout(a, log).join('pact-1', () => {})
    const onB = new RedisFanout(b, log).join(
      'pact-1',
      (message) => received.push(message),
      () => resyncs++,
    )
    await Promise.all([onA.ready, onB.ready])

    const before = resyncs
    await redis.restart()
    await waitFor(() => resyncs > before, 'B to be asked to catch up', 10_000)
    await waitFor(
      () => {
        onA.publish({ kind: 'update', payload: new Uint8Array([5]), seq: 5 })
        return received.length > 0
      },
      'relays to flow again',
      10_000,
    )
    expect(received[0]).toEqual({ kind: 'update', payload: new Uint8Array([5]), seq: 5 })
  })

  it('brings pact events and access changes from one instance to the other', async () => {
    const { a, b } = await redisWithTwoInstances()
    const here = localPorts()
    const there = localPorts()
    const eventsA = crossInstancePactEvents(a, here.local)
    crossInstancePactEvents(b, there.local)
    const accessA = crossInstanceAccessInvalidation(a, here.access)
    crossInstanceAccessInvalidation(b, there.access)
    // Subscriptions are set up in the background; wait until a relay gets through.
    await waitFor(() => {
      eventsA.publish('pact-1', 'sign-off')
      return there.events.length > 0
    }, 'pact events to cross')
    expect(here.events[0]).toEqual(['pact-1', 'sign-off'])
    expect(there.events[0]).toEqual(['pact-1', 'sign-off'])

    await accessA.pactAccessChanged('pact-1')
    await accessA.sessionEnded('session-1')
    expect(here.accessChanges).toEqual(['pact:pact-1', 'session:session-1'])
    await waitFor(() => there.accessChanges.length === 2, 'the access changes to cross')
    expect(there.accessChanges).toEqual(['pact:pact-1', 'session:session-1'])
  })
})
