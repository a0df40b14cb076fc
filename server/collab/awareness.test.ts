import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Presence } from './awareness.ts'
import { CloseCode, RefusalError } from './close-codes.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import type { CollabIdentity, DocumentConnection } from './types.ts'

function connection(userId: string): DocumentConnection & { sent: Uint8Array[] } {
  const identity: CollabIdentity = {
    userId,
    name: `Naam ${userId}`,
    sessionId: `sessie-${userId}`,
    pactId: 'pact',
    partyId: `partij-${userId}`,
    partyName: `Partij ${userId}`,
    access: 'redacteur',
    pactStatus: 'concept',
    suggestionsOnly: false,
  }
  const sent: Uint8Array[] = []
  return { id: userId, identity, sent, send: (message) => sent.push(message), close: () => {}, admitsUpdate: () => true }
}

function awarenessUpdate(...entries: Array<[clientId: number, clock: number, state: unknown]>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, typeof state === 'string' ? state : JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

function setup(limits = DEFAULT_LIMITS) {
  const broadcasts: Array<{ except: DocumentConnection | undefined }> = []
  const published: Uint8Array[] = []
  const presence = new Presence(
    new Y.Doc(),
    { broadcast: (_message, except) => broadcasts.push({ except }), publish: (update) => published.push(update) },
    limits,
  )
  return { presence, broadcasts, published, states: () => presence.awareness.getStates() }
}

function refusal(action: () => void): { code: number; reason: string } {
  try {
    action()
  } catch (error) {
    if (error instanceof RefusalError) return { code: error.code, reason: error.reason }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('Presence', () => {
  it('replaces the claimed user with the server’s identity, keeping a valid colour', () => {
    const { presence, states } = setup()
    const alice = connection('alice')
    presence.applyFromConnection(alice, awarenessUpdate([1, 0, { user: { name: 'Burgemeester', color: '#123abc' }, cursor: 4 }]))
    expect(states().get(1)).toEqual({
      user: { id: 'alice', name: 'Naam alice', partyId: 'partij-alice', party: 'Partij alice', color: '#123abc' },
      cursor: 4,
    })
    presence.applyFromConnection(alice, awarenessUpdate([1, 1, { user: { color: 'red; background: url(x)' } }]))
    expect(states().get(1)?.user.color).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('relays to everyone but the sender, and to the other instances', () => {
    const { presence, broadcasts, published } = setup()
    const alice = connection('alice')
    presence.applyFromConnection(alice, awarenessUpdate([1, 0, {}]))
    expect(broadcasts).toEqual([{ except: alice }])
    expect(published).toHaveLength(1)
  })

  it('ignores states for client ids another connection uses, and echoes of them', () => {
    const { presence, states } = setup()
    const alice = connection('alice')
    const mallory = connection('mallory')
    presence.applyFromConnection(alice, awarenessUpdate([1, 0, { cursor: 1 }]))
    presence.applyFromConnection(mallory, awarenessUpdate([1, 99, { cursor: 666 }], [1, 100, null], [2, 0, { cursor: 2 }]))
    expect(states().get(1)?.cursor).toBe(1)
    expect(states().get(1)?.user.name).toBe('Naam alice')
    expect(states().get(2)?.user.name).toBe('Naam mallory')
  })

  it('does not let another user claim a client id whose owner just left (a late echo)', () => {
    const { presence, states } = setup()
    const alice = connection('alice')
    const mallory = connection('mallory')
    presence.applyFromConnection(alice, awarenessUpdate([1, 0, { cursor: 1 }]))
    presence.removeConnection(alice)
    presence.applyFromConnection(mallory, awarenessUpdate([1, 1, { cursor: 1 }]))
    expect(states().has(1)).toBe(false)
    presence.applyFromConnection(connection('alice'), awarenessUpdate([1, 2, { cursor: 5 }]))
    expect(states().get(1)?.cursor).toBe(5)
  })

  it('uses its own clocks, so a client that comes back is accepted whatever its clock', () => {
    const { presence, states } = setup()
    const first = connection('alice')
    presence.applyFromConnection(first, awarenessUpdate([1, 5, { cursor: 1 }]))
    presence.removeConnection(first)
    expect(states().has(1)).toBe(false)
    const again = connection('alice')
    presence.applyFromConnection(again, awarenessUpdate([1, 5, { cursor: 2 }]))
    expect(states().get(1)?.cursor).toBe(2)
    expect(presence.awareness.meta.get(1)?.clock).toBe(2)
  })

  it('removes a closed connection’s states at once and relays the removal', () => {
    const { presence, broadcasts, states } = setup()
    const alice = connection('alice')
    presence.applyFromConnection(alice, awarenessUpdate([1, 0, {}], [7, 0, {}]))
    broadcasts.length = 0
    presence.removeConnection(alice)
    expect([...states().keys()]).toEqual([])
    expect(broadcasts).toHaveLength(1)
    expect(presence.encodeAll()).toBeNull()
  })

  it('refuses malformed, oversized and too many presence states', () => {
    const { presence } = setup({ ...DEFAULT_LIMITS, maxAwarenessStateBytes: 100, maxAwarenessClientsPerConnection: 2 })
    const alice = connection('alice')
    expect(refusal(() => presence.applyFromConnection(alice, new Uint8Array([5, 1])))).toEqual({
      code: CloseCode.invalidPayload,
      reason: 'malformed-awareness',
    })
    expect(refusal(() => presence.applyFromConnection(alice, awarenessUpdate([1, 0, '{not json'])))).toEqual({
      code: CloseCode.invalidPayload,
      reason: 'malformed-awareness',
    })
    expect(refusal(() => presence.applyFromConnection(alice, awarenessUpdate([1, 0, [1, 2]]))).code).toBe(
      CloseCode.invalidPayload,
    )
    expect(refusal(() => presence.applyFromConnection(alice, awarenessUpdate([1, 0, { note: 'x'.repeat(200) }]))).code).toBe(
      CloseCode.messageTooBig,
    )
    expect(refusal(() => presence.applyFromConnection(alice, awarenessUpdate([1, 0, {}], [2, 0, {}], [3, 0, {}])))).toEqual({
      code: CloseCode.policyViolation,
      reason: 'too-many-presence-clients',
    })
  })
})
