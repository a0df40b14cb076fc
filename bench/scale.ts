import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { connectBenchClient, editMarker, now, recordLatencies, type BenchClient } from './lib/clients.ts'
import { startOurServer, type RunningServer } from './lib/servers.ts'
import { cpuSeconds, summarize, waitForQuietMachine, type LatencySummary } from './lib/stats.ts'

/**
 * `npm run bench:scale`: two app instances on one PostgreSQL and one Redis. The same editors
 * type into one pact twice in one run: all connected to one instance, then split over both.
 * Reported: edit latency (send → arrival at each other editor), for the split run separately
 * for edits that crossed instances (PostgreSQL commit, Redis, the other instance) and for those
 * that stayed on one; the instances' CPU. Results as JSON in bench/results/.
 *
 * Needs PostgreSQL (`BENCH_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432/postgres,
 * where it creates and drops a database of its own) and redis-server (it starts its own on a
 * free port). Talks only to 127.0.0.1.
 */

function setting(name: string, fallback: number): number {
  const flag = process.argv.slice(2).find((arg) => arg.startsWith(`--${name.toLowerCase()}=`))
  const raw = flag ? flag.slice(flag.indexOf('=') + 1) : process.env[name]
  const value = raw === undefined || raw === '' ? fallback : Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`)
  return value
}

const config = {
  editors: Math.max(2, Math.round(setting('EDITORS', 20))),
  ratePerEditor: setting('RATE', 2),
  durationS: setting('DURATION', 15),
  warmupS: setting('WARMUP', 3),
  drainS: setting('DRAIN', 2),
  quietWaitS: setting('QUIET_WAIT', 30),
  timeoutS: setting('BENCH_TIMEOUT', 600),
}
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RESULTS_DIR = path.join(ROOT, 'bench/results')
const log = (line: string) => console.log(`[bench:scale] ${line}`)
// Every WebsocketProvider adds an 'exit' listener to the process; this process holds all the editors.
process.setMaxListeners(0)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Everything this run starts goes, however it ends.
const cleanups: Array<() => Promise<unknown> | unknown> = []
async function cleanUp(): Promise<void> {
  for (const step of cleanups.splice(0).reverse()) await Promise.resolve(step()).catch(() => {})
}
const deadline = setTimeout(() => {
  console.error(`bench:scale did not finish within BENCH_TIMEOUT=${config.timeoutS} s; stopping`)
  void cleanUp().then(() => process.exit(2))
}, config.timeoutS * 1000)
deadline.unref()
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().then(() => process.exit(130)))

async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function startRedis(): Promise<string> {
  const port = await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  cleanups.push(() => child.kill('SIGKILL'))
  await new Promise<void>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)))
  })
  return `redis://127.0.0.1:${port}`
}

interface RunResult {
  layout: 'one-instance' | 'two-instances'
  editorsPerInstance: [number, number]
  sent: number
  /** Every edit at every other editor. */
  all: LatencySummary | null
  /** Edits typed on the other instance than the receiver's (two-instances only). */
  crossInstance: LatencySummary | null
  /** Edits typed on the receiver's own instance. */
  sameInstance: LatencySummary | null
  /** Editor×edit pairs that never arrived (should be 0). */
  missing: number
  instanceCpuPercentOfOneCore: [number, number]
  /** Other work on the machine just before the run (% of one core, over one second): figures from a busy machine are noisy. */
  machineBusyPercentBefore: number | null
}

async function run(
  layout: RunResult['layout'],
  instances: [RunningServer, RunningServer],
  room: string,
  cookies: string[],
): Promise<RunResult> {
  const instanceOf = (editor: number) => (layout === 'one-instance' ? 0 : editor % 2)
  const window: { from: number; until: number } = { from: Infinity, until: -Infinity }
  const cross: number[] = []
  const same: number[] = []
  // Two listeners per client in both runs, one for even and one for odd senders (in the split run
  // those are the two instances), so the editors, all in this process, cost the same per edit.
  const clients: BenchClient[] = cookies.map((cookie, editor) => {
    const client = connectBenchClient(instances[instanceOf(editor)], room, cookie)
    for (const parity of [0, 1]) {
      const into = instanceOf(parity) === instanceOf(editor) ? same : cross
      recordLatencies(
        client,
        () => window,
        into,
        (sender) => sender % 2 === parity,
      )
    }
    return client
  })
  try {
    await Promise.all(clients.map((client) => client.whenSynced(30_000)))
    const quiet = await waitForQuietMachine(config.quietWaitS * 1000)
    const cpuBefore = instances.map((instance) => cpuSeconds(instance.pid) ?? 0)
    const started = now()
    window.from = started + config.warmupS * 1000
    window.until = window.from + config.durationS * 1000
    let sent = 0
    const periodMs = 1000 / config.ratePerEditor
    const timers: NodeJS.Timeout[] = []
    clients.forEach((client, editor) => {
      let seq = 0
      // Spread the editors over the period, so edits do not arrive in bursts.
      const start = setTimeout(
        () => {
          const typing = setInterval(() => {
            const sentAt = now()
            if (sentAt >= window.until) return
            if (sentAt >= window.from) sent++
            client.text.insert(client.text.length, editMarker(editor, seq++, sentAt))
          }, periodMs)
          timers.push(typing)
        },
        (editor * periodMs) / clients.length,
      )
      timers.push(start)
    })
    await sleep(window.until - now() + config.drainS * 1000)
    for (const timer of timers) clearTimeout(timer)
    const elapsedS = (now() - started) / 1000
    const cpu = instances.map(
      (instance, i) => Math.round((((cpuSeconds(instance.pid) ?? 0) - cpuBefore[i]) / elapsedS) * 1000) / 10,
    ) as [number, number]
    const all = [...same, ...cross]
    const expected = sent * (clients.length - 1)
    return {
      layout,
      editorsPerInstance: [
        clients.filter((_, e) => instanceOf(e) === 0).length,
        clients.filter((_, e) => instanceOf(e) === 1).length,
      ],
      sent,
      all: summarize(all),
      crossInstance: layout === 'two-instances' ? summarize(cross) : null,
      sameInstance: summarize(same),
      missing: Math.max(0, expected - all.length),
      instanceCpuPercentOfOneCore: cpu,
      machineBusyPercentBefore: quiet.busyPercent,
    }
  } finally {
    for (const client of clients) client.destroy()
  }
}

async function main(): Promise<void> {
  const database = `pactwerk_bench_${randomBytes(4).toString('hex')}`
  await onPostgres(`CREATE DATABASE ${database}`)
  cleanups.push(() => onPostgres(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))
  const databaseUrl = new URL(POSTGRES_URL)
  databaseUrl.pathname = `/${database}`
  const redisUrl = await startRedis()
  const env = { DATABASE_URL: databaseUrl.toString(), REDIS_URL: redisUrl }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pactwerk-bench-scale-'))
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))

  // One after the other: the first migrates the new database.
  const instances: RunningServer[] = []
  for (let i = 0; i < 2; i++) {
    const instance = await startOurServer(ROOT, dataDir, 'warn', env)
    cleanups.push(() => instance.stop())
    instances.push(instance)
  }
  log(`two instances (pids ${instances.map((i) => i.pid).join(', ')}) on ${database} and ${redisUrl}`)

  // The bench's own rows go into the same PostgreSQL database, through the app's functions.
  process.env.DATABASE_URL = env.DATABASE_URL
  const { addEditor, closeDb, createBenchPact, createUser } = await import('./lib/database.ts')
  cleanups.push(() => closeDb())
  const owner = await createUser('Eigenaar')
  const users = await Promise.all(Array.from({ length: config.editors }, (_, i) => createUser(`Redacteur ${i + 1}`)))
  const results: RunResult[] = []
  for (const layout of ['one-instance', 'two-instances'] as const) {
    const pact = await createBenchPact(owner, layout)
    for (const user of users) await addEditor(pact, user)
    log(`${layout}: ${config.editors} editors × ${config.ratePerEditor} edits/s for ${config.durationS} s`)
    const result = await run(
      layout,
      instances as [RunningServer, RunningServer],
      pact.pactId,
      users.map((user) => user.cookie),
    )
    results.push(result)
    const show = (name: string, s: LatencySummary | null) =>
      s ? `${name} p50 ${s.p50} ms, p99 ${s.p99} ms (${s.samples})` : `${name} –`
    log(
      `  ${show('all', result.all)}; ${show('cross-instance', result.crossInstance)}; ${show('same instance', result.sameInstance)}; missing ${result.missing}; CPU ${result.instanceCpuPercentOfOneCore.join(' % / ')} %; machine busy before ${result.machineBusyPercentBefore} %`,
    )
  }

  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')
  const report = {
    benchmark: 'scale',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    config,
    runs: results,
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `scale-${stamp}.json`)
  writeFileSync(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`)
  renameSync(`${file}.tmp`, file)
  writeFileSync(path.join(RESULTS_DIR, 'scale-latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  log(`results: ${path.relative(ROOT, file)}`)
}

main()
  .then(cleanUp, async (error: unknown) => {
    console.error(error)
    await cleanUp()
    process.exitCode = 1
  })
  .finally(() => clearTimeout(deadline))
