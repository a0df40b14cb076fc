import { describe, expect, it } from 'vitest'
import { collabTestbed, waitFor, type TestClient } from '#tests/support/collab.ts'
import { addMember, createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()
const CLIENTS = 200

describe('reconnect storm', () => {
  it(`reconnects ${CLIENTS} clients of one pact to a restarted server, and they converge`, { timeout: 20_000 }, async () => {
    // Each provider registers a process 'exit' listener.
    process.setMaxListeners(CLIENTS + 20)
    const pact = await createTestPact()
    const editors = await Promise.all(Array.from({ length: 10 }, () => addMember(pact, 'redacteur')))
    const first = await testbed.server()
    const clients: TestClient[] = Array.from({ length: CLIENTS }, (_, i) =>
      testbed.client(first, pact.pactId, editors[i % editors.length]),
    )
    await Promise.all(clients.map((client) => client.whenSynced()))
    clients[0].text.insert(0, 'voor de herstart;')
    await waitFor(() => clients.every((client) => client.text.toString() === 'voor de herstart;'), 'everyone to sync')

    // Restart on the same port: every client drops at once and they all come back together,
    // some with edits made while the server was gone.
    const port = first.port
    await first.stop()
    for (let i = 0; i < CLIENTS; i += 40) clients[i].text.insert(clients[i].text.length, `offline ${i};`)
    const second = await testbed.server({}, port)

    const offlineEdits = [0, 40, 80, 120, 160].map((i) => `offline ${i};`)
    const expectedLength = 'voor de herstart;'.length + offlineEdits.join('').length
    await waitFor(() => second.collab.stats().connections === CLIENTS, 'all clients to reconnect', 15_000)
    await waitFor(
      () => clients.every((client) => client.text.length === expectedLength),
      'every client to have every edit',
      15_000,
    )
    const contents = new Set(clients.map((client) => client.text.toString()))
    expect(contents.size).toBe(1)
    for (const edit of offlineEdits) expect([...contents][0]).toContain(edit)
  })
})
