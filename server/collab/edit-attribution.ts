import type { Logger } from 'pino'
import type * as Y from 'yjs'
import type { DocumentConnection } from './types.ts'

/**
 * Tells the app who made each change a client sent, with the Yjs transaction that applied it, so
 * the app can say in its audit trail what the change was about. The server itself knows nothing
 * of what a document means. Called inside the apply, for every client update: the hook must be
 * cheap (it may read what the transaction changed, never the whole document) and not throw.
 */
export interface ClientEdit {
  pactId: string
  userId: string
  organisation: string
  transaction: Y.Transaction
}

export type ClientEditHook = (edit: ClientEdit) => void

export function reportClientEdits(pactId: string, doc: Y.Doc, onEdit: ClientEditHook, log: Logger): void {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    const origin: unknown = transaction.origin
    // Server code and other instances apply with other origins; another instance reports its own clients' edits.
    if (!isConnection(origin) || transaction.changed.size === 0) return
    try {
      const { identity } = origin
      onEdit({ pactId, userId: identity.userId, organisation: identity.partyName, transaction })
    } catch (error) {
      log.error({ err: error, pactId }, 'collab edit hook failed; the edit itself is applied')
    }
  })
}

function isConnection(origin: unknown): origin is DocumentConnection {
  return typeof origin === 'object' && origin !== null && 'identity' in origin && 'admitsUpdate' in origin
}
