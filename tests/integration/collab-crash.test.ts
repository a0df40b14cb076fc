import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataDirectory } from '#app/db/db.server.ts'
import { collabTestbed, waitFor } from '#tests/support/collab.ts'
import { createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

/**
 * Runs against the real app server (`node server/main.js` on the production build), so it
 * needs `npm run build` first, with the collaboration server wired into the build: until
 * then it is skipped. The marker is a log message only server/collab contains.
 */
const BUNDLE_DIR = 'build/server/assets'
const builtWithCollab =
  existsSync('build/server/index.js') &&
  existsSync(BUNDLE_DIR) &&
  readdirSync(BUNDLE_DIR).some((file) => readFileSync(path.join(BUNDLE_DIR, file), 'utf8').includes('collab connection opened'))

async function startAppServer(): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['server/main.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PACTWERK_DATA_DIR: dataDirectory(), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  testbed.onTeardown(() => child.kill('SIGKILL'))
  const origin = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      if (url) resolve(url)
    })
    child.once('exit', (code) => reject(new Error(`server/main.js exited with ${code} before listening:\n${output}`)))
  })
  return { origin, child }
}

describe('crash safety', () => {
  it.skipIf(!builtWithCollab)('keeps every relayed edit through a kill -9 of the server', { timeout: 30_000 }, async () => {
    const pact = await createTestPact()
    const first = await startAppServer()
    const server = { origin: first.origin, collabUrl: `${first.origin.replace('http', 'ws')}/collab` }
    const writer = testbed.client(server, pact.pactId, pact.owner)
    const watcher = testbed.client(server, pact.pactId, pact.owner)
    await Promise.all([writer.whenSynced(), watcher.whenSynced()])

    const edits = Array.from({ length: 40 }, (_, i) => `bijdrage ${i};`)
    for (const edit of edits) {
      writer.text.insert(writer.text.length, edit)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitFor(() => watcher.text.toString() === edits.join(''), 'the watcher to receive every edit')
    const relayed = watcher.text.toString()

    // No shutdown, no compaction: only what was written before relaying can survive.
    const exited = new Promise((resolve) => first.child.once('exit', resolve))
    first.child.kill('SIGKILL')
    await exited
    writer.destroy()
    watcher.destroy()

    const second = await startAppServer()
    const fresh = testbed.client({ origin: second.origin, collabUrl: `${second.origin.replace('http', 'ws')}/collab` }, pact.pactId, pact.owner)
    await fresh.whenSynced()
    expect(fresh.text.toString()).toContain(relayed)
  })
})
