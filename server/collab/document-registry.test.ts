import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { logger } from '#app/platform/logger.server.ts'
import { DocumentRegistry } from './document-registry.ts'
import { LocalFanout } from './fanout.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import type { DocumentStore, StoredDocument } from './persistence.ts'

function memoryStore(initial: Record<string, StoredDocument> = {}) {
  const documents = new Map(Object.entries(initial))
  const store = {
    load: vi.fn(async (pactId: string) => documents.get(pactId) ?? null),
    create: vi.fn(async (pactId: string, state: Uint8Array) => {
      if (documents.has(pactId)) return false
      documents.set(pactId, { updates: [state], logLength: 0, lastSeq: 0 })
      return true
    }),
    append: vi.fn(async () => 1),
    readSince: vi.fn(async () => null),
    compact: vi.fn(async () => ({ mergedRows: 0, stateBytes: 0 })),
  } satisfies DocumentStore
  return store
}

function registry(store: DocumentStore, unloadAfterMs = 10_000) {
  return new DocumentRegistry({
    store,
    fanout: new LocalFanout(),
    seedDocument: (_pactId, doc) => doc.getText('default').insert(0, 'sjabloon'),
    limits: DEFAULT_LIMITS,
    unloadAfterMs,
    compactAfterUpdates: 500,
    log: logger,
  })
}

describe('DocumentRegistry', () => {
  it('loads a document once for concurrent first users, seeding a new one', async () => {
    const store = memoryStore()
    const documents = registry(store)
    const [a, b] = await Promise.all([documents.acquire('pact'), documents.acquire('pact')])
    expect(a).toBe(b)
    expect(store.load).toHaveBeenCalledTimes(1)
    expect(store.create).toHaveBeenCalledTimes(1)
    expect(a.doc.getText('default').toString()).toBe('sjabloon')
    expect(a.holders).toBe(2)
    await documents.close()
  })

  it('loads a document with a log far longer than compaction leaves, every row in order', async () => {
    const doc = new Y.Doc()
    const log: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => log.push(update))
    const state = Y.encodeStateAsUpdate(doc)
    for (let i = 0; i < 1_500; i++) doc.getText('default').insert(i % 7 === 0 ? 0 : doc.getText('default').length, `${i % 10}`)
    const store = memoryStore({ pact: { updates: [state, ...log], logLength: log.length, lastSeq: log.length } })
    const documents = registry(store)
    const loaded = await documents.acquire('pact')
    expect(loaded.doc.getText('default').toString()).toBe(doc.getText('default').toString())
    await documents.close()
  })

  it('does not keep a failed load: the next use tries again', async () => {
    const store = memoryStore()
    store.load.mockRejectedValueOnce(new Error('storage offline'))
    const documents = registry(store)
    await expect(documents.acquire('pact')).rejects.toThrow('storage offline')
    expect(documents.size).toBe(0)
    expect(store.create).not.toHaveBeenCalled()
    expect((await documents.acquire('pact')).doc.getText('default').toString()).toBe('sjabloon')
    await documents.close()
  })

  it('unloads and compacts a document a while after its last holder left, unless someone came back', async () => {
    const store = memoryStore()
    const documents = registry(store, 20)
    const first = await documents.acquire('pact')
    documents.release(first)
    const again = await documents.acquire('pact')
    expect(again).toBe(first)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(documents.size).toBe(1)

    documents.release(again)
    await vi.waitFor(() => expect(documents.size).toBe(0))
    await vi.waitFor(() => expect(store.compact).toHaveBeenCalledWith('pact'))
    expect(again.isDiscarded).toBe(true)
  })

  it('reads the stored state of a document that is not loaded, without loading it', async () => {
    const stored = new Y.Doc()
    stored.getText('default').insert(0, 'opgeslagen')
    const store = memoryStore({ pact: { updates: [Y.encodeStateAsUpdate(stored)], logLength: 0, lastSeq: 0 } })
    const documents = registry(store)
    const state = await documents.readState('pact')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    expect(doc.getText('default').toString()).toBe('opgeslagen')
    expect(documents.size).toBe(0)
  })
})
