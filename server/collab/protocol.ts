import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode, RefusalError } from './close-codes.ts'

/**
 * The y-websocket wire format: a varuint message type, then for sync messages a varuint
 * sub-type and a length-prefixed payload. Decoding validates the payload fully, so a
 * malformed message is refused before anything is applied.
 */
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    return readClientMessage(decoding.createDecoder(frame))
  } catch (error) {
    if (error instanceof RefusalError) throw error
    throw new RefusalError(CloseCode.invalidPayload, 'malformed-message')
  }
}

function readClientMessage(decoder: decoding.Decoder): ClientMessage {
  const messageType = decoding.readVarUint(decoder)
  switch (messageType) {
    case MESSAGE_SYNC:
      return readSyncMessage(decoder)
    case MESSAGE_AWARENESS:
      return { type: 'awareness', update: readPayload(decoder) }
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' }
    default:
      // Includes the auth message (2): only the server sends it.
      throw new RefusalError(CloseCode.unsupportedData, 'unknown-message-type')
  }
}

function readSyncMessage(decoder: decoding.Decoder): ClientMessage {
  const syncType = decoding.readVarUint(decoder)
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1: {
      const stateVector = readPayload(decoder)
      Y.decodeStateVector(stateVector)
      return { type: 'sync-step-1', stateVector }
    }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = readPayload(decoder)
      // Reads every struct and the delete set: throws on anything that is not a whole update.
      Y.parseUpdateMeta(update)
      return { type: syncType === syncProtocol.messageYjsSyncStep2 ? 'sync-step-2' : 'sync-update', update }
    }
    default:
      throw new RefusalError(CloseCode.unsupportedData, 'unknown-sync-message-type')
  }
}

/**
 * A length-prefixed payload, bounds-checked against the frame itself: lib0 only checks against
 * the underlying ArrayBuffer, which may be larger than the frame.
 */
function readPayload(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder)
  if (length > decoder.arr.length - decoder.pos) throw new RangeError('payload longer than frame')
  return decoding.readUint8Array(decoder, length)
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeSyncStep2OfUpdate(Y.encodeStateAsUpdate(doc, stateVector))
}

/** A sync step 2 carrying an update already at hand (what y-protocols' writeSyncStep2 encodes from a doc). */
export function encodeSyncStep2OfUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessUpdate)
  return encoding.toUint8Array(encoder)
}
