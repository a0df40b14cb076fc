import type * as Y from 'yjs'
import { getDb } from '#app/platform/db/db.server.ts'
import { logger } from '#app/platform/logger.server.ts'
import { recordAudit } from './audit.server.ts'
import { editedSubjects } from './edited-subjects.ts'
import { EditSessions } from './edit-sessions.ts'

/**
 * Who changed what in the shared document, in the audit trail: the collaboration server reports
 * every change a client made (server/collab/edit-attribution.ts) and this writes one entry per
 * person per clause, area, budget year or rule per editing session (edit-sessions.ts). Runs inside
 * the apply of every update, so it does only cheap work there; the entry is written afterwards.
 */

/** A change one client made, as the collaboration server reports it. */
export interface ClientEdit {
  pactId: string
  userId: string
  /** The organisation the person works for in this pact. */
  organisation: string
  transaction: Y.Transaction
}

/**
 * Long enough that an afternoon's work on one clause is one entry, short enough that a return later
 * is another. A session is the person's, not the socket's: a reconnect or a second tab continues it
 * (on the same instance: each instance keeps its own sessions in memory).
 */
const DEFAULT_QUIET_MS = 15 * 60_000

export function createEditRecorder(quietMs = DEFAULT_QUIET_MS): (edit: ClientEdit) => void {
  const sessions = new EditSessions(quietMs)
  return (edit) => {
    const now = Date.now()
    for (const subject of editedSubjects(edit.transaction)) {
      if (!sessions.startsSession(`${edit.pactId}|${edit.userId}|${subject.key}`, now)) continue
      const entry = {
        pactId: edit.pactId,
        actorId: edit.userId,
        action: subject.action,
        details: { ...subject.details(), organisation: edit.organisation },
      }
      recordAudit(getDb(), entry).catch((error: unknown) =>
        logger.error({ err: error, pactId: edit.pactId, action: entry.action }, 'audit entry for an edit not written'),
      )
    }
  }
}
