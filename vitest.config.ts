import { defineConfig } from 'vitest/config'

// Two projects, one command: `unit` (unit tests beside the code, integration tests in
// tests/integration, each file on its own SQLite database) and `e2e` (HTTP and Playwright
// browser tests against the production build, started the way `npm start` starts it).
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
