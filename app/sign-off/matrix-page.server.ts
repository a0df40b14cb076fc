import { can, type AccessLevel } from '#app/access/access.ts'
import { allowedTransitions, isAmendment, isDocumentEditable, needsConfirmation, pactStanding } from '#app/pacts/lifecycle.ts'
import { getPact, listMembers } from '#app/pacts/pacts.server.ts'
import { suggestionAuthorOf } from '#app/document/suggestions.ts'
import { openThreadCounts, suggestionRequests } from './comments.server.ts'
import { latestVersionNumber, listSignatories, pactMembersOfParties, signingPartiesOf, signOffState } from './sign-off.server.ts'
import { itemsToReview } from './review.ts'
import { signatoryDesignators } from './signatory-designation.ts'
import { openItems, type Approval } from './status.ts'
import { userNames } from './views.server.ts'

/**
 * Everything the sign-off page shows, as data: each clause's status per signing party, the
 * signing parties with their signatories, who designates them (and, for those people, who could
 * be named), and the status changes this reader may make. A party's change request that points at
 * a suggestion says whose.
 */
export async function matrixPage(pactId: string, { userId, access }: { userId: string; access: AccessLevel }) {
  const canManage = can(access, 'manage')
  const [pact, { snapshot, parties, matrix }, signatories, members, memberships, latestVersion, yourParties, threads, requests] =
    await Promise.all([
      getPact(pactId),
      signOffState(pactId),
      listSignatories(pactId),
      listMembers(pactId),
      pactMembersOfParties(pactId),
      latestVersionNumber(pactId),
      signingPartiesOf(userId, pactId),
      openThreadCounts(pactId),
      suggestionRequests(pactId),
    ])
  const names = new Map(members.map((member) => [member.user_id, member.name]))
  // Later requests of the same decision key overwrite earlier ones, as the later decision wins in the matrix.
  const requested = new Map(requests.map((request) => [decisionKey(request.decision), request.suggestionKey]))
  const proposers = await userNames([...requested.values()].flatMap((key) => suggestionAuthorOf(key) ?? []))
  const requestAbout = (latest: Approval | null) => {
    const key = latest?.decision === 'wijziging-gevraagd' ? requested.get(decisionKey(latest)) : undefined
    if (!key) return null
    return { proposerName: proposers.get(suggestionAuthorOf(key) ?? '') ?? null }
  }
  const signingParties = parties
    .filter((party) => party.is_signatory)
    .map((party) => {
      const named = signatories.filter((signatory) => signatory.party_id === party.id)
      const candidates = members.filter(
        (member) => member.party_id === party.id && !named.some((signatory) => signatory.user_id === member.user_id),
      )
      const designators = signatoryDesignators(party.id, memberships)
      const canDesignate = designators.includes(userId)
      return {
        id: party.id,
        name: party.name,
        signatories: named.map((signatory) => ({ userId: signatory.user_id, name: signatory.name })),
        designators: designators.map((id) => names.get(id) ?? ''),
        canDesignate,
        candidates: canDesignate ? candidates.map((member) => ({ userId: member.user_id, name: member.name })) : [],
      }
    })
  const status = pact.status
  return {
    pact: { id: pact.id, title: pact.title, status, standing: pactStanding(status, latestVersion) },
    clauses: matrix.clauses.map((row, index) => ({
      clauseId: row.clauseId,
      title: snapshot.clauses[index]!.title,
      agreed: row.agreed,
      openComments: threads[row.clauseId] ?? 0,
      openSuggestions: row.openSuggestions,
      statuses: row.parties.map((party) => party.status),
      // Only while the request stands on the current text: on an older one the cell is open again.
      requests: row.parties.map((party) => (party.status === 'wijziging-gevraagd' ? requestAbout(party.latest) : null)),
    })),
    signingParties,
    // The reader's way into the review flow, per party they sign for, with what is left to decide.
    reviewFor: isDocumentEditable(status)
      ? signingParties
          .filter((party) => yourParties.includes(party.id))
          .map((party) => ({ partyId: party.id, name: party.name, open: itemsToReview(matrix, party.id).length }))
      : [],
    transitions: canManage
      ? allowedTransitions(status).map((to) => ({
          to,
          amendment: isAmendment(status, to),
          confirm: needsConfirmation(status, to),
        }))
      : [],
  }
}

/** One decision: who decided for which party on which text of which clause, when. */
function decisionKey(decision: Pick<Approval, 'clauseId' | 'partyId' | 'userId' | 'contentHash' | 'decidedAt'>): string {
  return [decision.clauseId, decision.partyId, decision.userId, decision.contentHash, decision.decidedAt].join('\n')
}

/** What stands between the pact and signing, in the words of the page: clause, party, status. */
export async function openItemsInWords(pactId: string) {
  const { snapshot, parties, matrix } = await signOffState(pactId)
  const titles = new Map(snapshot.clauses.map((clause) => [clause.clauseId, clause.title]))
  const partyNames = new Map(parties.map((party) => [party.id, party.name]))
  return openItems(matrix).map((item) => ({
    clauseId: item.clauseId,
    clause: titles.get(item.clauseId) ?? '',
    party: partyNames.get(item.partyId) ?? '',
    status: item.status,
  }))
}
