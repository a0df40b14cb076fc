import { can, type AccessLevel } from '#app/access/access.ts'
import { isDocumentEditable } from '#app/pacts/lifecycle.ts'
import { readableHeaderCells } from '#app/document/empty-header-cells.ts'
import { suggestionOutcomes } from '#app/document/suggestions.server.ts'
import { suggestionKey, type OpenSuggestion } from '#app/document/suggestions.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { listComments } from './comments.server.ts'
import { readableWordDiff } from './diff.ts'
import { canonicalModelChanges, modelNamesFor } from './model-changes.ts'
import { nextToReview } from './review.ts'
import { openSuggestionsOn, signingPartiesOf, signOffState } from './sign-off.server.ts'
import { decidedCanonicals, userNames } from './views.server.ts'

/**
 * Everything the clause page shows, as data: the clause's current text and hash, each signing
 * party's status and latest decision, what changed since an approval, who may decide now, and
 * the open suggestions in it, and the discussion (threads about a suggestion with that
 * suggestion while it is open, marked with how it ended once it is not). Null when the pact has
 * no such clause.
 */
export async function clausePage(pactId: string, clauseId: string, { userId, access }: { userId: string; access: AccessLevel }) {
  const [pact, { snapshot, parties, matrix }, yourParties, comments] = await Promise.all([
    getPact(pactId),
    signOffState(pactId),
    signingPartiesOf(userId, pactId),
    listComments(pactId),
  ])
  const index = snapshot.clauses.findIndex((clause) => clause.clauseId === clauseId)
  if (index < 0) return null
  const clause = snapshot.clauses[index]!
  const signOff = matrix.clauses[index]!

  const partyNames = new Map(parties.map((party) => [party.id, party.name]))
  const decisions = signOff.parties.flatMap((party) => (party.latest ? [party.latest] : []))
  const approvedHashes = signOff.parties
    .filter((party) => party.status === 'gewijzigd-na-akkoord')
    .map((party) => party.latest!.contentHash)
  const [names, decided] = await Promise.all([
    userNames(decisions.map((decision) => decision.userId)),
    decidedCanonicals(
      pactId,
      approvedHashes.map((hash) => ({ clauseId: clause.clauseId, hash })),
    ),
  ])
  const approvedTexts = decided.get(clause.clauseId) ?? new Map<string, string>()

  const modelNames = modelNamesFor(parties, [...snapshot.clauses.map((item) => item.canonical), ...approvedTexts.values()])
  // One "what changed since" per approved text: parties that approved the same text share it.
  const changesSince = [...approvedTexts].map(([hash, canonical]) => {
    const approvers = signOff.parties.filter(
      (party) => party.status === 'gewijzigd-na-akkoord' && party.latest!.contentHash === hash,
    )
    return {
      parties: approvers.map((party) => partyNames.get(party.partyId) ?? ''),
      yours: approvers.some((party) => yourParties.includes(party.partyId)),
      approvedAt: approvers
        .map((party) => party.latest!.decidedAt)
        .sort()
        .at(-1)!,
      words: readableWordDiff(canonical, clause.canonical),
      dataChanges: canonicalModelChanges(canonical, clause.canonical, modelNames),
    }
  })

  const open = openSuggestionsOn(snapshot, clause.clauseId)
  const { threads, suggestions } = await threadsWithSuggestions(
    pactId,
    comments.filter((comment) => comment.clause_id === clause.clauseId),
    open,
    partyNames,
  )

  const status = pact.status
  const decisionsOpen = isDocumentEditable(status)
  // The signing parties this person may decide for, while decisions are open.
  const decideFor = decisionsOpen
    ? signOff.parties
        .filter((party) => yourParties.includes(party.partyId))
        .map((party) => ({
          id: party.partyId,
          name: partyNames.get(party.partyId) ?? '',
          // The choice already made on this very content, shown (and preselected) in the form.
          recorded:
            party.latest && party.latest.contentHash === clause.contentHash
              ? {
                  decision: party.latest.decision,
                  name: names.get(party.latest.userId) ?? '',
                  decidedAt: party.latest.decidedAt,
                }
              : null,
        }))
    : []
  // "Volgend artikel": the next item the (first) party this person decides for still has to decide on.
  const nextId = decideFor[0] ? nextToReview(matrix, decideFor[0].id, clause.clauseId) : null
  const next = nextId ? { clauseId: nextId, title: snapshot.clauses.find((item) => item.clauseId === nextId)?.title ?? '' } : null
  return {
    pact: { id: pact.id, title: pact.title, status },
    clause: {
      clauseId: clause.clauseId,
      title: clause.title,
      kind: clause.kind,
      contentHash: clause.contentHash,
      html: readableHeaderCells(snapshot.itemHtml(clause.clauseId) ?? ''),
    },
    parties: signOff.parties.map((party) => ({
      partyId: party.partyId,
      name: partyNames.get(party.partyId) ?? '',
      status: party.status,
      latest: party.latest && {
        name: names.get(party.latest.userId) ?? '',
        decision: party.latest.decision,
        decidedAt: party.latest.decidedAt,
      },
    })),
    changesSince,
    decideFor,
    next,
    decisionsOpen,
    threads,
    suggestions,
    canComment: can(access, 'comment'),
  }
}

type CommentRow = Awaited<ReturnType<typeof listComments>>[number]

/**
 * An item's open suggestions as its pages show them (who, for which party, what), each with the
 * threads about it; and the item's other threads, those about a suggestion that is no longer open
 * marked with how it ended where the audit trail tells. Shared by the clause page and the review flow.
 */
export async function threadsWithSuggestions(
  pactId: string,
  itemComments: readonly CommentRow[],
  open: readonly OpenSuggestion[],
  partyNames: ReadonlyMap<string, string>,
) {
  const openKeys = new Set(open.map(suggestionKey))
  const closedKeys = itemComments.flatMap((comment) =>
    comment.suggestion_key && !openKeys.has(comment.suggestion_key) ? [comment.suggestion_key] : [],
  )
  const [authors, outcomes] = await Promise.all([
    userNames(open.map((suggestion) => suggestion.authorId)),
    suggestionOutcomes(pactId, closedKeys),
  ])
  const all = itemComments
    .filter((comment) => comment.parent_id === null)
    .map((thread) => ({
      ...thread,
      suggestionOutcome: thread.suggestion_key ? (outcomes.get(thread.suggestion_key) ?? null) : null,
      replies: itemComments.filter((comment) => comment.parent_id === thread.id),
    }))
  return {
    threads: all.filter((thread) => !thread.suggestion_key || !openKeys.has(thread.suggestion_key)),
    suggestions: open.map((suggestion) => {
      const key = suggestionKey(suggestion)
      return {
        ...suggestion,
        key,
        authorName: authors.get(suggestion.authorId) ?? null,
        partyName: partyNames.get(suggestion.partyId) ?? null,
        threads: all.filter((thread) => thread.suggestion_key === key),
      }
    }),
  }
}
