import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { startBuiltServer } from '../tests/support/built-server.ts'
import { launchBrowser } from '../tests/support/chromium.ts'

/**
 * How much JavaScript each pact page makes a browser fetch before it can be used, gzipped as a
 * server would send it: the document page until its editor takes input, the others until React
 * has hydrated them. A script counts when its request started before that moment; what the page
 * loads on demand afterwards is reported apart. Measures the existing production build (`npm run build` first), on the demo
 * pact, each page in a fresh browser context (nothing cached), and compares with the target.
 */

const TARGET_GZIP_BYTES = 250 * 1024
const ROOT = process.cwd()

interface PageFigures {
  page: string
  path: string
  scripts: number
  rawBytes: number
  gzipBytes: number
  withinTarget: boolean
  chunks: Chunk[]
  /** Requested once the page was usable (code loaded on demand), not counted against the target. */
  laterChunks: Chunk[]
}

type Chunk = { file: string; rawBytes: number; gzipBytes: number }

const PAGES: Array<{ page: string; suffix: string; ready: string }> = [
  { page: 'overview', suffix: '', ready: 'html[data-hydrated]' },
  { page: 'document', suffix: '/document', ready: '[data-testid="editor"][contenteditable="true"]' },
  { page: 'resultaatgebieden', suffix: '/resultaatgebieden', ready: 'html[data-hydrated]' },
  { page: 'akkoord', suffix: '/akkoord', ready: 'html[data-hydrated]' },
]

async function measure(browser: Browser, baseURL: string, cookie: string, pactPath: string, plan: (typeof PAGES)[number]) {
  const context = await browser.newContext({ baseURL, locale: 'nl-NL' })
  const [name, value] = cookie.split('=') as [string, string]
  await context.addCookies([{ name, value, url: baseURL }])
  // When the page became usable, on the page's own clock, so each script's request can be placed before or after it.
  await context.addInitScript((selector: string) => {
    const check = () => {
      if (!('pwUsableAt' in window) && document.querySelector(selector)) Object.assign(window, { pwUsableAt: performance.now() })
    }
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true })
  }, plan.ready)
  const page = await context.newPage()
  const bodies: Array<Promise<{ file: string; body: Buffer }>> = []
  const responded = new Set<string>()
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' || new URL(response.url()).pathname.endsWith('.js')) {
      responded.add(new URL(response.url()).pathname)
      bodies.push(response.body().then((body) => ({ file: new URL(response.url()).pathname, body })))
    }
  })
  await page.goto(`${pactPath}${plan.suffix}`)
  await page.waitForSelector(plan.ready, { timeout: 60_000 })
  // What the page requested before it was usable is what it needed; a lazy chunk requested just
  // after may still arrive before this line runs, which is why the request time decides.
  const requestedBefore = new Set(
    await page.evaluate(() => {
      const usableAt = (window as unknown as { pwUsableAt: number }).pwUsableAt
      return performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= usableAt)
        .map((entry) => new URL(entry.name).pathname)
    }),
  )
  const deadline = Date.now() + 30_000
  while ([...requestedBefore].some((file) => file.endsWith('.js') && !responded.has(file))) {
    if (Date.now() > deadline) throw new Error(`${plan.page}: scripts requested before the page was usable never arrived`)
    await page.waitForTimeout(50)
  }
  // The chunks loaded later are only reported, so a page that keeps a connection busy need not go quiet.
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined)
  const fetched = await Promise.all([...bodies])
  await context.close()
  const sized = fetched
    .map(({ file, body }) => ({ file, rawBytes: body.length, gzipBytes: gzipSync(body).length }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
  const chunks = sized.filter((chunk) => requestedBefore.has(chunk.file))
  const gzipBytes = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0)
  return {
    page: plan.page,
    path: plan.suffix || '/',
    scripts: chunks.length,
    rawBytes: chunks.reduce((sum, chunk) => sum + chunk.rawBytes, 0),
    gzipBytes,
    withinTarget: gzipBytes <= TARGET_GZIP_BYTES,
    chunks,
    laterChunks: sized.filter((chunk) => !requestedBefore.has(chunk.file)),
  } satisfies PageFigures
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pactwerk-bench-pages-'))
  const server = await startBuiltServer(dataDir)
  let browser: Browser | undefined
  try {
    const password = server.output().match(/password "([^"]+)"/)?.[1]
    if (!password) throw new Error('The built server printed no demo sign-ins: is the demo seeded?')
    const signIn = await fetch(`${server.url}/inloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'anouk@zuiderveen.example', password }),
    })
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
    const list = await (await fetch(`${server.url}/pacts`, { headers: { Cookie: cookie } })).text()
    // The demo pact being drafted, as its beheerder, who may edit it.
    const pactPath = list.match(/href="(\/pacts\/[a-z0-9]{20})"[^>]*>Pact voor de Transformatie Zuiderveen/)?.[1]
    if (!pactPath) throw new Error('The demo pact being drafted is not in the list of pacts')

    browser = await launchBrowser()
    const pages: PageFigures[] = []
    for (const plan of PAGES) pages.push(await measure(browser, server.url, cookie, pactPath, plan))

    console.log(`JavaScript fetched before each page is usable (gzip), target ≤ ${kb(TARGET_GZIP_BYTES)}:`)
    for (const figures of pages) {
      console.log(
        `  ${figures.page.padEnd(18)} ${kb(figures.gzipBytes).padStart(10)} gzip  ${kb(figures.rawBytes).padStart(10)} raw  ${String(figures.scripts).padStart(3)} scripts  ${figures.withinTarget ? 'within target' : 'OVER TARGET'}  (later: ${kb(figures.laterChunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0))})`,
      )
    }
    // To the minute, so a second run on the same day (a before and an after) keeps the first.
    const stamp = `${new Date().toISOString().slice(0, 16).replace(':', '-')}Z`
    const resultsDir = path.join(ROOT, 'bench/results')
    mkdirSync(resultsDir, { recursive: true })
    const file = path.join(resultsDir, `pages-${stamp}.json`)
    writeFileSync(
      file,
      `${JSON.stringify({ measuredAt: new Date().toISOString(), targetGzipBytes: TARGET_GZIP_BYTES, pages }, null, 2)}\n`,
    )
    console.log(`results: ${path.relative(ROOT, file)}`)
  } finally {
    await browser?.close()
    server.child.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
