import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getDb } from './db.server.ts'

describe('the SQLite database', () => {
  it('runs in WAL mode with synchronous NORMAL, which is what db.server.ts promises and no more', async () => {
    const { rows: journal } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(getDb())
    const { rows: synchronous } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(getDb())
    expect(journal[0]?.journal_mode).toBe('wal')
    // 1 is NORMAL: safe against a crash of the process, not against a power cut (see db.server.ts).
    expect(synchronous[0]?.synchronous).toBe(1)
  })
})
