import { isDocumentEditable } from '#app/pacts/lifecycle.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { listComments } from './comments.server.ts'
import { readableWordDiff } from './diff.ts'
import { canonicalModelChanges, modelNamesFor } from './model-changes.ts'
import { itemsToReview } from './review.ts'
import { threadsWithSuggestions } from './clause-page.server.ts'
import { openSuggestionsOn, signingPartiesOf, signOffState } from './sign-off.server.ts'

/**
 * Everything the review flow shows a signatory, as data: the parties they decide for, and for the
 * chosen one every item it still has to decide on (review.ts), each with its text and hash, what
 * changed since the party's last decision on it, its open suggestions and its discussion.
 */
export async function reviewPage(pactId: string, userId: string, requestedPartyId: string | null) {
  const [pact, { snapshot, parties, matrix }, yourParties, comments] = await Promise.all([
    getPact(pactId),
    signOffState(pactId),
    signingPartiesOf(userId, pactId),
    listComments(pactId),
  ])
  const partyNames = new Map(parties.map((party) => [party.id, party.name]))
  const decideFor = matrix.signingPartyIds.filter((partyId) => yourParties.includes(partyId))
  const partyId = decideFor.find((candidate) => candidate === requestedPartyId) ?? decideFor[0] ?? null
  const toReview = partyId ? itemsToReview(matrix, partyId) : []
  const latestOf = (clauseId: string) =>
    matrix.clauses.find((clause) => clause.clauseId === clauseId)?.parties.find((party) => party.partyId === partyId)?.latest ??
    null
  const earlier = await decidedCanonicalsByItem(
    pactId,
    toReview.flatMap((clause) => {
      const latest = latestOf(clause.clauseId)
      return latest ? [{ clauseId: clause.clauseId, hash: latest.contentHash }] : []
    }),
  )
  const byId = new Map(snapshot.clauses.map((clause) => [clause.clauseId, clause]))
  const modelNames = modelNamesFor(parties, [...snapshot.clauses.map((clause) => clause.canonical), ...earlier.values()])
  const items = await Promise.all(
    toReview.map(async (row) => {
      const clause = byId.get(row.clauseId)!
      const latest = latestOf(row.clauseId)
      const before = latest ? earlier.get(`${row.clauseId}\u0000${latest.contentHash}`) : undefined
      const { threads, suggestions } = await threadsWithSuggestions(
        pactId,
        comments.filter((comment) => comment.clause_id === row.clauseId),
        openSuggestionsOn(snapshot, row.clauseId),
        partyNames,
      )
      return {
        clauseId: row.clauseId,
        title: clause.title,
        contentHash: row.contentHash,
        html: snapshot.itemHtml(row.clauseId) ?? '',
        status: row.parties.find((party) => party.partyId === partyId)!.status,
        // What changed since this party last decided on the item, on whatever text that was.
        changesSince:
          latest && before !== undefined
            ? {
                decision: latest.decision,
                decidedAt: latest.decidedAt,
                words: readableWordDiff(before, clause.canonical),
                dataChanges: canonicalModelChanges(before, clause.canonical, modelNames),
              }
            : null,
        threads,
        suggestions,
      }
    }),
  )
  return {
    pact: { id: pact.id, title: pact.title },
    decisionsOpen: isDocumentEditable(pact.status),
    parties: decideFor.map((id) => ({ id, name: partyNames.get(id) ?? '' })),
    party: partyId ? { id: partyId, name: partyNames.get(partyId) ?? '' } : null,
    items,
  }
}

/** The canonical content a party decided on, for many items at once: keyed by item id and hash. */
async function decidedCanonicalsByItem(pactId: string, pairs: ReadonlyArray<{ clauseId: string; hash: string }>, db = getDb()) {
  const result = new Map<string, string>()
  if (pairs.length === 0) return result
  const rows = await db
    .selectFrom('clause_decisions')
    .select(['clause_id', 'content_hash', 'canonical'])
    .distinct()
    .where('pact_id', '=', pactId)
    .where('content_hash', 'in', [...new Set(pairs.map((pair) => pair.hash))])
    .execute()
  for (const row of rows) result.set(`${row.clause_id}\u0000${row.content_hash}`, row.canonical)
  return result
}
