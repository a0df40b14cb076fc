import { defineConfig } from 'vitest/config'

// Database-touching tests: integration tests plus the unit tests beside code that reads or writes SQL.
const databaseTests = [
  'tests/integration/**/*.test.ts',
  'server/collab/persistence.test.ts',
  'server/collab/auth.test.ts',
  'app/platform/auth/session.server.test.ts',
  'app/platform/auth/rate-limit.server.test.ts',
  'app/platform/db/migrations/*.test.ts',
  'app/entry.server.test.ts',
]

// Four projects, one command: `unit` (unit tests beside the code, integration tests in
// tests/integration, each file on its own SQLite database), `integration-pg` (the database
// tests again, each file on its own PostgreSQL database), `e2e` (HTTP and Playwright browser
// tests against the production build, started the way `npm start` starts it) and `scale-out`
// (two built app processes on one PostgreSQL and one Redis).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          setupFiles: ['./tests/setup/env.ts'],
          pool: 'forks',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration-pg',
          include: databaseTests,
          setupFiles: ['./tests/setup/env.ts'],
          env: { PACTWERK_TEST_DATABASE: 'postgres' },
          pool: 'forks',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'scale-out',
          include: ['tests/scale-out/**/*.test.ts'],
          setupFiles: ['./tests/setup/env.ts'],
          env: { PACTWERK_TEST_DATABASE: 'postgres' },
          pool: 'forks',
          // The app processes of one file already use both cores: one file at a time, after the
          // other projects (their timing would otherwise depend on everything else running).
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['./tests/e2e/server.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
