import { Migrator, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getDb, migrateToLatest } from '#app/platform/db/db.server.ts'
import { migrations } from '#app/platform/db/migrations/index.ts'
import { createSqlDocumentStore, readStoredState } from '#server/collab/persistence.ts'

function updatesTyping(...words: string[]): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const word of words) doc.getText('default').insert(doc.getText('default').length, word)
  return updates
}

describe('migration 0008: sequence numbers for a log written before it', () => {
  it('numbers the existing rows in order, and new appends continue after them', async () => {
    // This test file's database is fresh: bring it to the schema before scale-out, with a document in it.
    const db = getDb() as unknown as Kysely<any>
    const before = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    const { error } = await before.migrateTo('0004-model-projection')
    expect(error).toBeUndefined()
    const now = new Date().toISOString()
    await db
      .insertInto('users')
      .values({ id: 'u1', email: 'u1@example.test', name: 'U', password_hash: 'x', created_at: now })
      .execute()
    const pact = {
      title: 'Oud pact',
      region: 'R',
      start_year: 2026,
      end_year: 2029,
      status: 'concept',
      template: 'leeg',
      created_by: 'u1',
      created_at: now,
    }
    await db
      .insertInto('pacts')
      .values([
        { id: 'p1', ...pact },
        { id: 'p2', ...pact },
      ])
      .execute()
    const [first, ...rest] = updatesTyping('Oude ', 'tekst ', 'van ', 'voor ', 'de ', 'migratie', '.')
    const more = rest.pop()!
    for (const pactId of ['p1', 'p2']) {
      await db
        .insertInto('collab_documents')
        .values({ pact_id: pactId, state: Buffer.from(first), compacted_through: 0, created_at: now, updated_at: now })
        .execute()
    }
    // Interleaved, as two documents' appends are: ids are increasing per document, not contiguous.
    for (const update of rest) {
      for (const pactId of ['p1', 'p2'])
        await db
          .insertInto('collab_updates')
          .values({ pact_id: pactId, payload: Buffer.from(update), created_at: now })
          .execute()
    }

    await migrateToLatest()
    const rows = await getDb()
      .selectFrom('collab_updates')
      .select(['id', 'seq'])
      .where('pact_id', '=', 'p1')
      .orderBy('id')
      .execute()
    expect(rows.map((row) => row.seq)).toEqual(rows.map((row) => row.id))
    const document = await getDb()
      .selectFrom('collab_documents')
      .select('last_seq')
      .where('pact_id', '=', 'p1')
      .executeTakeFirstOrThrow()
    expect(document.last_seq).toBe(rows[rows.length - 1]!.id)

    const store = createSqlDocumentStore()
    expect(await store.append('p1', more)).toBe(document.last_seq + 1)
    const state = await readStoredState(store, 'p1')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state!)
    expect(doc.getText('default').toString()).toBe('Oude tekst van voor de migratie.')
  })
})
