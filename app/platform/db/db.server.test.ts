import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getDb } from './db.server.ts'

describe('the SQLite database', () => {
  it('makes every commit durable on disk before it returns (WAL, synchronous FULL)', async () => {
    const { rows: journal } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(getDb())
    const { rows: synchronous } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(getDb())
    expect(journal[0]?.journal_mode).toBe('wal')
    // 2 is FULL: the write-ahead log is fsynced at every commit.
    expect(synchronous[0]?.synchronous).toBe(2)
  })
})
