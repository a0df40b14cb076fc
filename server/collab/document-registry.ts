import type { Logger } from 'pino'
import * as Y from 'yjs'
import type { PresenceLimits } from './awareness.ts'
import type { Fanout, FanoutMessage } from './fanout.ts'
import { LiveDocument, type ServerOrigin } from './live-document.ts'
import { compactUpdatesOffThread } from './off-thread.ts'
import type { DocumentStore, StoredDocument } from './persistence.ts'
import { reportClientEdits, type ClientEditHook } from './edit-attribution.ts'

// Up to this many log rows a load applies them one by one; a longer log is folded in the worker thread first.
// Above the 500 rows the server leaves before it compacts: folding those off the thread costs more wall
// time than it saves (the state is applied on the thread either way), a log of 60,000 saves ~600 ms.
const FOLD_LOG_OFF_THREAD_AFTER = 1_000

export type SeedDocument = (pactId: string, doc: Y.Doc) => void | Promise<void>

export interface DocumentRegistryOptions {
  store: DocumentStore
  fanout: Fanout
  seedDocument?: SeedDocument
  limits: PresenceLimits
  /** How long a document stays in memory after its last holder left. */
  unloadAfterMs: number
  compactAfterUpdates: number
  /** See LiveDocumentOptions.catchUpIntervalMs: set when other instances serve the same pacts. */
  catchUpIntervalMs?: number
  log: Logger
  /** Called after a loaded document's changes are stored; see LiveDocumentOptions.onChanged. */
  onDocumentChanged?: (document: LiveDocument) => void
  /** Told who made each change a client sent (edit-attribution.ts). */
  onClientEdit?: ClientEditHook
}

/**
 * The documents this process has in memory. A document loads on first use (concurrent first
 * uses share one load), stays while anyone holds it, and is compacted and dropped a while
 * after the last holder leaves, so memory stays bounded however many pacts exist.
 */
export class DocumentRegistry {
  private readonly live = new Map<string, LiveDocument>()
  private readonly loading = new Map<string, Promise<LiveDocument>>()
  private readonly unloadTimers = new Map<LiveDocument, NodeJS.Timeout>()
  private closing = false

  constructor(private readonly options: DocumentRegistryOptions) {}

  get size(): number {
    return this.live.size
  }

  /** The pact's document, loaded if needed, held until `release`. Rejects if it cannot load. */
  async acquire(pactId: string): Promise<LiveDocument> {
    if (this.closing) throw new Error('The collaboration server is closing')
    const document = this.live.get(pactId) ?? (await this.loadOnce(pactId))
    document.holders++
    clearTimeout(this.unloadTimers.get(document))
    this.unloadTimers.delete(document)
    return document
  }

  release(document: LiveDocument): void {
    document.holders--
    if (document.holders > 0 || this.closing) return
    const timer = setTimeout(() => void this.unload(document), this.options.unloadAfterMs)
    // A document waiting to be unloaded must not keep the process alive; close() compacts it.
    timer.unref()
    this.unloadTimers.set(document, timer)
  }

  /** The document's state: from memory if loaded (or loading), else from storage, seeding it if new. */
  async readState(pactId: string): Promise<Uint8Array> {
    const inMemory = this.live.get(pactId) ?? (await this.loading.get(pactId))
    if (inMemory && !inMemory.isDiscarded) return Y.encodeStateAsUpdate(inMemory.doc)
    const stored = await this.options.store.load(pactId)
    if (stored) return stored.updates.length === 1 ? stored.updates[0] : compactUpdatesOffThread(stored.updates)
    // Never opened: load it the normal way, so the template is applied exactly once.
    const document = await this.acquire(pactId)
    try {
      return Y.encodeStateAsUpdate(document.doc)
    } finally {
      this.release(document)
    }
  }

  /** Runs `read` on the loaded document; it stays loaded a while after, as after a connection. */
  async read<T>(pactId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const document = await this.acquire(pactId)
    try {
      return read(document.doc)
    } finally {
      this.release(document)
    }
  }

  async applyServerUpdate(pactId: string, update: Uint8Array, origin: ServerOrigin): Promise<void> {
    // Refuse a malformed update here, with the caller's stack, rather than fail the document.
    Y.parseUpdateMeta(update)
    const document = await this.acquire(pactId)
    try {
      await document.submitServerUpdate(update, origin)
      this.options.log.info({ pactId, origin: origin.server, bytes: update.byteLength }, 'collab server-side change applied')
    } finally {
      this.release(document)
    }
  }

  /** Stores what is queued, compacts and drops every document. Connections must be closed first. */
  async close(): Promise<void> {
    this.closing = true
    await Promise.allSettled(this.loading.values())
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    await Promise.all([...this.live.values()].map((document) => this.unload(document, { force: true })))
  }

  private loadOnce(pactId: string): Promise<LiveDocument> {
    let pending = this.loading.get(pactId)
    if (!pending) {
      pending = this.load(pactId)
        .then((document) => {
          this.live.set(pactId, document)
          return document
        })
        .finally(() => this.loading.delete(pactId))
      this.loading.set(pactId, pending)
    }
    return pending
  }

  /**
   * Builds the document from storage. If anything fails, nothing is served and nothing is
   * written: the caller refuses the connection and storage stays exactly as it was.
   */
  private async load(pactId: string): Promise<LiveDocument> {
    const log = this.options.log.child({ pactId })
    const started = performance.now()
    // Join the fanout before reading storage, so an update another instance stores meanwhile
    // is not missed: it is buffered and applied once the document exists.
    const buffered: FanoutMessage[] = []
    let receive = (message: FanoutMessage): void => {
      buffered.push(message)
    }
    let resync = (): void => {}
    const channel = this.options.fanout.join(
      pactId,
      (message) => receive(message),
      () => resync(),
    )
    try {
      await channel.ready
      const stored = (await this.options.store.load(pactId)) ?? (await this.createStored(pactId, log))
      // A long log is folded in the worker thread first: applying it row by row would stall every socket.
      const updates =
        stored.logLength > FOLD_LOG_OFF_THREAD_AFTER ? [await compactUpdatesOffThread(stored.updates)] : stored.updates
      const doc = new Y.Doc()
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update)
      })
      if (this.options.onClientEdit) reportClientEdits(pactId, doc, this.options.onClientEdit, log)
      const document = new LiveDocument(pactId, doc, stored.logLength, {
        store: this.options.store,
        channel,
        limits: this.options.limits,
        compactAfterUpdates: this.options.compactAfterUpdates,
        lastSeq: stored.lastSeq,
        // One update is the whole state (a compacted one, or the log folded in the worker).
        loadedState: updates.length === 1 ? updates[0] : undefined,
        catchUpIntervalMs: this.options.catchUpIntervalMs,
        log,
        onFailed: (failed) => this.forget(failed),
        onChanged: this.options.onDocumentChanged,
      })
      receive = (message) => document.receiveFromOtherInstance(message)
      resync = () => document.resync()
      for (const message of buffered) document.receiveFromOtherInstance(message)
      log.info({ logLength: stored.logLength, ms: Math.round(performance.now() - started) }, 'collab document loaded')
      return document
    } catch (error) {
      channel.leave()
      log.error({ err: error }, 'collab document failed to load; not served, storage left untouched')
      throw error
    }
  }

  /** A brand-new pact: its first state is the template, stored only if no one else stored one first. */
  private async createStored(pactId: string, log: Logger): Promise<StoredDocument> {
    const seeded = new Y.Doc()
    try {
      await this.options.seedDocument?.(pactId, seeded)
      const state = Y.encodeStateAsUpdate(seeded)
      if (await this.options.store.create(pactId, state)) {
        log.info({ seeded: Boolean(this.options.seedDocument), stateBytes: state.byteLength }, 'collab document created')
        return { updates: [state], logLength: 0, lastSeq: 0 }
      }
    } finally {
      seeded.destroy()
    }
    // Another process created it between our read and our insert: use theirs, drop our seed.
    const stored = await this.options.store.load(pactId)
    if (!stored) throw new Error(`Document of pact ${pactId} vanished while it was being created`)
    return stored
  }

  private async unload(document: LiveDocument, { force = false } = {}): Promise<void> {
    this.unloadTimers.delete(document)
    if (this.live.get(document.pactId) !== document) return
    await document.whenIdle()
    // Someone may have come back while the last changes were being stored, or the document
    // failed and a fresh one took its place.
    if (this.live.get(document.pactId) !== document || (!force && document.holders > 0)) return
    this.live.delete(document.pactId)
    document.destroy()
    await document.compact()
    this.options.log.debug({ pactId: document.pactId }, 'collab document unloaded')
  }

  private forget(document: LiveDocument): void {
    if (this.live.get(document.pactId) === document) this.live.delete(document.pactId)
  }
}
