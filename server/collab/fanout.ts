/**
 * The seam between server instances that serve the same pact. A live document joins its
 * pact's channel and publishes every update it has made durable and every presence change of
 * its own clients; it applies what the other instances publish and relays it to its local
 * clients, without storing it again (the publishing instance already did).
 *
 * `LocalFanout` connects the instances inside one process (one per attached server, or shared
 * between several in tests); a Redis implementation of the same interface connects processes.
 */
export interface FanoutMessage {
  kind: 'update' | 'awareness'
  payload: Uint8Array
  /** An update's sequence number in the pact's log (see sequence.ts); presence has none. */
  seq?: number
}

export interface FanoutChannel {
  /** Resolves once messages published by other members reach this one. */
  ready: Promise<void>
  /** Deliver to every other member of this pact's channel; never back to this one. */
  publish(message: FanoutMessage): void
  leave(): void
}

/**
 * Delivery may be lost (a cross-process fanout loses what is published while it is cut off):
 * `resync` is called when messages may have been missed, and the member catches up from storage.
 */
export interface Fanout {
  join(pactId: string, receive: (message: FanoutMessage) => void, resync?: () => void): FanoutChannel
}

export class LocalFanout implements Fanout {
  private readonly channels = new Map<string, Set<(message: FanoutMessage) => void>>()

  join(pactId: string, receive: (message: FanoutMessage) => void): FanoutChannel {
    const members = this.channels.get(pactId) ?? new Set()
    this.channels.set(pactId, members)
    // Each join gets its own function identity, so joining twice with one callback is two members.
    const member = (message: FanoutMessage) => receive(message)
    members.add(member)
    return {
      ready: Promise.resolve(),
      publish: (message) => {
        for (const other of [...members]) if (other !== member) other(message)
      },
      leave: () => {
        members.delete(member)
        if (members.size === 0) this.channels.delete(pactId)
      },
    }
  }
}

/** Origin of changes relayed from another instance: applied and relayed locally, never published back. */
export const FROM_OTHER_INSTANCE = Symbol('from-other-instance')
