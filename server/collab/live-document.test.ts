import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { logger } from '#app/platform/logger.server.ts'
import { CloseCode } from './close-codes.ts'
import { LocalFanout } from './fanout.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import { LiveDocument, type LiveDocumentOptions } from './live-document.ts'
import type { DocumentStore } from './persistence.ts'
import type { CollabIdentity, DocumentConnection } from './types.ts'

const identity: CollabIdentity = {
  userId: 'u',
  name: 'U',
  sessionId: 's',
  pactId: 'pact',
  partyId: 'p',
  partyName: 'P',
  access: 'redacteur',
  pactStatus: 'concept',
  suggestionsOnly: false,
}

function fakeConnection(id: string) {
  const received: Uint8Array[] = []
  const closes: number[] = []
  const state = { admits: true }
  /** The updates the write policy and the suggestion guard were asked about. */
  const asked: Uint8Array[] = []
  const connection: DocumentConnection = {
    id,
    identity,
    send: (message) => received.push(message),
    close: (code) => closes.push(code),
    admitsUpdate: (update) => {
      asked.push(update)
      return state.admits
    },
  }
  return { connection, received, closes, state, asked }
}

/** A store whose appends wait until released, to observe what happens meanwhile. */
function gatedStore() {
  const appended: Uint8Array[] = []
  let release: (error?: Error) => void = () => {}
  const store: DocumentStore = {
    load: async () => null,
    create: async () => true,
    append: vi.fn(async (_pactId: string, update: Uint8Array) => {
      await new Promise<void>((resolve, reject) => {
        release = (error) => (error ? reject(error) : resolve())
      })
      appended.push(update)
      return appended.length
    }),
    readSince: async () => null,
    compact: vi.fn(async () => ({ mergedRows: 0, stateBytes: 0 })),
  }
  return { store, appended, release: (error?: Error) => release(error) }
}

function liveDocument(store: DocumentStore, options: Partial<LiveDocumentOptions> & { doc?: Y.Doc } = {}) {
  const { doc = new Y.Doc(), ...rest } = options
  return new LiveDocument('pact', doc, 0, {
    store,
    channel: new LocalFanout().join('pact', () => {}),
    limits: DEFAULT_LIMITS,
    compactAfterUpdates: 500,
    log: logger,
    onFailed: () => {},
    ...rest,
  })
}

function typing(...texts: string[]): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const text of texts) doc.getText('text').insert(doc.getText('text').length, text)
  return updates
}

/** The update in a sync update message (messageSync, messageYjsUpdate, the update). */
function updateIn(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('LiveDocument', () => {
  it('relays nothing before it is stored, and stores and relays what queued meanwhile as one row and one message', async () => {
    const { store, appended, release } = gatedStore()
    const document = liveDocument(store)
    const writer = fakeConnection('writer')
    const reader = fakeConnection('reader')
    document.addConnection(writer.connection)
    document.addConnection(reader.connection)
    const greeting = reader.received.length
    const [first, ...rest] = typing('a', 'b', 'c', 'd')

    document.receiveUpdate(first, writer.connection)
    await tick()
    for (const update of rest) document.receiveUpdate(update, writer.connection)
    await tick()
    expect(reader.received.length).toBe(greeting)

    release()
    await tick()
    release()
    await document.whenIdle()
    expect(appended).toHaveLength(2)
    expect(reader.received.length).toBe(greeting + 2)
    const replica = new Y.Doc()
    for (const message of reader.received.slice(greeting)) Y.applyUpdate(replica, updateIn(message))
    expect(replica.getText('text').toString()).toBe('abcd')
    // The sender is not sent its own changes back.
    expect(writer.received.length).toBe(greeting)
  })

  it("sends each connection one message for a batch of several people's changes, the senders included", async () => {
    const { store, release } = gatedStore()
    const document = liveDocument(store)
    const writers = ['anouk', 'karim', 'lotte'].map(fakeConnection)
    const reader = fakeConnection('reader')
    for (const { connection } of [...writers, reader]) document.addConnection(connection)
    const greeting = reader.received.length
    const blocker = typing('.')
    document.receiveUpdate(blocker[0], writers[0].connection)
    await tick()
    // While the first write is stored, three people type: one batch.
    writers.forEach(({ connection }, i) => {
      const doc = new Y.Doc()
      doc.getText('text').insert(0, `${i}`)
      document.receiveUpdate(Y.encodeStateAsUpdate(doc), connection)
    })
    release()
    await tick()
    release()
    await document.whenIdle()
    expect(reader.received.length).toBe(greeting + 2)
    const replica = new Y.Doc()
    for (const message of reader.received.slice(greeting)) Y.applyUpdate(replica, updateIn(message))
    expect([...replica.getText('text').toString()].sort().join('')).toBe('.012')
    for (const writer of writers.slice(1)) expect(writer.received.length).toBe(greeting + 2)
  })

  it('in a crowded room, relays what was stored within a few milliseconds as one message per connection', async () => {
    vi.useFakeTimers()
    try {
      let rows = 0
      const crowded = liveDocument({ ...gatedStore().store, append: async () => ++rows })
      const people = Array.from({ length: 60 }, (_, i) => fakeConnection(`c${i}`))
      for (const { connection } of people) crowded.addConnection(connection)
      const greeting = people[0].received.length
      for (const [i, update] of typing('a', 'b', 'c').entries()) {
        crowded.receiveUpdate(update, people[i === 0 ? 0 : 1].connection)
        // Each stored as its own row before the next arrives.
        await vi.advanceTimersByTimeAsync(0)
      }
      expect(people[2].received.length).toBe(greeting)
      await vi.advanceTimersByTimeAsync(20)
      expect(people[2].received.length).toBe(greeting + 1)
      const replica = new Y.Doc()
      Y.applyUpdate(replica, updateIn(people[2].received[greeting]!))
      expect(replica.getText('text').toString()).toBe('abc')
      await vi.advanceTimersByTimeAsync(100)
      expect(people[2].received.length).toBe(greeting + 1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('applies a queued update only if its connection still admits it when its turn comes', async () => {
    const { store, appended, release } = gatedStore()
    const document = liveDocument(store)
    const writer = fakeConnection('writer')
    const reader = fakeConnection('reader')
    document.addConnection(writer.connection)
    document.addConnection(reader.connection)
    const [first, second] = typing('toegestaan', ' te laat')
    document.receiveUpdate(first, writer.connection)
    await tick()
    // Queued while the first is being stored; then the writer is demoted before it is applied.
    document.receiveUpdate(second, writer.connection)
    writer.state.admits = false
    release()
    await document.whenIdle()

    expect(appended).toHaveLength(1)
    expect(document.doc.getText('text').toString()).toBe('toegestaan')
  })

  it('answers a sync step 1 only after what was applied before it is stored', async () => {
    const { store, release } = gatedStore()
    const document = liveDocument(store)
    const writer = fakeConnection('writer')
    const joiner = fakeConnection('joiner')
    document.addConnection(writer.connection)
    document.addConnection(joiner.connection)
    document.receiveUpdate(typing('inhoud')[0], writer.connection)
    document.replyToStateVector(joiner.connection, Y.encodeStateVector(new Y.Doc()))
    await tick()
    const before = joiner.received.length
    release()
    await document.whenIdle()
    expect(joiner.received.length).toBe(before + 2)
  })

  it('gives people who join with nothing the whole document as it is at that moment, also after a change', async () => {
    const { store, release } = gatedStore()
    const document = liveDocument(store)
    const writer = fakeConnection('writer')
    document.addConnection(writer.connection)
    const join = async () => {
      const joiner = fakeConnection('joiner')
      document.addConnection(joiner.connection)
      document.replyToStateVector(joiner.connection, Y.encodeStateVector(new Y.Doc()))
      await document.whenIdle()
      const doc = new Y.Doc()
      Y.applyUpdate(doc, updateIn(joiner.received.at(-1)!))
      return doc.getText('text').toString()
    }
    const [first, second] = typing('Artikel', ' 1')
    document.receiveUpdate(first!, writer.connection)
    release()
    await document.whenIdle()
    expect(await join()).toBe('Artikel')
    expect(await join()).toBe('Artikel')
    document.receiveUpdate(second!, writer.connection)
    await tick()
    release()
    expect(await join()).toBe('Artikel 1')
  })

  it('sends the first joiner with nothing the stored state it was loaded from, and the document itself after a change', async () => {
    // Merged updates keep deleted text, which the loaded document garbage-collects: the bytes
    // tell whether the reply is the stored state or a new encoding of the document.
    const writerDoc = new Y.Doc()
    const history: Uint8Array[] = []
    writerDoc.on('update', (update: Uint8Array) => history.push(update))
    writerDoc.getText('text').insert(0, 'Artikel X')
    writerDoc.getText('text').delete(7, 2)
    const stored = Y.mergeUpdates(history)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored)
    const { store, release } = gatedStore()
    const document = liveDocument(store, { doc, loadedState: stored })
    const join = async () => {
      const joiner = fakeConnection('joiner')
      document.addConnection(joiner.connection)
      document.replyToStateVector(joiner.connection, Y.encodeStateVector(new Y.Doc()))
      await document.whenIdle()
      return updateIn(joiner.received.at(-1)!)
    }
    expect(await join()).toEqual(stored)
    expect(Y.encodeStateAsUpdate(doc)).not.toEqual(stored)

    const writer = fakeConnection('writer')
    document.addConnection(writer.connection)
    const [addition] = typing('!')
    document.receiveUpdate(addition!, writer.connection)
    release()
    await document.whenIdle()
    const joined = new Y.Doc()
    Y.applyUpdate(joined, await join())
    expect(joined.getText('text').toString()).toBe(doc.getText('text').toString())
    expect(joined.getText('text').toString()).toContain('!')
  })

  it('discards itself when storing fails: connections closed with 1011, nothing relayed, callers told', async () => {
    const { store, release } = gatedStore()
    const onFailed = vi.fn()
    const document = liveDocument(store, { onFailed })
    const reader = fakeConnection('reader')
    document.addConnection(reader.connection)
    const greeting = reader.received.length
    const serverChange = document.submitServerUpdate(typing('x')[0], { server: 'test' })
    await tick()
    release(new Error('disk full'))

    await expect(serverChange).rejects.toThrow('disk full')
    expect(reader.received.length).toBe(greeting)
    expect(reader.closes).toEqual([CloseCode.internalError])
    expect(onFailed).toHaveBeenCalledWith(document)
    expect(document.isDiscarded).toBe(true)
  })

  it('refuses an update outside the schema before it touches the document: only its sender is closed, with 4422', async () => {
    const { store, appended, release } = gatedStore()
    const document = liveDocument(store)
    const hostile = fakeConnection('hostile')
    const other = fakeConnection('other')
    document.addConnection(hostile.connection)
    document.addConnection(other.connection)
    const greeting = other.received.length
    const hostileDoc = new Y.Doc()
    const hostileUpdates: Uint8Array[] = []
    hostileDoc.on('update', (update: Uint8Array) => hostileUpdates.push(update))
    hostileDoc.getXmlFragment('default').insert(0, [new Y.XmlElement('script')])
    hostileDoc.getText('text').insert(0, 'daarna')

    for (const update of hostileUpdates) document.receiveUpdate(update, hostile.connection)
    document.receiveUpdate(typing('gewoon')[0], other.connection)
    await tick()
    release()
    await document.whenIdle()

    expect(hostile.closes).toEqual([CloseCode.updateRefused])
    expect(other.closes).toEqual([])
    // The sender's next update, queued behind the refused one, is dropped too; the other's is stored and relayed.
    expect(appended).toHaveLength(1)
    expect(document.doc.getXmlFragment('default').length).toBe(0)
    expect(document.doc.getText('text').toString()).toBe('gewoon')
    expect(other.received.length).toBe(greeting)
  })

  it('checks an update even when its sender hung up before it was applied', async () => {
    const { store, appended, release } = gatedStore()
    const document = liveDocument(store)
    const writer = fakeConnection('writer')
    const hostile = fakeConnection('hostile')
    document.addConnection(writer.connection)
    document.addConnection(hostile.connection)
    document.receiveUpdate(typing('bezig met opslaan')[0], writer.connection)
    await tick()
    const hostileDoc = new Y.Doc()
    hostileDoc.getXmlFragment('default').insert(0, [new Y.XmlElement('script')])
    document.receiveUpdate(Y.encodeStateAsUpdate(hostileDoc), hostile.connection)
    document.removeConnection(hostile.connection)
    release()
    await tick()
    // Would let a second row through, were the hostile update applied.
    release()
    await document.whenIdle()
    expect(document.doc.getXmlFragment('default').length).toBe(0)
    expect(appended).toHaveLength(1)
  })

  it('drops an update that builds on what the client has not sent yet, without closing it: its sync step 2 brings both', async () => {
    const { store, appended, release } = gatedStore()
    const document = liveDocument(store)
    const returning = fakeConnection('returning')
    const other = fakeConnection('other')
    document.addConnection(returning.connection)
    document.addConnection(other.connection)
    // Typed offline, then again right after reconnecting, before the sync step 2 went out.
    const browser = new Y.Doc()
    const paragraph = new Y.XmlElement('paragraph')
    browser.getXmlFragment('default').insert(0, [paragraph])
    const serverState = Y.encodeStateVector(document.doc)
    const beforeTyping = Y.encodeStateVector(browser)
    paragraph.insert(0, [new Y.XmlText('na het herverbinden')])
    document.receiveUpdate(Y.encodeStateAsUpdate(browser, beforeTyping), returning.connection)
    document.receiveUpdate(Y.encodeStateAsUpdate(browser, serverState), returning.connection)
    await tick()
    release()
    await document.whenIdle()

    expect(returning.closes).toEqual([])
    expect(appended).toHaveLength(1)
    expect(document.doc.getXmlFragment('default').toString()).toBe('<paragraph>na het herverbinden</paragraph>')
    // The dropped update never reached the suggestion guard, whose trial copy it would have put out of step.
    expect(returning.asked).toHaveLength(1)
  })

  it('closes the sender of an update that fails to apply for good, so it cannot fail the document again and again', async () => {
    const { store } = gatedStore()
    const doc = new Y.Doc()
    const document = liveDocument(store, { doc })
    const sender = fakeConnection('sender')
    const other = fakeConnection('other')
    document.addConnection(sender.connection)
    document.addConnection(other.connection)
    // Whatever Yjs might still throw on, past the guard.
    doc.on('beforeTransaction', () => {
      throw new Error('Yjs could not apply this')
    })
    document.receiveUpdate(typing('x')[0], sender.connection)
    await document.whenIdle()
    expect(sender.closes[0]).toBe(CloseCode.updateRefused)
    expect(other.closes).toEqual([CloseCode.internalError])
  })

  it('compacts once the log reaches the configured length', async () => {
    const store: DocumentStore = {
      load: async () => null,
      create: async () => true,
      append: async () => 1,
      readSince: async () => null,
      compact: vi.fn(async () => ({ mergedRows: 3, stateBytes: 10 })),
    }
    const document = liveDocument(store, { compactAfterUpdates: 3 })
    const writer = fakeConnection('writer')
    document.addConnection(writer.connection)
    const [a, b, c] = typing('a', 'b', 'c')
    for (const update of [a, b]) {
      document.receiveUpdate(update, writer.connection)
      await document.whenIdle()
    }
    expect(store.compact).not.toHaveBeenCalled()
    document.receiveUpdate(c, writer.connection)
    await document.whenIdle()
    await vi.waitFor(() => expect(store.compact).toHaveBeenCalledTimes(1))
  })
})

describe('LiveDocument change listener', () => {
  function listened() {
    const changes: Array<Map<number, { userId: string; name: string }>> = []
    const store: DocumentStore = {
      load: async () => null,
      create: async () => true,
      append: async () => 1,
      readSince: async () => null,
      compact: async () => ({ mergedRows: 0, stateBytes: 0 }),
    }
    const document = liveDocument(store, { onChanged: (changed) => changes.push(new Map(changed.writers)) })
    return { document, changes }
  }

  function connectionOf(userId: string, name: string): DocumentConnection {
    return { id: userId, identity: { ...identity, userId, name }, send: () => {}, close: () => {}, admitsUpdate: () => true }
  }

  it('is told after each stored change, with who wrote with which Yjs client id', async () => {
    const { document, changes } = listened()
    const anouk = connectionOf('anouk', 'Anouk de Vries')
    const karim = connectionOf('karim', 'Karim El Amrani')
    document.addConnection(anouk)
    document.addConnection(karim)
    const anouksDoc = new Y.Doc()
    const karimsDoc = new Y.Doc()
    const updateOf = (doc: Y.Doc, text: string) => {
      let update!: Uint8Array
      doc.once('update', (captured: Uint8Array) => (update = captured))
      doc.getText('text').insert(0, text)
      return update
    }

    document.receiveUpdate(updateOf(anouksDoc, 'a'), anouk)
    await document.whenIdle()
    document.receiveUpdate(updateOf(karimsDoc, 'k'), karim)
    await document.whenIdle()
    expect(changes).toHaveLength(2)
    expect(changes[1]).toEqual(
      new Map([
        [anouksDoc.clientID, { userId: 'anouk', name: 'Anouk de Vries' }],
        [karimsDoc.clientID, { userId: 'karim', name: 'Karim El Amrani' }],
      ]),
    )

    // Someone else writing with a client id that is already known does not take over its writes.
    const reused = new Y.Doc()
    reused.clientID = anouksDoc.clientID
    Y.applyUpdate(reused, Y.encodeStateAsUpdate(anouksDoc))
    document.receiveUpdate(updateOf(reused, 'x'), karim)
    await document.whenIdle()
    expect(changes[2]?.get(anouksDoc.clientID)?.name).toBe('Anouk de Vries')

    // An update that changes nothing is neither stored nor reported.
    document.receiveUpdate(Y.encodeStateAsUpdate(karimsDoc), karim)
    await document.whenIdle()
    expect(changes).toHaveLength(3)
  })
})
