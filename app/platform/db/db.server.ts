import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Dialect, type SqliteDatabase } from 'kysely'
import pg from 'pg'
import { logger } from '#app/platform/logger.server.ts'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>

/** Where the embedded SQLite database lives; `PACTWERK_DATA_DIR` moves it. */
export function dataDirectory(): string {
  return path.resolve(process.env.PACTWERK_DATA_DIR ?? 'data')
}

function sqliteDialect(): Dialect {
  const dir = dataDirectory()
  mkdirSync(dir, { recursive: true })
  const sqlite = new SQLite(path.join(dir, 'pactwerk.sqlite'))
  // WAL lets readers run beside the one writer and makes each commit one append to the log.
  // What is promised: a commit that returned survives a crash or kill -9 of the process (the
  // append is in the operating system's hands), and the database is never left inconsistent.
  // Not promised: a power cut or operating-system crash may undo the last commits since the
  // log was last synced to disk (at each checkpoint). FULL would fsync every commit, but that
  // blocks the event loop each time: measured in-process with 30 editors × 2 edits/s on the
  // shared 2-core development machine (busy with other work, both modes alternated), relay p50
  // went from 12 ms to 48–71 ms and p99 from 43–88 ms to 236–280 ms, so NORMAL stays.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new SqliteDialect({ database: withStatementCache(sqlite) })
}

/**
 * Kysely's SQLite driver prepares every statement anew, and preparing costs more than running
 * the small inserts and reads the app makes most (a third of the collaboration server's storage
 * time in a profile of 50 editors). So statements are kept per SQL text; there are few, as the
 * queries are fixed (an `in` list of each length is its own, hence the bound). Reusing one is
 * safe because the driver runs each to completion at once (`all` or `run`); the app never streams.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql)
      if (!statement) {
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear()
        statement = sqlite.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    },
  }
}
const MAX_CACHED_STATEMENTS = 500

// Every integer column fits a JavaScript number (ids, sequence numbers, cents below 2^53), so
// bigint comes back as a number on PostgreSQL too, as it does on SQLite, not as a string.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** `DATABASE_URL=postgres://…`: everything durable in PostgreSQL (scale-out mode). */
export function postgresPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    types: pgTypes,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // An unreachable database fails a request within seconds instead of queueing it forever.
    connectionTimeoutMillis: 5_000,
    query_timeout: 30_000,
  })
  // A connection that dies (database restarted, network cut) must not crash the process: idle
  // ones the pool reports here, checked-out ones (mid-transaction) report on themselves. The
  // failed query or transaction rejects, the pool drops the connection and opens a new one later.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'))
  pool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL connection lost')))
  return pool
}

function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url)
}

function dialectFromEnvironment(): Dialect {
  const url = process.env.DATABASE_URL
  return isPostgresUrl(url) ? new PostgresDialect({ pool: postgresPool(url) }) : sqliteDialect()
}

// One connection pool per process, also when the app bundle and the server both import this.
const globalStore = globalThis as typeof globalThis & { __pactwerkDb?: Db }

export function getDb(): Db {
  globalStore.__pactwerkDb ??= new Kysely<Database>({ dialect: dialectFromEnvironment() })
  return globalStore.__pactwerkDb
}

export async function migrateToLatest(db: Db = getDb()): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error })
  }
}

export async function closeDb(): Promise<void> {
  const db = globalStore.__pactwerkDb
  globalStore.__pactwerkDb = undefined
  await db?.destroy()
}

/** A write refused by a unique constraint (both dialects): someone else wrote the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString()
}
