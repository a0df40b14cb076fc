import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import { WebSocket, type RawData } from 'ws'
import type * as Y from 'yjs'
import { textWriteVerdict, type TextWriteVerdict } from '#app/access/write-policy.ts'
import { SUGGESTION_REFUSED_REASON } from '#app/document/collab-close-codes.ts'
import type { AccessVerdict, MonitoredConnection } from './auth.ts'
import { CloseCode, RefusalError } from './close-codes.ts'
import { checkFrame, createSendBudget, type CollabLimits } from './limits.ts'
import type { LiveDocument } from './live-document.ts'
import { decodeClientMessage, encodeAwarenessMessage, type ClientMessage } from './protocol.ts'
import { updateChangesDocument } from './read-only.ts'
import { suggestionEffects, type SuggestionEvent, type SuggestionRights } from './suggestion-guard.ts'
import type { CollabIdentity, DocumentConnection } from './types.ts'

/**
 * One client socket on one pact's document: reads its messages, enforces the limits and the
 * write policy, and closes only itself when it misbehaves; the document and every other
 * client carry on.
 */
export class CollabConnection implements DocumentConnection, MonitoredConnection {
  readonly id = randomUUID()
  private closing = false
  /** Set when a re-check found the session or membership gone: nothing of this socket is applied any more. */
  private revoked = false
  private answeredPing = true
  /** The code this server closed the socket with; null while open or when the client hung up. */
  closedWith: number | null = null
  private readonly budget
  private readonly closed: Promise<void>

  constructor(
    private readonly socket: WebSocket,
    readonly identity: CollabIdentity,
    private readonly document: LiveDocument,
    private readonly limits: CollabLimits,
    private readonly log: Logger,
    onClosed: (connection: CollabConnection) => void,
    private readonly onSuggestions?: (event: SuggestionEvent) => void,
  ) {
    this.budget = createSendBudget(limits)
    // An exactly-sized ArrayBuffer per message, never a view into a shared pool buffer.
    socket.binaryType = 'arraybuffer'
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    socket.on('pong', () => {
      this.answeredPing = true
    })
    socket.on('error', (error: Error & { code?: string }) => {
      // ws refuses oversized frames and broken framing itself (closing with 1009 / 1002).
      this.log.warn({ reason: error.code ?? error.message }, 'collab connection refused')
    })
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closing = true
        this.log.info({ code, reason: reason.toString() }, 'collab connection closed')
        onClosed(this)
        resolve()
      })
    })
    document.addConnection(this)
  }

  send(message: Uint8Array): void {
    if (this.closing || this.socket.readyState !== WebSocket.OPEN) return
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn({ bufferedBytes: this.socket.bufferedAmount }, 'collab connection dropped: client is not reading')
      this.closing = true
      this.socket.terminate()
      return
    }
    this.socket.send(message)
  }

  close(code: number, reason: string): void {
    if (this.closing) return
    this.closing = true
    this.closedWith = code
    this.socket.close(code, reason)
  }

  applyAccess(verdict: AccessVerdict): void {
    if (verdict.status === 'ended') {
      this.revoked = true
      return this.refuse(verdict.code, verdict.reason)
    }
    if (verdict.access !== this.identity.access) {
      this.log.info({ from: this.identity.access, to: verdict.access }, 'collab access changed while connected')
    }
    this.identity.access = verdict.access
    this.identity.name = verdict.name
    this.identity.partyId = verdict.partyId
    this.identity.partyName = verdict.partyName
    this.identity.pactStatus = verdict.pactStatus
    this.identity.suggestionsOnly = verdict.suggestionsOnly
  }

  /** The write policy applied to this socket's access, pact status and mode as last (re)checked. */
  writeVerdict(): TextWriteVerdict {
    const { access, pactStatus, suggestionsOnly } = this.identity
    return textWriteVerdict({ access: this.revoked ? null : access, pactStatus, suggestionsOnly })
  }

  admitsUpdate(update: Uint8Array): boolean {
    const verdict = this.writeVerdict()
    if (verdict.kind === 'refused') {
      this.refuseIfChanging(update)
      return false
    }
    const { pactId, userId } = this.identity
    const effects = suggestionEffects(this.document.doc, this.document.trialCopy, update, userId, suggestionRights(verdict))
    if (effects.refusal !== null) {
      // Nothing this socket sent after it may be applied: it may build on the refused update.
      this.revoked = true
      this.log.warn({ reason: effects.refusal }, 'collab update refused: suggestions')
      this.refuse(CloseCode.updateRefused, SUGGESTION_REFUSED_REASON)
      this.reportSuggestions({ pactId, userId, refused: effects.refusal })
      return false
    }
    if (effects.decisions.length > 0) this.reportSuggestions({ pactId, userId, decisions: effects.decisions })
    return true
  }

  /** Once per heartbeat interval: a client that did not answer the previous ping is gone. */
  heartbeat(): void {
    if (this.closing) return
    if (!this.answeredPing) {
      this.log.info('collab connection timed out')
      this.socket.terminate()
      return
    }
    this.answeredPing = false
    this.socket.ping()
  }

  /** Server shutdown: ask the client to go (it reconnects elsewhere), drop it if it dawdles. */
  async goAway(graceMs: number): Promise<void> {
    this.close(CloseCode.goingAway, 'server-shutdown')
    const timer = setTimeout(() => this.socket.terminate(), graceMs)
    await this.closed
    clearTimeout(timer)
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    // ws may still deliver frames that arrived before our close frame went out.
    if (this.closing) return
    try {
      const frame = data as ArrayBuffer
      checkFrame(frame, isBinary, this.budget)
      this.handle(decodeClientMessage(new Uint8Array(frame)))
    } catch (error) {
      if (error instanceof RefusalError) return this.refuse(error.code, error.reason)
      this.log.error({ err: error }, 'collab message handling failed')
      this.close(CloseCode.internalError, 'internal-error')
    }
  }

  private handle(message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        return this.document.replyToStateVector(this, message.stateVector)
      case 'sync-step-2':
      case 'sync-update':
        return this.receiveUpdate(message.update)
      case 'awareness':
        return this.document.presence.applyFromConnection(this, message.update)
      case 'query-awareness': {
        const states = this.document.presence.encodeAll()
        if (states) this.send(encodeAwarenessMessage(states))
        return
      }
    }
  }

  // Checked on arrival to refuse early, and again by the document when it applies the update.
  private receiveUpdate(update: Uint8Array): void {
    if (this.writeVerdict().kind !== 'refused') return this.document.receiveUpdate(update, this)
    this.refuseIfChanging(update)
  }

  // A failing listener (the audit's database) must not fail the connection: the update is applied already.
  private reportSuggestions(event: SuggestionEvent): void {
    try {
      this.onSuggestions?.(event)
    } catch (error) {
      this.log.error({ err: error }, 'collab suggestion listener failed')
    }
  }

  // Read-only clients still answer sync step 1; that is fine as long as it changes nothing.
  private refuseIfChanging(update: Uint8Array): void {
    if (changesOrUnreadable(this.document.doc, update)) this.refuse(CloseCode.policyViolation, 'read-only')
  }

  private refuse(code: number, reason: string): void {
    if (this.closing) return
    this.log.warn({ code, reason }, 'collab connection refused')
    this.close(code, reason)
  }
}

function suggestionRights(verdict: TextWriteVerdict): SuggestionRights {
  if (verdict.kind !== 'suggest') return 'edit'
  return verdict.mayDecide ? 'suggest-and-decide' : 'suggest'
}

// An update that cannot even be read is no harmless one, and must not fail the document.
function changesOrUnreadable(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return updateChangesDocument(doc, update)
  } catch {
    return true
  }
}
