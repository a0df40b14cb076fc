import { recordAudit } from '#app/audit/audit.server.ts'
import { getDb, type Db } from '#app/platform/db/db.server.ts'

/**
 * The audit trail of suggestions: what the collaboration server saw a person's update do to
 * suggestions (server/collab/suggestion-guard.ts), never what a client reports. The author of
 * the suggestion is recorded as `userId`, so the logboek shows their name.
 */
export type SuggestionAuditEvent = { pactId: string; userId: string } & (
  | {
      decisions: ReadonlyArray<{
        outcome: 'accepted' | 'rejected' | 'withdrawn'
        kind: 'insertion' | 'deletion'
        suggestionId: string
        authorId: string
        text: string
        clauseId: string | null
      }>
    }
  | { refused: string }
)

export async function recordSuggestionEvent(event: SuggestionAuditEvent, db: Db = getDb()): Promise<void> {
  const { pactId, userId } = event
  if ('refused' in event) {
    await recordAudit(db, { pactId, actorId: userId, action: 'suggestion.refused', details: { cause: event.refused } })
    return
  }
  for (const decision of event.decisions) {
    await recordAudit(db, {
      pactId,
      actorId: userId,
      action: `suggestion.${decision.outcome}`,
      details: {
        kind: decision.kind,
        text: decision.text,
        userId: decision.authorId,
        ...(decision.clauseId ? { clauseId: decision.clauseId } : {}),
      },
    })
  }
}
