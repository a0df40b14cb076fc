import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { startBuiltServer } from '#tests/support/built-server.ts'
import { connectClient, type TestClient } from '#tests/support/collab.ts'
import { startRedis, startTcpProxy } from '#tests/support/services.ts'

/**
 * Two (or more) real app processes, `node server/main.js` on the production build, on this test
 * file's PostgreSQL database (tests/setup/env.ts) and a Redis of the test's own, with clients
 * connected the way browsers behind a load balancer are. Everything is stopped after each test.
 */
export function scaleOutTestbed() {
  const teardown: Array<() => unknown> = []
  afterEach(async () => {
    for (const step of teardown.splice(0).reverse()) await step()
  })

  return {
    async redis() {
      const redis = await startRedis()
      teardown.push(() => redis.stop())
      return redis
    },

    /** An app instance; `databaseUrl` lets a test put a proxy between it and PostgreSQL. */
    async instance(redisUrl: string, { databaseUrl = process.env.DATABASE_URL! } = {}) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'pactwerk-scale-'))
      const server = await startBuiltServer(dataDir, {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        PACTWERK_CATCH_UP_INTERVAL_MS: '500',
        LOG_LEVEL: process.env.SCALE_OUT_LOG_LEVEL ?? 'error',
      })
      teardown.push(() => server.child.kill('SIGKILL'))
      const url = new URL(server.url)
      return {
        child: server.child,
        port: Number(url.port),
        origin: server.url,
        collabUrl: `${server.url.replace('http', 'ws')}/collab`,
        output: server.output,
        /** As `kill -9`: no shutdown, no compaction, no goodbye to clients. */
        async kill() {
          const exited = new Promise((resolve) => server.child.once('exit', resolve))
          server.child.kill('SIGKILL')
          await exited
        },
      }
    },

    /** A TCP proxy standing in for the load balancer (or for the network to PostgreSQL). */
    async proxy(port: number) {
      const proxy = await startTcpProxy({ host: '127.0.0.1', port })
      teardown.push(() => proxy.close())
      return { ...proxy, origin: `http://127.0.0.1:${proxy.port}`, collabUrl: `ws://127.0.0.1:${proxy.port}/collab` }
    },

    onTeardown(step: () => unknown): void {
      teardown.push(step)
    },

    client(server: { origin: string; collabUrl: string }, pactId: string, user: { cookie: string }): TestClient {
      const client = connectClient(server, pactId, user, { maxBackoffTime: 300 })
      teardown.push(() => client.destroy())
      return client
    },
  }
}

/** Types `count` numbered words, one every `intervalMs`; resolves with the words typed. */
export async function typeWords(client: TestClient, prefix: string, count: number, intervalMs = 10): Promise<string[]> {
  const words: string[] = []
  for (let i = 0; i < count; i++) {
    const word = `${prefix}${i};`
    client.text.insert(client.text.length, word)
    words.push(word)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  return words
}
