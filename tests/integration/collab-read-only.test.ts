import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getDb } from '#app/platform/db/db.server.ts'
import { CloseCode } from '#server/collab/index.ts'
import { collabTestbed, TEST_TEXT, waitFor, type TestCollabServer } from '#tests/support/collab.ts'
import { addMember, createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

async function logRows(pactId: string): Promise<number> {
  const rows = await getDb().selectFrom('collab_updates').select('id').where('pact_id', '=', pactId).execute()
  return rows.length
}

async function storedText(server: TestCollabServer, pactId: string): Promise<string> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await server.collab.loadDocumentState(pactId))
  return doc.getText(TEST_TEXT).toString()
}

describe.each(['lezer', 'commentator'] as const)('a %s on the collaboration socket', (access) => {
  it('syncs and receives the editors’ changes', async () => {
    const pact = await createTestPact()
    const reader = await addMember(pact, access)
    const server = await testbed.server()
    const editor = testbed.client(server, pact.pactId, pact.owner)
    await editor.whenSynced()
    editor.text.insert(0, 'Resultaatgebied 1')

    const watching = testbed.client(server, pact.pactId, reader)
    await watching.whenSynced()
    await waitFor(() => watching.text.toString() === 'Resultaatgebied 1', 'the reader to receive the text')
    editor.text.insert(editor.text.length, ': jeugd')
    await waitFor(() => watching.text.toString() === 'Resultaatgebied 1: jeugd', 'the reader to receive the edit')
    expect(watching.closes).toEqual([])
  })

  it('may reconnect with deletions it received (they change nothing)', async () => {
    const pact = await createTestPact()
    const reader = await addMember(pact, access)
    const server = await testbed.server()
    const editor = testbed.client(server, pact.pactId, pact.owner)
    await editor.whenSynced()
    editor.text.insert(0, 'Budget 2026 en 2027')
    editor.text.delete(0, 7)
    const watching = testbed.client(server, pact.pactId, reader)
    await watching.whenSynced()
    await waitFor(() => watching.text.toString() === '2026 en 2027', 'the reader to sync')

    // On reconnect its sync step 2 carries its whole delete set.
    watching.provider.disconnect()
    watching.provider.connect()
    await watching.whenSynced()
    // A later edit reaches the reader only after the server's sync step 1, which the reader answers
    // with its delete set; its presence, sent after that, reaches the editor only if the server
    // took the delete set without closing the socket.
    editor.text.insert(editor.text.length, '.')
    await waitFor(() => watching.text.toString() === '2026 en 2027.', 'the reader to receive a later edit')
    watching.provider.awareness.setLocalStateField('probe', 1)
    await waitFor(
      () => editor.provider.awareness.getStates().get(watching.doc.clientID)?.probe === 1,
      'the server to relay what the reader sent after it',
    )
    expect(watching.closes).toEqual([])
    expect(watching.provider.wsconnected).toBe(true)
  })
})

// A commentator may propose, so its direct edits are refused as suggestion-mode violations (collab-suggestions.test.ts).
describe('a lezer on the collaboration socket', () => {
  it('has its edit refused with 1008: nothing applied, stored or relayed', async () => {
    const pact = await createTestPact()
    const reader = await addMember(pact, 'lezer')
    const server = await testbed.server()
    const editor = testbed.client(server, pact.pactId, pact.owner)
    await editor.whenSynced()
    editor.text.insert(0, 'Origineel')
    const watching = testbed.client(server, pact.pactId, reader)
    await watching.whenSynced()
    await waitFor(() => watching.text.toString() === 'Origineel', 'the reader to sync')
    const rowsBefore = await logRows(pact.pactId)

    watching.text.insert(0, 'Vervalst: ')
    await waitFor(() => watching.closes.length > 0, 'the reader’s socket to be closed')
    expect(watching.closes[0].code).toBe(CloseCode.policyViolation)
    // Its provider reconnects and offers the edit again: refused every time.
    await waitFor(() => watching.closes.length >= 2, 'the reconnected reader to be refused again')
    expect(watching.closes[1].code).toBe(CloseCode.policyViolation)
    expect(editor.text.toString()).toBe('Origineel')
    expect(await logRows(pact.pactId)).toBe(rowsBefore)
    expect(await storedText(server, pact.pactId)).toBe('Origineel')
  })
})
