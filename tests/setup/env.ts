import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

// Every test file gets its own SQLite database in a fresh folder, so files can run in parallel.
const dataDir = mkdtempSync(path.join(tmpdir(), 'pactwerk-test-'))
process.env.PACTWERK_DATA_DIR = dataDir
process.env.LOG_LEVEL ??= 'silent'

// A developer's own DATABASE_URL must never reach the tests (nor the servers they start).
delete process.env.DATABASE_URL
delete process.env.REDIS_URL

// The integration-pg project runs the same files against PostgreSQL: a fresh database per file.
const database =
  process.env.PACTWERK_TEST_DATABASE === 'postgres'
    ? await (await import('#tests/support/postgres.ts')).createTestDatabase()
    : undefined
if (database) process.env.DATABASE_URL = database.url

// After this file's last hook (after-hooks run in reverse order): close the database, then remove
// what the file left behind.
afterAll(async () => {
  const { closeDb } = await import('#app/platform/db/db.server.ts')
  await closeDb()
  await database?.drop()
  rmSync(dataDir, { recursive: true, force: true })
})

// As server/app.ts does at start-up; imported only now, once the environment above is set.
const { installTestPorts } = await import('#tests/support/ports.ts')
installTestPorts()
