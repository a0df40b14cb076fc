import { recordAudit } from '#app/audit/audit.server.ts'
import { getDb, type Db } from '#app/platform/db/db.server.ts'
import { isSuggestionKind, suggestionKey, type SuggestionOutcome } from './suggestions.ts'

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
        suggestionId: decision.suggestionId,
        text: decision.text,
        userId: decision.authorId,
        ...(decision.clauseId ? { clauseId: decision.clauseId } : {}),
      },
    })
  }
}

const OUTCOMES: readonly SuggestionOutcome[] = ['accepted', 'rejected', 'withdrawn']

/**
 * How decided suggestions ended, by suggestion key, as the audit trail recorded it. Total: an
 * entry it cannot read (or from before decisions carried the suggestion's id) is left out, and
 * such a suggestion's outcome is simply not known.
 */
export async function suggestionOutcomes(pactId: string, keys: readonly string[], db: Db = getDb()) {
  const outcomes = new Map<string, SuggestionOutcome>()
  if (keys.length === 0) return outcomes
  const wanted = new Set(keys)
  const rows = await db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('pact_id', '=', pactId)
    .where(
      'action',
      'in',
      OUTCOMES.map((outcome) => `suggestion.${outcome}`),
    )
    .orderBy('id')
    .execute()
  for (const row of rows) {
    const details = parsed(row.details)
    const { kind, userId, suggestionId } = details
    if (!isSuggestionKind(kind) || typeof userId !== 'string' || typeof suggestionId !== 'string') continue
    const key = suggestionKey({ kind, authorId: userId, id: suggestionId })
    if (wanted.has(key)) outcomes.set(key, row.action.slice('suggestion.'.length) as SuggestionOutcome)
  }
  return outcomes
}

function parsed(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
