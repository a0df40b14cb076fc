import type { Logger } from 'pino'
import type { Ports } from '#app/platform/ports.ts'
import type { Fanout } from '../collab/fanout.ts'
import { crossInstancePorts } from './ports.ts'
import { RedisBus } from './redis-bus.ts'
import { RedisFanout } from './redis-fanout.ts'

/**
 * Scale-out mode (`REDIS_URL`, with `DATABASE_URL` pointing at PostgreSQL): any number of
 * instances serve the same pacts. Redis relays between them; PostgreSQL holds everything and is
 * where an instance catches up on what Redis did not deliver.
 */
export interface ScaleOut {
  fanout: Fanout
  /** How often each open document reads the log for relays lost silently. */
  catchUpIntervalMs: number
  /** This process's ports, made to reach every instance. */
  ports(local: Ports): Ports
  close(): Promise<void>
}

const CATCH_UP_INTERVAL_MS = 5_000

/** Null without `REDIS_URL`: one instance, everything in-process. */
export function startScaleOut(env: NodeJS.ProcessEnv, log: Logger): ScaleOut | null {
  if (!env.REDIS_URL) return null
  if (!env.DATABASE_URL?.startsWith('postgres')) {
    // Several instances on one embedded SQLite file would each think they are alone.
    throw new Error('REDIS_URL needs DATABASE_URL=postgres://…: several instances share PostgreSQL, never an SQLite file')
  }
  const scaleLog = log.child({ component: 'scale-out' })
  const bus = new RedisBus(env.REDIS_URL, scaleLog)
  scaleLog.info({ instanceId: bus.instanceId }, 'scale-out mode: relaying between instances through Redis')
  return {
    fanout: new RedisFanout(bus, scaleLog),
    catchUpIntervalMs: Number(env.PACTWERK_CATCH_UP_INTERVAL_MS ?? CATCH_UP_INTERVAL_MS),
    ports: (local) => crossInstancePorts(bus, local),
    close: () => bus.close(),
  }
}
