import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { getDb } from '#app/platform/db/db.server.ts'
import { isPostgres } from '#app/platform/db/migrations/column-types.ts'
import { ports } from '#app/platform/ports.ts'
import { createSqlDocumentStore, type DocumentStore } from '#server/collab/persistence.ts'
import { collabTestbed, handshakeStatus, openSocket, sleep, TEST_TEXT, waitFor } from '#tests/support/collab.ts'
import { createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

const TEMPLATE = 'Collegeafspraak 1: samen verantwoordelijk.'
const seedTemplate = (_pactId: string, doc: Y.Doc) => {
  doc.getText(TEST_TEXT).insert(0, TEMPLATE)
}

/** State and log as one snapshot: on PostgreSQL a compaction could otherwise commit between the two reads. */
async function stored(pactId: string) {
  const db = getDb()
  const snapshot = isPostgres(db) ? db.transaction().setIsolationLevel('repeatable read') : db.transaction()
  return snapshot.execute(async (trx) => {
    const document = await trx
      .selectFrom('collab_documents')
      .innerJoin('collab_states', 'collab_states.pact_id', 'collab_documents.pact_id')
      .selectAll('collab_documents')
      .select('collab_states.state')
      .where('collab_documents.pact_id', '=', pactId)
      .executeTakeFirst()
    const log = await trx.selectFrom('collab_updates').selectAll().where('pact_id', '=', pactId).orderBy('id').execute()
    return { document, log }
  })
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc.getText(TEST_TEXT).toString()
}

describe('collaboration persistence', () => {
  it('seeds a new pact’s document exactly once, even when the first two connections race', async () => {
    const pact = await createTestPact()
    const seedDocument = vi.fn(async (pactId: string, doc: Y.Doc) => {
      await sleep(50)
      seedTemplate(pactId, doc)
    })
    const server = await testbed.server({ seedDocument })
    const first = testbed.client(server, pact.pactId, pact.owner)
    const second = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([first.whenSynced(), second.whenSynced()])
    expect(seedDocument).toHaveBeenCalledTimes(1)
    expect(first.text.toString()).toBe(TEMPLATE)
    expect(second.text.toString()).toBe(TEMPLATE)
  })

  it('never seeds again after a restart', async () => {
    const pact = await createTestPact()
    const seedDocument = vi.fn(seedTemplate)
    const before = await testbed.server({ seedDocument })
    const client = testbed.client(before, pact.pactId, pact.owner)
    await client.whenSynced()
    client.destroy()
    await before.stop()

    const after = await testbed.server({ seedDocument })
    const again = testbed.client(after, pact.pactId, pact.owner)
    await again.whenSynced()
    expect(seedDocument).toHaveBeenCalledTimes(1)
    expect(again.text.toString()).toBe(TEMPLATE)
  })

  it('stores the template once when two server instances create the document at the same time', async () => {
    const pact = await createTestPact()
    // Both instances read "no document yet" before either creates it.
    const sqlStore = createSqlDocumentStore()
    let loads = 0
    let bothRead!: () => void
    const bothHaveRead = new Promise<void>((resolve) => (bothRead = resolve))
    const racingStore: DocumentStore = {
      ...sqlStore,
      async load(pactId) {
        const result = await sqlStore.load(pactId)
        if (++loads === 2) bothRead()
        await bothHaveRead
        return result
      },
    }
    const seedDocument = vi.fn(seedTemplate)
    const [a, b] = await Promise.all([
      testbed.server({ seedDocument, store: racingStore }),
      testbed.server({ seedDocument, store: racingStore }),
    ])
    const viaA = testbed.client(a, pact.pactId, pact.owner)
    const viaB = testbed.client(b, pact.pactId, pact.owner)
    await Promise.all([viaA.whenSynced(), viaB.whenSynced()])
    // Each instance built a template, but only one was stored and both serve that one.
    expect(seedDocument).toHaveBeenCalledTimes(2)
    expect(viaA.text.toString()).toBe(TEMPLATE)
    expect(viaB.text.toString()).toBe(TEMPLATE)
    expect(textOf(await b.collab.loadDocumentState(pact.pactId))).toBe(TEMPLATE)
  })

  it('compacts the log into the state after N updates without losing content', async () => {
    const pact = await createTestPact()
    const server = await testbed.server({ compactAfterUpdates: 10 })
    const writer = testbed.client(server, pact.pactId, pact.owner)
    await writer.whenSynced()
    for (let i = 0; i < 25; i++) {
      writer.text.insert(writer.text.length, `${i};`)
      // One log row each: the next edit waits until this one is stored (else they share a group commit).
      await waitFor(async () => (await stored(pact.pactId)).document?.last_seq === i + 1, `edit ${i} to be stored`)
    }
    const expected = Array.from({ length: 25 }, (_, i) => `${i};`).join('')
    await waitFor(async () => textOf(await server.collab.loadDocumentState(pact.pactId)) === expected, 'all edits to be applied')
    await waitFor(async () => {
      const { document, log } = await stored(pact.pactId)
      return document!.compacted_through > 0 && log.length < 10
    }, 'the log to be compacted')
    const { document, log } = await stored(pact.pactId)
    expect(document?.compacted_through).toBeGreaterThan(0)
    expect(textOf(Y.mergeUpdates([document!.state, ...log.map((row) => row.payload)]))).toBe(expected)
  })

  it('unloads a document after its last client left, compacted, and reloads the same content', async () => {
    const pact = await createTestPact()
    const server = await testbed.server({ unloadAfterMs: 50 })
    const writer = testbed.client(server, pact.pactId, pact.owner)
    await writer.whenSynced()
    writer.text.insert(0, 'Risicodeling: 50/50 binnen de bandbreedte')
    await waitFor(async () => (await stored(pact.pactId)).log.length > 0, 'the edit to be stored')
    writer.destroy()

    await waitFor(() => server.collab.stats().documents === 0, 'the document to be unloaded')
    await waitFor(async () => (await stored(pact.pactId)).log.length === 0, 'the log to be compacted')
    const reader = testbed.client(server, pact.pactId, pact.owner)
    await reader.whenSynced()
    expect(reader.text.toString()).toBe('Risicodeling: 50/50 binnen de bandbreedte')
  })

  it('compacts everything on close', async () => {
    const pact = await createTestPact()
    const server = await testbed.server()
    const writer = testbed.client(server, pact.pactId, pact.owner)
    await writer.whenSynced()
    writer.text.insert(0, 'Plafond: € 250.000')
    await waitFor(async () => (await stored(pact.pactId)).log.length > 0, 'the edit to be stored')
    await server.stop()
    const { document, log } = await stored(pact.pactId)
    expect(log).toEqual([])
    expect(textOf(document!.state)).toBe('Plafond: € 250.000')
  })

  it('does not serve, and never overwrites, a document whose stored state fails to load', async () => {
    const pact = await createTestPact()
    const first = await testbed.server({ unloadAfterMs: 10 })
    const writer = testbed.client(first, pact.pactId, pact.owner)
    await writer.whenSynced()
    writer.text.insert(0, 'waardevol')
    writer.destroy()
    await first.stop()

    // Damage one log row, as a disk or a bug might.
    const db = getDb()
    await db
      .insertInto('collab_updates')
      .values({ pact_id: pact.pactId, seq: 1_000_000, payload: Buffer.from([0xff, 0xff, 0xff]), created_at: '' })
      .execute()
    const damaged = await stored(pact.pactId)

    const server = await testbed.server({ unloadAfterMs: 10, compactAfterUpdates: 1 })
    const socket = openSocket(server, pact.pactId, { cookie: pact.owner.cookie })
    expect(await handshakeStatus(socket)).toEqual({ status: 503, messages: 0 })
    await expect(server.collab.applyServerUpdate(pact.pactId, Y.encodeStateAsUpdate(new Y.Doc()), 'test')).rejects.toThrow()
    await sleep(50)
    await server.stop()
    expect(await stored(pact.pactId)).toEqual(damaged)
  })

  it('writes nothing at all when the store fails to load', async () => {
    const pact = await createTestPact()
    const sqlStore = createSqlDocumentStore()
    const writes: string[] = []
    const failingStore: DocumentStore = {
      load: async () => {
        throw new Error('disk unavailable')
      },
      create: async (...args) => (writes.push('create'), sqlStore.create(...args)),
      append: async (...args) => (writes.push('append'), sqlStore.append(...args)),
      readSince: async (...args) => sqlStore.readSince(...args),
      compact: async (...args) => (writes.push('compact'), sqlStore.compact(...args)),
    }
    const server = await testbed.server({ store: failingStore, seedDocument: seedTemplate })
    const socket = openSocket(server, pact.pactId, { cookie: pact.owner.cookie })
    expect((await handshakeStatus(socket)).status).toBe(503)
    await server.stop()
    expect(writes).toEqual([])
  })
})

describe('server-side document access', () => {
  it('reads the live document, the stored one, and seeds a never-opened one', async () => {
    const pact = await createTestPact()
    const neverOpened = await createTestPact()
    // No collaboration server yet: straight from storage, nothing there.
    expect(textOf(await ports().documents.loadState(pact.pactId))).toBe('')

    const server = await testbed.server({ seedDocument: seedTemplate })
    const writer = testbed.client(server, pact.pactId, pact.owner)
    await writer.whenSynced()
    writer.text.insert(writer.text.length, ' Aangevuld.')
    await waitFor(
      async () => textOf(await ports().documents.loadState(pact.pactId)) === `${TEMPLATE} Aangevuld.`,
      'the live state',
    )
    expect(textOf(await ports().documents.loadState(neverOpened.pactId))).toBe(TEMPLATE)
  })

  it('applies a server-side change like a client’s: stored, then relayed', async () => {
    const pact = await createTestPact()
    const server = await testbed.server()
    const watcher = testbed.client(server, pact.pactId, pact.owner)
    await watcher.whenSynced()

    const change = new Y.Doc()
    Y.applyUpdate(change, await ports().documents.loadState(pact.pactId))
    const before = Y.encodeStateVector(change)
    change.getText(TEST_TEXT).insert(0, 'Door de server toegevoegd. ')
    await ports().documents.applyServerUpdate(pact.pactId, Y.encodeStateAsUpdate(change, before), 'test')

    expect((await stored(pact.pactId)).log.length).toBe(1)
    await waitFor(() => watcher.text.toString() === 'Door de server toegevoegd. ', 'the watcher to receive the change')
  })
})
