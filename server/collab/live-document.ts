import type { Logger } from 'pino'
import * as Y from 'yjs'
import { Presence, type PresenceLimits } from './awareness.ts'
import { CloseCode } from './close-codes.ts'
import { FROM_OTHER_INSTANCE, type FanoutChannel, type FanoutMessage } from './fanout.ts'
import type { DocumentStore } from './persistence.ts'
import {
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2OfUpdate,
  encodeUpdateMessage,
} from './protocol.ts'
import { AppliedSequence } from './sequence.ts'
import { TrialCopy } from './trial-copy.ts'
import type { CollabWriter, DocumentConnection } from './types.ts'
import { checkUpdate } from './update-guard.ts'

// Long enough for a relay overtaken by a later one to arrive; short enough not to be noticed.
const GAP_WAIT_MS = 200
// How long stored changes wait to go out together, per connection in the room (see relay()): none
// in a small room, 20 ms in a room of 400, where one frame per keystroke per socket swamps the server.
const RELAY_WINDOW_MS_PER_CONNECTION = 1 / 20
const RELAY_WINDOW_MAX_MS = 20
// A paste or a catch-up goes out at once rather than piling up.
const RELAY_WINDOW_MAX_BYTES = 256 * 1024

interface Change {
  update: Uint8Array
  origin: UpdateOrigin
}

/** A change made by server code rather than a client, named for the logs. */
export interface ServerOrigin {
  server: string
}

type UpdateOrigin = DocumentConnection | ServerOrigin | typeof FROM_OTHER_INSTANCE

interface ApplyTask {
  kind: 'apply'
  update: Uint8Array
  origin: UpdateOrigin
  settle?: { resolve(): void; reject(error: unknown): void }
  /** Sequence number of an update another instance logged. */
  seq?: number
}

interface ReplyTask {
  kind: 'reply'
  connection: DocumentConnection
  stateVector: Uint8Array
}

/** Read what was logged after the last update this instance knows it has, and apply it. */
interface CatchUpTask {
  kind: 'catch-up'
}

type Task = ApplyTask | ReplyTask | CatchUpTask

export interface LiveDocumentOptions {
  store: DocumentStore
  channel: FanoutChannel
  limits: PresenceLimits
  compactAfterUpdates: number
  /** Sequence number of the last logged update the loaded state includes (0 when nothing was logged). */
  lastSeq?: number
  /**
   * The stored bytes the document was built from, when they were one whole state: the first
   * joiner with nothing is sent these, instead of a fresh encoding of the same content.
   */
  loadedState?: Uint8Array
  /**
   * How often to catch up from the log even when no gap was noticed, for relays lost silently
   * (another instance serving the pact); unset when this process is the only one.
   */
  catchUpIntervalMs?: number
  log: Logger
  /** Called once if the document is discarded after a failure; the registry forgets it. */
  onFailed(document: LiveDocument): void
  /**
   * Called after changes are stored and relayed: made here (by clients or server code), or by
   * another instance (so derived data, like the model projection, follows the whole document).
   */
  onChanged?(document: LiveDocument): void
}

/**
 * One pact's document in memory with its connections and presence.
 *
 * Every change goes through one queue per document: apply to the Y.Doc (capturing the
 * effective update Yjs emits, which holds only what was new), append that to the log and
 * await it, and only then relay it. A sync step 1 is answered from the same queue, so no
 * client is ever sent state that is not yet stored. Changes queued while a write is in flight
 * are stored together in one row (group commit), which keeps a busy document's log short.
 */
export class LiveDocument {
  readonly connections = new Set<DocumentConnection>()
  readonly presence: Presence
  /**
   * Who wrote with which Yjs client id, as seen by this process since the document loaded, so
   * invalid data can be traced to a person. The first user to write with an id keeps it: a client
   * reusing someone else's id cannot shift the blame.
   */
  readonly writers = new Map<number, CollabWriter>()
  /** Where the suggestion guard tries a client's update before it is applied here. */
  readonly trialCopy: TrialCopy
  /** Connections and server calls keeping the document loaded; the registry counts them. */
  holders = 0
  private readonly queue: Task[] = []
  private draining = false
  private idle: Promise<void> = Promise.resolve()
  private discarded = false
  private logLength: number
  private nextCompactionAt: number
  private compaction: Promise<void> = Promise.resolve()
  private compactionQueued = false
  private readonly refusedConnections = new WeakSet<DocumentConnection>()
  private readonly sequence: AppliedSequence
  private readonly catchUpTimer: NodeJS.Timeout | undefined
  private gapTimer: NodeJS.Timeout | undefined
  /** Stored changes not yet relayed, waiting for the relay window to close. */
  private unrelayed: Change[] = []
  private unrelayedBytes = 0
  private relayTimer: NodeJS.Timeout | undefined
  /**
   * The answer to a client that has nothing yet (an empty state vector), kept until the document
   * changes: when a meeting opens the pact, tens of people join at once, and encoding a long
   * pact for each would block the event loop for tens of milliseconds per person. Right after a
   * load it is the stored state itself (`loadedState`).
   */
  private wholeDocumentReply: Uint8Array | null

  constructor(
    readonly pactId: string,
    readonly doc: Y.Doc,
    storedLogLength: number,
    private readonly options: LiveDocumentOptions,
  ) {
    this.logLength = storedLogLength
    this.trialCopy = new TrialCopy(doc)
    this.wholeDocumentReply = options.loadedState ? encodeSyncStep2OfUpdate(options.loadedState) : null
    doc.on('update', () => (this.wholeDocumentReply = null))
    this.nextCompactionAt = options.compactAfterUpdates
    this.sequence = new AppliedSequence(options.lastSeq ?? 0)
    if (options.catchUpIntervalMs) {
      this.catchUpTimer = setInterval(() => this.catchUp(), options.catchUpIntervalMs)
      this.catchUpTimer.unref()
    }
    this.presence = new Presence(
      doc,
      {
        broadcast: (message, except) => this.broadcast(message, except),
        publish: (update) => options.channel.publish({ kind: 'awareness', payload: update }),
      },
      options.limits,
    )
  }

  get isDiscarded(): boolean {
    return this.discarded
  }

  addConnection(connection: DocumentConnection): void {
    this.connections.add(connection)
    connection.send(encodeSyncStep1(this.doc))
    const states = this.presence.encodeAll()
    if (states) connection.send(encodeAwarenessMessage(states))
  }

  removeConnection(connection: DocumentConnection): void {
    this.connections.delete(connection)
    if (!this.discarded) this.presence.removeConnection(connection)
  }

  /** A client's change; failures close the document's connections, so nothing to await. */
  receiveUpdate(update: Uint8Array, connection: DocumentConnection): void {
    this.enqueue({ kind: 'apply', update, origin: connection })
  }

  /** A change made by server code; resolves once it is stored and relayed. */
  submitServerUpdate(update: Uint8Array, origin: ServerOrigin): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.discarded) return reject(new Error(`Document of pact ${this.pactId} was discarded`))
      this.enqueue({ kind: 'apply', update, origin, settle: { resolve, reject } })
    })
  }

  replyToStateVector(connection: DocumentConnection, stateVector: Uint8Array): void {
    this.enqueue({ kind: 'reply', connection, stateVector })
  }

  receiveFromOtherInstance(message: FanoutMessage): void {
    if (message.kind === 'update') {
      // Already applied, from a catch-up that read it from the log before its relay arrived.
      if (message.seq !== undefined && this.sequence.has(message.seq)) return
      this.enqueue({ kind: 'apply', update: message.payload, origin: FROM_OTHER_INSTANCE, seq: message.seq })
      return
    }
    try {
      this.presence.applyFromOtherInstance(message.payload)
    } catch (error) {
      this.options.log.warn({ err: error }, 'collab presence from another instance ignored')
    }
  }

  /** Applies what was logged by other instances and not (yet) relayed here. */
  catchUp(): void {
    this.enqueue({ kind: 'catch-up' })
  }

  /** Relays between instances may have been lost: catch up from the log, and tell the others who is here. */
  resync(): void {
    this.catchUp()
    if (!this.discarded) this.presence.republishOwn()
  }

  /** Resolves once every change queued so far is stored and relayed. */
  async whenIdle(): Promise<void> {
    while (this.draining) await this.idle
    this.flushRelay()
  }

  /**
   * Folds the stored log into the stored state. Runs after any compaction in progress, so it
   * covers every row stored before it was asked for. Never throws: a failed compaction only
   * leaves the log longer.
   */
  compact(): Promise<void> {
    this.compaction = this.compaction.then(() => this.runCompaction())
    return this.compaction
  }

  destroy(): void {
    if (this.discarded) return
    this.discarded = true
    clearInterval(this.catchUpTimer)
    clearTimeout(this.gapTimer)
    clearTimeout(this.relayTimer)
    this.options.channel.leave()
    this.presence.destroy()
    this.trialCopy.destroy()
    this.doc.destroy()
  }

  private enqueue(task: Task): void {
    if (this.discarded) return
    this.queue.push(task)
    if (this.draining) return
    this.draining = true
    this.idle = this.drain()
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.discarded) await this.processBatch(this.queue.splice(0))
    } finally {
      // Reset in the same synchronous step as the last empty-queue check, so no task is stranded.
      this.draining = false
    }
  }

  private async processBatch(batch: Task[]): Promise<void> {
    const applied: Change[] = []
    let stored: { update: Uint8Array; seq: number } | null = null
    try {
      const missed = batch.some((task) => task.kind === 'catch-up') ? await this.readMissed() : null
      for (const task of [...(missed?.tasks ?? []), ...batch]) {
        if (task.kind !== 'apply') continue
        if (isFromClient(task.origin)) {
          // The schema first: an update it drops or refuses never reaches the suggestion guard's
          // trial copy, which would have to be rebuilt after an update the document did not apply.
          if (!this.acceptFromClient(task.origin, task.update)) continue
          // The write policy as it stands now, not when the update arrived: access may have changed meanwhile.
          if (!task.origin.admitsUpdate(task.update)) continue
        }
        const update = this.applyCapturingEffect(task)
        if (task.seq !== undefined) this.sequence.add(task.seq)
        if (!update) continue
        applied.push({ update, origin: task.origin })
        this.rememberWriters(update, task.origin)
      }
      if (missed) this.sequence.advanceTo(missed.lastSeq)
      const toStore = applied.filter((change) => change.origin !== FROM_OTHER_INSTANCE).map((change) => change.update)
      if (toStore.length > 0) {
        const update = toStore.length === 1 ? toStore[0] : Y.mergeUpdates(toStore)
        stored = { update, seq: await this.options.store.append(this.pactId, update) }
        this.sequence.add(stored.seq)
        this.logLength++
      }
    } catch (error) {
      this.fail(error, batch)
      return
    }
    this.relay(applied)
    // One relay per log row, with its number, so other instances can tell when one went missing.
    if (stored) this.options.channel.publish({ kind: 'update', payload: stored.update, seq: stored.seq })
    for (const task of batch) {
      if (task.kind === 'reply') task.connection.send(this.syncStep2For(task.stateVector))
      else if (task.kind === 'apply') task.settle?.resolve()
    }
    this.compactWhenLogIsLong()
    this.catchUpWhenGapStays()
    if (applied.length > 0) this.notifyChanged()
  }

  private syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size > 0) return encodeSyncStep2(this.doc, stateVector)
    this.wholeDocumentReply ??= encodeSyncStep2(this.doc, stateVector)
    return this.wholeDocumentReply
  }

  /**
   * What the log holds after the last update known applied, as tasks to apply. A log that cannot
   * be read now (its database unreachable) is read at the next catch-up; nothing fails for it.
   */
  private async readMissed(): Promise<{ tasks: ApplyTask[]; lastSeq: number } | null> {
    const after = this.sequence.contiguousThrough
    try {
      const missed = await this.options.store.readSince(this.pactId, after)
      if (!missed || missed.lastSeq <= after) return null
      this.options.log.info({ after, lastSeq: missed.lastSeq }, 'collab caught up from the log')
      return {
        tasks: missed.updates.map((update) => ({ kind: 'apply', update, origin: FROM_OTHER_INSTANCE })),
        lastSeq: missed.lastSeq,
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'collab catch-up from the log failed; retried later')
      return null
    }
  }

  /**
   * A relay arrives after its successors now and then (two instances publish at once); only a
   * gap that stays is read from the log.
   */
  private catchUpWhenGapStays(): void {
    if (!this.sequence.hasGap || this.gapTimer) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined
      if (this.sequence.hasGap) this.catchUp()
    }, GAP_WAIT_MS)
    this.gapTimer.unref()
  }

  private rememberWriters(update: Uint8Array, origin: UpdateOrigin): void {
    if (!this.isConnection(origin)) return
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) {
      if (!this.writers.has(clientId)) this.writers.set(clientId, { userId: origin.identity.userId, name: origin.identity.name })
    }
  }

  // A failing listener (say, a projection that cannot reach its database) must not fail the document.
  private notifyChanged(): void {
    try {
      this.options.onChanged?.(this)
    } catch (error) {
      this.options.log.error({ err: error }, 'collab change listener failed')
    }
  }

  /** What the update actually changed (null if nothing): Yjs emits only the new structs and deletions. */
  private applyCapturingEffect(task: ApplyTask): Uint8Array | null {
    const effects: Uint8Array[] = []
    const capture = (update: Uint8Array) => effects.push(update)
    this.doc.on('update', capture)
    try {
      Y.applyUpdate(this.doc, task.update, task.origin)
      this.trialCopy.confirm(task.update)
    } catch (error) {
      // Final (44xx): reconnecting, its client would send the same update again and fail the document again.
      if (isFromClient(task.origin)) task.origin.close(CloseCode.updateRefused, 'update-not-applicable')
      throw error
    } finally {
      this.doc.off('update', capture)
    }
    if (effects.length === 0) return null
    return effects.length === 1 ? effects[0] : Y.mergeUpdates(effects)
  }

  /**
   * A client's update must keep the document inside the editor's schema (update-guard.ts). A
   * refused one is dropped before it touches the document, and so are the sender's updates
   * still queued behind it, which may build on it: only the sender is closed, the others never
   * see any of it. Server code is trusted, and other instances checked what they relay. Checked
   * even when the sender has disconnected meanwhile: sending and hanging up must not skip it.
   */
  private acceptFromClient(connection: DocumentConnection, update: Uint8Array): boolean {
    if (this.refusedConnections.has(connection)) return false
    const verdict = checkUpdate(this.doc, update)
    if (verdict.kind === 'accepted') return true
    const context = { userId: connection.identity.userId, bytes: update.byteLength, reason: verdict.reason }
    if (verdict.kind === 'incomplete') {
      this.options.log.info(context, 'collab update dropped until the client sends what it builds on')
      return false
    }
    this.refusedConnections.add(connection)
    this.options.log.warn(context, 'collab update refused')
    connection.close(CloseCode.updateRefused, 'update-refused')
    return false
  }

  /**
   * The in-memory document no longer matches what is stored (a write failed, or an update
   * failed half-way through applying). Drop it without storing anything from it; clients
   * reconnect, the document loads again from storage and they resend what it lacks.
   */
  private fail(error: unknown, batch: Task[]): void {
    this.options.log.error({ err: error }, 'collab document discarded after a failure; clients resync from storage')
    for (const task of [...batch, ...this.queue.splice(0)]) if (task.kind === 'apply') task.settle?.reject(error)
    for (const connection of this.connections) connection.close(CloseCode.internalError, 'document-reset')
    this.destroy()
    this.options.onFailed(this)
  }

  /**
   * Stored changes go to each connection merged into one message per relay window, not one per
   * update: in a room of hundreds every socket would otherwise get a frame for every keystroke
   * of everyone, and the frames, not the bytes, are what costs. The window grows with the room
   * (none in a small one) and closes early once it holds many bytes. A sender gets its own
   * changes back with the others' (applying them again changes nothing, as with the reference
   * server), unless they are all the window holds. Nothing is relayed before it is stored.
   */
  private relay(applied: readonly Change[]): void {
    if (applied.length === 0) return
    this.unrelayed.push(...applied)
    for (const change of applied) this.unrelayedBytes += change.update.byteLength
    const windowMs = Math.min(RELAY_WINDOW_MAX_MS, Math.floor(this.connections.size * RELAY_WINDOW_MS_PER_CONNECTION))
    if (windowMs === 0 || this.unrelayedBytes >= RELAY_WINDOW_MAX_BYTES) return this.flushRelay()
    this.relayTimer ??= setTimeout(() => this.flushRelay(), windowMs)
  }

  private flushRelay(): void {
    clearTimeout(this.relayTimer)
    this.relayTimer = undefined
    const changes = this.unrelayed
    this.unrelayed = []
    this.unrelayedBytes = 0
    if (changes.length === 0 || this.discarded) return
    const update = changes.length === 1 ? changes[0].update : Y.mergeUpdates(changes.map((change) => change.update))
    const soleOrigin = changes.every((change) => change.origin === changes[0].origin) ? changes[0].origin : null
    this.broadcast(encodeUpdateMessage(update), soleOrigin)
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const connection of this.connections) if (connection !== except) connection.send(message)
  }

  private isConnection(origin: UpdateOrigin): origin is DocumentConnection {
    return this.connections.has(origin as DocumentConnection)
  }

  private compactWhenLogIsLong(): void {
    if (this.logLength < this.nextCompactionAt || this.compactionQueued) return
    this.compactionQueued = true
    void this.compact().then(() => {
      this.compactionQueued = false
      // Edits that arrived while the log was folded may make it long enough again.
      if (!this.discarded) this.compactWhenLogIsLong()
    })
  }

  private async runCompaction(): Promise<void> {
    const started = performance.now()
    try {
      const { mergedRows, stateBytes } = await this.options.store.compact(this.pactId)
      this.logLength = Math.max(0, this.logLength - mergedRows)
      if (mergedRows > 0) {
        this.options.log.info(
          { mergedRows, stateBytes, ms: Math.round(performance.now() - started) },
          'collab document compacted',
        )
        // The log is folded whenever it holds that many rows again, counting those stored meanwhile.
        this.nextCompactionAt = this.options.compactAfterUpdates
        return
      }
    } catch (error) {
      this.options.log.error({ err: error }, 'collab compaction failed; the log is kept and retried later')
    }
    // Nothing folded (a failure, or another instance at it): try again only after as many new rows, never in a loop.
    this.nextCompactionAt = this.logLength + this.options.compactAfterUpdates
  }
}

/** Every origin that is neither server code nor another instance is a client's connection, still open or not. */
function isFromClient(origin: UpdateOrigin): origin is DocumentConnection {
  return origin !== FROM_OTHER_INSTANCE && !('server' in origin)
}
