import * as Y from 'yjs'

/**
 * Whether applying `update` would change `doc`. A read-only client's y-websocket provider
 * still answers the server's sync step 1 with a step 2; that is harmless as long as it holds
 * nothing the server lacks: no struct beyond the server's state vector, no deletion the
 * server has not already made.
 */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  if (isEmptyUpdate(update)) return false
  return !Y.snapshotContainsUpdate(Y.snapshot(doc), update)
}

/** No structs and an empty delete set: what a client in step with the server sends. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}
