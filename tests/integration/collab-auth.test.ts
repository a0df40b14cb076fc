import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getDb } from '#app/platform/db/db.server.ts'
import { CloseCode } from '#server/collab/index.ts'
import { encodeUpdateMessage } from '#server/collab/protocol.ts'
import { closeEvent, collabTestbed, handshakeStatus, openSocket, TEST_TEXT, waitFor } from '#tests/support/collab.ts'
import { addMember, createTestPact, createUser, removeMember, setAccess, signOut } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()
// Re-check open sockets often, so revocations show within a test's patience.
const FAST_RECHECK = { accessRecheckIntervalMs: 200 }

async function storedDocuments(pactId: string) {
  return getDb().selectFrom('collab_documents').select('pact_id').where('pact_id', '=', pactId).execute()
}

describe('collaboration socket authentication', () => {
  it('refuses an upgrade without a session with 401, before any document data', async () => {
    const pact = await createTestPact()
    const server = await testbed.server(FAST_RECHECK)
    expect(await handshakeStatus(openSocket(server, pact.pactId, {}))).toEqual({ status: 401, messages: 0 })
    expect(await handshakeStatus(openSocket(server, pact.pactId, { cookie: 'pactwerk_session=forged' }))).toEqual({
      status: 401,
      messages: 0,
    })
    // Not even loaded: a refused upgrade never touches the document.
    expect(server.collab.stats().documents).toBe(0)
    expect(await storedDocuments(pact.pactId)).toEqual([])
  })

  it('answers 404 for a pact the user is no member of, and for paths outside /collab/<pactId>', async () => {
    const pact = await createTestPact()
    const outsider = await createUser('Buitenstaander')
    const server = await testbed.server(FAST_RECHECK)
    expect(await handshakeStatus(openSocket(server, pact.pactId, { cookie: outsider.cookie }))).toEqual({
      status: 404,
      messages: 0,
    })
    expect(await handshakeStatus(openSocket(server, 'bestaat-niet', { cookie: pact.owner.cookie }))).toEqual({
      status: 404,
      messages: 0,
    })
    const elsewhere = openSocket({ collabUrl: `ws://127.0.0.1:${server.port}/elders`, origin: server.origin }, pact.pactId, {
      cookie: pact.owner.cookie,
    })
    expect((await handshakeStatus(elsewhere)).status).toBe(404)
  })

  it('refuses a handshake from another site (cross-site WebSocket hijacking), unless that origin is allowed', async () => {
    const pact = await createTestPact()
    const server = await testbed.server({ ...FAST_RECHECK, allowedOrigins: ['https://pactwerk.example'] })
    const fromEvilSite = openSocket(server, pact.pactId, { cookie: pact.owner.cookie, origin: 'https://evil.example' })
    expect(await handshakeStatus(fromEvilSite)).toEqual({ status: 403, messages: 0 })
    const fromAllowed = openSocket(server, pact.pactId, { cookie: pact.owner.cookie, origin: 'https://pactwerk.example' })
    expect((await handshakeStatus(fromAllowed)).status).toBe(101)
    fromAllowed.close()
  })

  it('closes the socket with 4403 within seconds when membership is revoked, and the client stops reconnecting', async () => {
    const pact = await createTestPact()
    const member = await addMember(pact, 'redacteur')
    const server = await testbed.server(FAST_RECHECK)
    const connected = testbed.client(server, pact.pactId, member)
    await connected.whenSynced()
    const finalClose = new Promise<{ code: number }>((resolve) => connected.provider.on('closed', (event) => resolve(event)))

    await removeMember(pact, member)
    const started = Date.now()
    expect((await finalClose).code).toBe(CloseCode.accessRevoked)
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('closes the socket with 4401 when the session ends', async () => {
    const pact = await createTestPact()
    const server = await testbed.server(FAST_RECHECK)
    const connected = testbed.client(server, pact.pactId, pact.owner)
    await connected.whenSynced()
    await signOut(pact.owner)
    await waitFor(() => connected.closes.some((close) => close.code === CloseCode.sessionEnded), 'a 4401 close')
  })

  it('stops accepting writes after a downgrade to lezer, without disconnecting the reader', async () => {
    const pact = await createTestPact()
    const member = await addMember(pact, 'redacteur')
    const server = await testbed.server(FAST_RECHECK)
    const watcher = testbed.client(server, pact.pactId, pact.owner)
    const socket = openSocket(server, pact.pactId, { cookie: member.cookie })
    let received = 0
    socket.on('message', () => received++)
    await handshakeStatus(socket)
    await watcher.whenSynced()

    await setAccess(pact, member, 'lezer')
    await server.collab.recheckAccess()
    // Still connected, and still receiving: a lezer may read.
    const before = received
    watcher.text.insert(0, 'nog leesbaar')
    await waitFor(() => received > before, 'the downgraded socket to receive the edit')

    // But a write is now refused, and closes the socket.
    const closed = closeEvent(socket)
    const offlineDoc = new Y.Doc()
    offlineDoc.getText(TEST_TEXT).insert(0, 'na de downgrade')
    socket.send(encodeUpdateMessage(Y.encodeStateAsUpdate(offlineDoc)))
    expect((await closed).code).toBe(CloseCode.policyViolation)

    const later = testbed.client(server, pact.pactId, pact.owner)
    await later.whenSynced()
    expect(later.text.toString()).toBe('nog leesbaar')
  })
})
