import { CloseCode, RefusalError } from './close-codes.ts'

export interface CollabLimits {
  /**
   * Largest message accepted (the ws `maxPayload`). A client's sync step 2 carries everything
   * it has that the server lacks, so after a long offline session it can be as large as the
   * whole document: a low cap (another Yjs server used 1.5 MB) makes such a document unable to
   * sync ever again. 16 MiB leaves ample room for a pact with tables and history.
   */
  maxMessageBytes: number
  /**
   * Sustained messages per second per connection. Not just the client's own edits and caret
   * moves: the y-websocket provider echoes every presence change it receives back to the
   * server, so a client in a busy document sends one message per caret move of everyone else.
   */
  messagesPerSecond: number
  /** Messages a connection may send in a burst above the sustained rate (joining a busy document). */
  messageBurst: number
  /** Sustained bytes per second per connection, so large messages cannot be sent back to back. */
  bytesPerSecond: number
  /** Bytes a connection may send in a burst: room for a maximal sync step 2 and then some. */
  byteBurst: number
  /** One client's presence state, as JSON: a name, a colour and a selection are a few hundred bytes. */
  maxAwarenessStateBytes: number
  /** Presence client ids one connection may control: one per Y.Doc, more only after a clientID clash. */
  maxAwarenessClientsPerConnection: number
  /** Unsent data queued for one slow client before it is dropped, so it cannot exhaust memory. */
  maxBufferedBytes: number
  /**
   * Updates of one person in one pact refused (4422) within `refusalWindowMs` before their new
   * sockets to it are turned away (429) until the oldest leaves the window. The editor stops
   * reconnecting after one; a script that reconnects and is refused again and again would cost
   * every refusal anew (the suggestion guard rebuilds its copy of the document after one, ~85 ms
   * for a 200-page pact, on the event loop every socket shares).
   */
  refusalsBeforeCooldown: number
  refusalWindowMs: number
}

const MIB = 1024 * 1024

export const DEFAULT_LIMITS: CollabLimits = {
  maxMessageBytes: 16 * MIB,
  messagesPerSecond: 500,
  messageBurst: 2_500,
  bytesPerSecond: 4 * MIB,
  byteBurst: 32 * MIB,
  maxAwarenessStateBytes: 64 * 1024,
  maxAwarenessClientsPerConnection: 4,
  maxBufferedBytes: 64 * MIB,
  refusalsBeforeCooldown: 3,
  refusalWindowMs: 60_000,
}

/** A token bucket: `take(n)` is false once the connection spends faster than allowed. */
export function createTokenBucket(perSecond: number, burst: number, now: () => number = Date.now) {
  let tokens = burst
  let last = now()
  return {
    take(amount = 1): boolean {
      const current = now()
      tokens = Math.min(burst, tokens + ((current - last) / 1000) * perSecond)
      last = current
      if (tokens < amount) return false
      tokens -= amount
      return true
    },
  }
}

/** What one connection may still send: a message budget and a byte budget. */
export function createSendBudget(limits: CollabLimits, now: () => number = Date.now) {
  const messages = createTokenBucket(limits.messagesPerSecond, limits.messageBurst, now)
  const bytes = createTokenBucket(limits.bytesPerSecond, limits.byteBurst, now)
  return {
    /** Spends on one frame, or refuses it. */
    admit(frameBytes: number): void {
      if (!messages.take() || !bytes.take(frameBytes)) throw new RefusalError(CloseCode.policyViolation, 'rate-limit')
    },
  }
}

export type SendBudget = ReturnType<typeof createSendBudget>

/**
 * Refuses a frame before it is decoded. Oversized frames never get here: ws refuses them
 * (1009) while reading, given `maxPayload: limits.maxMessageBytes`.
 */
export function checkFrame(frame: ArrayBuffer, isBinary: boolean, budget: SendBudget): void {
  if (!isBinary) throw new RefusalError(CloseCode.unsupportedData, 'text-frame')
  budget.admit(frame.byteLength)
}

/** Whose updates were refused lately, per pact (see `refusalsBeforeCooldown`). Per instance. */
export class RefusalCooldown {
  private readonly refusedAt = new Map<string, number[]>()

  constructor(
    private readonly limits: Pick<CollabLimits, 'refusalsBeforeCooldown' | 'refusalWindowMs'>,
    private readonly now: () => number = Date.now,
  ) {}

  noteRefusal(pactId: string, userId: string): void {
    const key = `${pactId} ${userId}`
    this.refusedAt.set(key, [...this.recent(key), this.now()])
    // People who never come back are forgotten once their refusals are old, so the map stays small.
    if (this.refusedAt.size > 1_000) for (const known of [...this.refusedAt.keys()]) this.recent(known)
  }

  isCoolingDown(pactId: string, userId: string): boolean {
    return this.recent(`${pactId} ${userId}`).length >= this.limits.refusalsBeforeCooldown
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.refusalWindowMs
    const recent = (this.refusedAt.get(key) ?? []).filter((at) => at > since)
    if (recent.length === 0) this.refusedAt.delete(key)
    else this.refusedAt.set(key, recent)
    return recent
  }
}
