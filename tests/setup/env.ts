import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// Every test file gets its own SQLite database in a fresh folder, so files can run in parallel.
process.env.PACTWERK_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'pactwerk-test-'))
process.env.LOG_LEVEL ??= 'silent'

// As server/app.ts does at start-up; imported only now, once the environment above is set.
const { installTestPorts } = await import('#tests/support/ports.ts')
installTestPorts()
