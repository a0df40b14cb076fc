import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { logger } from '#app/platform/logger.server.ts'
import { installPorts, ports } from '#app/platform/ports.ts'
import { changeMemberAccess } from '#app/pacts/pacts.server.ts'
import { crossInstancePorts } from '#server/scale-out/ports.ts'
import { RedisBus } from '#server/scale-out/redis-bus.ts'
import { installTestPorts } from '#tests/support/ports.ts'
import { createSqlDocumentStore, readStoredState } from '#server/collab/persistence.ts'
import { TEST_TEXT, waitFor } from '#tests/support/collab.ts'
import { addMember, createTestPact } from '#tests/support/fixtures.ts'
import { scaleOutTestbed, typeWords } from './support.ts'

const testbed = scaleOutTestbed()

async function storedText(pactId: string): Promise<string> {
  const state = await readStoredState(createSqlDocumentStore(), pactId)
  const doc = new Y.Doc()
  if (state) Y.applyUpdate(doc, state)
  return doc.getText(TEST_TEXT).toString()
}

const containsAll = (text: string, words: readonly string[]) => words.every((word) => text.includes(word))

describe('two app instances on one PostgreSQL and one Redis', () => {
  it('lets two clients on two instances co-edit one pact live, with presence, and converge', async () => {
    const pact = await createTestPact()
    const redis = await testbed.redis()
    const [a, b] = [await testbed.instance(redis.url), await testbed.instance(redis.url)]
    const onA = testbed.client(a, pact.pactId, pact.owner)
    const onB = testbed.client(b, pact.pactId, pact.owner)
    await Promise.all([onA.whenSynced(), onB.whenSynced()])

    onA.text.insert(0, 'Van A. ')
    await waitFor(() => onB.text.toString() === 'Van A. ', 'B to receive A’s edit', 10_000)
    onB.text.insert(onB.text.length, 'Van B.')
    await waitFor(() => onA.text.toString() === 'Van A. Van B.', 'A to receive B’s edit', 10_000)
    onA.provider.awareness.setLocalStateField('cursor', { anchor: 3 })
    await waitFor(
      () => onB.provider.awareness.getStates().get(onA.doc.clientID)?.cursor?.anchor === 3,
      'B to see A’s caret',
      10_000,
    )

    const [wordsA, wordsB] = await Promise.all([typeWords(onA, 'a', 30), typeWords(onB, 'b', 30)])
    await waitFor(
      () => onA.text.toString() === onB.text.toString() && containsAll(onA.text.toString(), [...wordsA, ...wordsB]),
      'both to converge',
      15_000,
    )
    expect(await storedText(pact.pactId)).toBe(onA.text.toString())
  })

  it('loses no acknowledged edit when one instance is killed under load: its clients move to the other', async () => {
    const pact = await createTestPact()
    const redis = await testbed.redis()
    const [a, b] = [await testbed.instance(redis.url), await testbed.instance(redis.url)]
    const balancer = await testbed.proxy(a.port)
    const writer = testbed.client(balancer, pact.pactId, pact.owner)
    const watcher = testbed.client(b, pact.pactId, pact.owner)
    await Promise.all([writer.whenSynced(), watcher.whenSynced()])

    const typing = typeWords(writer, 'w', 80, 10)
    await waitFor(() => watcher.text.length > 60, 'edits to flow from A to B')
    // What the watcher on B has seen went through A's log: it must survive A's death.
    await a.kill()
    const acknowledged = watcher.text.toString()
    balancer.retarget({ host: '127.0.0.1', port: b.port })
    const words = await typing

    await waitFor(() => containsAll(watcher.text.toString(), words), 'every word to reach B, resent by the writer', 15_000)
    expect(watcher.text.toString().startsWith(acknowledged)).toBe(true)
    await waitFor(async () => (await storedText(pact.pactId)) === watcher.text.toString(), 'everything to be stored')
    expect(writer.text.toString()).toBe(watcher.text.toString())
  })

  it('keeps editing through a Redis restart, and instances exchange every edit again after it', async () => {
    const pact = await createTestPact()
    const redis = await testbed.redis()
    const [a, b] = [await testbed.instance(redis.url), await testbed.instance(redis.url)]
    const onA = testbed.client(a, pact.pactId, pact.owner)
    const alsoOnA = testbed.client(a, pact.pactId, pact.owner)
    const onB = testbed.client(b, pact.pactId, pact.owner)
    await Promise.all([onA.whenSynced(), alsoOnA.whenSynced(), onB.whenSynced()])

    const typingA = typeWords(onA, 'a', 60, 15)
    const typingB = typeWords(onB, 'b', 60, 15)
    await waitFor(() => onB.text.toString().includes('a5;'), 'edits to cross before the restart')
    await redis.stop()
    // Without Redis, an instance still serves its own clients.
    const duringOutage = onA.text.length
    await waitFor(() => alsoOnA.text.length > duringOutage + 20, 'A’s clients to keep editing together while Redis is down')
    await redis.restart()
    const words = [...(await typingA), ...(await typingB)]

    await waitFor(
      () => onA.text.toString() === onB.text.toString() && containsAll(onB.text.toString(), words),
      'both instances to have every edit',
      15_000,
    )
    onA.text.insert(0, 'na de herstart ')
    await waitFor(() => onB.text.toString().startsWith('na de herstart '), 'live relay to resume')
    await waitFor(async () => (await storedText(pact.pactId)) === onB.text.toString(), 'everything to be stored')
  })

  it('stops a demoted redacteur’s writes on another instance at once: the access change crosses through Redis', async () => {
    const pact = await createTestPact()
    const member = await addMember(pact, 'redacteur')
    const redis = await testbed.redis()
    const b = await testbed.instance(redis.url)
    // This test process is the instance where the change is made: its ports publish on Redis.
    const bus = new RedisBus(redis.url, logger)
    installPorts(crossInstancePorts(bus, ports()))
    testbed.onTeardown(async () => {
      installTestPorts()
      await bus.close()
    })
    await waitFor(() => bus.connected, 'this process to reach Redis')
    const writer = testbed.client(b, pact.pactId, member)
    await writer.whenSynced()
    writer.text.insert(0, 'voor. ')
    await waitFor(async () => (await storedText(pact.pactId)) === 'voor. ', 'the first edit to be stored')

    await changeMemberAccess(pact.pactId, member.id, 'lezer', pact.owner.id)
    // B re-checks its sockets by itself only every 30 s: a refusal within seconds came through Redis.
    const typing = setInterval(() => writer.text.insert(writer.text.length, 'na. '), 20)
    try {
      await waitFor(() => writer.closes.some((close) => close.code === 1008), 'B to refuse the demoted member’s writes', 5_000)
    } finally {
      clearInterval(typing)
    }
  })

  it('tells open pages on another instance what changed: server-sent events cross through Redis', async () => {
    const pact = await createTestPact()
    const redis = await testbed.redis()
    const b = await testbed.instance(redis.url)
    const bus = new RedisBus(redis.url, logger)
    installPorts(crossInstancePorts(bus, ports()))
    testbed.onTeardown(async () => {
      installTestPorts()
      await bus.close()
    })
    await waitFor(() => bus.connected, 'this process to reach Redis')
    const abort = new AbortController()
    testbed.onTeardown(() => abort.abort())
    const response = await fetch(`${b.origin}/pacts/${pact.pactId}/events`, {
      headers: { cookie: pact.owner.cookie },
      signal: abort.signal,
    })
    expect(response.status).toBe(200)
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let received = ''
    const reading = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value
    })().catch(() => {})
    await waitFor(() => received.includes('retry:'), 'the event stream to open')

    ports().events.publish(pact.pactId, 'comments')
    await waitFor(() => received.includes('event: comments'), 'the page on B to hear of the comment made elsewhere')
    abort.abort()
    await reading
  })

  it('refuses writes while PostgreSQL is unreachable, relays nothing unstored, and recovers by itself', async () => {
    const pact = await createTestPact()
    const redis = await testbed.redis()
    const database = new URL(process.env.DATABASE_URL!)
    const toPostgres = await testbed.proxy(Number(database.port || 5432))
    const viaProxy = new URL(database)
    viaProxy.port = String(toPostgres.port)
    const a = await testbed.instance(redis.url, { databaseUrl: viaProxy.toString() })
    const b = await testbed.instance(redis.url)
    const writer = testbed.client(a, pact.pactId, pact.owner)
    const watcher = testbed.client(b, pact.pactId, pact.owner)
    await Promise.all([writer.whenSynced(), watcher.whenSynced()])
    writer.text.insert(0, 'opgeslagen. ')
    await waitFor(() => watcher.text.toString() === 'opgeslagen. ', 'the first edit to cross')

    toPostgres.cut()
    writer.text.insert(writer.text.length, 'tijdens de storing.')
    await waitFor(() => writer.closes.length > 0, 'A to refuse the write and close the socket')
    expect(watcher.text.toString()).toBe('opgeslagen. ')
    expect(await storedText(pact.pactId)).toBe('opgeslagen. ')
    // The load balancer's health check takes A out and keeps B in.
    expect((await fetch(`${a.origin}/gezond`)).status).toBe(503)
    expect((await fetch(`${b.origin}/gezond`)).status).toBe(200)

    toPostgres.restore()
    await waitFor(
      () => watcher.text.toString() === 'opgeslagen. tijdens de storing.',
      'the kept edit to be resent, stored and relayed',
      20_000,
    )
    expect(await storedText(pact.pactId)).toBe('opgeslagen. tijdens de storing.')
    expect((await fetch(`${a.origin}/gezond`)).status).toBe(200)
    // The same process recovered: losing its database must not take it down.
    expect(a.child.exitCode).toBeNull()
  })
})
