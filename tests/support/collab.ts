import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { attachCollabServer, type CollabServer, type CollabServerOptions } from '#server/collab/index.ts'
import { installTestPorts } from './ports.ts'

/**
 * An in-process collaboration server on a real port, and real y-websocket clients for it:
 * the stock WebsocketProvider on the `ws` package, carrying a session cookie and an Origin
 * the way a browser tab of the app would. While it runs, the app's ports lead to it (the last
 * one started, when a test starts several), as server/app.ts installs them.
 */
export interface TestCollabServer {
  collab: CollabServer
  httpServer: http.Server
  port: number
  /** What a WebsocketProvider takes as its server URL. */
  collabUrl: string
  /** The server's own origin, as a browser on its pages would send it. */
  origin: string
  stop(): Promise<void>
}

export async function startCollabServer(options: CollabServerOptions = {}, port = 0): Promise<TestCollabServer> {
  const httpServer = http.createServer((_request, response) => response.writeHead(404).end())
  const collab = attachCollabServer(httpServer, options)
  installTestPorts(collab)
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve))
  const actualPort = (httpServer.address() as AddressInfo).port
  return {
    collab,
    httpServer,
    port: actualPort,
    collabUrl: `ws://127.0.0.1:${actualPort}/collab`,
    origin: `http://127.0.0.1:${actualPort}`,
    async stop() {
      installTestPorts()
      await collab.close()
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}

/** A WebSocket class for WebsocketProvider that sends these headers on the handshake. */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class HeaderWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
}

/**
 * The plain Y.Text that test clients type into. Not the pact's text (the `default` fragment):
 * the server refuses anything there that the editor's schema does not allow, and a plain string
 * is such a thing. Other top-level names it leaves alone.
 */
export const TEST_TEXT = 'test-text'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** The shared TEST_TEXT. */
  text: Y.Text
  /** Close events the provider saw, in order. */
  closes: Array<{ code: number; reason: string }>
  whenSynced(): Promise<void>
  destroy(): void
}

export function connectClient(
  server: Pick<TestCollabServer, 'collabUrl' | 'origin'>,
  pactId: string,
  user: { cookie: string },
  options: { origin?: string; maxBackoffTime?: number } = {},
): TestClient {
  const doc = new Y.Doc()
  const WebSocketClass = webSocketWithHeaders({ cookie: user.cookie, origin: options.origin ?? server.origin })
  const provider = new WebsocketProvider(server.collabUrl, pactId, doc, {
    WebSocketPolyfill: WebSocketClass as unknown as typeof globalThis.WebSocket,
    // In one Node process every provider would otherwise also sync through BroadcastChannel, bypassing the server.
    disableBc: true,
    maxBackoffTime: options.maxBackoffTime,
  })
  const closes: TestClient['closes'] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    text: doc.getText(TEST_TEXT),
    closes,
    whenSynced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) return resolve()
        const onSync = (synced: boolean) => {
          if (!synced) return
          provider.off('sync', onSync)
          resolve()
        }
        provider.on('sync', onSync)
      }),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** A bare socket to `/collab/<pactId>` for sending hand-made frames. */
export function openSocket(
  server: Pick<TestCollabServer, 'collabUrl' | 'origin'>,
  pactId: string,
  headers: Record<string, string>,
): WebSocket {
  const socket = new WebSocket(`${server.collabUrl}/${pactId}`, { headers: { origin: server.origin, ...headers } })
  socket.binaryType = 'arraybuffer'
  return socket
}

/** Resolves with the handshake's HTTP status: 101 if it became a WebSocket, else the refusal's. */
export function handshakeStatus(socket: WebSocket): Promise<{ status: number; messages: number }> {
  let messages = 0
  socket.on('message', () => messages++)
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, messages })
      response.resume()
      socket.terminate()
    })
    socket.once('open', () => resolve({ status: 101, messages }))
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error)
    })
  })
}

export function closeEvent(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Servers and clients that are stopped after each test of the calling file, last first.
 * Call once at the top of a test file.
 */
export function collabTestbed() {
  const teardown: Array<() => unknown> = []
  afterEach(async () => {
    for (const step of teardown.splice(0).reverse()) await step()
  })
  return {
    async server(options: CollabServerOptions = {}, port = 0): Promise<TestCollabServer> {
      const server = await startCollabServer(options, port)
      teardown.push(() => server.stop())
      return server
    },
    client(...args: Parameters<typeof connectClient>): TestClient {
      const client = connectClient(...args)
      teardown.push(() => client.destroy())
      return client
    },
    onTeardown(step: () => unknown): void {
      teardown.push(step)
    },
  }
}
