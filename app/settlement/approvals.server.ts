import type { Transaction } from 'kysely'
import { recordAudit } from '#app/audit/audit.server.ts'
import { Refusal } from '#app/platform/errors.ts'
import type { MessageKey } from '#app/platform/i18n/keys.ts'
import { nowIso, type Db } from '#app/platform/db/db.server.ts'
import type { Database } from '#app/platform/db/schema.ts'
import { signingPartiesOf } from '#app/sign-off/sign-off.server.ts'
import { signOffMatrix, type Approval, type ClauseSignOff } from '#app/sign-off/status.ts'

/**
 * The one approval mechanism for what the table settles: a settlement of a year and a decision
 * on the revolving fund. It is sign-off's mechanism, not a copy of it: what a decision counts
 * for is sign-off's own `signOffMatrix` (a decision holds for exactly the hash it was given on;
 * a new hash reopens it for everyone), who may decide for a party is sign-off's signatories,
 * and every decision and every refused attempt lands in the audit trail in the same transaction.
 * Subjects have ids from `newId()`, which sign-off accepts as item ids.
 */

export type SubjectKind = 'afrekening' | 'fondsbesluit'
export type SettlementDecision = 'akkoord' | 'niet-akkoord'

export interface Subject {
  kind: SubjectKind
  id: string
  hash: string
}

/** A refusal of the house's one type (a conflict with the rules or the figures); the message key says why. */
export class SettlementError extends Refusal {
  constructor(messageKey: MessageKey) {
    super(409, messageKey)
  }
}

/** Audits a refused attempt and returns the error to throw; nothing else is written. */
export async function refuse(
  db: Db,
  pactId: string,
  actorId: string,
  action: string,
  messageKey: MessageKey,
  details: Record<string, unknown>,
) {
  await recordAudit(db, { pactId, actorId, action, details: { ...details, refused: messageKey } })
  return new SettlementError(messageKey)
}

export async function approvalsOf(
  db: Db | Transaction<Database>,
  pactId: string,
  subjectId: string,
): Promise<Array<Approval & { reason: string | null }>> {
  const rows = await db
    .selectFrom('settlement_approvals')
    .select(['subject_id', 'party_id', 'user_id', 'decision', 'hash', 'reason', 'created_at'])
    .where('pact_id', '=', pactId)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    clauseId: row.subject_id,
    partyId: row.party_id,
    userId: row.user_id,
    decision: row.decision,
    contentHash: row.hash,
    decidedAt: row.created_at,
    reason: row.reason,
  }))
}

/** Each signing party's status on the subject as it stands (its current hash). */
export function approvalState(
  subject: Subject,
  signingPartyIds: readonly string[],
  approvals: readonly Approval[],
): ClauseSignOff {
  return signOffMatrix({ clauses: [{ clauseId: subject.id, contentHash: subject.hash }], signingPartyIds, approvals }).clauses[0]!
}

export interface DecideInput {
  pactId: string
  subject: Subject
  partyId: string
  userId: string
  decision: SettlementDecision
  /** The hash the person saw: the decision counts only for exactly that. */
  seenHash: string
  reason: string | null
  signingPartyIds: readonly string[]
  /** Null when the subject can be decided on now, else the refusal's message key (stale, no longer open). */
  blocked: MessageKey | null
  /** Runs in the decision's transaction once every signing party agreed; may throw a SettlementError to undo it all. */
  onAgreed: (trx: Transaction<Database>) => Promise<void>
}

/**
 * Records a party's decision on a subject. Refused, audited, with nothing written: when the person
 * does not sign for the party, when the subject is blocked, when they saw another hash than the
 * current one, or when they do not agree without a reason. Returns whether the subject is now
 * agreed by every signing party.
 */
export async function decide(db: Db, input: DecideInput): Promise<boolean> {
  const { pactId, subject, partyId, userId } = input
  const action = `${subject.kind}.decision-refused`
  const attempt = { subject: subject.id, partyId, decision: input.decision, seenHash: input.seenHash }
  if (!input.signingPartyIds.includes(partyId) || !(await signingPartiesOf(userId, pactId, db)).includes(partyId)) {
    throw await refuse(db, pactId, userId, action, 'settlement.errors.notSignatory', attempt)
  }
  if (input.blocked) throw await refuse(db, pactId, userId, action, input.blocked, attempt)
  if (input.seenHash !== subject.hash) throw await refuse(db, pactId, userId, action, 'settlement.errors.stale', attempt)
  const reason = input.reason?.trim() || null
  if (input.decision === 'niet-akkoord' && !reason)
    throw await refuse(db, pactId, userId, action, 'settlement.errors.reasonRequired', attempt)

  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settlement_approvals')
        .values({
          pact_id: pactId,
          subject_kind: subject.kind,
          subject_id: subject.id,
          party_id: partyId,
          user_id: userId,
          decision: input.decision,
          hash: subject.hash,
          reason,
          created_at: nowIso(),
        })
        .execute()
      await recordAudit(trx, {
        pactId,
        actorId: userId,
        action: `${subject.kind}.decided`,
        details: { subject: subject.id, partyId, decision: input.decision, hash: subject.hash },
      })
      const agreed = approvalState(subject, input.signingPartyIds, await approvalsOf(trx, pactId, subject.id)).agreed
      if (agreed) await input.onAgreed(trx)
      return agreed
    })
  } catch (error) {
    if (error instanceof SettlementError) throw await refuse(db, pactId, userId, action, error.messageKey, attempt)
    throw error
  }
}
