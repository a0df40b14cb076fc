import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Folding a long log into a state takes hundreds of milliseconds for a 200-page pact; on the
 * event loop that would stall every socket of every pact on the server. So it runs in one worker
 * thread, shared and started on first use. Its code is a string, so it runs the same from the
 * sources and from the bundled build; it loads the same yjs the server uses.
 *
 * It runs at the lowest CPU priority where the system allows that (Linux), so on a busy machine
 * the event loop is not kept waiting by a fold.
 *
 * The fold goes through a scratch document, so content deleted long ago is garbage-collected
 * rather than carried forever (Y.mergeUpdates keeps it). Updates whose dependencies are missing
 * stay in the result as pending structs; nothing is dropped.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Y = require(workerData.yjs)
// Folding can wait; the event loop cannot. On Linux a thread has its own nice value, and
// /proc/thread-self names this thread's id, so only the fold yields the CPU, not the server.
try {
  const threadId = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
  require('node:os').setPriority(threadId, require('node:os').constants.priority.PRIORITY_LOW)
} catch {}
parentPort.on('message', ({ id, updates }) => {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    const state = Y.encodeStateAsUpdate(doc)
    parentPort.postMessage({ id, state }, [state.buffer])
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.stack || error) })
  } finally {
    doc.destroy()
  }
})
`

interface Reply {
  id: number
  state?: Uint8Array
  error?: string
}

let worker: Worker | null = null
let nextId = 1
const waiting = new Map<number, { resolve(state: Uint8Array): void; reject(error: Error): void }>()

function failAll(error: Error): void {
  for (const { reject } of waiting.values()) reject(error)
  waiting.clear()
}

function theWorker(): Worker {
  if (worker) return worker
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs: createRequire(import.meta.url).resolve('yjs') } })
  // Never what keeps the process alive; while a fold is awaited, the awaiting socket or timer does.
  started.unref()
  started.on('message', ({ id, state, error }: Reply) => {
    const pending = waiting.get(id)
    if (!pending) return
    waiting.delete(id)
    if (state) pending.resolve(state)
    else pending.reject(new Error(`compaction in the worker thread failed: ${error}`))
  })
  // A crashed worker fails what it was doing; the next fold starts a new one.
  started.on('error', (error) => failAll(error))
  started.on('exit', (code) => {
    if (worker === started) worker = null
    failAll(new Error(`compaction worker thread exited (${code})`))
  })
  worker = started
  return started
}

/** Folds updates into one (see above), in the worker thread. */
export function compactUpdatesOffThread(updates: readonly Uint8Array[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const id = nextId++
    waiting.set(id, { resolve, reject })
    // Copied, not transferred: the caller's buffers may be views into a larger one (a database row).
    theWorker().postMessage({ id, updates })
  })
}
