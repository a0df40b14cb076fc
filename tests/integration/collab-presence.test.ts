import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { encodeAwarenessMessage } from '#server/collab/protocol.ts'
import { collabTestbed, handshakeStatus, openSocket, waitFor } from '#tests/support/collab.ts'
import { addMember, createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clientId)
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarString(encoder, JSON.stringify(state))
  return encodeAwarenessMessage(encoding.toUint8Array(encoder))
}

describe('presence on the collaboration socket', () => {
  it('shows the server’s identity of a user, not the name the client claims', async () => {
    const pact = await createTestPact('Fatima de Vries')
    const server = await testbed.server()
    const alice = testbed.client(server, pact.pactId, pact.owner)
    const bob = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([alice.whenSynced(), bob.whenSynced()])

    alice.provider.awareness.setLocalStateField('user', { name: 'De Burgemeester', color: '#0b5cad', id: 'iemand-anders' })
    await waitFor(() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.user?.color === '#0b5cad', 'bob to see alice')
    expect(bob.provider.awareness.getStates().get(alice.doc.clientID)?.user).toEqual({
      id: pact.owner.id,
      name: 'Fatima de Vries',
      partyId: pact.partyId,
      party: expect.stringMatching(/^Gemeente /),
      color: '#0b5cad',
    })
  })

  it('removes a client’s caret from the others the moment its connection closes', async () => {
    const pact = await createTestPact()
    const server = await testbed.server()
    const leaving = testbed.client(server, pact.pactId, pact.owner)
    const staying = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([leaving.whenSynced(), staying.whenSynced()])
    leaving.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 })
    await waitFor(() => staying.provider.awareness.getStates().has(leaving.doc.clientID), 'the caret to appear')

    // Cut the socket without the provider's goodbye message: the server must notice by itself.
    ;(leaving.provider.ws as unknown as { terminate(): void }).terminate()
    leaving.provider.shouldConnect = false
    const started = Date.now()
    await waitFor(() => !staying.provider.awareness.getStates().has(leaving.doc.clientID), 'the caret to disappear', 1_000)
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('drops a client that stops answering pings, and removes its caret', async () => {
    const pact = await createTestPact()
    const server = await testbed.server({ heartbeatIntervalMs: 50 })
    const observer = testbed.client(server, pact.pactId, pact.owner)
    await observer.whenSynced()
    // A client whose network went away: it never answers a ping.
    const silent = new WebSocket(`${server.collabUrl}/${pact.pactId}`, {
      headers: { cookie: pact.owner.cookie, origin: server.origin },
      autoPong: false,
    })
    await handshakeStatus(silent)
    silent.send(awarenessFrame(424242, 1, { cursor: { anchor: 0 } }))
    await waitFor(() => observer.provider.awareness.getStates().has(424242), 'the silent client to appear')
    await waitFor(() => !observer.provider.awareness.getStates().has(424242), 'the silent client to be dropped', 1_000)
    expect(server.collab.stats().connections).toBe(1)
  })

  it('shows a client again straight after it reconnects', async () => {
    const pact = await createTestPact()
    const server = await testbed.server()
    const flaky = testbed.client(server, pact.pactId, pact.owner)
    const other = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([flaky.whenSynced(), other.whenSynced()])
    flaky.provider.awareness.setLocalStateField('user', { name: 'x' })
    await waitFor(() => other.provider.awareness.getStates().has(flaky.doc.clientID), 'the client to appear')

    ;(flaky.provider.ws as unknown as { terminate(): void }).terminate()
    await waitFor(() => !other.provider.awareness.getStates().has(flaky.doc.clientID), 'the client to disappear')
    // The provider reconnects by itself and re-announces its (unchanged) state.
    await waitFor(() => other.provider.awareness.getStates().has(flaky.doc.clientID), 'the client to reappear', 3_000)
  })

  it('ignores a client that sets the state of a client id it does not control', async () => {
    const pact = await createTestPact()
    const intruder = await addMember(pact, 'lezer', 'Indringer')
    const server = await testbed.server()
    const victim = testbed.client(server, pact.pactId, pact.owner)
    const observer = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([victim.whenSynced(), observer.whenSynced()])
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    await waitFor(() => observer.provider.awareness.getStates().has(victim.doc.clientID), 'the victim to appear')

    const socket = openSocket(server, pact.pactId, { cookie: intruder.cookie })
    await handshakeStatus(socket)
    socket.send(awarenessFrame(victim.doc.clientID, 1_000, { user: { name: 'Gekaapt' }, cursor: { anchor: 99 } }))
    socket.send(awarenessFrame(victim.doc.clientID, 1_001, null))
    // The server handles a socket's frames in order: once the intruder's own presence, sent last,
    // reaches the observer, the forged frames have been dealt with.
    const intruderId = victim.doc.clientID + 1
    socket.send(awarenessFrame(intruderId, 1, { cursor: { anchor: 0 } }))
    await waitFor(() => observer.provider.awareness.getStates().has(intruderId), 'the intruder’s own presence to arrive')
    const seen = observer.provider.awareness.getStates().get(victim.doc.clientID)
    expect(seen?.cursor).toEqual({ anchor: 1 })
    expect(seen?.user.name).toBe(pact.owner.name)
    socket.close()
  })
})
