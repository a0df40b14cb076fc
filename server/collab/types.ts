import type { AccessLevel } from '#app/access/access.ts'

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
  /** False once the pact is signed: its text is frozen until an amendment reopens it. */
  documentEditable: boolean
}

/** What a live document needs from one client connection. */
export interface DocumentConnection {
  readonly id: string
  readonly identity: CollabIdentity
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}

/** The person behind a Yjs client id that wrote to a document. */
export interface CollabWriter {
  userId: string
  name: string
}
