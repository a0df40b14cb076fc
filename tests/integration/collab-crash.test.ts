import { describe, expect, it } from 'vitest'
import { dataDirectory } from '#app/platform/db/db.server.ts'
import { collabTestbed, waitFor } from '#tests/support/collab.ts'
import { createTestPact } from '#tests/support/fixtures.ts'
import { startBuiltServer } from '#tests/support/built-server.ts'

const testbed = collabTestbed()

/** Against the real app server: `node server/main.js` on the production build (`npm run build`). */
async function startAppServer() {
  const server = await startBuiltServer(dataDirectory())
  testbed.onTeardown(() => server.child.kill('SIGKILL'))
  return { origin: server.url, child: server.child }
}

describe('crash safety', () => {
  it('keeps every relayed edit through a kill -9 of the server', { timeout: 30_000 }, async () => {
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
    const fresh = testbed.client(
      { origin: second.origin, collabUrl: `${second.origin.replace('http', 'ws')}/collab` },
      pact.pactId,
      pact.owner,
    )
    await fresh.whenSynced()
    expect(fresh.text.toString()).toContain(relayed)
  })
})
