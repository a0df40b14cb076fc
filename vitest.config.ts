import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code (app/**, server/**); integration tests in tests/integration.
// Browser tests run separately against the production build (tests/browser/run.js).
export default defineConfig({
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    setupFiles: ['./tests/setup/env.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
