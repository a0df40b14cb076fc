import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/**
 * Real y-websocket clients for the benchmark: the stock WebsocketProvider on the `ws` package,
 * with the session cookie and Origin a browser tab would send, and a WebSocket that counts
 * every frame it sends and receives.
 */

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = (): number => performance.timeOrigin + performance.now()

/** The Y.Text the editors type into; a root of its own, beside the app's Tiptap fragment 'default'. */
export const BENCH_TEXT = 'bench'

export interface Traffic {
  sent: number
  received: number
  sentBytes: number
  receivedBytes: number
}

export const emptyTraffic = (): Traffic => ({ sent: 0, received: 0, sentBytes: 0, receivedBytes: 0 })

export function trafficDelta(to: Traffic, from: Traffic): Traffic {
  return {
    sent: to.sent - from.sent,
    received: to.received - from.received,
    sentBytes: to.sentBytes - from.sentBytes,
    receivedBytes: to.receivedBytes - from.receivedBytes,
  }
}

export function addTraffic(a: Traffic, b: Traffic): Traffic {
  return {
    sent: a.sent + b.sent,
    received: a.received + b.received,
    sentBytes: a.sentBytes + b.sentBytes,
    receivedBytes: a.receivedBytes + b.receivedBytes,
  }
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength
  if (ArrayBuffer.isView(data)) return data.byteLength
  if (Array.isArray(data)) return data.reduce((sum: number, part: Buffer) => sum + part.byteLength, 0)
  return typeof data === 'string' ? Buffer.byteLength(data) : 0
}

interface FrameHooks {
  /** Called for every frame received, before the provider handles it. */
  onFrame?(data: unknown): void
}

/** A WebSocket class for WebsocketProvider that sends these headers and counts its frames. */
function countingWebSocket(headers: Record<string, string>, traffic: Traffic, hooks: FrameHooks) {
  return class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers })
      // Registered before the provider's onmessage, so it sees the frame first.
      this.on('message', (data) => {
        traffic.received++
        traffic.receivedBytes += byteLength(data)
        hooks.onFrame?.(data)
      })
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      traffic.sent++
      traffic.sentBytes += byteLength(data)
      ;(super.send as (...args: unknown[]) => void)(data, ...rest)
    }
  }
}

export interface Target {
  /** What a WebsocketProvider takes as its server URL; the room (pact id) is appended. */
  collabUrl: string
  origin: string
}

export interface BenchClient {
  doc: Y.Doc
  provider: WebsocketProvider
  text: Y.Text
  traffic: Traffic
  /** Close events the provider saw: a healthy run has none. */
  closes: Array<{ code: number; reason: string }>
  /** When the first frame starting a sync step 2 arrived (before the client applied it). */
  firstStep2At: number | null
  openedAt: number | null
  syncedAt: number | null
  whenSynced(timeoutMs: number): Promise<void>
  destroy(): void
}

export function connectBenchClient(target: Target, room: string, cookie: string): BenchClient {
  const traffic = emptyTraffic()
  const doc = new Y.Doc()
  const client: BenchClient = {
    doc,
    provider: undefined as unknown as WebsocketProvider,
    text: doc.getText(BENCH_TEXT),
    traffic,
    closes: [],
    firstStep2At: null,
    openedAt: null,
    syncedAt: null,
    whenSynced: (timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (client.provider.synced) return resolve()
        const timer = setTimeout(() => {
          client.provider.off('sync', onSync)
          reject(new Error(`client did not sync within ${timeoutMs} ms (closes: ${JSON.stringify(client.closes)})`))
        }, timeoutMs)
        const onSync = (synced: boolean) => {
          if (!synced) return
          clearTimeout(timer)
          client.provider.off('sync', onSync)
          resolve()
        }
        client.provider.on('sync', onSync)
      }),
    destroy() {
      client.provider.destroy()
      doc.destroy()
    },
  }
  const WebSocketClass = countingWebSocket({ cookie, origin: target.origin }, traffic, {
    onFrame(data) {
      if (client.firstStep2At !== null) return
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : ArrayBuffer.isView(data)
            ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
            : null
      // messageSync (0), then messageYjsSyncStep2 (1).
      if (bytes && bytes[0] === 0 && bytes[1] === 1) client.firstStep2At = now()
    },
  })
  client.provider = new WebsocketProvider(target.collabUrl, room, doc, {
    WebSocketPolyfill: WebSocketClass as unknown as typeof globalThis.WebSocket,
    // One process holds many clients: without this they would sync through BroadcastChannel.
    disableBc: true,
    // A dropped client should come back quickly, and the run should notice it did drop.
    maxBackoffTime: 1_000,
  })
  client.provider.on('status', ({ status }) => {
    if (status === 'connected' && client.openedAt === null) client.openedAt = now()
  })
  client.provider.on('sync', (synced) => {
    if (synced && client.syncedAt === null) client.syncedAt = now()
  })
  client.provider.on('connection-close', (event) => {
    if (event) client.closes.push({ code: event.code, reason: event.reason })
  })
  return client
}

/**
 * The edit marker: `[<editor>.<seq>@<send time>]`. Unique per edit, and it carries the send
 * time, so any receiver can tell how long the edit took to reach it.
 */
export function editMarker(editor: number, seq: number, sentAt: number): string {
  return `[e${editor}.${seq}@${sentAt.toFixed(3)}] `
}

const MARKER = /\[e(\d+)\.(\d+)@(\d+\.\d+)\]/g

/**
 * Records, for each remote edit whose send time lies in [from, until), how long it took to
 * arrive here. The window is set later (at "go"), so it is read through a getter.
 *
 * The markers are read from the update itself (each edit arrives as one small update), not
 * from a Y.Text event's delta: computing a delta walks the whole text, which at 100 updates a
 * second per client made the editor processes, not the server, the bottleneck.
 */
export function recordLatencies(
  client: BenchClient,
  window: () => { from: number; until: number } | null,
  into: number[],
  /** Which editors' edits count here (all by default), e.g. only those typed on another instance. */
  fromEditor: (editor: number) => boolean = () => true,
): void {
  client.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local) return
    const receivedAt = now()
    const range = window()
    if (!range) return
    for (const struct of Y.decodeUpdate(update).structs) {
      const content = (struct as Partial<Y.Item>).content
      if (!(content instanceof Y.ContentString)) continue
      for (const match of content.str.matchAll(MARKER)) {
        const sentAt = Number(match[3])
        if (sentAt >= range.from && sentAt < range.until && fromEditor(Number(match[1]))) into.push(receivedAt - sentAt)
      }
    }
  })
}

/** What the editor processes need of a client, full (WebsocketProvider) or light. */
export interface EditingClient {
  text: Y.Text
  traffic: Traffic
  closes: Array<{ code: number; reason: string }>
  syncedAt: number | null
  whenSynced(timeoutMs: number): Promise<void>
  destroy(): void
}

/**
 * A light protocol client for the crowded room: it speaks y-websocket's sync protocol (answers
 * the server's sync step 1, asks for the document, sends its edits as updates) but never applies
 * what others send, so 400 of them do not eat the machine the server runs on. Its edits go into
 * its own part of the shared text: it knows only its own items, so every insert it makes is
 * valid wherever the others' text is.
 */
export function connectLightClient(target: Target, room: string, cookie: string): EditingClient {
  const traffic = emptyTraffic()
  const doc = new Y.Doc()
  const waiting = new Set<() => void>()
  const SocketClass = countingWebSocket({ cookie, origin: target.origin }, traffic, {})
  const socket = new SocketClass(`${target.collabUrl}/${room}`)
  const sendSync = (write: (encoder: encoding.Encoder) => void) => {
    if (socket.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    write(encoder)
    socket.send(encoding.toUint8Array(encoder))
  }
  const client: EditingClient = {
    text: doc.getText(BENCH_TEXT),
    traffic,
    closes: [],
    syncedAt: null,
    whenSynced: (timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (client.syncedAt !== null) return resolve()
        const timer = setTimeout(() => {
          waiting.delete(done)
          reject(new Error(`light client did not sync within ${timeoutMs} ms (closes: ${JSON.stringify(client.closes)})`))
        }, timeoutMs)
        const done = () => {
          clearTimeout(timer)
          resolve()
        }
        waiting.add(done)
      }),
    destroy() {
      socket.close()
      doc.destroy()
    },
  }
  socket.on('open', () => sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, doc)))
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    if (decoding.readVarUint(decoder) !== 0) return
    const kind = decoding.readVarUint(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) {
      // The server asks for what this client has that it lacks.
      const stateVector = decoding.readVarUint8Array(decoder)
      sendSync((encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector))
    } else if (kind === syncProtocol.messageYjsSyncStep2 && client.syncedAt === null) {
      client.syncedAt = now()
      for (const done of [...waiting]) done()
      waiting.clear()
    }
  })
  socket.on('close', (code: number, reason: Buffer) => client.closes.push({ code, reason: reason.toString() }))
  socket.on('error', () => {})
  doc.on('update', (update: Uint8Array) => sendSync((encoder) => syncProtocol.writeUpdate(encoder, update)))
  return client
}
