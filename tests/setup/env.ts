import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

// Every test file gets its own SQLite database in a fresh folder, so files can run in parallel.
process.env.PACTWERK_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'pactwerk-test-'))
process.env.LOG_LEVEL ??= 'silent'

// A developer's own DATABASE_URL must never reach the tests (nor the servers they start).
delete process.env.DATABASE_URL
delete process.env.REDIS_URL

// The integration-pg project runs the same files against PostgreSQL: a fresh database per file,
// dropped afterwards (after this file's last hook, since after-hooks run in reverse order).
if (process.env.PACTWERK_TEST_DATABASE === 'postgres') {
  const { createTestDatabase } = await import('#tests/support/postgres.ts')
  const { closeDb } = await import('#app/platform/db/db.server.ts')
  const database = await createTestDatabase()
  process.env.DATABASE_URL = database.url
  afterAll(async () => {
    await closeDb()
    await database.drop()
  })
}

// As server/app.ts does at start-up; imported only now, once the environment above is set.
const { installTestPorts } = await import('#tests/support/ports.ts')
installTestPorts()
