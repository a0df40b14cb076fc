import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getDb } from '#app/platform/db/db.server.ts'
import { CloseCode } from '#server/collab/index.ts'
import { encodeAwarenessMessage, encodeUpdateMessage } from '#server/collab/protocol.ts'
import {
  closeEvent,
  collabTestbed,
  handshakeStatus,
  openSocket,
  TEST_TEXT,
  waitFor,
  type TestCollabServer,
} from '#tests/support/collab.ts'
import { createTestPact, type TestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

/** Two providers editing together, to show the document carries on after a bad client is cut off. */
async function editingPair(server: TestCollabServer, pact: TestPact) {
  const editor = testbed.client(server, pact.pactId, pact.owner)
  const watcher = testbed.client(server, pact.pactId, pact.owner)
  await Promise.all([editor.whenSynced(), watcher.whenSynced()])
  return {
    async stillSyncing(text: string) {
      editor.text.insert(editor.text.length, text)
      await waitFor(() => watcher.text.toString().endsWith(text), `the watcher to receive "${text}"`)
    },
    editor,
    watcher,
  }
}

async function refusalOf(server: TestCollabServer, pact: TestPact, frame: Uint8Array | string) {
  const socket = openSocket(server, pact.pactId, { cookie: pact.owner.cookie })
  expect((await handshakeStatus(socket)).status).toBe(101)
  const closed = closeEvent(socket)
  socket.send(frame)
  return closed
}

function frame(...varUints: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const value of varUints) encoding.writeVarUint(encoder, value)
  return encoding.toUint8Array(encoder)
}

async function logRows(pactId: string): Promise<number> {
  return (await getDb().selectFrom('collab_updates').select('id').where('pact_id', '=', pactId).execute()).length
}

describe('collaboration socket limits', () => {
  it('closes only the offending connection, with a code per offence, and applies nothing', async () => {
    const pact = await createTestPact()
    const server = await testbed.server({ maxMessageBytes: 64 * 1024 })
    const pair = await editingPair(server, pact)
    await pair.stillSyncing('begin')
    const rowsBefore = await logRows(pact.pactId)

    // A sync update whose payload claims more bytes than the frame has.
    expect((await refusalOf(server, pact, frame(0, 2, 200, 1, 2, 3))).code).toBe(CloseCode.invalidPayload)
    await pair.stillSyncing(' na kapot bericht')
    // Well-framed, but the update inside is not a Yjs update.
    expect((await refusalOf(server, pact, encodeUpdateMessage(new Uint8Array([7, 7, 7, 7, 7])))).code).toBe(
      CloseCode.invalidPayload,
    )
    expect((await refusalOf(server, pact, new Uint8Array())).code).toBe(CloseCode.invalidPayload)
    expect((await refusalOf(server, pact, frame(42))).code).toBe(CloseCode.unsupportedData)
    expect((await refusalOf(server, pact, frame(0, 9))).code).toBe(CloseCode.unsupportedData)
    expect((await refusalOf(server, pact, 'hallo')).code).toBe(CloseCode.unsupportedData)
    await pair.stillSyncing(' na onbekende berichten')

    const tooBig = new Y.Doc()
    tooBig.getText(TEST_TEXT).insert(0, 'x'.repeat(100 * 1024))
    expect((await refusalOf(server, pact, encodeUpdateMessage(Y.encodeStateAsUpdate(tooBig)))).code).toBe(CloseCode.messageTooBig)
    await pair.stillSyncing(' na te groot bericht')

    expect(pair.watcher.text.toString()).toBe('begin na kapot bericht na onbekende berichten na te groot bericht')
    expect(pair.editor.text.toString()).toBe(pair.watcher.text.toString())
    // Only the good edits were stored: one row each.
    expect(await logRows(pact.pactId)).toBe(rowsBefore + 3)
  })

  it('syncs a legitimately large document with the default limits', async () => {
    const pact = await createTestPact()
    const server = await testbed.server()
    const writer = testbed.client(server, pact.pactId, pact.owner)
    await writer.whenSynced()
    // ~3 MB in one update, as after a long offline session: twice the cap that broke another Yjs server.
    const paragraph = 'Het resultaatgebied jeugd krijgt een eigen budget en eigen indicatoren. '
    writer.text.insert(0, paragraph.repeat(42_000))
    const reader = testbed.client(server, pact.pactId, pact.owner)
    await reader.whenSynced()
    await waitFor(() => reader.text.length === writer.text.length, 'the large document to sync')
    expect(writer.closes).toEqual([])
  })

  it('closes a connection that sends faster than its rate limit', async () => {
    const pact = await createTestPact()
    const server = await testbed.server({ messagesPerSecond: 5, messageBurst: 20 })
    const pair = await editingPair(server, pact)
    const socket = openSocket(server, pact.pactId, { cookie: pact.owner.cookie })
    await handshakeStatus(socket)
    const closed = closeEvent(socket)
    for (let i = 0; i < 50; i++) socket.send(frame(3))
    expect(await closed).toEqual({ code: CloseCode.policyViolation, reason: 'rate-limit' })
    await pair.stillSyncing('ongestoord')
  })

  it('closes a connection whose presence state is too large', async () => {
    const pact = await createTestPact()
    const server = await testbed.server({ maxAwarenessStateBytes: 1024 })
    const state = JSON.stringify({ user: { name: 'x' }, note: 'y'.repeat(2048) })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, 12345)
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarString(encoder, state)
    const closed = await refusalOf(server, pact, encodeAwarenessMessage(encoding.toUint8Array(encoder)))
    expect(closed.code).toBe(CloseCode.messageTooBig)
  })
})
