import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { membershipAccess } from '#app/access/access.ts'
import type { PactStatus } from '#app/pacts/lifecycle.ts'
import { canTransition, isAmendment, isDocumentEditable } from '#app/pacts/lifecycle.ts'
import {
  isUsableItemId,
  OUTSIDE_TEXT_ITEM_ID,
  type ApprovableItemType,
  type ModelPartRef,
} from '#app/sign-off/approvable-items.ts'
import {
  approvalBlockedBySuggestions,
  canSign,
  signOffMatrix,
  versionHash,
  type Approval,
  type Decision,
} from '#app/sign-off/status.ts'
import { newId } from '#app/platform/ids.ts'
import { ports } from '#app/platform/ports.ts'
import { recordAudit } from '#app/audit/audit.server.ts'
import { currentItems, pactSnapshot, type PactItems, type PactSnapshot } from '#app/document/pact-document.server.ts'
import { selectSuggestions, suggestionCountsByClause, suggestionKey, type OpenSuggestion } from '#app/document/suggestions.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'
import { Refusal } from '#app/platform/errors.ts'
import { refusalFor } from './forms.ts'
import { mayDesignateSignatories, type PactMemberOfParty } from './signatory-designation.ts'

/**
 * Sign-off records: signatories, decisions on clauses, status changes and signed versions.
 * Every change is written in one transaction with its audit entry; every refused attempt is
 * audited too. What a decision is about is computed here from the stored document. "Clause"
 * here means any approvable item (approvable-items.ts): the text outside the clauses and a model
 * part no clause shows are decided on, checked and sealed into a version exactly like a clause.
 */

export type SignOffErrorCode =
  | 'not-signatory'
  | 'not-signing-party'
  | 'unknown-clause'
  | 'stale-content'
  | 'not-open-for-decisions'
  | 'open-clauses'
  | 'open-suggestions'
  | 'unknown-suggestion'
  | 'invalid-transition'
  | 'not-a-member'
  | 'not-designator'

/** A sign-off rule said no: a refusal with its code, which the audit trail records too, and the items it is about, if any. */
export class SignOffError extends Refusal {
  constructor(
    readonly code: SignOffErrorCode,
    readonly items: readonly string[] = [],
  ) {
    super(refusalFor(code).status, refusalFor(code).message)
  }
}

async function refuse(
  pactId: string,
  actorId: string,
  action: string,
  code: SignOffErrorCode,
  details: Record<string, unknown>,
  db: Db,
  items: readonly string[] = [],
) {
  await recordAudit(db, { pactId, actorId, action, details: { ...details, refused: code } })
  return new SignOffError(code, items)
}

export async function listSignatories(pactId: string, db: Db = getDb()) {
  return db
    .selectFrom('pact_signatories')
    .innerJoin('users', 'users.id', 'pact_signatories.user_id')
    .select(['pact_signatories.party_id', 'pact_signatories.user_id', 'users.name'])
    .where('pact_signatories.pact_id', '=', pactId)
    .orderBy('users.name')
    .execute()
}

/** Everyone on the pact with their party, access and joining moment: what the designation rule reads. */
export async function pactMembersOfParties(pactId: string, db: Db = getDb()): Promise<PactMemberOfParty[]> {
  const rows = await db
    .selectFrom('pact_members')
    .select(['user_id', 'party_id', 'access', 'created_at'])
    .where('pact_id', '=', pactId)
    .execute()
  return rows.flatMap((row) => {
    const access = membershipAccess(row.access)
    return access ? [{ userId: row.user_id, partyId: row.party_id, access, joinedAt: row.created_at }] : []
  })
}

/** Only the party itself designates its signatories (signatory-designation.ts); the attempt of anyone else is refused and audited. */
async function requireDesignator(pactId: string, partyId: string, actorId: string, action: string, details: object, db: Db) {
  if (!mayDesignateSignatories(actorId, partyId, await pactMembersOfParties(pactId, db)))
    throw await refuse(pactId, actorId, action, 'not-designator', { partyId, ...details }, db)
}

/** Names a person of a signing party as one who may approve on its behalf; the party itself does this. */
export async function addSignatory(pactId: string, partyId: string, userId: string, actorId: string, db: Db = getDb()) {
  const [party, member] = await Promise.all([
    db
      .selectFrom('pact_parties')
      .select('is_signatory')
      .where('id', '=', partyId)
      .where('pact_id', '=', pactId)
      .executeTakeFirst(),
    db
      .selectFrom('pact_members')
      .select('party_id')
      .where('pact_id', '=', pactId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  ])
  if (!party?.is_signatory)
    throw await refuse(pactId, actorId, 'signatory.add-refused', 'not-signing-party', { partyId, userId }, db)
  await requireDesignator(pactId, partyId, actorId, 'signatory.add-refused', { userId }, db)
  if (member?.party_id !== partyId)
    throw await refuse(pactId, actorId, 'signatory.add-refused', 'not-a-member', { partyId, userId }, db)
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pact_signatories')
      .values({ pact_id: pactId, party_id: partyId, user_id: userId, created_by: actorId, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['pact_id', 'party_id', 'user_id']).doNothing())
      .execute()
    await recordAudit(trx, { pactId, actorId, action: 'signatory.added', details: { partyId, userId } })
  })
  ports().events.publish(pactId, 'sign-off')
}

/** Removes a signatory of this pact (the party itself does this); the trail records it only when there was one to remove. */
export async function removeSignatory(
  pactId: string,
  partyId: string,
  userId: string,
  actorId: string,
  db: Db = getDb(),
): Promise<boolean> {
  await requireDesignator(pactId, partyId, actorId, 'signatory.remove-refused', { userId }, db)
  const removed = await db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('pact_signatories')
      .where('pact_id', '=', pactId)
      .where('party_id', '=', partyId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (Number(result.numDeletedRows) === 0) return false
    await recordAudit(trx, { pactId, actorId, action: 'signatory.removed', details: { partyId, userId } })
    return true
  })
  if (removed) ports().events.publish(pactId, 'sign-off')
  return removed
}

export async function signingPartiesOf(userId: string, pactId: string, db: Db = getDb()): Promise<string[]> {
  const rows = await db
    .selectFrom('pact_signatories')
    .select('party_id')
    .where('pact_id', '=', pactId)
    .where('user_id', '=', userId)
    .execute()
  return rows.map((row) => row.party_id)
}

async function listApprovals(pactId: string, db: Db): Promise<Approval[]> {
  const rows = await db
    .selectFrom('clause_decisions')
    .select(['clause_id', 'party_id', 'user_id', 'decision', 'content_hash', 'created_at'])
    .where('pact_id', '=', pactId)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    clauseId: row.clause_id,
    partyId: row.party_id,
    userId: row.user_id,
    decision: row.decision,
    contentHash: row.content_hash,
    decidedAt: row.created_at,
  }))
}

/** The clauses × signing parties matrix of the current document. */
export async function signOffState<Items extends Pick<PactSnapshot, 'clauses' | 'suggestions'> = PactItems>(
  pactId: string,
  items?: Items,
  db: Db = getDb(),
) {
  const [current, parties, approvals] = await Promise.all([
    items ?? (currentItems(pactId) as Promise<PactItems & Items>),
    listParties(pactId, db),
    listApprovals(pactId, db),
  ])
  const signingPartyIds = parties.filter((party) => party.is_signatory).map((party) => party.id)
  const suggestions = openSuggestionCounts(current)
  const clauses = current.clauses.map((clause) => ({ ...clause, openSuggestions: suggestions.get(clause.clauseId) ?? 0 }))
  const matrix = signOffMatrix({ clauses, signingPartyIds, approvals })
  return { snapshot: current, parties, matrix }
}

export interface DecisionInput {
  pactId: string
  clauseId: string
  partyId: string
  userId: string
  decision: Decision
  /** The hash of the content the person saw: an approval counts only for exactly that. */
  seenHash: string
  explanation: string | null
  /** With 'wijziging gevraagd': the open suggestion in the clause that the request is about (its key). */
  suggestionKey?: string | null
}

export function decideOnClause(input: DecisionInput, db: Db = getDb()) {
  const { pactId, partyId, userId, ...item } = input
  return decideOnItems({ pactId, partyId, userId, items: [item] }, db)
}

/** One decision of a batch: the item, the choice and the hash of the content the person saw. */
export interface ItemDecision {
  clauseId: string
  decision: Decision
  seenHash: string
  explanation: string | null
  suggestionKey?: string | null
}

/**
 * Records one party's decisions on several items (the review flow's "akkoord op deze N
 * artikelen") all or none: each is bound to the hash the person saw, and if any item changed or
 * vanished meanwhile nothing is written, and the refusal names those items (`SignOffError.items`)
 * so the page can show their new content and keep the other choices.
 */
export async function decideOnItems(
  { pactId, partyId, userId, items }: { pactId: string; partyId: string; userId: string; items: readonly ItemDecision[] },
  db: Db = getDb(),
) {
  // One item keeps the audit details of a single decision; a batch records its size and what was stale.
  const attempt =
    items.length === 1
      ? { clauseId: items[0]!.clauseId, partyId, decision: items[0]!.decision, seenHash: items[0]!.seenHash }
      : { partyId, items: items.length }
  const pact = await getPact(pactId, db)
  if (!isDocumentEditable(pact.status))
    throw await refuse(pactId, userId, 'clause.decision-refused', 'not-open-for-decisions', attempt, db)
  if (!(await signingPartiesOf(userId, pactId, db)).includes(partyId)) {
    throw await refuse(pactId, userId, 'clause.decision-refused', 'not-signatory', attempt, db)
  }
  const live = await currentItems(pactId)
  const current = new Map(
    live.clauses.filter((clause) => isUsableItemId(clause.clauseId)).map((clause) => [clause.clauseId, clause]),
  )
  const unknown = items.filter((item) => !current.has(item.clauseId)).map((item) => item.clauseId)
  if (unknown.length)
    throw await refuse(
      pactId,
      userId,
      'clause.decision-refused',
      'unknown-clause',
      batchDetails(attempt, { unknown }),
      db,
      unknown,
    )
  const stale = items.filter((item) => current.get(item.clauseId)!.contentHash !== item.seenHash).map((item) => item.clauseId)
  if (stale.length)
    throw await refuse(pactId, userId, 'clause.decision-refused', 'stale-content', batchDetails(attempt, { stale }), db, stale)
  const suggestions = openSuggestionCounts(live)
  const blocked = items
    .filter((item) => approvalBlockedBySuggestions(item.decision, suggestions.get(item.clauseId) ?? 0))
    .map((item) => item.clauseId)
  if (blocked.length)
    throw await refuse(
      pactId,
      userId,
      'clause.decision-refused',
      'open-suggestions',
      batchDetails(attempt, { blocked }),
      db,
      blocked,
    )
  // "Wijziging gevraagd" can name one of the item's open suggestions; nothing else can.
  const requested = new Map(
    items.flatMap((item) => {
      const suggestion = item.suggestionKey
        ? openSuggestionsOn(live, item.clauseId).find((candidate) => suggestionKey(candidate) === item.suggestionKey)
        : null
      return suggestion ? [[item.clauseId, suggestion] as const] : []
    }),
  )
  const misnamed = items
    .filter((item) => item.suggestionKey && (item.decision !== 'wijziging-gevraagd' || !requested.has(item.clauseId)))
    .map((item) => item.clauseId)
  if (misnamed.length)
    throw await refuse(
      pactId,
      userId,
      'clause.decision-refused',
      'unknown-suggestion',
      batchDetails(attempt, { misnamed }),
      db,
      misnamed,
    )

  await db.transaction().execute(async (trx) => {
    const createdAt = nowIso()
    for (const item of items) {
      const clause = current.get(item.clauseId)!
      const inserted = await trx
        .insertInto('clause_decisions')
        .values({
          pact_id: pactId,
          clause_id: item.clauseId,
          party_id: partyId,
          user_id: userId,
          decision: item.decision,
          content_hash: clause.contentHash,
          canonical: clause.canonical,
          explanation: item.explanation,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const suggestion = requested.get(item.clauseId)
      if (item.explanation || suggestion) {
        // The explanation (and the suggestion a requested change is about) belongs in the clause's discussion, where the other parties read it.
        await trx
          .insertInto('comments')
          .values({
            id: newId(),
            pact_id: pactId,
            clause_id: item.clauseId,
            parent_id: null,
            author_id: userId,
            body: item.explanation ?? '',
            quote: suggestion?.text ?? null,
            suggestion_key: suggestion ? suggestionKey(suggestion) : null,
            decision_id: Number(inserted.id),
            created_at: createdAt,
            resolved_at: null,
            resolved_by: null,
          })
          .execute()
      }
      await recordAudit(trx, {
        pactId,
        actorId: userId,
        action: 'clause.decided',
        details: { clauseId: item.clauseId, partyId, decision: item.decision, contentHash: clause.contentHash },
      })
    }
  })
  ports().events.publish(pactId, 'sign-off')
  if (items.some((item) => item.explanation || requested.has(item.clauseId))) ports().events.publish(pactId, 'comments')
}

/** A batch's refusal names its items in the audit trail; a single decision's attempt already does. */
function batchDetails(attempt: Record<string, unknown>, which: Record<string, string[]>) {
  return 'clauseId' in attempt ? attempt : { ...attempt, ...which }
}

/** Moves the pact through its life; signing seals an immutable version. */
export async function changePactStatus(pactId: string, to: PactStatus, actorId: string, db: Db = getDb()) {
  const pact = await getPact(pactId, db)
  const from = pact.status
  if (!canTransition(from, to)) throw await refuse(pactId, actorId, 'pact.status-refused', 'invalid-transition', { from, to }, db)

  if (to !== 'getekend') {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('pacts').set({ status: to }).where('id', '=', pactId).where('status', '=', from).execute()
      const action = isAmendment(from, to) ? 'pact.amendment-started' : 'pact.status-changed'
      await recordAudit(trx, { pactId, actorId, action, details: { from, to } })
    })
    // Whether the text may be written follows the status (an amendment reopens it): open sockets learn it now.
    await ports().access.pactAccessChanged(pactId)
    ports().events.publish(pactId, 'status')
    return null
  }

  const { snapshot, matrix } = await signOffState(pactId, await pactSnapshot(pactId), db)
  const verdict = canSign(matrix)
  if (!verdict.ok) {
    throw await refuse(
      pactId,
      actorId,
      'pact.sign-refused',
      verdict.reason === 'open-suggestions' ? 'open-suggestions' : 'open-clauses',
      { reason: verdict.reason, open: verdict.open.length },
      db,
    )
  }
  const stateBase64 = Buffer.from(snapshot.state).toString('base64')
  const clauseHashes = snapshot.clauses.map(({ clauseId, contentHash }) => ({ clauseId, contentHash }))
  const hash = versionHash({ html: snapshot.html, clauseHashes, stateUpdateBase64: stateBase64 })
  const approvals = matrix.clauses.flatMap((clause) =>
    clause.parties.map((party) => ({
      clauseId: clause.clauseId,
      partyId: party.partyId,
      userId: party.latest!.userId,
      decidedAt: party.latest!.decidedAt,
      contentHash: clause.contentHash,
    })),
  )
  const number = await db.transaction().execute(async (trx) => {
    const next = ((await latestVersionNumber(pactId, trx)) ?? 0) + 1
    const signedAt = nowIso()
    await trx
      .insertInto('pact_versions')
      .values({
        id: newId(),
        pact_id: pactId,
        number: next,
        state_base64: stateBase64,
        html: snapshot.html,
        clauses: JSON.stringify(snapshot.clauses),
        decisions: JSON.stringify(approvals),
        hash,
        signed_by: actorId,
        signed_at: signedAt,
      })
      .execute()
    const updated = await trx
      .updateTable('pacts')
      .set({ status: 'getekend' })
      .where('id', '=', pactId)
      .where('status', '=', from)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new SignOffError('invalid-transition')
    await recordAudit(trx, {
      pactId,
      actorId,
      action: 'pact.signed',
      details: { version: next, hash, clauses: clauseHashes.length },
    })
    return next
  })
  // Open editors turn read-only now: once this returns, no socket's change is applied any more.
  await ports().access.pactAccessChanged(pactId)
  ports().events.publish(pactId, 'status')
  return number
}

/** The number of the last signed version (the one in force), or null before the first signing. */
export async function latestVersionNumber(pactId: string, db: Db = getDb()): Promise<number | null> {
  const row = await db
    .selectFrom('pact_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('pact_id', '=', pactId)
    .executeTakeFirst()
  return row?.n == null ? null : Number(row.n)
}

export async function listVersions(pactId: string, db: Db = getDb()) {
  return db
    .selectFrom('pact_versions')
    .innerJoin('users', 'users.id', 'pact_versions.signed_by')
    .select(['pact_versions.number', 'pact_versions.hash', 'pact_versions.signed_at', 'users.name as signed_by_name'])
    .where('pact_versions.pact_id', '=', pactId)
    .orderBy('pact_versions.number')
    .execute()
}

/** An approved item as a version stores it (approvable-items.ts); versions signed before issue 9 hold only clauses, without `item` and `shows`. */
export interface StoredVersionClause {
  clauseId: string
  kind: string
  title: string
  canonical: string
  contentHash: string
  item?: ApprovableItemType
  shows?: ModelPartRef[]
}

export async function getVersion(pactId: string, number: number, db: Db = getDb()) {
  const row = await db
    .selectFrom('pact_versions')
    .innerJoin('users', 'users.id', 'pact_versions.signed_by')
    .selectAll('pact_versions')
    .select('users.name as signed_by_name')
    .where('pact_versions.pact_id', '=', pactId)
    .where('pact_versions.number', '=', number)
    .executeTakeFirst()
  if (!row) return null
  return {
    number: row.number,
    hash: row.hash,
    html: row.html,
    signedAt: row.signed_at,
    signedByName: row.signed_by_name,
    clauses: JSON.parse(row.clauses) as StoredVersionClause[],
    decisions: JSON.parse(row.decisions) as Array<{
      clauseId: string
      partyId: string
      userId: string
      decidedAt: string
      contentHash: string
    }>,
  }
}

/** The full Yjs state a signed version stored, to restore its text; null when there is no such version. */
export async function getVersionState(pactId: string, number: number, db: Db = getDb()): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('pact_versions')
    .select('state_base64')
    .where('pact_id', '=', pactId)
    .where('number', '=', number)
    .executeTakeFirst()
  return row ? new Uint8Array(Buffer.from(row.state_base64, 'base64')) : null
}

/** Open suggestions per approvable item: a clause's own, and those outside clauses on the text outside them. */
function openSuggestionCounts(current: Pick<PactSnapshot, 'suggestions'>): Map<string, number> {
  return suggestionCountsByClause(current.suggestions.map(onItem))
}

/** The open suggestions on one approvable item, each once (see openSuggestionCounts). */
export function openSuggestionsOn(current: Pick<PactSnapshot, 'suggestions'>, itemId: string): OpenSuggestion[] {
  return selectSuggestions(current.suggestions.map(onItem), { clauseId: itemId })
}

function onItem(suggestion: OpenSuggestion): OpenSuggestion {
  return { ...suggestion, clauseId: suggestion.clauseId ?? OUTSIDE_TEXT_ITEM_ID }
}
