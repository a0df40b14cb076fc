import { readableHeaderCells } from '#app/document/empty-header-cells.ts'
import { isDocumentEditable } from '#app/pacts/lifecycle.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { listComments } from './comments.server.ts'
import { readableWordDiff } from './diff.ts'
import { canonicalModelChanges, modelNamesFor } from './model-changes.ts'
import { itemsToReview } from './review.ts'
import { threadsWithSuggestions } from './clause-page.server.ts'
import { openSuggestionsOn, signingPartiesOf, signOffState } from './sign-off.server.ts'
import { decidedCanonicals } from './views.server.ts'

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
  const earlier = await decidedCanonicals(
    pactId,
    toReview.flatMap((clause) => {
      const latest = latestOf(clause.clauseId)
      return latest ? [{ clauseId: clause.clauseId, hash: latest.contentHash }] : []
    }),
  )
  const byId = new Map(snapshot.clauses.map((clause) => [clause.clauseId, clause]))
  const modelNames = modelNamesFor(parties, [
    ...snapshot.clauses.map((clause) => clause.canonical),
    ...[...earlier.values()].flatMap((texts) => [...texts.values()]),
  ])
  const items = await Promise.all(
    toReview.map(async (row) => {
      const clause = byId.get(row.clauseId)!
      const latest = latestOf(row.clauseId)
      const before = latest ? earlier.get(row.clauseId)?.get(latest.contentHash) : undefined
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
        html: readableHeaderCells(snapshot.itemHtml(row.clauseId) ?? ''),
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
