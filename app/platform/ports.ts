import type * as Y from 'yjs'

/**
 * The app's only way to reach the process it runs in: the live documents, pact events and
 * access invalidation. `server/` implements these and installs them at start-up (in-process
 * for one instance; PostgreSQL + Redis implementations for scale-out), so app code never
 * imports the socket server and never depends on how many instances there are.
 */

/** The live collaborative documents, one per pact. */
export interface LiveDocuments {
  /** The pact's current document as one Yjs update (seeded from the template if it is new). */
  loadState(pactId: string): Promise<Uint8Array>
  /**
   * Runs `read` on the pact's live document (loaded for the call) and resolves to what it returns,
   * without encoding the document: for readers that keep what they derive from a loaded document
   * between calls (readLiveDocument). `read` must not change the document, nor keep it alive.
   */
  readLive<T>(pactId: string, read: (doc: Y.Doc) => T): Promise<T>
  /** A change made by server code: stored before it is relayed to every client, like a client's. */
  applyServerUpdate(pactId: string, update: Uint8Array, origin: string): Promise<void>
}

/** What changed about a pact, so open pages know what to reload. */
export const PACT_EVENT_KINDS = ['sign-off', 'comments', 'status', 'document', 'model', 'tracking', 'access'] as const
export type PactEventKind = (typeof PACT_EVENT_KINDS)[number]

export function isPactEventKind(value: unknown): value is PactEventKind {
  return typeof value === 'string' && (PACT_EVENT_KINDS as readonly string[]).includes(value)
}

/** Tells open pages (server-sent events) that a pact changed, on every instance. */
export interface PactEvents {
  publish(pactId: string, kind: PactEventKind): void
  subscribe(pactId: string, listener: (kind: PactEventKind) => void): () => void
}

/**
 * Who may see or write a pact changed (membership, access level, the pact was signed or
 * reopened, a session ended): every open socket of that pact, on every instance, is re-checked
 * at once. Resolves when this instance has re-checked its own sockets.
 */
export interface AccessInvalidation {
  pactAccessChanged(pactId: string): Promise<void>
  /** A session ended (signed out): its sockets close at once. */
  sessionEnded(sessionId: string): Promise<void>
}

export interface Ports {
  documents: LiveDocuments
  events: PactEvents
  access: AccessInvalidation
}

let installed: Ports | undefined

/** Called once at start-up by `server/` (and by test set-up) before any request is served. */
export function installPorts(ports: Ports): void {
  installed = ports
}

export function ports(): Ports {
  if (!installed) throw new Error('Pactwerk ports are not installed: server/ installs them at start-up')
  return installed
}
