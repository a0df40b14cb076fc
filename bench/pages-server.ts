import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { connectBenchClient, type BenchClient } from './lib/clients.ts'
import { generateHistory, stateAfter } from './lib/history.ts'
import { startOurServer, type RunningServer } from './lib/servers.ts'
import { summarize } from './lib/stats.ts'

/**
 * `npm run bench:pages-server`: how long the built server takes to answer the sign-off pages of
 * the 232-page pact (the matrix and a clause page), right after a change to one clause and with
 * nothing changed, next to the reading version, which still builds a whole-document snapshot
 * (decode, read, render, hash everything) as the sign-off pages did before. Times are the
 * loaders' data requests (`.data`) on 127.0.0.1, measured at the client. See bench/README.md.
 */

const ROUNDS = Number(process.env.ROUNDS ?? 15)
const HISTORY_UPDATES = Number(process.env.LOAD_UPDATES ?? 60_000)
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RESULTS_DIR = path.join(ROOT, 'bench/results')
const log = (line: string) => console.log(`[bench] ${line}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pactwerk-bench-pages-'))
let server: RunningServer | null = null
let client: BenchClient | null = null
function cleanUp(): void {
  client?.destroy()
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
}
process.on('exit', cleanUp)

async function timed(url: string, cookie: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(url, { headers: { cookie } })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  return performance.now() - started
}

/** A first-level clause of the document, with the text of its first paragraph to type into. */
function clauseToEdit(doc: Y.Doc, nth: number): { clauseId: string; text: Y.XmlText } {
  const clauses = doc
    .getXmlFragment('default')
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'clause')
  const clause = clauses[nth % clauses.length]!
  const paragraph = clause.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'paragraph') as Y.XmlElement
  return { clauseId: clause.getAttribute('clauseId') as string, text: paragraph.get(0) as Y.XmlText }
}

async function main(): Promise<void> {
  // The schema is the build's: it creates and migrates the database, then the bench fills it.
  const schemaServer = await startOurServer(ROOT, dataDir, 'warn')
  await schemaServer.stop()
  process.env.PACTWERK_DATA_DIR = dataDir
  process.env.LOG_LEVEL = 'warn'
  const database = await import('./lib/database.ts')
  const owner = await database.createUser('Beheerder')
  const pact = await database.createBenchPact(owner, 'pages')
  const history = generateHistory({ updates: HISTORY_UPDATES, seed: 20261 })
  const state = stateAfter(history.updates, history.updates.length)
  await database.storeDocument(pact.pactId, state, [])
  await database.closeDb()
  log(
    `the pact: ${history.chars} characters (~${Math.round(history.chars / 2500)} pages), state ${Math.round(state.byteLength / 1024)} KiB`,
  )

  server = await startOurServer(ROOT, dataDir, 'warn')
  const base = `${server.origin}/pacts/${pact.pactId}`
  client = connectBenchClient(server, pact.pactId, owner.cookie)
  await client.whenSynced(120_000)

  const pages = {
    matrix: () => `${base}/akkoord.data`,
    clause: (clauseId: string) => `${base}/artikelen/${clauseId}.data`,
    readingVersion: () => `${base}/leesversie.data`,
  }
  // Warm up: the first requests load code and build what is kept.
  const first = clauseToEdit(client.doc, 0)
  for (const url of [pages.matrix(), pages.clause(first.clauseId), pages.readingVersion()]) await timed(url, owner.cookie)

  const afterChange = { matrix: [] as number[], clause: [] as number[], readingVersion: [] as number[] }
  const unchanged = { matrix: [] as number[], clause: [] as number[] }
  for (let round = 0; round < ROUNDS; round++) {
    const { clauseId, text } = clauseToEdit(client.doc, round * 7 + 1)
    text.insert(0, `Wijziging ${round}. `)
    // Long enough for the change to be stored and applied on the server; the pages read the live document.
    await sleep(200)
    afterChange.matrix.push(await timed(pages.matrix(), owner.cookie))
    afterChange.clause.push(await timed(pages.clause(clauseId), owner.cookie))
    unchanged.matrix.push(await timed(pages.matrix(), owner.cookie))
    unchanged.clause.push(await timed(pages.clause(clauseId), owner.cookie))
  }
  // The reading version renders the whole document once a change made its cached snapshot stale. In
  // rounds of its own: the tens of megabytes each one leaves to collect would land in the next sign-off page's time.
  for (let round = 0; round < ROUNDS; round++) {
    clauseToEdit(client.doc, round * 7 + 1).text.insert(0, ' ')
    await sleep(200)
    afterChange.readingVersion.push(await timed(pages.readingVersion(), owner.cookie))
  }
  client.destroy()
  client = null
  await server.stop()
  server = null

  const result = {
    bench: 'pages-server',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
    pact: { chars: history.chars, pages: Math.round(history.chars / 2500), stateBytes: state.byteLength },
    rounds: ROUNDS,
    ms: {
      afterChange: Object.fromEntries(Object.entries(afterChange).map(([page, times]) => [page, summarize(times)])),
      unchanged: Object.fromEntries(Object.entries(unchanged).map(([page, times]) => [page, summarize(times)])),
    },
    target: 'sign-off matrix and clause pages ≤ 50 ms server time',
  }
  for (const [when, figures] of Object.entries(result.ms)) {
    for (const [page, summary] of Object.entries(figures)) {
      log(`${when.padEnd(12)} ${page.padEnd(15)} p50 ${summary?.p50} ms  p95 ${summary?.p95} ms  max ${summary?.max} ms`)
    }
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `pages-server-${result.at.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`)
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
  writeFileSync(path.join(RESULTS_DIR, 'pages-server-latest.json'), `${JSON.stringify(result, null, 2)}\n`)
  log(`results: ${path.relative(ROOT, file)}`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
