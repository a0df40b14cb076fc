import { sql } from 'kysely'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { ports } from '#app/platform/ports.ts'
import { newId } from '#app/platform/ids.ts'
import { recordAudit } from '#app/audit/audit.server.ts'
import { Refusal } from '#app/platform/errors.ts'
import { selectSuggestions, suggestionKey, type OpenSuggestion } from '#app/document/suggestions.ts'
import { refusalFor } from './forms.ts'

/**
 * Discussion threads on clauses. The author is always the signed-in user the server knows;
 * a thread is its first comment plus replies, and is resolved or reopened as a whole. A thread
 * can be about one open suggestion in the clause: it keeps the suggestion's key and, in `quote`,
 * its text, so it stays readable once the suggestion is decided and gone from the document.
 */
export class CommentError extends Refusal {
  constructor(readonly code: 'unknown-clause' | 'unknown-thread' | 'unknown-suggestion') {
    super(refusalFor(code).status, refusalFor(code).message)
  }
}

export async function listComments(pactId: string, db: Db = getDb()) {
  return (
    db
      .selectFrom('comments')
      .innerJoin('users', 'users.id', 'comments.author_id')
      // The author's organisation in this pact (none once they left it).
      .leftJoin('pact_members', (join) =>
        join.onRef('pact_members.pact_id', '=', 'comments.pact_id').onRef('pact_members.user_id', '=', 'comments.author_id'),
      )
      .leftJoin('pact_parties', 'pact_parties.id', 'pact_members.party_id')
      .leftJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
      .leftJoin('clause_decisions', 'clause_decisions.id', 'comments.decision_id')
      .select([
        'comments.id',
        'comments.clause_id',
        'comments.parent_id',
        'comments.body',
        'comments.quote',
        'comments.suggestion_key',
        'comments.created_at',
        'comments.resolved_at',
        'users.name as author_name',
        'organisations.name as author_organisation',
        'clause_decisions.decision',
      ])
      .where('comments.pact_id', '=', pactId)
      .orderBy('comments.created_at')
      // Within one millisecond a thread's first comment still comes before its replies.
      .orderBy(sql`case when comments.parent_id is null then 0 else 1 end`)
      .orderBy('comments.id')
      .execute()
  )
}

/** Per clause (or other item) id, how many of its discussion threads are open. */
export async function openThreadCounts(pactId: string, db: Db = getDb()): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['clause_id', (eb) => eb.fn.countAll<number | string>().as('threads')])
    .where('pact_id', '=', pactId)
    .where('parent_id', 'is', null)
    .where('resolved_at', 'is', null)
    .groupBy('clause_id')
    .execute()
  return Object.fromEntries(rows.map((row) => [row.clause_id, Number(row.threads)]))
}

/**
 * The change requests that point at a suggestion (the comment a decision wrote names it), as the
 * decision and the suggestion's key, oldest decision first.
 */
export async function suggestionRequests(pactId: string, db: Db = getDb()) {
  const rows = await db
    .selectFrom('comments')
    .innerJoin('clause_decisions', 'clause_decisions.id', 'comments.decision_id')
    .select([
      'clause_decisions.clause_id',
      'clause_decisions.party_id',
      'clause_decisions.user_id',
      'clause_decisions.content_hash',
      'clause_decisions.created_at',
      'comments.suggestion_key',
    ])
    .where('comments.pact_id', '=', pactId)
    .where('comments.suggestion_key', 'is not', null)
    .where('clause_decisions.decision', '=', 'wijziging-gevraagd')
    .orderBy('clause_decisions.id')
    .execute()
  return rows.map((row) => ({
    decision: {
      clauseId: row.clause_id,
      partyId: row.party_id,
      userId: row.user_id,
      contentHash: row.content_hash,
      decidedAt: row.created_at,
    },
    suggestionKey: row.suggestion_key!,
  }))
}

export async function addComment(
  input: {
    pactId: string
    clauseId: string
    parentId: string | null
    body: string
    quote: string | null
    authorId: string
    clauseExists: boolean
    /** A new thread about one of the clause's open suggestions. */
    suggestionKey?: string | null
    /** The open suggestions in the document now, where `suggestionKey` must be one of the clause's. */
    openSuggestions?: readonly OpenSuggestion[]
  },
  db: Db = getDb(),
) {
  if (!input.clauseExists) throw new CommentError('unknown-clause')
  const suggestion = input.suggestionKey
    ? selectSuggestions(input.openSuggestions ?? [], { clauseId: input.clauseId }).find(
        (candidate) => suggestionKey(candidate) === input.suggestionKey,
      )
    : null
  // A reply belongs to its thread's suggestion, if any; only a new thread names one.
  if (suggestion === undefined || (suggestion && input.parentId)) throw new CommentError('unknown-suggestion')
  if (input.parentId) {
    const parent = await db
      .selectFrom('comments')
      .select(['clause_id', 'parent_id'])
      .where('id', '=', input.parentId)
      .where('pact_id', '=', input.pactId)
      .executeTakeFirst()
    if (!parent || parent.clause_id !== input.clauseId || parent.parent_id) throw new CommentError('unknown-thread')
  }
  const id = newId()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('comments')
      .values({
        id,
        pact_id: input.pactId,
        clause_id: input.clauseId,
        parent_id: input.parentId,
        author_id: input.authorId,
        body: input.body,
        quote: suggestion ? suggestion.text : input.quote,
        suggestion_key: suggestion ? suggestionKey(suggestion) : null,
        decision_id: null,
        created_at: nowIso(),
        resolved_at: null,
        resolved_by: null,
      })
      .execute()
    await recordAudit(trx, {
      pactId: input.pactId,
      actorId: input.authorId,
      action: 'comment.added',
      details: {
        commentId: id,
        clauseId: input.clauseId,
        parentId: input.parentId,
        ...(suggestion ? { suggestion: suggestion.text } : {}),
      },
    })
  })
  ports().events.publish(input.pactId, 'comments')
  return id
}

export async function setThreadResolved(pactId: string, threadId: string, resolved: boolean, actorId: string, db: Db = getDb()) {
  const thread = await db
    .selectFrom('comments')
    .select(['parent_id'])
    .where('id', '=', threadId)
    .where('pact_id', '=', pactId)
    .executeTakeFirst()
  if (!thread || thread.parent_id) throw new CommentError('unknown-thread')
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('comments')
      .set(resolved ? { resolved_at: nowIso(), resolved_by: actorId } : { resolved_at: null, resolved_by: null })
      .where('id', '=', threadId)
      .execute()
    await recordAudit(trx, { pactId, actorId, action: resolved ? 'comment.resolved' : 'comment.reopened', details: { threadId } })
  })
  ports().events.publish(pactId, 'comments')
}
