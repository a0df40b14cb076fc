import type { AccessLevel } from '#app/access/access.ts'
import type { PactStatus } from '#app/pacts/lifecycle.ts'

/** Who is on the other end of a socket, as the server knows it (never as the client claims). */
export interface CollabIdentity {
  userId: string
  name: string
  /** The session the socket was opened with; re-checked while it stays open. */
  sessionId: string
  pactId: string
  partyId: string
  partyName: string
  access: AccessLevel
  /** As last (re)checked: with `access`, what `documentWriteVerdict` decides on. */
  pactStatus: PactStatus
  /** As last (re)checked: the pact's suggestion-only mode, which the write policy decides on too. */
  suggestionsOnly: boolean
}

/** What a live document needs from one client connection. */
export interface DocumentConnection {
  readonly id: string
  readonly identity: CollabIdentity
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  /**
   * Asked right before one of this connection's updates is applied: whether it may be, under the
   * connection's current write verdict (access can change while the update waits in the queue).
   * A refused update that would change the document closes the connection.
   */
  admitsUpdate(update: Uint8Array): boolean
}

/** The person behind a Yjs client id that wrote to a document. */
export interface CollabWriter {
  userId: string
  name: string
}
