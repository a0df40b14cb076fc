import { sql } from 'kysely'
import { tryAdvisoryXactLock } from '#app/platform/db/advisory-lock.server.ts'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { isPostgres } from '#app/platform/db/migrations/column-types.ts'
import { compactUpdatesOffThread } from './off-thread.ts'

/**
 * Durable storage of the collaborative documents: per pact a compacted state and an
 * append-only log of the updates since. Appends are single-row inserts, cheap enough to await
 * before every broadcast; compaction folds the log into the state from time to time.
 *
 * Compaction reads only what is stored, never a document in memory: a document whose load
 * failed or was cut short therefore can never overwrite what is stored.
 */
export interface StoredDocument {
  /** The compacted state, then every logged update in order: applying all gives the document. */
  updates: Uint8Array[]
  /** How many of those are log rows not yet compacted. */
  logLength: number
  /** The sequence number of the last logged update included (0 if none was ever logged). */
  lastSeq: number
}

/** What was logged after a sequence number: the updates to apply, and the number they bring you to. */
export interface StoredSince {
  /** In order; begins with the compacted state when the rows right after `afterSeq` were compacted away. */
  updates: Uint8Array[]
  lastSeq: number
}

export interface CompactionResult {
  /** Log rows folded into the state and deleted; 0 when there was nothing to do. */
  mergedRows: number
  stateBytes: number
}

export interface DocumentStore {
  /** The stored document, or null if the pact has none yet. */
  load(pactId: string): Promise<StoredDocument | null>
  /** Stores a brand-new document; false if one exists already (another process created it first). */
  create(pactId: string, initialState: Uint8Array): Promise<boolean>
  /** Logs an update; resolves with its sequence number once it is durable. */
  append(pactId: string, update: Uint8Array): Promise<number>
  /** Everything logged after `afterSeq`, for an instance that missed relayed updates; null if the pact has no document. */
  readSince(pactId: string, afterSeq: number): Promise<StoredSince | null>
  compact(pactId: string): Promise<CompactionResult>
}

/** The advisory lock one instance holds while it compacts a pact's document. */
export const compactionLockKey = (pactId: string) => `collab-compaction:${pactId}`

// Large IN lists are split so they stay far below both dialects' bound-parameter limits.
const DELETE_CHUNK = 500

/** Folds a stored state and log into one state; the worker thread's, or a test's that interferes meanwhile. */
export type FoldUpdates = (updates: readonly Uint8Array[]) => Promise<Uint8Array>

export function createSqlDocumentStore(db: Db = getDb(), fold: FoldUpdates = compactUpdatesOffThread): DocumentStore {
  // One consistent snapshot of state and log: on SQLite every transaction is one, on
  // PostgreSQL only from repeatable read up (read committed could see a compaction half-way).
  const readTransaction = () => (isPostgres(db) ? db.transaction().setIsolationLevel('repeatable read') : db.transaction())

  async function readStored(pactId: string) {
    return readTransaction().execute(async (trx) => {
      const document = await trx
        .selectFrom('collab_documents')
        .innerJoin('collab_states', 'collab_states.pact_id', 'collab_documents.pact_id')
        .select(['collab_states.state', 'collab_documents.compacted_through', 'collab_documents.last_seq'])
        .where('collab_documents.pact_id', '=', pactId)
        .executeTakeFirst()
      if (!document) return null
      const log = await trx
        .selectFrom('collab_updates')
        .select(['id', 'payload'])
        .where('pact_id', '=', pactId)
        .orderBy('id')
        .execute()
      return { document, log }
    })
  }

  return {
    async load(pactId) {
      const stored = await readStored(pactId)
      if (!stored) return null
      return {
        updates: [toBytes(stored.document.state), ...stored.log.map((row) => toBytes(row.payload))],
        logLength: stored.log.length,
        lastSeq: stored.document.last_seq,
      }
    },

    async create(pactId, initialState) {
      const now = nowIso()
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .insertInto('collab_documents')
          .values({ pact_id: pactId, compacted_through: 0, last_seq: 0, created_at: now, updated_at: now })
          .onConflict((oc) => oc.column('pact_id').doNothing())
          .executeTakeFirst()
        if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false
        await trx
          .insertInto('collab_states')
          .values({ pact_id: pactId, state: toBlob(initialState) })
          .execute()
        return true
      })
    },

    // The hottest write there is (every change is stored before it is relayed), so it is plain
    // SQL: building these with the query builder cost more CPU than SQLite's own work.
    async append(pactId, update) {
      return db.transaction().execute(async (trx) => {
        // Row-locks the document until commit: appends from every instance are numbered one by
        // one, and a number is visible only once every lower one is committed.
        const numbered = await sql<{ last_seq: number }>`
          update collab_documents set last_seq = last_seq + 1 where pact_id = ${pactId} returning last_seq`.execute(trx)
        const seq = numbered.rows[0]?.last_seq
        if (seq === undefined) throw new Error(`No document of pact ${pactId} to log an update to`)
        await sql`
          insert into collab_updates (pact_id, seq, payload, created_at)
          values (${pactId}, ${seq}, ${toBlob(update)}, ${nowIso()})`.execute(trx)
        return seq
      })
    },

    async readSince(pactId, afterSeq) {
      return readTransaction().execute(async (trx) => {
        const document = await trx
          .selectFrom('collab_documents')
          .select('last_seq')
          .where('pact_id', '=', pactId)
          .executeTakeFirst()
        if (!document) return null
        if (document.last_seq <= afterSeq) return { updates: [], lastSeq: document.last_seq }
        const rows = await trx
          .selectFrom('collab_updates')
          .select(['seq', 'payload'])
          .where('pact_id', '=', pactId)
          .where('seq', '>', afterSeq)
          .orderBy('seq')
          .execute()
        const updates = rows.map((row) => toBytes(row.payload))
        if (rows[0]?.seq !== afterSeq + 1) {
          const { state } = await trx
            .selectFrom('collab_states')
            .select('state')
            .where('pact_id', '=', pactId)
            .executeTakeFirstOrThrow()
          updates.unshift(toBytes(state))
        }
        return { updates, lastSeq: document.last_seq }
      })
    },

    async compact(pactId) {
      const stored = await readStored(pactId)
      if (!stored || stored.log.length === 0) return { mergedRows: 0, stateBytes: 0 }
      // In a worker thread: folding a large pact's log takes long enough to stall every socket.
      const state = await fold([toBytes(stored.document.state), ...stored.log.map((row) => toBytes(row.payload))])
      const logIds = stored.log.map((row) => row.id)
      const merged = await db.transaction().execute(async (trx) => {
        // One instance at a time compacts a pact; another that is at it already does this work.
        if (!(await tryAdvisoryXactLock(trx, compactionLockKey(pactId)))) return false
        // Optimistic lock: if another compaction got in first, leave everything as it is.
        const result = await trx
          .updateTable('collab_documents')
          .set({ compacted_through: logIds[logIds.length - 1], updated_at: nowIso() })
          .where('pact_id', '=', pactId)
          .where('compacted_through', '=', stored.document.compacted_through)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) return false
        await trx
          .updateTable('collab_states')
          .set({ state: toBlob(state) })
          .where('pact_id', '=', pactId)
          .execute()
        // Exactly the rows that were merged: a row committed meanwhile stays for the next round.
        for (let i = 0; i < logIds.length; i += DELETE_CHUNK) {
          await trx
            .deleteFrom('collab_updates')
            .where('id', 'in', logIds.slice(i, i + DELETE_CHUNK))
            .execute()
        }
        return true
      })
      return merged ? { mergedRows: logIds.length, stateBytes: state.byteLength } : { mergedRows: 0, stateBytes: 0 }
    },
  }
}

/** The stored document as one update, or null if the pact has none yet. */
export async function readStoredState(store: DocumentStore, pactId: string): Promise<Uint8Array | null> {
  const stored = await store.load(pactId)
  if (!stored) return null
  return stored.updates.length === 1 ? stored.updates[0] : compactUpdatesOffThread(stored.updates)
}

// better-sqlite3 binds Buffers (not bare Uint8Arrays) as blobs; pg takes Buffers for bytea.
function toBlob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function toBytes(blob: Uint8Array): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength)
}
