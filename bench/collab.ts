import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import {
  addTraffic,
  connectBenchClient,
  emptyTraffic,
  now,
  recordLatencies,
  trafficDelta,
  type BenchClient,
} from './lib/clients.ts'
import { countChars, generateHistory, stateAfter } from './lib/history.ts'
import type { FromWorker, ToWorker, WorkerResult } from './lib/messages.ts'
import { startOurServer, startReferenceServer, type EventLoopDelay, type RunningServer } from './lib/servers.ts'
import {
  cpuSeconds,
  machineCpu,
  median,
  memoryMiB,
  sampleMemory,
  summarize,
  waitForQuietMachine,
  type LatencySummary,
} from './lib/stats.ts'

/**
 * `npm run bench:collab`: edit latency, throughput, CPU and memory of our collaboration server
 * against the y-websocket reference server under the same simulated editors, plus the time to
 * cold-load a large pact. See bench/README.md.
 */

// ---------------------------------------------------------------------------------------------
// Configuration: --name=value flags, else environment variables, else defaults.

function setting(name: string, fallback: number): number {
  const flag = process.argv.slice(2).find((arg) => arg.startsWith(`--${name.toLowerCase().replaceAll('_', '-')}=`))
  const raw = flag ? flag.slice(flag.indexOf('=') + 1) : process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`)
  return value
}

function flag(name: string): boolean {
  const cli = `--${name.toLowerCase().replaceAll('_', '-')}`
  return process.argv.includes(cli) || ['1', 'true', 'yes'].includes((process.env[name] ?? '').toLowerCase())
}

const config = {
  editors: Math.max(2, Math.round(setting('EDITORS', 50))),
  ratePerEditor: setting('RATE', 2),
  durationS: setting('DURATION', 20),
  warmupS: setting('WARMUP', 3),
  workers: Math.max(1, Math.round(setting('WORKERS', 5))),
  observers: Math.max(1, Math.round(setting('OBSERVERS', 1))),
  drainS: setting('DRAIN', 2),
  cursors: flag('CURSORS'),
  /** Light protocol clients as editors (they send, but neither apply nor record others' edits): for crowded rooms. */
  light: flag('LIGHT'),
  loadUpdates: Math.round(setting('LOAD_UPDATES', 60_000)),
  loadSamples: Math.max(1, Math.round(setting('LOAD_SAMPLES', 3))),
  skipLoad: flag('SKIP_LOAD'),
  /** Updates of recorded editing history in the latency runs' document (0: a fresh, empty pact). */
  largePact: Math.round(setting('LARGE_PACT', 0)),
  servers: (process.argv.find((arg) => arg.startsWith('--servers='))?.slice(10) ?? process.env.SERVERS ?? 'ours,reference')
    .split(',')
    .filter((name) => name !== '' && name !== 'none'),
  build: flag('BUILD'),
  rounds: Math.max(1, Math.round(setting('ROUNDS', 1))),
  /** A run during which other processes used more than DISTURBED % of a core is repeated, this many times at most. */
  retries: Math.round(setting('RETRIES', 2)),
  disturbedPercent: setting('DISTURBED', 25),
  timeoutS: setting('BENCH_TIMEOUT', 1800),
  /** Before each measurement, wait up to this long for other work on the machine to stop. */
  quietWaitS: setting('QUIET_WAIT', 60),
}
config.workers = Math.min(config.workers, config.editors)

const TARGETS = { p99Ms: 50, latencyRatio: 1.0, coldLoadMs: 200 }
/** Issue #14 (fast at real size): the large pact, the crowded room and the cold load. */
const SCALE_TARGETS = {
  largePactP99Ms: 30,
  largePactP99Ratio: 1.5,
  largePactCpuRatio: 2,
  eventLoopMaxMs: 20,
  crowdedRoomEditors: 400,
  crowdedRoomP99Ms: 100,
  coldLoadCompactedMs: 50,
  coldLoadWorstLogMs: 300,
  loadPeakRssMiB: 150,
}
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const WORKER_SCRIPT = path.join(ROOT, 'bench/.build/collab-worker.js')
const RESULTS_DIR = path.join(ROOT, 'bench/results')

// ---------------------------------------------------------------------------------------------
// Clean-up: every child process and temp dir this run made goes, however the run ends.

const children = new Set<ChildProcess>()
const servers = new Set<RunningServer>()
const tempDirs = new Set<string>()

function cleanUp(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const server of servers)
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL')
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  tempDirs.clear()
}
process.on('exit', cleanUp)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping`)
    cleanUp()
    process.exit(130)
  })
}
const deadline = setTimeout(() => {
  console.error(`bench:collab did not finish within BENCH_TIMEOUT=${config.timeoutS} s; stopping`)
  cleanUp()
  process.exit(2)
}, config.timeoutS * 1000)
deadline.unref()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits
const log = (line: string) => console.log(`[bench] ${line}`)

// ---------------------------------------------------------------------------------------------
// Editor processes

interface Worker {
  child: ChildProcess
  request<T extends FromWorker['type']>(message: ToWorker, reply: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>>
  waitFor<T extends FromWorker['type']>(reply: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>>
  stop(): Promise<void>
}

function startWorker(): Worker {
  const child = fork(WORKER_SCRIPT, [], { cwd: ROOT, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  children.add(child)
  const inbox: FromWorker[] = []
  const waiting = new Set<() => void>()
  child.on('message', (message: FromWorker) => {
    inbox.push(message)
    for (const wake of [...waiting]) wake()
  })
  child.on('exit', () => {
    for (const wake of [...waiting]) wake()
  })
  function waitFor<T extends FromWorker['type']>(reply: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const error = inbox.find((m) => m.type === 'error')
        if (error) return done(new Error(`editor process ${child.pid} failed: ${(error as { message: string }).message}`))
        const index = inbox.findIndex((m) => m.type === reply)
        if (index >= 0) return done(null, inbox.splice(index, 1)[0] as Extract<FromWorker, { type: T }>)
        if (child.exitCode !== null || child.signalCode !== null)
          done(
            new Error(`editor process ${child.pid} exited (${child.exitCode ?? child.signalCode}) while waiting for '${reply}'`),
          )
      }
      const timer = setTimeout(
        () => done(new Error(`editor process ${child.pid}: no '${reply}' within ${timeoutMs} ms`)),
        timeoutMs,
      )
      function done(error: Error | null, message?: Extract<FromWorker, { type: T }>) {
        clearTimeout(timer)
        waiting.delete(check)
        if (error) reject(error)
        else resolve(message!)
      }
      waiting.add(check)
      check()
    })
  }
  return {
    child,
    waitFor,
    request(message, reply, timeoutMs) {
      child.send(message)
      return waitFor(reply, timeoutMs)
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        if (child.connected) child.send({ type: 'stop' } satisfies ToWorker)
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      children.delete(child)
    },
  }
}

// ---------------------------------------------------------------------------------------------
// The latency run: the same harness against either server.

interface Setup {
  dataDir: string
  /** A fresh pact (document) per run, so no run starts with an earlier run's text. */
  pactIds: string[]
  editors: Array<{ cookie: string; name: string }>
  observerCookie: string
  /** LARGE_PACT: the document the latency runs start from (ours has it stored; the reference is sent it by a client). */
  largeState: Uint8Array | null
}

interface LatencyRun {
  server: 'ours' | 'reference'
  round: number
  attempt: number
  /** Other processes used more than DISTURBED % of a core during the window. */
  disturbed: boolean
  /** Receive − send time at the observer client(s) in the main process (connected last). */
  observer: LatencySummary | null
  /** Receive − send time at every editor, for every other editor's edit. */
  allEditors: LatencySummary | null
  edits: {
    sentInWindow: number
    achievedRatePerEditor: number
    /** In-window edits the observer never saw (should be 0). */
    missingAtObserver: number
    /** Editor×edit pairs never delivered (should be 0); null with light editors, which do not look. */
    missingAtEditors: number | null
  }
  messages: {
    /** Frames the server received plus frames it sent, per second (counted at the clients). */
    perSecond: number
    clientToServerPerSecond: number
    serverToClientPerSecond: number
    bytesPerSecond: number
    /** Frames one connection sent per second, at most (the server allows 500). */
    maxPerConnectionSentPerSecond: number
  }
  serverCpu: { seconds: number; percentOfOneCore: number }
  /** The server's own event-loop delay over the window (perf_hooks.monitorEventLoopDelay, loaded with --import). */
  eventLoopDelay: EventLoopDelay | null
  /** All in % of one core over the window (the machine has `cpus` × 100 %). */
  machineCpu: {
    cpus: number
    /** The machine's load just before the run (% of one core, bench server idle), after waiting up to QUIET_WAIT. */
    busyBeforeRunPercent: number | null
    waitedForQuietMs: number
    editorProcessesPercent: number
    mainProcessPercent: number
    machineBusyPercent: number | null
    stealPercent: number | null
    /** CPU used by processes outside this benchmark: high means the figures are disturbed. */
    otherProcessesPercent: number | null
  }
  serverMemory: { idleRssMiB: number; peakRssMiB: number; vmHwmMiB: number }
  connectMs: { median: number; max: number }
  clockOffsetMs: number
  editorTimerLagMs: { p99: number; max: number }
  closes: Array<{ editor: number; code: number; reason: string }>
  editorErrors: string[]
  /** Editor processes that were still sending 60 s after the window (overloaded). */
  unfinishedWorkers: number
  serverWarnings: Record<string, number>
  /** Ours: the log compactions it ran during the run (every 500 stored batches; the fold runs in a worker thread). */
  compactions: Array<{ mergedRows: number; ms: number; endedAt: number }>
}

function splitEditors<T>(items: T[], parts: number): T[][] {
  const groups: T[][] = Array.from({ length: parts }, () => [])
  items.forEach((item, i) => groups[i % parts].push(item))
  return groups
}

async function runLatency(server: RunningServer, setup: Setup, roundIndex: number, attempt: number): Promise<LatencyRun> {
  // A fresh document per run, so no run starts with an earlier run's text.
  const pactId = setup.pactIds[roundIndex * (config.retries + 1) + attempt]
  const quiet = await waitForQuietMachine(config.quietWaitS * 1000)
  if (quiet.busyPercent !== null && quiet.busyPercent >= 30)
    log(`WARNING: the machine is busy with other work (${quiet.busyPercent} % of a core); figures will be disturbed`)
  const idle = memoryMiB(server.pid)
  const memory = sampleMemory(server.pid)
  const workers = Array.from({ length: config.workers }, () => startWorker())
  const observers: BenchClient[] = []
  const observerLatencies: number[][] = []
  let window: { from: number; until: number } | null = null
  let seeder: BenchClient | null = null
  try {
    if (setup.largeState) {
      // Connected first and throughout: the reference keeps a document only while a client holds it.
      seeder = connectBenchClient(server, pactId, setup.observerCookie)
      Y.applyUpdate(seeder.doc, setup.largeState)
      await seeder.whenSynced(120_000)
    }
    const groups = splitEditors(
      setup.editors.map((editor, index) => ({ index, ...editor })),
      config.workers,
    )
    const durationMs = (config.warmupS + config.durationS + config.drainS) * 1000
    const ready = await Promise.all(
      workers.map((worker, i) =>
        worker.request(
          {
            type: 'connect',
            target: { collabUrl: server.collabUrl, origin: server.origin },
            room: pactId,
            editors: groups[i],
            cursors: config.cursors,
            light: config.light,
            syncTimeoutMs: 60_000,
            lifetimeMs: durationMs + 180_000,
          },
          'ready',
          90_000,
        ),
      ),
    )
    const connectMs = ready.flatMap((r) => r.syncMs)
    // Observers connect last, so they are last in the server's relay order: the worst seat.
    for (let i = 0; i < config.observers; i++) {
      const client = connectBenchClient(server, pactId, setup.observerCookie)
      client.provider.awareness.setLocalStateField('user', { name: `Observer ${i}`, color: '#000' })
      const into: number[] = []
      recordLatencies(client, () => window, into)
      observers.push(client)
      observerLatencies.push(into)
    }
    await Promise.all(observers.map((client) => client.whenSynced(30_000)))

    // The processes share the machine's clock; check that their readings agree.
    const offsets: number[] = []
    for (const worker of workers) {
      for (let i = 0; i < 5; i++) {
        const sent = now()
        const reply = await worker.request({ type: 'clock', mainTime: sent }, 'clock', 5_000)
        offsets.push(Math.abs(reply.workerTime - (sent + now()) / 2))
      }
    }
    // Let the join traffic (presence of 50 newcomers, echoed by everyone) settle.
    await sleep(1_000)

    const startAt = now() + 300
    const measureFrom = startAt + config.warmupS * 1000
    const measureUntil = measureFrom + config.durationS * 1000
    window = { from: measureFrom, until: measureUntil }
    for (const worker of workers)
      worker.child.send({
        type: 'go',
        startAt,
        measureFrom,
        measureUntil,
        ratePerSecond: config.ratePerEditor,
      } satisfies ToWorker)
    log(
      `${server.name}${config.rounds > 1 ? ` (round ${roundIndex + 1})` : ''}${attempt > 0 ? ` (attempt ${attempt + 1})` : ''}: ${config.editors} editors in ${config.workers} processes + ${config.observers} observer(s) synced; editing (${config.warmupS} s warm-up, ${config.durationS} s measured)`,
    )

    // CPU over the window: the server's, the bench's own processes', and the whole machine's
    // (anything else running on it shows as "other").
    const cpuSnapshot = () => ({
      server: cpuSeconds(server.pid) ?? NaN,
      editors: workers.reduce((sum, worker) => sum + (cpuSeconds(worker.child.pid!) ?? NaN), 0),
      main: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      machine: machineCpu(),
      at: now(),
    })
    await sleep(measureFrom - now())
    await server.eventLoopDelay()
    const cpuFrom = cpuSnapshot()
    const observerTrafficFrom = observers.reduce((sum, client) => addTraffic(sum, client.traffic), emptyTraffic())
    await sleep(measureUntil - now())
    const cpuUntil = cpuSnapshot()
    const eventLoopDelay = await server.eventLoopDelay()
    const observerTrafficUntil = observers.reduce((sum, client) => addTraffic(sum, client.traffic), emptyTraffic())
    const wallS = (cpuUntil.at - cpuFrom.at) / 1000
    // Every editor has sent its last edit (a worker that fell far behind would still be sending).
    const finished = await Promise.allSettled(workers.map((worker) => worker.waitFor('sent', 60_000)))
    const unfinished = finished.filter((outcome) => outcome.status === 'rejected').length
    if (unfinished) log(`WARNING: ${unfinished} editor process(es) had not sent all their edits 60 s after the window closed`)
    await sleep(config.drainS * 1000)

    const results: WorkerResult[] = []
    for (const worker of workers) results.push((await worker.request({ type: 'collect' }, 'result', 30_000)).result)
    const memoryPeak = memory.stop()

    const allEditorLatencies: number[] = []
    for (const result of results) for (const value of result.latencies) allEditorLatencies.push(value)
    const observed = observerLatencies.flat()
    const sentInWindow = results.reduce((sum, r) => sum + r.sentInWindow, 0)
    const workerTraffic = results.reduce((sum, r) => addTraffic(sum, r.windowTraffic), emptyTraffic())
    const traffic = addTraffic(workerTraffic, trafficDelta(observerTrafficUntil, observerTrafficFrom))
    const closes = [
      ...results.flatMap((r) => r.closes),
      ...observers.flatMap((client) => client.closes.map((close) => ({ editor: -1, ...close }))),
    ]
    const cpu = cpuUntil.server - cpuFrom.server
    const percent = (seconds: number) => round((seconds / wallS) * 100)
    const machine =
      cpuFrom.machine && cpuUntil.machine
        ? { busy: cpuUntil.machine.busy - cpuFrom.machine.busy, steal: cpuUntil.machine.steal - cpuFrom.machine.steal }
        : null
    const benchCpu = cpu + (cpuUntil.editors - cpuFrom.editors) + (cpuUntil.main - cpuFrom.main)

    // Frames per connection: each editor sends its edits, presence, and echoes of others' presence.
    const perConnectionSent = workerTraffic.sent / config.editors / config.durationS

    return {
      server: server.name,
      round: roundIndex + 1,
      attempt: attempt + 1,
      disturbed: machine !== null && (Math.max(0, machine.busy - benchCpu) / wallS) * 100 > config.disturbedPercent,
      observer: summarize(observed),
      allEditors: summarize(allEditorLatencies),
      edits: {
        sentInWindow,
        achievedRatePerEditor: round(sentInWindow / config.editors / config.durationS, 2),
        missingAtObserver: sentInWindow * config.observers - observed.length,
        missingAtEditors: config.light ? null : sentInWindow * (config.editors - 1) - allEditorLatencies.length,
      },
      messages: {
        perSecond: round((traffic.sent + traffic.received) / config.durationS),
        clientToServerPerSecond: round(traffic.sent / config.durationS),
        serverToClientPerSecond: round(traffic.received / config.durationS),
        bytesPerSecond: Math.round((traffic.sentBytes + traffic.receivedBytes) / config.durationS),
        maxPerConnectionSentPerSecond: round(perConnectionSent),
      },
      serverCpu: { seconds: round(cpu, 2), percentOfOneCore: percent(cpu) },
      eventLoopDelay,
      machineCpu: {
        cpus: os.cpus().length,
        busyBeforeRunPercent: quiet.busyPercent,
        waitedForQuietMs: quiet.waitedMs,
        editorProcessesPercent: percent(cpuUntil.editors - cpuFrom.editors),
        mainProcessPercent: percent(cpuUntil.main - cpuFrom.main),
        machineBusyPercent: machine ? percent(machine.busy) : null,
        stealPercent: machine ? percent(machine.steal) : null,
        otherProcessesPercent: machine ? percent(Math.max(0, machine.busy - benchCpu)) : null,
      },
      serverMemory: { idleRssMiB: round(idle?.rss ?? NaN), ...memoryPeak },
      connectMs: { median: round(median(connectMs)), max: round(Math.max(...connectMs)) },
      clockOffsetMs: round(Math.max(...offsets), 3),
      editorTimerLagMs: {
        p99: Math.max(...results.map((r) => r.timerLag.p99)),
        max: Math.max(...results.map((r) => r.timerLag.max)),
      },
      closes,
      editorErrors: results.flatMap((r) => r.errors),
      unfinishedWorkers: unfinished,
      serverWarnings: serverWarnings(server),
      compactions: server
        .logs()
        .filter((entry) => entry.msg === 'collab document compacted')
        .map((entry) => ({ mergedRows: Number(entry.mergedRows), ms: Number(entry.ms), endedAt: Number(entry.time) })),
    }
  } finally {
    for (const client of observers) client.destroy()
    seeder?.destroy()
    await Promise.all(workers.map((worker) => worker.stop()))
  }
}

/** Warnings and errors the server logged (ours logs JSON; the reference only prints errors). */
function serverWarnings(server: RunningServer): Record<string, number> {
  const counts: Record<string, number> = {}
  if (server.name === 'ours') {
    for (const entry of server.logs()) {
      if (typeof entry.level !== 'number' || entry.level < 40) continue
      const key = `${entry.msg}${entry.reason ? ` (${entry.reason})` : ''}`
      counts[key] = (counts[key] ?? 0) + 1
    }
  } else {
    for (const line of server.lines)
      if (!/^running at|benchEventLoopDelay/.test(line)) counts[line.slice(0, 160)] = (counts[line.slice(0, 160)] ?? 0) + 1
  }
  return counts
}

// ---------------------------------------------------------------------------------------------
// The large pact: a recorded history written into our database, then cold-loaded.

type LoadVariant = 'log-only' | 'compacted' | 'compacted+tail'

interface LargePact {
  pactId: string
  cookie: string
  variant: LoadVariant
  logRows: number
  stateBytes: number
  logBytes: number
}

interface LoadSample {
  variant: LoadVariant
  pactId: string
  /** From the server's 'collab document loaded' log line: reading storage and building the Y.Doc. */
  serverLoadMs: number | null
  logLength: number | null
  /** Client side: connect → socket open (the server loads the document before accepting it). */
  handshakeMs: number
  /** Client side: connect → first sync step 2 frame arrives (the server's whole share). */
  firstStep2Ms: number
  /** Client side: connect → provider synced (plus applying 1+ MB in the client). */
  syncedMs: number
  /**
   * A second client on the now-loaded document: connect → first sync step 2. For log-only it
   * arrives while the compaction the first load triggered is running, and waits for it.
   */
  warmFirstStep2Ms: number
  /** Compaction the server ran after the load (log-only: folds the whole log), from its log. */
  compactionMs: number | null
  /** The server's resident memory once loaded and compacted (earlier samples' documents stay loaded for 30 s). */
  serverRssAfterMiB: number
  /** What loading this pact added to the server's resident memory: its peak (sampled every 20 ms) until synced, less before. */
  rssGrowthWhileLoadingMiB: number
  charsReceived: number
  /** CPU other processes on the machine used while this client loaded (% of a core): high means disturbed. */
  otherProcessesPercent: number | null
}

async function prepareLargePacts(database: Database): Promise<{ pacts: LargePact[]; history: Record<string, number> }> {
  const started = performance.now()
  const history = generateHistory({ updates: config.loadUpdates, seed: 20260 })
  const generatedMs = performance.now() - started
  const TAIL = 499 // one short of the server's compactAfterUpdates (500): the longest log it leaves
  const compacted = stateAfter(history.updates, history.updates.length)
  const head = stateAfter(history.updates, history.updates.length - TAIL)
  const empty = stateAfter([], 0)
  const pacts: LargePact[] = []
  const variants: LoadVariant[] = ['log-only', 'compacted', 'compacted+tail']
  for (let sample = 0; sample < config.loadSamples; sample++) {
    // Each variant takes each place in the order in turn: a load right after a log-only load
    // (and its big compaction) runs on a heap full of garbage.
    for (const variant of [...variants.slice(sample % 3), ...variants.slice(0, sample % 3)]) {
      const pact = await database.createBenchPact(
        await database.createUser('Lezer groot pact'),
        `groot pact ${variant} ${sample + 1}`,
      )
      const state = variant === 'log-only' ? empty : variant === 'compacted' ? compacted : head
      const log = variant === 'log-only' ? history.updates : variant === 'compacted' ? [] : history.updates.slice(-TAIL)
      await database.storeDocument(pact.pactId, state, log)
      pacts.push({
        pactId: pact.pactId,
        cookie: pact.owner.cookie,
        variant,
        logRows: log.length,
        stateBytes: state.byteLength,
        logBytes: log.reduce((sum, update) => sum + update.byteLength, 0),
      })
    }
  }
  return {
    pacts,
    history: {
      updates: history.updates.length,
      chars: history.chars,
      pagesAt2500CharsPerPage: round(history.chars / 2500),
      blocks: history.blocks,
      sessions: history.sessions,
      logBytes: history.logBytes,
      compactedStateBytes: compacted.byteLength,
      generateMs: Math.round(generatedMs),
    },
  }
}

async function measureLoad(server: RunningServer, pact: LargePact, expectedChars: number): Promise<LoadSample> {
  const ownCpu = () => (cpuSeconds(server.pid) ?? 0) + (process.cpuUsage().user + process.cpuUsage().system) / 1e6
  const machineBefore = machineCpu()
  const ownBefore = ownCpu()
  const rssBefore = memoryMiB(server.pid)?.rss ?? NaN
  const memory = sampleMemory(server.pid, 20)
  const connectAt = now()
  const client = connectBenchClient(server, pact.pactId, pact.cookie)
  let warm: BenchClient | null = null
  try {
    await client.whenSynced(120_000)
    const { peakRssMiB } = memory.stop()
    const machineAfter = machineCpu()
    const otherSeconds =
      machineBefore && machineAfter ? Math.max(0, machineAfter.busy - machineBefore.busy - (ownCpu() - ownBefore)) : null
    const otherProcessesPercent = otherSeconds === null ? null : round((otherSeconds / ((now() - connectAt) / 1000)) * 100)
    const loaded = await server.waitForLog(
      (entry) => entry.msg === 'collab document loaded' && entry.pactId === pact.pactId,
      5_000,
    )
    const charsReceived = countChars(client.doc)
    if (charsReceived !== expectedChars)
      throw new Error(`pact ${pact.variant}: client received ${charsReceived} characters, expected ${expectedChars}`)
    const warmAt = now()
    warm = connectBenchClient(server, pact.pactId, pact.cookie)
    await warm.whenSynced(120_000)
    // The first load of a long log triggers a compaction; wait for it, so it does not disturb the next sample.
    const compacted =
      pact.logRows >= 500
        ? await server.waitForLog((entry) => entry.msg === 'collab document compacted' && entry.pactId === pact.pactId, 120_000)
        : null
    return {
      variant: pact.variant,
      pactId: pact.pactId,
      serverLoadMs: typeof loaded?.ms === 'number' ? loaded.ms : null,
      logLength: typeof loaded?.logLength === 'number' ? loaded.logLength : null,
      handshakeMs: round(client.openedAt! - connectAt),
      firstStep2Ms: round(client.firstStep2At! - connectAt),
      syncedMs: round(client.syncedAt! - connectAt),
      warmFirstStep2Ms: round(warm.firstStep2At! - warmAt),
      compactionMs: typeof compacted?.ms === 'number' ? compacted.ms : null,
      serverRssAfterMiB: round(memoryMiB(server.pid)?.rss ?? NaN),
      rssGrowthWhileLoadingMiB: round(peakRssMiB - rssBefore),
      charsReceived,
      otherProcessesPercent,
    }
  } finally {
    memory.stop()
    client.destroy()
    warm?.destroy()
    await sleep(300)
  }
}

interface FreshProcessLoad {
  /** The server process once started and idle, before anyone opens a pact. */
  idleRssMiB: number
  /** The process's high-water mark once the first client is synced: the peak while loading. */
  peakRssMiB: number
  serverLoadMs: number | null
  firstStep2Ms: number
}

/** One cold load in a server process of its own, for the peak memory a load takes from a restart. */
async function loadInFreshProcess(dataDir: string, pact: LargePact, expectedChars: number): Promise<FreshProcessLoad> {
  const server = await startOurServer(ROOT, dataDir)
  servers.add(server)
  let client: BenchClient | null = null
  try {
    await sleep(1_000)
    const idleRssMiB = round(memoryMiB(server.pid)?.rss ?? NaN)
    const connectAt = now()
    client = connectBenchClient(server, pact.pactId, pact.cookie)
    await client.whenSynced(120_000)
    const peakRssMiB = round(memoryMiB(server.pid)?.hwm ?? NaN)
    const loaded = await server.waitForLog(
      (entry) => entry.msg === 'collab document loaded' && entry.pactId === pact.pactId,
      5_000,
    )
    if (countChars(client.doc) !== expectedChars) throw new Error(`fresh-process load of ${pact.variant}: wrong content`)
    return {
      idleRssMiB,
      peakRssMiB,
      serverLoadMs: typeof loaded?.ms === 'number' ? loaded.ms : null,
      firstStep2Ms: round(client.firstStep2At! - connectAt),
    }
  } finally {
    client?.destroy()
    await server.stop()
    servers.delete(server)
  }
}

// ---------------------------------------------------------------------------------------------

type Database = typeof import('./lib/database.ts')

/**
 * A missing server build may just be one being written (a build empties build/ first). Two
 * builds at once break each other, so wait a while for one that was touched in the last minutes.
 */
async function awaitBuildInProgress(): Promise<void> {
  const serverEntry = path.join(ROOT, 'build/server/index.js')
  const recentlyTouched = () =>
    ['build', 'build/client', 'build/server'].some((dir) => {
      try {
        return Date.now() - statSync(path.join(ROOT, dir)).mtimeMs < 120_000
      } catch {
        return false
      }
    })
  if (existsSync(serverEntry) || !recentlyTouched()) return
  log('build/server/index.js is missing but build/ was just written: waiting for that build to finish')
  const until = Date.now() + 180_000
  while (!existsSync(serverEntry) && Date.now() < until) await sleep(1_000)
  // Let it finish writing.
  if (existsSync(serverEntry)) await sleep(3_000)
}

/** Source files changed after the build was made: the bench measures the build, not them. */
function newerThanBuild(buildMtimeMs: number): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(relative)
      else if (
        /\.(ts|tsx|js|css)$/.test(entry.name) &&
        !/\.test\.tsx?$/.test(entry.name) &&
        statSync(path.join(ROOT, relative)).mtimeMs > buildMtimeMs
      )
        found.push(relative)
    }
  }
  for (const dir of ['app', 'server']) walk(dir)
  return found.sort()
}

async function main(): Promise<void> {
  const startedAt = new Date()
  if (!existsSync(WORKER_SCRIPT)) throw new Error(`${WORKER_SCRIPT} is missing: run the bench through \`npm run bench:collab\``)
  await awaitBuildInProgress()
  if (config.build || !existsSync(path.join(ROOT, 'build/server/index.js'))) {
    log(config.build ? 'BUILD=1: running `npm run build`' : 'build/server/index.js is missing: running `npm run build`')
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('npm run build failed')
  }
  const buildStat = statSync(path.join(ROOT, 'build/server/index.js'))
  const staleSources = newerThanBuild(buildStat.mtimeMs)
  if (staleSources.length > 0) {
    log(
      `WARNING: ${staleSources.length} source file(s) changed after the build (${staleSources.slice(0, 6).join(', ')}${staleSources.length > 6 ? ', …' : ''}); this measures the build. BUILD=1 rebuilds first.`,
    )
  }

  // A fresh database, created and migrated by the build under test (it also seeds its demo pact),
  // then filled with the bench's users and pact by the app's own functions.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pactwerk-bench-'))
  tempDirs.add(dataDir)
  const schemaServer = await startOurServer(ROOT, dataDir, 'warn')
  servers.add(schemaServer)
  await schemaServer.stop()
  servers.delete(schemaServer)
  process.env.PACTWERK_DATA_DIR = dataDir
  process.env.LOG_LEVEL = 'warn'
  const database: Database = await import('./lib/database.ts')
  const owner = await database.createUser('Waarnemer')
  const users = []
  for (let i = 0; i < config.editors; i++) users.push(await database.createUser(`Redacteur ${i + 1}`))
  const pactIds: string[] = []
  let largeState: Uint8Array | null = null
  if (config.largePact > 0) {
    const history = generateHistory({ updates: config.largePact, seed: 20261 })
    largeState = stateAfter(history.updates, history.updates.length)
    log(
      `LARGE_PACT: the latency runs' document holds ${history.chars} characters (~${round(history.chars / 2500)} pages, state ${round(largeState.byteLength / 1024, 0)} KiB) from ${history.updates.length} updates`,
    )
  }
  for (let run = 0; run < config.rounds * (config.retries + 1); run++) {
    const pact = await database.createBenchPact(owner, `run ${run + 1}`)
    for (const user of users) await database.addEditor(pact, user)
    if (largeState) await database.storeDocument(pact.pactId, largeState, [])
    pactIds.push(pact.pactId)
  }
  await database.closeDb()
  const setup: Setup = {
    dataDir,
    pactIds,
    editors: users.map((user) => ({ cookie: user.cookie, name: user.name })),
    observerCookie: owner.cookie,
    largeState,
  }

  log(
    `${config.editors} editors × ${config.ratePerEditor} edits/s, ${config.durationS} s measured after ${config.warmupS} s warm-up, ` +
      `${config.workers} editor processes, ${os.cpus().length} CPUs${config.cursors ? ', with caret presence' : ''}${config.light ? ', light protocol clients' : ''}`,
  )

  const runs: LatencyRun[] = []
  for (const name of config.servers)
    if (name !== 'ours' && name !== 'reference') throw new Error(`SERVERS: unknown server '${name}' (ours, reference)`)
  for (let round = 0; round < config.rounds; round++) {
    // Alternate the order between rounds, so neither server always goes first.
    const order = round % 2 === 0 ? config.servers : [...config.servers].reverse()
    for (const name of order) {
      for (let attempt = 0; attempt <= config.retries; attempt++) {
        const server = name === 'ours' ? await startOurServer(ROOT, dataDir) : await startReferenceServer(ROOT)
        servers.add(server)
        let run: LatencyRun
        try {
          run = await runLatency(server, setup, round, attempt)
          runs.push(run)
        } finally {
          await server.stop()
          servers.delete(server)
        }
        if (!run.disturbed) break
        log(
          `${name}: other processes used ${run.machineCpu.otherProcessesPercent} % of a core during the run${attempt < config.retries ? '; repeating it' : ''}`,
        )
      }
    }
  }

  let coldLoad: Record<string, unknown> | null = null
  if (!config.skipLoad) {
    log(`large pact: generating ${config.loadUpdates} updates of editing history`)
    const { pacts, history } = await prepareLargePacts(database)
    await database.closeDb()
    log(
      `large pact: ${history.chars} characters (~${history.pagesAt2500CharsPerPage} pages), ${history.blocks} blocks; cold-loading ${pacts.length} copies`,
    )
    const server = await startOurServer(ROOT, dataDir)
    servers.add(server)
    const memory = sampleMemory(server.pid)
    let serverMemory: ReturnType<typeof memory.stop>
    const samples: LoadSample[] = []
    try {
      await waitForQuietMachine(config.quietWaitS * 1000)
      for (const large of pacts) {
        await waitForQuietMachine(Math.min(10, config.quietWaitS) * 1000)
        samples.push(await measureLoad(server, large, history.chars))
      }
      serverMemory = memory.stop()
    } finally {
      await server.stop()
      servers.delete(server)
    }
    // Peak memory of a load as a server would meet it after a restart: a fresh process that
    // opens one large pact, its high-water mark (VmHWM) once the client is synced.
    const freshProcess: Partial<Record<LoadVariant, FreshProcessLoad>> = {}
    for (const variant of ['compacted', 'compacted+tail', 'log-only'] as const) {
      const pact = pacts.find((p) => p.variant === variant)!
      freshProcess[variant] = await loadInFreshProcess(dataDir, pact, history.chars)
    }
    const byVariant = (variant: LoadVariant) => {
      const of = samples.filter((s) => s.variant === variant)
      const med = (pick: (s: LoadSample) => number | null) => {
        const values = of.map(pick).filter((v): v is number => v !== null)
        return values.length ? round(median(values)) : null
      }
      const min = (pick: (s: LoadSample) => number | null) => {
        const values = of.map(pick).filter((v): v is number => v !== null)
        return values.length ? round(Math.min(...values)) : null
      }
      const stored = pacts.find((p) => p.variant === variant)!
      return {
        logRows: stored.logRows,
        stateBytes: stored.stateBytes,
        logBytes: stored.logBytes,
        samples: of.length,
        serverLoadMs: med((s) => s.serverLoadMs),
        /** The least disturbed sample: the best estimate of the intrinsic cost on a busy machine. */
        minServerLoadMs: min((s) => s.serverLoadMs),
        minFirstStep2Ms: min((s) => s.firstStep2Ms),
        handshakeMs: med((s) => s.handshakeMs),
        firstStep2Ms: med((s) => s.firstStep2Ms),
        syncedMs: med((s) => s.syncedMs),
        warmFirstStep2Ms: med((s) => s.warmFirstStep2Ms),
        compactionMs: med((s) => s.compactionMs),
        rssGrowthWhileLoadingMiB: med((s) => s.rssGrowthWhileLoadingMiB),
      }
    }
    coldLoad = {
      history,
      variants: {
        'log-only': byVariant('log-only'),
        compacted: byVariant('compacted'),
        'compacted+tail': byVariant('compacted+tail'),
      },
      serverMemory,
      freshProcess,
      samples,
    }
  }

  // With several rounds, each server's figures come from its least disturbed round (the least
  // CPU used by other processes on the machine); every round is in the JSON and the summary.
  const cleanest = (name: LatencyRun['server']) =>
    runs
      .filter((run) => run.server === name)
      .sort((a, b) => (a.machineCpu.otherProcessesPercent ?? 0) - (b.machineCpu.otherProcessesPercent ?? 0))[0]
  const oursRun = cleanest('ours')
  const referenceRun = cleanest('reference')
  const ratio = (pick: (s: LatencySummary) => number, of: 'observer' | 'allEditors') =>
    referenceRun?.[of] && oursRun?.[of] ? round(pick(oursRun[of]!) / pick(referenceRun[of]!), 2) : null
  const ratios = {
    observer: {
      p50: ratio((s) => s.p50, 'observer'),
      p95: ratio((s) => s.p95, 'observer'),
      p99: ratio((s) => s.p99, 'observer'),
    },
    allEditors: {
      p50: ratio((s) => s.p50, 'allEditors'),
      p95: ratio((s) => s.p95, 'allEditors'),
      p99: ratio((s) => s.p99, 'allEditors'),
    },
  }
  const variants = coldLoad?.variants as
    Record<LoadVariant, { serverLoadMs: number | null; firstStep2Ms: number | null }> | undefined
  const targets = {
    p99AtMost50Ms: oursRun?.observer ? oursRun.observer.p99 <= TARGETS.p99Ms : null,
    latencyRatioAtMost1:
      referenceRun && oursRun
        ? [ratios.observer.p50, ratios.observer.p95, ratios.observer.p99].every((r) => r !== null && r <= TARGETS.latencyRatio)
        : null,
    coldLoadUnder200Ms: variants
      ? Object.fromEntries(
          Object.entries(variants).map(([variant, v]) => [
            variant,
            {
              serverLog: v.serverLoadMs !== null && v.serverLoadMs < TARGETS.coldLoadMs,
              toFirstStep2: v.firstStep2Ms !== null && v.firstStep2Ms < TARGETS.coldLoadMs,
            },
          ]),
        )
      : null,
  }

  const fresh = coldLoad?.freshProcess as Partial<Record<LoadVariant, FreshProcessLoad>> | undefined
  const scaleTargets = {
    largePact:
      config.largePact > 0 && oursRun?.observer
        ? {
            p99AtMost30Ms: oursRun.observer.p99 <= SCALE_TARGETS.largePactP99Ms,
            p99RatioAtMost1_5: ratios.observer.p99 === null ? null : ratios.observer.p99 <= SCALE_TARGETS.largePactP99Ratio,
            cpuRatioAtMost2: referenceRun
              ? oursRun.serverCpu.percentOfOneCore <= SCALE_TARGETS.largePactCpuRatio * referenceRun.serverCpu.percentOfOneCore
              : null,
            // Both measures: the histogram's max (what the issue names) and the 5 ms timer's longest gap.
            noStallOver20Ms:
              oursRun.eventLoopDelay === null
                ? null
                : (oursRun.eventLoopDelay.maxMs ?? Infinity) <= SCALE_TARGETS.eventLoopMaxMs &&
                  oursRun.eventLoopDelay.longestTimerGapMs <= SCALE_TARGETS.eventLoopMaxMs,
          }
        : null,
    crowdedRoomP99AtMost100Ms:
      config.editors >= SCALE_TARGETS.crowdedRoomEditors && oursRun?.observer
        ? oursRun.observer.p99 <= SCALE_TARGETS.crowdedRoomP99Ms
        : null,
    coldLoad: variants
      ? {
          compactedAtMost50Ms: (variants.compacted.serverLoadMs ?? Infinity) <= SCALE_TARGETS.coldLoadCompactedMs,
          worstLogAtMost300Ms: (variants['compacted+tail'].serverLoadMs ?? Infinity) <= SCALE_TARGETS.coldLoadWorstLogMs,
          peakRssWhileLoadingAtMost150MiB: fresh?.compacted ? fresh.compacted.peakRssMiB <= SCALE_TARGETS.loadPeakRssMiB : null,
        }
      : null,
  }

  const report = {
    benchmark: 'collab',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    config,
    serverBuild: {
      path: 'build/server/index.js',
      builtAt: buildStat.mtime.toISOString(),
      sourceFilesNewerThanBuild: staleSources,
    },
    targets: { definition: TARGETS, met: targets },
    scaleTargets: { definition: SCALE_TARGETS, met: scaleTargets },
    latency: { ours: oursRun ?? null, reference: referenceRun ?? null, ratioOursToReference: ratios, rounds: runs },
    coldLoad,
  }

  mkdirSync(RESULTS_DIR, { recursive: true })
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z')
  for (const name of [`collab-${stamp}.json`, 'collab-latest.json']) {
    const file = path.join(RESULTS_DIR, name)
    writeFileSync(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`)
    renameSync(`${file}.tmp`, file)
  }
  printSummary(report.latency, coldLoad, targets, scaleTargets)
  if (runs.length > 2) {
    console.log('\nEvery run (observer ms; other processes = CPU used by anything else on the machine, % of a core)')
    for (const run of runs) {
      console.log(
        `  round ${run.round}.${run.attempt} ${run.server.padEnd(9)} p50 ${String(run.observer?.p50).padStart(7)}  p95 ${String(run.observer?.p95).padStart(7)}  p99 ${String(run.observer?.p99).padStart(7)}  ` +
          `server CPU ${String(run.serverCpu.percentOfOneCore).padStart(5)} %  other processes ${String(run.machineCpu.otherProcessesPercent).padStart(5)} %`,
      )
    }
  }
  log(`results: bench/results/collab-${stamp}.json (and collab-latest.json)`)
}

function printSummary(
  latency: {
    ours: LatencyRun | null
    reference: LatencyRun | null
    ratioOursToReference: { observer: Record<string, number | null>; allEditors: Record<string, number | null> }
  },
  coldLoad: Record<string, unknown> | null,
  targets: Record<string, unknown>,
  scaleTargets: Record<string, unknown>,
): void {
  const runs = [latency.ours, latency.reference].filter((r): r is LatencyRun => r !== null)
  const fmt = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : String(x))
  const table = (rows: string[][]) => {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
    for (const row of rows)
      console.log('  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '))
  }
  if (runs.length > 0) {
    console.log(
      `\nEdit latency, ${config.editors} editors × ${config.ratePerEditor}/s, ${config.durationS} s${config.largePact ? `, large pact (${config.largePact} updates of history)` : ''} (ms, receive − send)`,
    )
    const rows = [['', ...runs.map((r) => r.server), ...(runs.length === 2 ? ['ours/ref'] : [])]]
    for (const of of ['observer', 'allEditors'] as const) {
      for (const p of ['p50', 'p95', 'p99'] as const) {
        rows.push([
          `${of === 'observer' ? 'observer' : 'all editors'} ${p}`,
          ...runs.map((r) => fmt(r[of]?.[p])),
          ...(runs.length === 2 ? [fmt(latency.ratioOursToReference[of][p])] : []),
        ])
      }
      rows.push([
        `${of === 'observer' ? 'observer' : 'all editors'} max`,
        ...runs.map((r) => fmt(r[of]?.max)),
        ...(runs.length === 2 ? [''] : []),
      ])
    }
    const extra = runs.length === 2 ? [''] : []
    rows.push(['edits sent (window)', ...runs.map((r) => String(r.edits.sentInWindow)), ...extra])
    rows.push(['edits/s per editor', ...runs.map((r) => String(r.edits.achievedRatePerEditor)), ...extra])
    rows.push([
      'missing (obs / editors)',
      ...runs.map((r) => `${r.edits.missingAtObserver} / ${fmt(r.edits.missingAtEditors)}`),
      ...extra,
    ])
    rows.push(['messages/s (in+out)', ...runs.map((r) => String(r.messages.perSecond)), ...extra])
    rows.push(['  client→server /s', ...runs.map((r) => String(r.messages.clientToServerPerSecond)), ...extra])
    rows.push(['  server→client /s', ...runs.map((r) => String(r.messages.serverToClientPerSecond)), ...extra])
    rows.push(['  per connection sent /s', ...runs.map((r) => String(r.messages.maxPerConnectionSentPerSecond)), ...extra])
    rows.push(['server CPU (% of a core)', ...runs.map((r) => String(r.serverCpu.percentOfOneCore)), ...extra])
    rows.push([
      `machine busy (of ${os.cpus().length * 100} %)`,
      ...runs.map((r) => fmt(r.machineCpu.machineBusyPercent)),
      ...extra,
    ])
    rows.push(['  editor processes %', ...runs.map((r) => fmt(r.machineCpu.editorProcessesPercent)), ...extra])
    rows.push([
      '  other processes % / steal %',
      ...runs.map((r) => `${fmt(r.machineCpu.otherProcessesPercent)} / ${fmt(r.machineCpu.stealPercent)}`),
      ...extra,
    ])
    rows.push([
      'event-loop delay p99 / max ms',
      ...runs.map((r) => `${fmt(r.eventLoopDelay?.p99Ms)} / ${fmt(r.eventLoopDelay?.maxMs)}`),
      ...extra,
    ])
    rows.push(['  longest stall (5 ms timer) ms', ...runs.map((r) => fmt(r.eventLoopDelay?.longestTimerGapMs)), ...extra])
    rows.push([
      '  longest GC pause ms (major GCs)',
      ...runs.map((r) => (r.eventLoopDelay ? `${fmt(r.eventLoopDelay.longestGcPauseMs)} (${r.eventLoopDelay.majorGcs})` : '–')),
      ...extra,
    ])
    rows.push([
      '  stalls > 20 ms (mostly waiting for a CPU)',
      ...runs.map((r) => {
        const stalls = r.eventLoopDelay?.stalls ?? []
        return `${r.eventLoopDelay?.stallsOver20Ms ?? '–'} (of the longest ${stalls.length}: ${stalls.filter((stall) => (stall.waitingForCpuMs ?? 0) >= stall.ms / 2).length})`
      }),
      ...extra,
    ])
    rows.push([
      'server RSS idle / peak MiB',
      ...runs.map((r) => `${r.serverMemory.idleRssMiB} / ${r.serverMemory.peakRssMiB}`),
      ...extra,
    ])
    rows.push(['connect+sync median ms', ...runs.map((r) => String(r.connectMs.median)), ...extra])
    rows.push(['editor timer lag p99 ms', ...runs.map((r) => String(r.editorTimerLagMs.p99)), ...extra])
    rows.push(['editor timer lag max ms', ...runs.map((r) => String(r.editorTimerLagMs.max)), ...extra])
    rows.push(['socket closes', ...runs.map((r) => String(r.closes.length)), ...extra])
    table(rows)
    for (const run of runs) {
      const warnings = Object.entries(run.serverWarnings)
      if (warnings.length) console.log(`  ${run.server} server warnings: ${warnings.map(([k, n]) => `${k} ×${n}`).join('; ')}`)
      for (const stall of run.eventLoopDelay?.stalls ?? []) {
        const compaction = run.compactions.find((c) => stall.at >= c.endedAt - c.ms && stall.at - stall.ms <= c.endedAt)
        console.log(
          `  ${run.server} stall ${stall.ms} ms: main thread ran ${fmt(stall.runningMs)} ms, waited for a CPU ${fmt(stall.waitingForCpuMs)} ms${compaction ? ', during a compaction' : ''}`,
        )
      }
      if (run.closes.length)
        console.log(`  ${run.server} closes: ${JSON.stringify(run.closes.slice(0, 5))}${run.closes.length > 5 ? ' …' : ''}`)
    }
  }
  if (coldLoad) {
    const history = coldLoad.history as Record<string, number>
    console.log(
      `\nCold load of a large pact (ours): ${history.chars} characters ≈ ${history.pagesAt2500CharsPerPage} pages, ${history.blocks} blocks, ` +
        `from ${history.updates} recorded updates (medians of ${config.loadSamples}, ms)`,
    )
    const loadRows = [
      [
        '',
        'log rows',
        'stored KiB',
        'server log (min)',
        'handshake',
        '→ step 2 (min)',
        '→ synced',
        'warm step 2',
        'compaction',
        'RSS + MiB',
      ],
    ]
    for (const [variant, v] of Object.entries(coldLoad.variants as Record<string, Record<string, number | null>>)) {
      loadRows.push([
        variant,
        fmt(v.logRows),
        fmt(round(((v.stateBytes ?? 0) + (v.logBytes ?? 0)) / 1024, 0)),
        `${fmt(v.serverLoadMs)} (${fmt(v.minServerLoadMs)})`,
        fmt(v.handshakeMs),
        `${fmt(v.firstStep2Ms)} (${fmt(v.minFirstStep2Ms)})`,
        fmt(v.syncedMs),
        fmt(v.warmFirstStep2Ms),
        fmt(v.compactionMs),
        fmt(v.rssGrowthWhileLoadingMiB),
      ])
    }
    table(loadRows)
    const samples = coldLoad.samples as LoadSample[]
    const disturbed = samples.filter((sample) => (sample.otherProcessesPercent ?? 0) > config.disturbedPercent).length
    if (disturbed)
      console.log(
        `  ${disturbed} of ${samples.length} samples ran while other processes used over ${config.disturbedPercent} % of a core: trust the minimum more than the median`,
      )
    const fresh = coldLoad.freshProcess as Record<string, FreshProcessLoad>
    for (const [variant, load] of Object.entries(fresh))
      console.log(
        `  ${variant} in a fresh server process: idle ${load.idleRssMiB} MiB, peak while loading ${load.peakRssMiB} MiB (VmHWM), load ${fmt(load.serverLoadMs)} ms, → step 2 ${load.firstStep2Ms} ms`,
      )
    if (coldLoad.serverMemory)
      console.log(
        `  server peak RSS over all loads: ${(coldLoad.serverMemory as { peakRssMiB: number }).peakRssMiB} MiB (earlier pacts stay loaded 30 s; "RSS +" is one load's own growth)`,
      )
  }
  console.log(`\nTargets: ${JSON.stringify(targets)}`)
  console.log(`Targets at real size (#14): ${JSON.stringify(scaleTargets)}`)
}

main()
  .then(() => {
    cleanUp()
    process.exit(0)
  })
  .catch((error: unknown) => {
    console.error(error)
    cleanUp()
    process.exit(1)
  })
