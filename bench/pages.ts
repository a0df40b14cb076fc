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
 * has hydrated them. Measures the existing production build (`npm run build` first), on the demo
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
  chunks: Array<{ file: string; rawBytes: number; gzipBytes: number }>
}

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
  const page = await context.newPage()
  const bodies: Array<Promise<{ file: string; body: Buffer }>> = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' || new URL(response.url()).pathname.endsWith('.js')) {
      bodies.push(response.body().then((body) => ({ file: new URL(response.url()).pathname, body })))
    }
  })
  await page.goto(`${pactPath}${plan.suffix}`)
  await page.waitForSelector(plan.ready, { timeout: 60_000 })
  // What was fetched up to now is what the page needed to become usable.
  const fetched = await Promise.all([...bodies])
  await context.close()
  const chunks = fetched
    .map(({ file, body }) => ({ file, rawBytes: body.length, gzipBytes: gzipSync(body).length }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
  const gzipBytes = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0)
  return {
    page: plan.page,
    path: plan.suffix || '/',
    scripts: chunks.length,
    rawBytes: chunks.reduce((sum, chunk) => sum + chunk.rawBytes, 0),
    gzipBytes,
    withinTarget: gzipBytes <= TARGET_GZIP_BYTES,
    chunks,
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
        `  ${figures.page.padEnd(18)} ${kb(figures.gzipBytes).padStart(10)} gzip  ${kb(figures.rawBytes).padStart(10)} raw  ${String(figures.scripts).padStart(3)} scripts  ${figures.withinTarget ? 'within target' : 'OVER TARGET'}`,
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
