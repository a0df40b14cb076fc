import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getDb } from '#app/platform/db/db.server.ts'
import { createTestPact } from '#tests/support/fixtures.ts'
import { tryAdvisoryXactLock } from '#app/platform/db/advisory-lock.server.ts'
import { compactUpdatesOffThread } from './off-thread.ts'
import { compactionLockKey, createSqlDocumentStore, readStoredState } from './persistence.ts'

const store = createSqlDocumentStore()

function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc.getText('default').toString()
}

/** Successive edits of one document, each as the update it produced. */
function edits(...texts: string[]): { state: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const text of texts) doc.getText('default').insert(doc.getText('default').length, text)
  return { state: Y.encodeStateAsUpdate(doc), updates }
}

let pactId: string
beforeAll(async () => {
  pactId = (await createTestPact()).pactId
})

describe('the SQL document store', () => {
  it.runIf(process.env.DATABASE_URL?.startsWith('postgres'))(
    'leaves a compaction to the instance that holds the pact’s advisory lock',
    async () => {
      const { pactId } = await createTestPact()
      const { updates } = edits('a', 'b')
      await store.create(pactId, updates[0])
      await store.append(pactId, updates[1])
      let release!: () => void
      let locked!: (taken: boolean) => void
      const taken = new Promise<boolean>((resolve) => (locked = resolve))
      const otherInstance = getDb()
        .transaction()
        .execute(async (trx) => {
          locked(await tryAdvisoryXactLock(trx, compactionLockKey(pactId)))
          await new Promise<void>((resolve) => (release = resolve))
        })
      expect(await taken).toBe(true)
      expect((await store.compact(pactId)).mergedRows).toBe(0)
      release()
      await otherInstance
      expect((await store.compact(pactId)).mergedRows).toBe(1)
    },
  )

  it('numbers appends per document and reads what came after a number, from the state once it is compacted', async () => {
    const { pactId } = await createTestPact()
    const { updates } = edits('a', 'b', 'c', 'd')
    await store.create(pactId, updates[0])
    expect(await store.append(pactId, updates[1])).toBe(1)
    expect(await store.append(pactId, updates[2])).toBe(2)
    expect((await store.load(pactId))!.lastSeq).toBe(2)

    const since = (await store.readSince(pactId, 1))!
    expect(since.lastSeq).toBe(2)
    expect(since.updates).toHaveLength(1)
    expect(textOf([updates[0], updates[1], ...since.updates])).toBe('abc')
    expect((await store.readSince(pactId, 2))!.updates).toEqual([])

    await store.compact(pactId)
    expect(await store.append(pactId, updates[3])).toBe(3)
    // Rows 1 and 2 are folded into the state: a reader that had only row 0 gets the state too.
    const afterCompaction = (await store.readSince(pactId, 1))!
    expect(afterCompaction.lastSeq).toBe(3)
    expect(textOf([updates[0], ...afterCompaction.updates])).toBe('abcd')
    expect(await store.readSince((await createTestPact()).pactId, 0)).toBeNull()
  })

  it('creates a document once; a second create reports that it exists', async () => {
    const { pactId } = await createTestPact()
    expect(await store.load(pactId)).toBeNull()
    expect(await store.create(pactId, edits('eerste').state)).toBe(true)
    expect(await store.create(pactId, edits('tweede').state)).toBe(false)
    expect(textOf((await store.load(pactId))!.updates)).toBe('eerste')
  })

  it('loads state then log in order, and compaction folds exactly the log into the state', async () => {
    const { updates } = edits('a', 'b', 'c', 'd')
    await store.create(pactId, updates[0])
    for (const update of updates.slice(1)) await store.append(pactId, update)
    const loaded = (await store.load(pactId))!
    expect(loaded.logLength).toBe(3)
    expect(textOf(loaded.updates)).toBe('abcd')

    expect(await store.compact(pactId)).toMatchObject({ mergedRows: 3 })
    const compacted = (await store.load(pactId))!
    expect(compacted).toMatchObject({ logLength: 0 })
    expect(textOf(compacted.updates)).toBe('abcd')
    expect(await store.compact(pactId)).toEqual({ mergedRows: 0, stateBytes: 0 })
    expect(textOf([(await readStoredState(store, pactId))!])).toBe('abcd')
  })

  it('leaves everything as it is when another compaction got in first', async () => {
    const { pactId } = await createTestPact()
    const { updates } = edits('x', 'y')
    await store.create(pactId, updates[0])
    await store.append(pactId, updates[1])
    // Another instance's compaction commits between our read and our write: while we fold.
    const db = getDb()
    const interfered = createSqlDocumentStore(db, async (updates) => {
      await db.updateTable('collab_documents').set({ compacted_through: 999_999 }).where('pact_id', '=', pactId).execute()
      return compactUpdatesOffThread(updates)
    })
    expect(await interfered.compact(pactId)).toEqual({ mergedRows: 0, stateBytes: 0 })
    const rows = await db.selectFrom('collab_updates').select('id').where('pact_id', '=', pactId).execute()
    expect(rows).toHaveLength(1)
  })
})
