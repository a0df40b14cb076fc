import { describe, expect, it } from 'vitest'
import { logger } from '#app/platform/logger.server.ts'
import { startScaleOut } from './index.ts'

describe('choosing scale-out mode at start-up', () => {
  it('runs in-process without REDIS_URL', () => {
    expect(startScaleOut({ DATABASE_URL: 'postgres://db/pactwerk' }, logger)).toBeNull()
  })

  it('refuses REDIS_URL on SQLite: instances cannot share an embedded database', () => {
    expect(() => startScaleOut({ REDIS_URL: 'redis://127.0.0.1:6379' }, logger)).toThrow(/DATABASE_URL=postgres/)
  })
})
