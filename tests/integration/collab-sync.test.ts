import { execFileSync } from 'node:child_process'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { dataDirectory } from '#app/platform/db/db.server.ts'
import { createSqlDocumentStore, type DocumentStore } from '#server/collab/persistence.ts'
import { collabTestbed, TEST_TEXT, waitFor } from '#tests/support/collab.ts'
import { addMember, createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

/**
 * What is stored for the pact right now, read synchronously (so it can run inside an update
 * handler, the moment an update arrives): a second SQLite connection, or psql on PostgreSQL.
 */
function storedText(pactId: string): string {
  const doc = new Y.Doc()
  for (const update of storedUpdates(pactId)) Y.applyUpdate(doc, update)
  return doc.getText(TEST_TEXT).toString()
}

function storedUpdates(pactId: string): Uint8Array[] {
  const databaseUrl = process.env.DATABASE_URL
  if (databaseUrl?.startsWith('postgres')) {
    // One statement, one snapshot: the state, then the log in order, as hex.
    const query = `select encode(state, 'hex') from collab_states where pact_id = '${pactId}'
      union all select * from (select encode(payload, 'hex') from collab_updates where pact_id = '${pactId}' order by id) log`
    const output = execFileSync('psql', [databaseUrl, '-tA', '-c', query], { encoding: 'utf8' })
    return output
      .split('\n')
      .filter(Boolean)
      .map((hex) => Buffer.from(hex, 'hex'))
  }
  const sqlite = new SQLite(path.join(dataDirectory(), 'pactwerk.sqlite'), { readonly: true })
  try {
    const state = sqlite.prepare('select state from collab_states where pact_id = ?').get(pactId) as { state: Buffer } | undefined
    const log = sqlite.prepare('select payload from collab_updates where pact_id = ? order by id').all(pactId) as Array<{
      payload: Buffer
    }>
    return [...(state ? [state.state] : []), ...log.map((row) => row.payload)]
  } finally {
    sqlite.close()
  }
}

describe('collaboration sync', () => {
  it('converges two clients after concurrent edits, and gives a late joiner the full state', async () => {
    const pact = await createTestPact()
    const editor = await addMember(pact, 'redacteur')
    const server = await testbed.server()
    const alice = testbed.client(server, pact.pactId, pact.owner)
    const bob = testbed.client(server, pact.pactId, editor)
    await Promise.all([alice.whenSynced(), bob.whenSynced()])

    // Both type at once, without waiting for each other.
    for (let i = 0; i < 20; i++) {
      alice.text.insert(0, 'a')
      bob.text.insert(bob.text.length, 'b')
    }
    await waitFor(() => alice.text.length === 40 && bob.text.length === 40, 'both clients to have all 40 characters')
    expect(alice.text.toString()).toBe(bob.text.toString())

    const carol = testbed.client(server, pact.pactId, pact.owner)
    await carol.whenSynced()
    expect(carol.text.toString()).toBe(alice.text.toString())
  })

  it('stores every update before any other client receives it', async () => {
    const pact = await createTestPact()
    const server = await testbed.server()
    const writer = testbed.client(server, pact.pactId, pact.owner)
    const reader = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([writer.whenSynced(), reader.whenSynced()])

    const seenButNotStored: string[] = []
    reader.doc.on('update', () => {
      // Runs the moment the relayed update arrives: it must already be in the database (which
      // may be further ahead, with words the reader has not received yet).
      const received = reader.text.toString()
      if (!storedText(pact.pactId).startsWith(received)) seenButNotStored.push(received)
    })
    for (const word of ['Samen ', 'werken ', 'aan ', 'het ', 'pact']) {
      writer.text.insert(writer.text.length, word)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitFor(() => reader.text.toString() === 'Samen werken aan het pact', 'the reader to receive every word')
    expect(seenButNotStored).toEqual([])
  })

  it('relays nothing until the log write has completed, even when storage is slow', async () => {
    const pact = await createTestPact()
    const events: string[] = []
    const sqlStore = createSqlDocumentStore()
    const slowStore: DocumentStore = {
      ...sqlStore,
      async append(pactId, update) {
        events.push('append-started')
        await new Promise((resolve) => setTimeout(resolve, 150))
        const seq = await sqlStore.append(pactId, update)
        events.push('append-done')
        return seq
      },
    }
    const server = await testbed.server({ store: slowStore })
    const writer = testbed.client(server, pact.pactId, pact.owner)
    const reader = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([writer.whenSynced(), reader.whenSynced()])
    reader.doc.on('update', () => events.push('relayed'))

    writer.text.insert(0, 'duurzaam')
    await waitFor(() => reader.text.toString() === 'duurzaam', 'the reader to receive the edit')
    expect(events).toEqual(['append-started', 'append-done', 'relayed'])
  })

  it('stores a client’s offline edits when it reconnects', async () => {
    const pact = await createTestPact()
    const server = await testbed.server()
    const offline = testbed.client(server, pact.pactId, pact.owner)
    await offline.whenSynced()
    offline.provider.disconnect()
    offline.text.insert(0, 'offline geschreven')
    offline.provider.connect()
    await waitFor(() => storedText(pact.pactId) === 'offline geschreven', 'the offline edit to be stored')

    const later = testbed.client(server, pact.pactId, pact.owner)
    await later.whenSynced()
    expect(later.text.toString()).toBe('offline geschreven')
  })
})
