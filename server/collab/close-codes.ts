import { UPDATE_REFUSED_CLOSE_CODE } from '#app/document/collab-close-codes.ts'

/**
 * WebSocket close codes the collaboration server uses. The y-websocket client treats
 * 4400-4499 as final (it stops reconnecting); every other code makes it reconnect.
 */
export const CloseCode = {
  /** Server shutting down; clients reconnect to the next instance. */
  goingAway: 1001,
  /** Text frame, unknown message type. */
  unsupportedData: 1003,
  /** A binary message that does not decode as the y-websocket protocol. */
  invalidPayload: 1007,
  /** Read-only client sent changes, message rate exceeded. */
  policyViolation: 1008,
  /** Message (or awareness state) over the configured size. */
  messageTooBig: 1009,
  /** The document could not be stored or applied; clients reconnect and resync. */
  internalError: 1011,
  /** The session was signed out or expired: sign in again, reconnecting will not help. */
  sessionEnded: 4401,
  /** Membership of the pact was removed. */
  accessRevoked: 4403,
  /** An update that would take the document outside the editor's schema (see update-guard.ts). */
  updateRefused: UPDATE_REFUSED_CLOSE_CODE,
} as const

/** Why a connection is closed: thrown while handling a message, caught by the connection. */
export class RefusalError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}
