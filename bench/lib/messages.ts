import type { Target, Traffic } from './clients.ts'

/** What the main process and the editor processes (bench/collab-worker.ts) say to each other. */
export type ToWorker =
  | {
      type: 'connect'
      target: Target
      room: string
      editors: Array<{ index: number; cookie: string; name: string }>
      cursors: boolean
      /** Light protocol clients (LIGHT=1): they send edits but do not apply or record others'. */
      light: boolean
      syncTimeoutMs: number
      /** The worker exits by itself after this long, whatever happens. */
      lifetimeMs: number
    }
  | { type: 'clock'; mainTime: number }
  | { type: 'go'; startAt: number; measureFrom: number; measureUntil: number; ratePerSecond: number }
  | { type: 'collect' }
  | { type: 'stop' }

export interface WorkerResult {
  /** Receive time − send time of every other editor's in-window edit, as seen by this worker's editors. */
  latencies: Float64Array
  /** Edits these editors sent with a send time inside the window. */
  sentInWindow: number
  sentTotal: number
  /** Frames of this worker's clients inside the window. */
  windowTraffic: Traffic
  /** How late the edit timers fired (ms): a worker that cannot keep up shows here. */
  timerLag: { p50: number; p99: number; max: number }
  closes: Array<{ editor: number; code: number; reason: string }>
  /** Exceptions while editing (should be none). */
  errors: string[]
  /** How late the last edit timer fired: a worker still catching up shows here. */
  lastTimerLagMs: number
}

export type FromWorker =
  | { type: 'ready'; syncMs: number[] }
  | { type: 'clock'; mainTime: number; workerTime: number }
  | { type: 'sent' }
  | { type: 'result'; result: WorkerResult }
  | { type: 'error'; message: string }
