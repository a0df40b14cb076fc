import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  outdatedTimeout,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { CloseCode, RefusalError } from './close-codes.ts'
import { FROM_OTHER_INSTANCE } from './fanout.ts'
import type { CollabLimits } from './limits.ts'
import { encodeAwarenessMessage } from './protocol.ts'
import type { CollabIdentity, DocumentConnection } from './types.ts'

/**
 * Presence (carets, who is here) for one document. The server is the hub, so it is strict
 * about what it relays:
 * - a connection controls the client ids it introduced (ids no one else is using, nor another
 *   user used in the last 30 s) and may set only their states; whatever it sends about other
 *   ids is ignored, which includes the echoes every y-websocket provider sends back;
 * - the `user` field is always the server's view of the identity (name, party), whatever the
 *   client put there; only a valid colour is kept;
 * - clocks are the server's own, one higher than the last it relayed for that client id, so
 *   a client that reconnects after its state was removed shows up again at once (with the
 *   client's clock the others would ignore it until its next 15-second renewal);
 * - when a connection closes, its states are removed immediately and the removal relayed.
 */
export interface PresenceRelay {
  /** To this instance's connections, except the one the change came from. */
  broadcast(message: Uint8Array, except: DocumentConnection | undefined): void
  /** To the other instances (fanout). */
  publish(awarenessUpdate: Uint8Array): void
}

type AwarenessState = Record<string, unknown>

/** One client's entry in an awareness update, state still as JSON. */
interface RawEntry {
  clientId: number
  clock: number
  json: string
}

interface AwarenessEntry {
  clientId: number
  clock: number
  state: AwarenessState | null
}

export type PresenceLimits = Pick<CollabLimits, 'maxAwarenessStateBytes' | 'maxAwarenessClientsPerConnection'>

// As long as y-protocols keeps a silent client's state before timing it out.
const DEPARTED_GRACE_MS = outdatedTimeout

export class Presence {
  readonly awareness: Awareness
  private readonly owners = new Map<number, DocumentConnection>()
  private readonly controlled = new Map<DocumentConnection, Set<number>>()
  // Client ids whose owner left recently, with that owner's user: other clients' echoes of the
  // last state may still be in flight, and must not let them claim the id.
  private readonly departed = new Map<number, { userId: string; at: number }>()

  constructor(
    doc: Y.Doc,
    private readonly relay: PresenceRelay,
    private readonly limits: PresenceLimits,
  ) {
    this.awareness = new Awareness(doc)
    // The server itself is not present in the document.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  applyFromConnection(connection: DocumentConnection, update: Uint8Array): void {
    const controlled = this.controlled.get(connection) ?? new Set<number>()
    const claimed: number[] = []
    const accepted: AwarenessEntry[] = []
    for (const entry of this.decode(update)) {
      const ours = controlled.has(entry.clientId)
      // y-websocket providers echo every state they receive back to the server; those echoes,
      // like any claim on a client id someone else is using, are ignored (and not even parsed).
      if (!ours && !this.isClaimableBy(connection, entry.clientId)) continue
      const state = this.parseState(entry.json)
      if (!ours) {
        if (state === null) continue
        claimed.push(entry.clientId)
      }
      accepted.push(this.withServerView(entry.clientId, state, connection))
    }
    if (controlled.size + claimed.length > this.limits.maxAwarenessClientsPerConnection) {
      throw new RefusalError(CloseCode.policyViolation, 'too-many-presence-clients')
    }
    for (const clientId of claimed) {
      controlled.add(clientId)
      this.owners.set(clientId, connection)
    }
    this.controlled.set(connection, controlled)
    if (accepted.length > 0) applyAwarenessUpdate(this.awareness, encodeEntries(accepted), connection)
  }

  /** Presence relayed by another instance, which already checked it. */
  applyFromOtherInstance(update: Uint8Array): void {
    const entries = this.decode(update).map((entry) => ({
      clientId: entry.clientId,
      clock: this.nextClock(entry.clientId),
      state: this.parseState(entry.json),
    }))
    applyAwarenessUpdate(this.awareness, encodeEntries(entries), FROM_OTHER_INSTANCE)
  }

  removeConnection(connection: DocumentConnection): void {
    const clientIds = [...(this.controlled.get(connection) ?? [])]
    for (const clientId of clientIds) this.release(clientId)
    this.controlled.delete(connection)
    if (clientIds.length > 0) removeAwarenessStates(this.awareness, clientIds, connection)
  }

  /** Publishes this instance's own clients' states again, for instances that missed relays (after a Redis outage). */
  republishOwn(): void {
    const clientIds = [...this.owners.keys()].filter((clientId) => this.awareness.getStates().has(clientId))
    if (clientIds.length > 0) this.relay.publish(encodeAwarenessUpdate(this.awareness, clientIds))
  }

  /** Every current state, for a client that just joined or asked; null when nobody is present. */
  encodeAll(): Uint8Array | null {
    const clientIds = [...this.awareness.getStates().keys()]
    return clientIds.length > 0 ? encodeAwarenessUpdate(this.awareness, clientIds) : null
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    for (const clientId of removed) this.release(clientId)
    // Renewals (`updated` with an unchanged state) are relayed too: they keep the state alive.
    const update = encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed])
    const sender = this.controlled.has(origin as DocumentConnection) ? (origin as DocumentConnection) : undefined
    this.relay.broadcast(encodeAwarenessMessage(update), sender)
    if (origin !== FROM_OTHER_INSTANCE) this.relay.publish(update)
  }

  private isClaimableBy(connection: DocumentConnection, clientId: number): boolean {
    if (this.awareness.getStates().has(clientId) || this.owners.has(clientId)) return false
    const departed = this.departed.get(clientId)
    return !departed || departed.userId === connection.identity.userId || Date.now() - departed.at > DEPARTED_GRACE_MS
  }

  private release(clientId: number): void {
    const owner = this.owners.get(clientId)
    if (!owner) return
    this.controlled.get(owner)?.delete(clientId)
    this.owners.delete(clientId)
    const now = Date.now()
    for (const [id, { at }] of this.departed) if (now - at > DEPARTED_GRACE_MS) this.departed.delete(id)
    this.departed.set(clientId, { userId: owner.identity.userId, at: now })
  }

  private withServerView(clientId: number, state: AwarenessState | null, connection: DocumentConnection): AwarenessEntry {
    return {
      clientId,
      clock: this.nextClock(clientId),
      state: state && { ...state, user: presenceUser(connection.identity, state.user) },
    }
  }

  private nextClock(clientId: number): number {
    return (this.awareness.meta.get(clientId)?.clock ?? 0) + 1
  }

  private decode(update: Uint8Array): RawEntry[] {
    try {
      const decoder = decoding.createDecoder(update)
      const entries: RawEntry[] = []
      // A claimed count larger than the frame can hold fails on the first read past its end.
      for (let count = decoding.readVarUint(decoder); count > 0; count--) {
        entries.push({
          clientId: decoding.readVarUint(decoder),
          clock: decoding.readVarUint(decoder),
          json: decoding.readVarString(decoder),
        })
      }
      return entries
    } catch {
      throw new RefusalError(CloseCode.invalidPayload, 'malformed-awareness')
    }
  }

  private parseState(json: string): AwarenessState | null {
    if (json.length > this.limits.maxAwarenessStateBytes)
      throw new RefusalError(CloseCode.messageTooBig, 'awareness-state-too-large')
    let state: unknown
    try {
      state = JSON.parse(json)
    } catch {
      throw new RefusalError(CloseCode.invalidPayload, 'malformed-awareness')
    }
    if (state !== null && !isRecord(state)) throw new RefusalError(CloseCode.invalidPayload, 'malformed-awareness')
    return state
  }
}

function encodeEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}

// Distinct at a glance and readable behind white caret labels (contrast ≥ 4.5:1).
const CARET_COLOURS = ['#0b5cad', '#a4262c', '#0e6e42', '#6b2fa0', '#8a4b00', '#005f73', '#b3006b', '#3d5a00']
const HEX_COLOUR = /^#[0-9a-f]{6}$/i

/** What others see of this client: the identity the server vouches for, plus a caret colour. */
export function presenceUser(identity: CollabIdentity, claimed: unknown) {
  const claimedColour = isRecord(claimed) ? claimed.color : undefined
  return {
    id: identity.userId,
    name: identity.name,
    partyId: identity.partyId,
    party: identity.partyName,
    color: typeof claimedColour === 'string' && HEX_COLOUR.test(claimedColour) ? claimedColour : colourFor(identity.userId),
  }
}

function colourFor(userId: string): string {
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return CARET_COLOURS[hash % CARET_COLOURS.length]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
