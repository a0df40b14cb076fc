import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Target } from './clients.ts'

/**
 * The two servers under test, each its own process on 127.0.0.1: the built app exactly as
 * `npm start` runs it (server/main.js), and the y-websocket@2 reference server (bin/server.cjs)
 * without persistence.
 */
export interface RunningServer extends Target {
  name: 'ours' | 'reference'
  pid: number
  child: ChildProcess
  /** Every stdout/stderr line so far. */
  lines: string[]
  /** Pino JSON lines so far, parsed (ours only). */
  logs(): Array<Record<string, unknown>>
  /** Resolves with the first log entry (from now on or already seen) that matches. */
  waitForLog(match: (entry: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown> | null>
  stop(): Promise<void>
  /** The server's event-loop delay since the previous call (or its start), in ms. */
  eventLoopDelay(): Promise<EventLoopDelay | null>
}

export interface EventLoopDelay {
  p50Ms: number | null
  p99Ms: number | null
  maxMs: number | null
  meanMs: number | null
  samples: number
  /** The longest a 5 ms timer in the server was late: the longest stall, also when the histogram saw none. */
  longestTimerGapMs: number
  timerTicks: number
  /** The garbage collector's longest pause, its total and how many were major (mark-compact) collections. */
  longestGcPauseMs: number
  gcMs: number
  majorGcs: number
  stallsOver20Ms: number
  /**
   * The longest stalls over 20 ms (at most 10): when (epoch ms, at the stall's end), how long, and
   * how much of it the main thread ran and waited for a CPU (Linux schedstat; null elsewhere).
   */
  stalls: Array<{ at: number; ms: number; runningMs: number | null; waitingForCpuMs: number | null }>
}

/**
 * Both servers run with it, so their event-loop delay is measured the same way; BENCH_NODE_FLAGS
 * adds Node flags to both, to find out where a stall comes from (e.g. `--trace-gc`, `--cpu-prof`).
 */
const preloadArgs = (root: string) => [
  ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  '--import',
  pathToFileURL(path.join(root, 'bench/lib/loop-delay-preload.mjs')).href,
]

function collectOutput(child: ChildProcess) {
  const lines: string[] = []
  const listeners = new Set<(line: string) => void>()
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = ''
    stream.on('data', (chunk: Buffer) => {
      partial += chunk.toString()
      const parts = partial.split('\n')
      partial = parts.pop()!
      for (const line of parts) {
        lines.push(line)
        for (const listener of listeners) listener(line)
      }
    })
  }
  return { lines, listeners }
}

function parseLog(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null
  try {
    return JSON.parse(line) as Record<string, unknown>
  } catch {
    return null
  }
}

function waitForLine(
  child: ChildProcess,
  output: ReturnType<typeof collectOutput>,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const existing = output.lines.map((line) => line.match(pattern)).find(Boolean)
    if (existing) return resolve(existing)
    const timer = setTimeout(
      () => done(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${output.lines.join('\n')}`)),
      timeoutMs,
    )
    const onExit = (code: number | null) =>
      done(new Error(`server exited (${code}) before printing ${pattern}:\n${output.lines.join('\n')}`))
    const listener = (line: string) => {
      const match = line.match(pattern)
      if (match) done(null, match)
    }
    function done(error: Error | null, match?: RegExpMatchArray) {
      clearTimeout(timer)
      output.listeners.delete(listener)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(match!)
    }
    output.listeners.add(listener)
    child.once('exit', onExit)
  })
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  // Never let the reference server persist, nor ours pick up a developer's settings.
  for (const name of ['YPERSISTENCE', 'CALLBACK_URL', 'PACTWERK_ORIGIN', 'TRUST_PROXY', 'DATABASE_URL', 'NODE_OPTIONS'])
    delete env[name]
  return env
}

function withLogHelpers(
  base: Omit<RunningServer, 'logs' | 'waitForLog' | 'lines' | 'eventLoopDelay'>,
  output: ReturnType<typeof collectOutput>,
): RunningServer {
  let reports = 0
  const server: RunningServer = {
    ...base,
    lines: output.lines,
    logs: () => output.lines.map(parseLog).filter((entry): entry is Record<string, unknown> => entry !== null),
    waitForLog(match, timeoutMs) {
      return new Promise((resolve) => {
        const seen = output.lines.map(parseLog).find((entry) => entry && match(entry))
        if (seen) return resolve(seen)
        const timer = setTimeout(() => {
          output.listeners.delete(listener)
          resolve(null)
        }, timeoutMs)
        const listener = (line: string) => {
          const entry = parseLog(line)
          if (!entry || !match(entry)) return
          clearTimeout(timer)
          output.listeners.delete(listener)
          resolve(entry)
        }
        output.listeners.add(listener)
      })
    },
    async eventLoopDelay() {
      const report = ++reports
      base.child.kill('SIGUSR2')
      const entry = await server.waitForLog((e) => e.report === report && typeof e.benchEventLoopDelay === 'object', 30_000)
      return (entry?.benchEventLoopDelay as EventLoopDelay | undefined) ?? null
    },
  }
  return server
}

/** The production build, started the way tests/support/built-server.ts and `npm start` do. */
export async function startOurServer(
  root: string,
  dataDir: string,
  logLevel = 'info',
  env: NodeJS.ProcessEnv = {},
): Promise<RunningServer> {
  // Someone may be rebuilding meanwhile (a build empties build/ first): give it time.
  const entry = path.join(root, 'build/server/index.js')
  for (let waited = 0; !existsSync(entry) && waited < 180; waited++) await new Promise((resolve) => setTimeout(resolve, 1_000))
  if (!existsSync(entry)) throw new Error('build/server/index.js is missing: run `npm run build` first')
  const child = spawn(process.execPath, [...preloadArgs(root), 'server/main.js'], {
    cwd: root,
    env: {
      ...baseEnv(),
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      PACTWERK_DATA_DIR: dataDir,
      LOG_LEVEL: logLevel,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = collectOutput(child)
  try {
    const [, url] = await waitForLine(child, output, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000)
    return withLogHelpers(
      {
        name: 'ours',
        pid: child.pid!,
        child,
        collabUrl: `${url.replace(/^http/, 'ws')}/collab`,
        origin: url,
        // SIGTERM: it closes sockets, stores and compacts, then exits.
        stop: () => stopChild(child, 15_000),
      },
      output,
    )
  } catch (error) {
    await stopChild(child, 2_000)
    throw error
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** y-websocket@2's own server (no persistence: YPERSISTENCE unset). */
export async function startReferenceServer(root: string): Promise<RunningServer> {
  const script = path.join(root, 'node_modules/y-websocket-reference/bin/server.cjs')
  if (!existsSync(script)) throw new Error(`${script} is missing (devDependency y-websocket-reference)`)
  const port = await freePort()
  const child = spawn(process.execPath, [...preloadArgs(root), script], {
    cwd: root,
    env: { ...baseEnv(), HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = collectOutput(child)
  try {
    await waitForLine(child, output, /running at '127\.0\.0\.1' on port (\d+)/, 30_000)
    return withLogHelpers(
      {
        name: 'reference',
        pid: child.pid!,
        child,
        collabUrl: `ws://127.0.0.1:${port}`,
        origin: `http://127.0.0.1:${port}`,
        stop: () => stopChild(child, 5_000),
      },
      output,
    )
  } catch (error) {
    await stopChild(child, 2_000)
    throw error
  }
}
