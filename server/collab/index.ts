import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type * as Y from 'yjs'
import { logger } from '#app/platform/logger.server.ts'
import { authenticateUpgrade, isAllowedOrigin, startAccessMonitor } from './auth.ts'
import { CloseCode } from './close-codes.ts'
import type { SuggestionEvent } from './suggestion-guard.ts'
import { CollabConnection } from './connection.ts'
import { DocumentRegistry, type SeedDocument } from './document-registry.ts'
import type { ClientEditHook } from './edit-attribution.ts'
import { LocalFanout, type Fanout } from './fanout.ts'
import { DEFAULT_LIMITS, RefusalCooldown, type CollabLimits } from './limits.ts'
import { createSqlDocumentStore, type DocumentStore } from './persistence.ts'
import type { CollabWriter } from './types.ts'
import { collabPactId, refuseUpgrade } from './upgrade.ts'

/**
 * The collaboration server: the y-websocket protocol on `/collab/<pactId>` of the app's own
 * HTTP server, so the stock `WebsocketProvider` works against it. Each concern has its module:
 * auth (upgrade and re-checks), connection (one socket), limits, protocol, read-only,
 * awareness (presence), live-document (apply, store, relay), document-registry (load and
 * unload), persistence (SQL), fanout (between instances).
 */
export { CloseCode } from './close-codes.ts'
export type { Fanout, FanoutChannel, FanoutMessage } from './fanout.ts'
export { LocalFanout } from './fanout.ts'
export type { CollabLimits } from './limits.ts'
export type { DocumentStore } from './persistence.ts'
export type { SeedDocument } from './document-registry.ts'
export type { CollabWriter } from './types.ts'
export type { ClientEdit, ClientEditHook } from './edit-attribution.ts'
export type { SuggestionEvent } from './suggestion-guard.ts'

/**
 * A loaded document right after changes to it were stored. `doc` is the live document: read it
 * now or keep the reference only while it is not destroyed (it emits 'destroy' when unloaded).
 */
export interface DocumentChange {
  pactId: string
  doc: Y.Doc
  /** Who wrote with which Yjs client id, as far as this process has seen. */
  writers: ReadonlyMap<number, CollabWriter>
}

export interface CollabServerOptions extends Partial<CollabLimits> {
  /** Fills a brand-new pact's document (the template); runs once per pact, ever. */
  seedDocument?: SeedDocument
  /** Origins besides the server's own host allowed to open sockets (e.g. a separate front end). */
  allowedOrigins?: readonly string[]
  /**
   * How often every open socket's session and membership is re-checked. Only a safety net: the
   * app reports each change as it happens (`recheckPact`, `endSession`).
   */
  accessRecheckIntervalMs?: number
  /** How long a document stays loaded after its last client left. */
  unloadAfterMs?: number
  /** Log rows after which a document's log is folded into its state. */
  compactAfterUpdates?: number
  /** With other instances serving the same pacts: how often open documents read the log for relays lost silently. */
  catchUpIntervalMs?: number
  /** Ping interval; a client that misses one ping is dropped. */
  heartbeatIntervalMs?: number
  /** Grace period for clients to acknowledge the close on shutdown before they are cut off. */
  closeGraceMs?: number
  fanout?: Fanout
  store?: DocumentStore
  /**
   * Called after every stored change of a loaded document: the app's hook (e.g. to validate and
   * project its model). The server itself knows nothing of what a document means.
   */
  onDocumentChanged?: (change: DocumentChange) => void
  /** Called for every change a client made, inside its apply, with who made it: see edit-attribution.ts. */
  onClientEdit?: ClientEditHook
  /** Suggestions accepted, rejected or withdrawn by a client's update, or an update refused for them (suggestion-guard.ts): for the audit. */
  onSuggestions?: (event: SuggestionEvent) => void
}

export interface CollabServer {
  /** Stops accepting sockets, closes them (1001, clients reconnect), stores, compacts and unloads everything. */
  close(): Promise<void>
  /** The pact's current document as one Yjs update (seeded if the pact never had one). */
  loadDocumentState(pactId: string): Promise<Uint8Array>
  /** Runs `read` on the pact's live document (loaded, and seeded if new, like a connection's). */
  readDocument<T>(pactId: string, read: (doc: Y.Doc) => T): Promise<T>
  /** Applies a change made by server code: stored before it is relayed, like a client's. */
  applyServerUpdate(pactId: string, update: Uint8Array, origin: string): Promise<void>
  /** Re-checks every socket's session and access now. */
  recheckAccess(): Promise<void>
  /**
   * Re-checks the pact's sockets now, after a change to who may see or write it. Once this
   * resolves, no update of a socket that lost the right to write is applied any more, also
   * none that was already queued.
   */
  recheckPact(pactId: string): Promise<void>
  /** Closes the session's sockets now (signed out); their queued updates are not applied. */
  endSession(sessionId: string): Promise<void>
  stats(): { documents: number; connections: number }
}

const DEFAULTS = {
  accessRecheckIntervalMs: 30_000,
  // Long enough that a page reload or a short network hiccup does not reload the document.
  unloadAfterMs: 30_000,
  compactAfterUpdates: 500,
  heartbeatIntervalMs: 30_000,
  closeGraceMs: 2_000,
}

export function attachCollabServer(httpServer: Server, options: CollabServerOptions = {}): CollabServer {
  const log = logger.child({ component: 'collab' })
  const limits = resolveLimits(options)
  const registry = new DocumentRegistry({
    store: options.store ?? createSqlDocumentStore(),
    fanout: options.fanout ?? new LocalFanout(),
    seedDocument: options.seedDocument,
    limits,
    unloadAfterMs: options.unloadAfterMs ?? DEFAULTS.unloadAfterMs,
    compactAfterUpdates: options.compactAfterUpdates ?? DEFAULTS.compactAfterUpdates,
    catchUpIntervalMs: options.catchUpIntervalMs,
    log,
    onDocumentChanged: (document) =>
      options.onDocumentChanged?.({ pactId: document.pactId, doc: document.doc, writers: document.writers }),
    onClientEdit: options.onClientEdit,
  })
  const cooldown = new RefusalCooldown(limits)
  // No permessage-deflate: Yjs updates are compact binary already, and it costs memory per socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false })
  const connections = new Set<CollabConnection>()
  const allowedOrigins = options.allowedOrigins ?? []
  const monitor = startAccessMonitor(
    options.accessRecheckIntervalMs ?? DEFAULTS.accessRecheckIntervalMs,
    () => [...connections],
    log,
  )
  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat()
  }, options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs)
  heartbeat.unref()
  let closing: Promise<void> | null = null
  // Counts access changes reported, so an upgrade can tell whether one came while it was being authenticated.
  let accessChanges = 0

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Without a listener a reset socket would throw; the upgrade simply ends.
    socket.on('error', (error) => log.debug({ err: error }, 'collab upgrade socket error'))
    const pactId = collabPactId(request.url)
    if (!pactId) return refuseUpgrade(socket, 404)
    const refuse = (status: number, reason: string) => {
      log.warn({ pactId, status, reason }, 'collab upgrade refused')
      refuseUpgrade(socket, status)
    }
    if (closing) return refuse(503, 'server-closing')
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, allowedOrigins)) return refuse(403, 'origin-not-allowed')
    let seenChanges = accessChanges
    let decision = await authenticateUpgrade(request, pactId)
    if (!decision.allowed) return refuse(decision.status, decision.reason)
    if (cooldown.isCoolingDown(pactId, decision.identity.userId)) return refuse(429, 'updates-refused-recently')
    const document = await registry.acquire(pactId).catch(() => null)
    if (!document) return refuse(503, 'document-unavailable')
    // An access change reported meanwhile re-checked the open sockets, not this one: ask again.
    // From the last check on, the socket is adopted synchronously, so the next re-check sees it.
    while (seenChanges !== accessChanges) {
      seenChanges = accessChanges
      const current = await authenticateUpgrade(request, pactId).catch(() => null)
      if (!current?.allowed) {
        registry.release(document)
        return current ? refuse(current.status, current.reason) : refuse(503, 'access-check-failed')
      }
      decision = current
    }
    const { identity } = decision
    if (socket.destroyed || closing) return registry.release(document)
    // ws may reject the handshake itself (bad headers) without calling back: release then.
    let adopted = false
    socket.once('close', () => {
      if (!adopted) registry.release(document)
    })
    wss.handleUpgrade(request, socket, head, (ws) => {
      adopted = true
      const connectionLog = log.child({ pactId, userId: identity.userId })
      const connection = new CollabConnection(
        ws,
        identity,
        document,
        limits,
        connectionLog,
        (closed) => {
          if (closed.closedWith === CloseCode.updateRefused) cooldown.noteRefusal(pactId, identity.userId)
          connections.delete(closed)
          document.removeConnection(closed)
          registry.release(document)
        },
        options.onSuggestions,
      )
      connections.add(connection)
      connectionLog.info({ connectionId: connection.id, access: identity.access }, 'collab connection opened')
    })
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(request, socket, head).catch((error: unknown) => {
      log.error({ err: error }, 'collab upgrade failed')
      refuseUpgrade(socket, 500)
    })
  }
  httpServer.on('upgrade', onUpgrade)

  async function shutDown(): Promise<void> {
    httpServer.off('upgrade', onUpgrade)
    monitor.stop()
    clearInterval(heartbeat)
    const graceMs = options.closeGraceMs ?? DEFAULTS.closeGraceMs
    await Promise.all([...connections].map((connection) => connection.goAway(graceMs)))
    await registry.close()
    wss.close()
    log.info('collab server closed')
  }

  return {
    close: () => (closing ??= shutDown()),
    loadDocumentState: (pactId) => registry.readState(pactId),
    readDocument: (pactId, read) => registry.read(pactId, read),
    applyServerUpdate: (pactId, update, origin) => registry.applyServerUpdate(pactId, update, { server: origin }),
    recheckAccess: () => monitor.checkNow(),
    recheckPact: (pactId) => {
      accessChanges++
      return monitor.checkNow(pactId)
    },
    endSession: async (sessionId) => {
      accessChanges++
      for (const connection of connections) {
        if (connection.identity.sessionId === sessionId) {
          connection.applyAccess({ status: 'ended', code: CloseCode.sessionEnded, reason: 'session-ended' })
        }
      }
    },
    stats: () => ({ documents: registry.size, connections: connections.size }),
  }
}

function resolveLimits(options: Partial<CollabLimits>): CollabLimits {
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes
  return {
    maxMessageBytes,
    messagesPerSecond: options.messagesPerSecond ?? DEFAULT_LIMITS.messagesPerSecond,
    messageBurst: options.messageBurst ?? DEFAULT_LIMITS.messageBurst,
    bytesPerSecond: options.bytesPerSecond ?? DEFAULT_LIMITS.bytesPerSecond,
    // A message the size limit allows must never fail the byte budget on its own.
    byteBurst: Math.max(options.byteBurst ?? DEFAULT_LIMITS.byteBurst, maxMessageBytes),
    maxAwarenessStateBytes: options.maxAwarenessStateBytes ?? DEFAULT_LIMITS.maxAwarenessStateBytes,
    maxAwarenessClientsPerConnection: options.maxAwarenessClientsPerConnection ?? DEFAULT_LIMITS.maxAwarenessClientsPerConnection,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_LIMITS.maxBufferedBytes,
    refusalsBeforeCooldown: options.refusalsBeforeCooldown ?? DEFAULT_LIMITS.refusalsBeforeCooldown,
    refusalWindowMs: options.refusalWindowMs ?? DEFAULT_LIMITS.refusalWindowMs,
  }
}
