import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, RefusalError } from './close-codes.ts'
import { decodeClientMessage, encodeAwarenessMessage, encodeUpdateMessage } from './protocol.ts'

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

function refusalOf(frame: Uint8Array): { code: number; reason: string } {
  try {
    decodeClientMessage(frame)
  } catch (error) {
    if (error instanceof RefusalError) return { code: error.code, reason: error.reason }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('decodeClientMessage', () => {
  const doc = new Y.Doc()
  doc.getText('default').insert(0, 'pact')

  it('reads what the y-websocket provider sends', () => {
    const step1 = decodeClientMessage(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, doc)))
    expect(step1).toEqual({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) })

    const step2 = decodeClientMessage(syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, doc)))
    expect(step2).toEqual({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(doc) })

    const update = Y.encodeStateAsUpdate(doc)
    expect(decodeClientMessage(encodeUpdateMessage(update))).toEqual({ type: 'sync-update', update })
    expect(decodeClientMessage(encodeAwarenessMessage(new Uint8Array([0])))).toEqual({
      type: 'awareness',
      update: new Uint8Array([0]),
    })
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' })
  })

  it('refuses frames that do not decode with 1007', () => {
    expect(refusalOf(new Uint8Array())).toEqual({ code: CloseCode.invalidPayload, reason: 'malformed-message' })
    // A payload length beyond the end of the frame.
    expect(refusalOf(new Uint8Array([0, 2, 50, 0, 0])).code).toBe(CloseCode.invalidPayload)
    // Well framed, but not a Yjs update / state vector inside.
    expect(refusalOf(encodeUpdateMessage(new Uint8Array([5, 5, 5]))).code).toBe(CloseCode.invalidPayload)
    expect(refusalOf(new Uint8Array([0, 0, 3, 200, 200, 200])).code).toBe(CloseCode.invalidPayload)
  })

  it('does not read past the frame when it is a view into a larger buffer', () => {
    const pool = new Uint8Array(64).fill(1)
    pool.set([0, 2, 20], 0)
    expect(refusalOf(pool.subarray(0, 3)).code).toBe(CloseCode.invalidPayload)
  })

  it('refuses unknown message types with 1003, including the server-only auth message', () => {
    expect(refusalOf(new Uint8Array([2, 0]))).toEqual({ code: CloseCode.unsupportedData, reason: 'unknown-message-type' })
    expect(refusalOf(new Uint8Array([42]))).toEqual({ code: CloseCode.unsupportedData, reason: 'unknown-message-type' })
    expect(refusalOf(new Uint8Array([0, 7, 0]))).toEqual({ code: CloseCode.unsupportedData, reason: 'unknown-sync-message-type' })
  })
})
