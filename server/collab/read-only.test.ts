import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { updateChangesDocument } from './read-only.ts'

function serverAndReader() {
  const server = new Y.Doc()
  server.getText('default').insert(0, 'Budget per resultaatgebied')
  server.getText('default').delete(0, 7)
  const reader = new Y.Doc()
  Y.applyUpdate(reader, Y.encodeStateAsUpdate(server))
  return { server, reader }
}

/** What a y-websocket provider answers to the server's sync step 1. */
function syncStep2(from: Y.Doc, to: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(from, Y.encodeStateVector(to))
}

describe('updateChangesDocument', () => {
  it('accepts the step 2 of a reader that has only what the server sent, deletions included', () => {
    const { server, reader } = serverAndReader()
    expect(updateChangesDocument(server, syncStep2(reader, server))).toBe(false)
    expect(updateChangesDocument(server, Y.encodeStateAsUpdate(reader))).toBe(false)
    expect(updateChangesDocument(server, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(false)
  })

  it('detects new content', () => {
    const { server, reader } = serverAndReader()
    reader.getText('default').insert(0, 'x')
    expect(updateChangesDocument(server, syncStep2(reader, server))).toBe(true)
  })

  it('detects a deletion of content the server has', () => {
    const { server, reader } = serverAndReader()
    reader.getText('default').delete(0, 1)
    expect(updateChangesDocument(server, syncStep2(reader, server))).toBe(true)
  })

  it('detects changes that depend on content the server lacks', () => {
    const { server } = serverAndReader()
    const stranger = new Y.Doc()
    stranger.getText('default').insert(0, 'abc')
    const before = Y.encodeStateVector(stranger)
    stranger.getText('default').insert(3, 'def')
    expect(updateChangesDocument(server, Y.encodeStateAsUpdate(stranger, before))).toBe(true)
  })
})
