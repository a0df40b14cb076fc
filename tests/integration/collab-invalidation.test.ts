import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { changeMemberAccess } from '#app/pacts/pacts.server.ts'
import { addSignatory, changePactStatus, decideOnClause, signOffState } from '#app/sign-off/sign-off.server.ts'
import * as signOutRoute from '#app/routes/sign-out.tsx'
import { ports } from '#app/platform/ports.ts'
import { CloseCode } from '#server/collab/index.ts'
import { createSqlDocumentStore, type DocumentStore } from '#server/collab/persistence.ts'
import { encodeUpdateMessage } from '#server/collab/protocol.ts'
import { closeEvent, collabTestbed, handshakeStatus, openSocket, waitFor, type TestCollabServer } from '#tests/support/collab.ts'
import { addMember, createTestPact, removeMember } from '#tests/support/fixtures.ts'
import { post } from '#tests/support/route-calls.ts'

const testbed = collabTestbed()

// No periodic re-check within a test's lifetime, and no rate limit in the way: whatever stops the
// writes below is the app reporting the change, nothing else.
const REPORTED_CHANGES_ONLY = { accessRecheckIntervalMs: 3_600_000, messagesPerSecond: 1_000_000, messageBurst: 1_000_000 }

const LOG = 'schrijflog'

/**
 * Sends updates as fast as the socket takes them, each appending its sequence number to an
 * array of its own (outside the text, so clauses and their approvals are untouched).
 */
function startWriting(socket: WebSocket) {
  const doc = new Y.Doc()
  let sent = 0
  doc.on('update', (update: Uint8Array) => {
    socket.send(encodeUpdateMessage(update))
    sent++
  })
  const step = () => {
    if (socket.readyState !== WebSocket.OPEN) return
    doc.getArray<number>(LOG).push([sent])
    setImmediate(step)
  }
  step()
  return { sent: () => sent }
}

async function acceptedWrites(server: TestCollabServer, pactId: string): Promise<number[]> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await server.collab.loadDocumentState(pactId))
  return doc.getArray<number>(LOG).toArray()
}

async function writingMember(server: TestCollabServer, pactId: string, cookie: string) {
  const socket = openSocket(server, pactId, { cookie })
  const closed = closeEvent(socket)
  expect((await handshakeStatus(socket)).status).toBe(101)
  const writer = startWriting(socket)
  // Writing works, and keeps going, until the change below.
  await waitFor(async () => (await acceptedWrites(server, pactId)).length >= 20, 'the first writes to be stored')
  return { writer, closed }
}

describe('access changes reach open sockets at once, not by polling', () => {
  it('accepts no update of a redacteur demoted to lezer once the demotion has returned', async () => {
    const pact = await createTestPact()
    const member = await addMember(pact, 'redacteur')
    const server = await testbed.server(REPORTED_CHANGES_ONLY)
    const { writer, closed } = await writingMember(server, pact.pactId, member.cookie)
    const announced: string[] = []
    const unsubscribe = ports().events.subscribe(pact.pactId, (kind) => announced.push(kind))

    await changeMemberAccess(pact.pactId, member.id, 'lezer', pact.owner.id)
    const sentBeforeReturn = writer.sent()
    unsubscribe()
    // Open pages of the pact reload what they show for each access level.
    expect(announced).toEqual(['access'])

    expect((await closed).code).toBe(CloseCode.policyViolation)
    expect(writer.sent()).toBeGreaterThan(sentBeforeReturn)
    const accepted = await acceptedWrites(server, pact.pactId)
    expect(accepted.filter((sequence) => sequence >= sentBeforeReturn)).toEqual([])
  })

  it('accepts no update once signing has returned: the text is frozen', async () => {
    const pact = await createTestPact()
    const editor = await addMember(pact, 'redacteur')
    const server = await testbed.server({ ...REPORTED_CHANGES_ONLY, seedDocument: seedPactContent })
    await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
    for (const clause of (await signOffState(pact.pactId)).snapshot.clauses) {
      await decideOnClause({
        pactId: pact.pactId,
        clauseId: clause.clauseId,
        partyId: pact.partyId,
        userId: pact.owner.id,
        decision: 'akkoord',
        seenHash: clause.contentHash,
        explanation: null,
      })
    }
    await changePactStatus(pact.pactId, 'ter-ondertekening', pact.owner.id)
    const { writer, closed } = await writingMember(server, pact.pactId, editor.cookie)

    expect(await changePactStatus(pact.pactId, 'getekend', pact.owner.id)).toBe(1)
    const sentBeforeReturn = writer.sent()

    expect((await closed).code).toBe(CloseCode.policyViolation)
    const accepted = await acceptedWrites(server, pact.pactId)
    expect(accepted.filter((sequence) => sequence >= sentBeforeReturn)).toEqual([])
  })

  it('closes the socket of a session that signs out at once, and applies nothing it sent after', async () => {
    const pact = await createTestPact()
    const server = await testbed.server(REPORTED_CHANGES_ONLY)
    const { writer, closed } = await writingMember(server, pact.pactId, pact.owner.cookie)

    const response = await post(signOutRoute.action, '/uitloggen', {}, { cookie: pact.owner.cookie })
    expect(response.status).toBe(302)
    const sentBeforeReturn = writer.sent()

    expect((await closed).code).toBe(CloseCode.sessionEnded)
    const accepted = await acceptedWrites(server, pact.pactId)
    expect(accepted.filter((sequence) => sequence >= sentBeforeReturn)).toEqual([])
  })

  it('checks again a socket whose upgrade was under way when access changed', async () => {
    const pact = await createTestPact()
    const member = await addMember(pact, 'redacteur')
    const stored = createSqlDocumentStore()
    let loading = false
    let finishLoading = () => {}
    const slowStore: DocumentStore = {
      ...stored,
      load: async (pactId) => {
        loading = true
        await new Promise<void>((resolve) => (finishLoading = resolve))
        return stored.load(pactId)
      },
    }
    const server = await testbed.server({ ...REPORTED_CHANGES_ONLY, store: slowStore })
    const upgrade = handshakeStatus(openSocket(server, pact.pactId, { cookie: member.cookie }))
    // Authenticated as a member, now loading the document: not yet among the sockets a re-check sees.
    await waitFor(() => loading, 'the upgrade to load the document')
    await removeMember(pact, member)
    await ports().access.pactAccessChanged(pact.pactId)
    finishLoading()

    expect((await upgrade).status).toBe(404)
  })
})
