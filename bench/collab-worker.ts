import * as Y from 'yjs'
import {
  connectBenchClient,
  connectLightClient,
  editMarker,
  emptyTraffic,
  now,
  recordLatencies,
  trafficDelta,
  type BenchClient,
  type EditingClient,
  type Traffic,
} from './lib/clients.ts'
import type { FromWorker, ToWorker, WorkerResult } from './lib/messages.ts'
import { summarize } from './lib/stats.ts'

/**
 * One editor process of `npm run bench:collab`: a handful of real WebsocketProvider clients
 * on one pact, each inserting a marked edit at a fixed rate once told to go, and each
 * recording how long the other editors' edits took to reach it. With LIGHT=1, light protocol
 * clients instead, which only send.
 */

interface Editor {
  index: number
  client: EditingClient
  /** Only the full clients have presence (cursors). */
  full: BenchClient | null
}

const editors: Editor[] = []
const latencies: number[] = []
const timerLags: number[] = []
const errors: string[] = []
let window: { from: number; until: number } | null = null
let sentInWindow = 0
let sentTotal = 0
let trafficAtFrom: Traffic | null = null
let trafficAtUntil: Traffic | null = null

function send(message: FromWorker): void {
  process.send?.(message)
}

function totalTraffic(): Traffic {
  const total = emptyTraffic()
  for (const { client } of editors) {
    total.sent += client.traffic.sent
    total.received += client.traffic.received
    total.sentBytes += client.traffic.sentBytes
    total.receivedBytes += client.traffic.receivedBytes
  }
  return total
}

async function connect(message: Extract<ToWorker, { type: 'connect' }>): Promise<void> {
  setTimeout(() => {
    console.error(`[bench worker ${process.pid}] lifetime of ${message.lifetimeMs} ms exceeded, exiting`)
    process.exit(3)
  }, message.lifetimeMs).unref()
  for (const { index, cookie, name } of message.editors) {
    if (message.light) {
      editors.push({ index, client: connectLightClient(message.target, message.room, cookie), full: null })
      continue
    }
    const client = connectBenchClient(message.target, message.room, cookie)
    client.provider.awareness.setLocalStateField('user', { name, color: `hsl(${(index * 47) % 360} 70% 45%)` })
    recordLatencies(client, () => window, latencies)
    editors.push({ index, client, full: client })
  }
  const started = now()
  await Promise.all(editors.map(({ client }) => client.whenSynced(message.syncTimeoutMs)))
  send({ type: 'ready', syncMs: editors.map(({ client }) => (client.syncedAt ?? now()) - started) })
}

function go(message: Extract<ToWorker, { type: 'go' }>, cursors: boolean): void {
  window = { from: message.measureFrom, until: message.measureUntil }
  const periodMs = 1000 / message.ratePerSecond
  setTimeout(() => (trafficAtFrom = totalTraffic()), message.measureFrom - now())
  let running = editors.length
  for (const { index, client, full } of editors) {
    // Each editor on its own phase, so the edits are spread over the period rather than bunched.
    let due = message.startAt + Math.random() * periodMs
    let seq = 0
    const tick = () => {
      if (due >= message.measureUntil) {
        if (--running === 0) {
          trafficAtUntil = totalTraffic()
          send({ type: 'sent' })
        }
        return
      }
      const sentAt = now()
      timerLags.push(sentAt - due)
      try {
        const position = Math.floor(Math.random() * (client.text.length + 1))
        const marker = editMarker(index, seq++, sentAt)
        client.text.insert(position, marker)
        sentTotal++
        if (sentAt >= message.measureFrom && sentAt < message.measureUntil) sentInWindow++
        if (cursors && full) {
          // As the editor's caret plugin does after every keystroke: presence follows the edit.
          const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(client.text, position + marker.length))
          full.provider.awareness.setLocalStateField('cursor', { anchor: at, head: at })
        }
      } catch (error) {
        if (errors.length < 20) errors.push(`editor ${index}: ${String((error as Error)?.stack ?? error)}`)
      }
      due += periodMs
      setTimeout(tick, Math.max(0, due - now()))
    }
    setTimeout(tick, Math.max(0, due - now()))
  }
}

function result(): WorkerResult {
  const lag = summarize(timerLags)
  const closes = editors.flatMap(({ index, client }) => client.closes.map((close) => ({ editor: index, ...close })))
  return {
    latencies: Float64Array.from(latencies),
    sentInWindow,
    sentTotal,
    windowTraffic: trafficDelta(trafficAtUntil ?? totalTraffic(), trafficAtFrom ?? emptyTraffic()),
    timerLag: { p50: lag?.p50 ?? 0, p99: lag?.p99 ?? 0, max: lag?.max ?? 0 },
    closes,
    errors,
    lastTimerLagMs: timerLags.length ? timerLags[timerLags.length - 1] : 0,
  }
}

let cursors = false
process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'connect':
      cursors = message.cursors
      connect(message).catch((error: unknown) => send({ type: 'error', message: String((error as Error)?.stack ?? error) }))
      return
    case 'clock':
      return send({ type: 'clock', mainTime: message.mainTime, workerTime: now() })
    case 'go':
      return go(message, cursors)
    case 'collect':
      return send({ type: 'result', result: result() })
    case 'stop':
      for (const { client } of editors) client.destroy()
      // Let the close frames go out.
      setTimeout(() => process.exit(0), 200)
      return
  }
})
// The main process is gone (crashed or killed): do not linger.
process.on('disconnect', () => process.exit(0))
