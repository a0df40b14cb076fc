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
}

export interface FanoutChannel {
  /** Deliver to every other member of this pact's channel; never back to this one. */
  publish(message: FanoutMessage): void
  leave(): void
}

export interface Fanout {
  join(pactId: string, receive: (message: FanoutMessage) => void): FanoutChannel
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
