import type { Request, Response } from 'express'
import { sql } from 'kysely'
import { getDb } from '#app/platform/db/db.server.ts'

// Well under the load balancer's check interval (server/deploy/haproxy.cfg: 2 s), so an
// unreachable database marks the instance down instead of leaving the check hanging.
const DATABASE_TIMEOUT_MS = 1_500

/**
 * `/gezond`, for the load balancer: 200 when this instance can reach its database, 503 when it
 * cannot (it then refuses every write, so it should get no new clients). Redis is not asked: an
 * instance without Redis still serves correctly and catches up from the database.
 */
export async function healthCheck(_req: Request, res: Response) {
  res.set('Cache-Control', 'no-store').type('text/plain; charset=utf-8')
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database check timed out')), DATABASE_TIMEOUT_MS)
  })
  try {
    await Promise.race([sql`select 1`.execute(getDb()), timeout])
    res.status(200).send('ok')
  } catch {
    res.status(503).send('database onbereikbaar')
  } finally {
    clearTimeout(timer)
  }
}
