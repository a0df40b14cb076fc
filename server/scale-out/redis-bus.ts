import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from 'pino'

// Redis is near: a subscription takes milliseconds, unless the machine is very busy or Redis is down.
const SUBSCRIBE_WAIT_MS = 3_000

/**
 * Redis pub/sub between the instances serving the same pacts: document updates and presence,
 * pact events, access changes. Pub/sub keeps nothing: what is published while an instance is
 * cut off is lost to it, so nothing here is the only copy of anything. Document updates are
 * durable in PostgreSQL before they are published, and after a reconnect `onReconnect`
 * listeners catch up from there.
 *
 * Publishing never waits and never queues while Redis is unreachable (it would only replay
 * stale messages later); receiving ignores this instance's own messages.
 */
export class RedisBus {
  readonly instanceId = randomUUID()
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly handlers = new Map<string, Set<(payload: Uint8Array) => void>>()
  private readonly subscribed = new Map<string, Promise<void>>()
  private readonly reconnectListeners = new Set<() => void>()

  constructor(
    url: string,
    private readonly log: Logger,
    private readonly prefix = 'pactwerk:',
  ) {
    const options = {
      // Reconnect for ever, at most a second apart: the instances keep serving meanwhile.
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
      maxRetriesPerRequest: 1,
    }
    this.publisher = new Redis(url, { ...options, enableOfflineQueue: false })
    // No ready check: ioredis would send INFO on a connection that a queued SUBSCRIBE has already
    // put in subscriber mode, fail, and come back without its subscriptions.
    this.subscriber = new Redis(url, { ...options, enableReadyCheck: false })
    for (const [name, connection] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      connection.on('error', (error: Error) => log.warn({ err: error, connection: name }, 'redis connection error'))
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel.toString(), message))
    // ioredis subscribes again on every (re)connect, before 'ready'. What was published before
    // is lost to this instance; that includes the first connect, if a subscription had to wait.
    this.subscriber.on('ready', () => {
      if (this.reconnectListeners.size === 0) return
      log.info('redis connected; catching up on what was published meanwhile')
      for (const listener of this.reconnectListeners) listener()
    })
  }

  /** Whether a publish now reaches Redis (it is dropped while not). */
  get connected(): boolean {
    return this.publisher.status === 'ready'
  }

  publish(channel: string, payload: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, this.instanceId)
    encoding.writeVarUint8Array(encoder, payload)
    this.publisher.publish(this.prefix + channel, Buffer.from(encoding.toUint8Array(encoder))).catch((error: unknown) => {
      this.log.debug({ err: error, channel }, 'redis publish lost; receivers catch up from the database')
    })
  }

  /**
   * `ready` resolves once this instance receives the channel's messages, or after a few seconds
   * if Redis is unreachable: serving goes on, and the subscription follows on reconnect, with
   * `onReconnect`.
   */
  subscribe(channel: string, handler: (payload: Uint8Array) => void): { ready: Promise<void>; unsubscribe(): void } {
    const key = this.prefix + channel
    let handlers = this.handlers.get(key)
    if (!handlers) {
      handlers = new Set()
      this.handlers.set(key, handlers)
      const subscribed = this.subscriber.subscribe(key).then(
        () => undefined,
        (error: unknown) => this.log.warn({ err: error, channel }, 'redis subscribe failed; retried on reconnect'),
      )
      this.subscribed.set(
        key,
        Promise.race([subscribed, new Promise<void>((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref())]),
      )
    }
    const own = (payload: Uint8Array) => handler(payload)
    handlers.add(own)
    return {
      ready: this.subscribed.get(key)!,
      unsubscribe: () => {
        if (!handlers.delete(own) || handlers.size > 0 || this.handlers.get(key) !== handlers) return
        this.handlers.delete(key)
        this.subscribed.delete(key)
        this.subscriber.unsubscribe(key).catch(() => {})
      },
    }
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  async close(): Promise<void> {
    this.handlers.clear()
    this.subscribed.clear()
    this.reconnectListeners.clear()
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()])
    this.publisher.disconnect()
    this.subscriber.disconnect()
  }

  // A message that cannot be decoded is someone else's or damaged: ignored, never thrown.
  private deliver(key: string, message: Buffer): void {
    const handlers = this.handlers.get(key)
    if (!handlers) return
    let payload: Uint8Array
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength))
      if (decoding.readVarString(decoder) === this.instanceId) return
      payload = decoding.readVarUint8Array(decoder)
    } catch (error) {
      this.log.warn({ err: error, channel: key }, 'undecodable redis message ignored')
      return
    }
    for (const handler of [...handlers]) {
      try {
        handler(payload)
      } catch (error) {
        this.log.error({ err: error, channel: key }, 'redis message handler failed')
      }
    }
  }
}
