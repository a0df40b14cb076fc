import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from 'pino'
import type { Fanout, FanoutChannel, FanoutMessage } from '../collab/fanout.ts'
import type { RedisBus } from './redis-bus.ts'

/**
 * The collaboration fanout between processes: one Redis channel per pact. An update carries its
 * sequence number in the pact's log, so a receiver that misses one notices the gap and reads it
 * from the database; presence rides along and is never stored. Members in this process reach
 * each other directly, as with LocalFanout.
 */
export class RedisFanout implements Fanout {
  private readonly local = new Map<string, Set<(message: FanoutMessage) => void>>()

  constructor(
    private readonly bus: RedisBus,
    private readonly log: Logger,
  ) {}

  join(pactId: string, receive: (message: FanoutMessage) => void, resync?: () => void): FanoutChannel {
    const members = this.local.get(pactId) ?? new Set()
    this.local.set(pactId, members)
    const member = (message: FanoutMessage) => receive(message)
    members.add(member)
    const subscription = this.bus.subscribe(`collab:${pactId}`, (payload) => {
      const message = decodeFanoutMessage(payload)
      if (message) receive(message)
      else this.log.warn({ pactId }, 'undecodable collab relay ignored')
    })
    const stopResync = resync ? this.bus.onReconnect(resync) : () => {}
    return {
      ready: subscription.ready,
      publish: (message) => {
        for (const other of [...members]) if (other !== member) other(message)
        this.bus.publish(`collab:${pactId}`, encodeFanoutMessage(message))
      },
      leave: () => {
        subscription.unsubscribe()
        stopResync()
        members.delete(member)
        if (members.size === 0) this.local.delete(pactId)
      },
    }
  }
}

const KINDS = ['update', 'awareness'] as const

export function encodeFanoutMessage(message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeUint8(encoder, KINDS.indexOf(message.kind))
  // 0 for "no number" (presence); a sequence number starts at 1.
  encoding.writeVarUint(encoder, message.seq ?? 0)
  encoding.writeVarUint8Array(encoder, message.payload)
  return encoding.toUint8Array(encoder)
}

/** Null for anything that is not a message this module wrote. */
export function decodeFanoutMessage(bytes: Uint8Array): FanoutMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    const kind = KINDS[decoding.readUint8(decoder)]
    const seq = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (!kind || decoding.hasContent(decoder)) return null
    return seq > 0 ? { kind, payload, seq } : { kind, payload }
  } catch {
    return null
  }
}
