import type { Transaction } from 'kysely'
import { recordAudit } from '#app/audit/audit.server.ts'
import { getDb, isUniqueViolation, nowIso, type Db } from '#app/platform/db/db.server.ts'
import type { Database } from '#app/platform/db/schema.ts'
import { newId } from '#app/platform/ids.ts'
import { ports } from '#app/platform/ports.ts'
import { listParties } from '#app/pacts/pacts.server.ts'
import { canonicalJson, sha256Hex } from '#app/sign-off/canonical.ts'
import { progressView } from '#app/tracking/views.server.ts'
import { approvalsOf, approvalState, decide, refuse, SettlementError, type SettlementDecision } from './approvals.server.ts'
import { divisionProblems, type MunicipalDivision } from './division.ts'
import { bookingProblems, fundDecisionProblems, fundLedger, type FundBooking } from './ledger.ts'
import { settlementOfYear, type SettlementInputs, type SettlementOutcome, type SettleResult } from './year-settlement.ts'

/**
 * Settlement records: the settlements of a pact's years, the region's division per rule, the
 * revolving fund's decisions and bookings. Every change is written in one transaction with its
 * audit entry and every refused attempt is audited; what is settled is always computed here,
 * from the fixed figures and the signed rules, never taken from a form.
 */

export interface StoredSettlement {
  id: string
  year: number
  number: number
  versionNumber: number
  inputs: SettlementInputs
  outcome: SettlementOutcome
  hash: string
  status: 'open' | 'definitief'
  supersededBy: string | null
  openedAt: string
  finalisedAt: string | null
}

export async function listDivisions(pactId: string, db: Db = getDb()): Promise<Map<string, MunicipalDivision>> {
  const rows = await db
    .selectFrom('settlement_divisions')
    .select(['rule_id', 'division'])
    .where('pact_id', '=', pactId)
    .orderBy('id')
    .execute()
  return new Map(rows.map((row) => [row.rule_id, JSON.parse(row.division) as MunicipalDivision]))
}

/** Sets how the region divides a rule's municipal share; a key that does not add up (or the like) is refused and audited. */
export async function setDivision(
  pactId: string,
  ruleId: string,
  division: MunicipalDivision,
  actorId: string,
  db: Db = getDb(),
) {
  const municipalityIds = (await listParties(pactId, db)).filter((party) => party.kind === 'gemeente').map((party) => party.id)
  const [problem] = divisionProblems(division, municipalityIds)
  if (problem) throw await refuse(db, pactId, actorId, 'settlement.division-refused', problem, { ruleId })
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settlement_divisions')
      .values({ pact_id: pactId, rule_id: ruleId, division: canonicalJson(division, false), set_by: actorId, set_at: nowIso() })
      .execute()
    await recordAudit(trx, { pactId, actorId, action: 'settlement.division-set', details: { ruleId, division } })
  })
}

/** What the settlement of `year` is now, from the fixed figures: the one computation every path uses. */
export async function currentSettlement(
  pactId: string,
  year: number,
  db: Db = getDb(),
): Promise<SettleResult | { ok: false; problem: 'settlement.errors.notSigned' }> {
  const [view, divisions] = await Promise.all([progressView(pactId, new Date(), db), listDivisions(pactId, db)])
  const yearInForce = view.progress?.years.find((candidate) => candidate.year === year)
  if (!view.progress || !yearInForce) return { ok: false, problem: 'settlement.errors.notSigned' }
  return settlementOfYear({ pactId, year: yearInForce, outcomes: view.riskOutcomes, parties: view.data.parties, divisions })
}

export async function listSettlements(
  pactId: string,
  year: number | null,
  db: Db | Transaction<Database> = getDb(),
): Promise<StoredSettlement[]> {
  let query = db.selectFrom('settlements').selectAll().where('pact_id', '=', pactId)
  if (year !== null) query = query.where('year', '=', year)
  const rows = await query.orderBy('year').orderBy('number').execute()
  return rows.map((row) => ({
    id: row.id,
    year: row.year,
    number: row.number,
    versionNumber: row.version_number,
    inputs: JSON.parse(row.inputs) as SettlementInputs,
    outcome: JSON.parse(row.outcome) as SettlementOutcome,
    hash: row.hash,
    status: row.status,
    supersededBy: row.superseded_by,
    openedAt: row.opened_at,
    finalisedAt: row.finalised_at,
  }))
}

/**
 * Opens the settlement of a fixed year for approval. When the latest settlement of the year says
 * exactly what the figures say now, nothing changes; otherwise a new settlement is opened and
 * the latest one points to it: after a final settlement that is a herziening, which needs every
 * party's approval again. Returns the id of the settlement in force.
 */
export async function openSettlement(pactId: string, year: number, actorId: string, db: Db = getDb()): Promise<string> {
  const current = await currentSettlement(pactId, year, db)
  if (!current.ok) throw await refuse(db, pactId, actorId, 'settlement.open-refused', current.problem, { year })
  try {
    return await openUnlessUnchanged(pactId, year, current, actorId, db)
  } catch (error) {
    // Two people opened the year at the same moment: the first one's settlement now stands, and
    // the second attempt, seeing it, finds it unchanged.
    if (!isUniqueViolation(error)) throw error
    return await openUnlessUnchanged(pactId, year, current, actorId, db)
  }
}

async function openUnlessUnchanged(
  pactId: string,
  year: number,
  current: Extract<SettleResult, { ok: true }>,
  actorId: string,
  db: Db,
): Promise<string> {
  const opened = await db.transaction().execute(async (trx) => {
    const latest = (await listSettlements(pactId, year, trx)).find((settlement) => settlement.supersededBy === null)
    if (latest?.hash === current.hash) return { id: latest.id, changed: false }
    const id = newId()
    const last = await trx
      .selectFrom('settlements')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('pact_id', '=', pactId)
      .where('year', '=', year)
      .executeTakeFirst()
    const number = Number(last?.n ?? 0) + 1
    await trx
      .insertInto('settlements')
      .values({
        id,
        pact_id: pactId,
        year,
        number,
        version_number: current.inputs.versionNumber,
        inputs: canonicalJson(current.inputs, false),
        outcome: canonicalJson(current.outcome, false),
        hash: current.hash,
        status: 'open',
        superseded_by: null,
        opened_by: actorId,
        opened_at: nowIso(),
        finalised_at: null,
      })
      .execute()
    if (latest) await trx.updateTable('settlements').set({ superseded_by: id }).where('id', '=', latest.id).execute()
    const action = latest?.status === 'definitief' ? 'settlement.revision-opened' : 'settlement.opened'
    await recordAudit(trx, {
      pactId,
      actorId,
      action,
      details: { year, number, hash: current.hash, replaces: latest?.id ?? null },
    })
    return { id, changed: true }
  })
  if (opened.changed) ports().events.publish(pactId, 'tracking')
  return opened.id
}

async function signingPartyIdsOf(pactId: string, db: Db): Promise<string[]> {
  return (await listParties(pactId, db)).filter((party) => party.is_signatory).map((party) => party.id)
}

export async function listBookings(pactId: string, db: Db | Transaction<Database> = getDb()): Promise<FundBooking[]> {
  const rows = await db.selectFrom('fund_bookings').selectAll().where('pact_id', '=', pactId).orderBy('id').execute()
  return rows.map((row) => ({
    id: Number(row.id),
    bookedAt: row.booked_at,
    year: row.year,
    cents: Number(row.cents),
    settlementId: row.settlement_id,
    decisionId: row.decision_id,
  }))
}

// Books into the fund within the caller's transaction, or throws when the ledger would break.
async function book(trx: Transaction<Database>, pactId: string, entry: Omit<FundBooking, 'id' | 'bookedAt'>, actorId: string) {
  const bookings = await listBookings(pactId, trx)
  const [problem] = bookingProblems(bookings, { ...entry, id: Number.MAX_SAFE_INTEGER, bookedAt: '' })
  if (problem) throw new SettlementError(problem)
  await trx
    .insertInto('fund_bookings')
    .values({
      pact_id: pactId,
      year: entry.year,
      cents: entry.cents,
      settlement_id: entry.settlementId,
      decision_id: entry.decisionId,
      booked_by: actorId,
      booked_at: nowIso(),
    })
    .execute()
  await recordAudit(trx, { pactId, actorId, action: 'fund.booked', details: entry })
}

export interface SettlementDecisionInput {
  pactId: string
  settlementId: string
  partyId: string
  userId: string
  decision: SettlementDecision
  seenHash: string
  reason: string | null
}

/**
 * A party's decision on a settlement. A settlement that is final or replaced is closed; one whose
 * figures changed since it was opened is stale. When every signing party agreed it becomes final
 * and the fund receives its share (after a herziening: the difference with what was booked).
 */
export async function decideOnSettlement(input: SettlementDecisionInput, db: Db = getDb()): Promise<boolean> {
  const { pactId, settlementId } = input
  const settlement = (await listSettlements(pactId, null, db)).find((candidate) => candidate.id === settlementId)
  if (!settlement)
    throw await refuse(db, pactId, input.userId, 'afrekening.decision-refused', 'settlement.errors.unknown', { settlementId })
  const current = await currentSettlement(pactId, settlement.year, db)
  const blocked =
    settlement.status !== 'open' || settlement.supersededBy !== null
      ? 'settlement.errors.notOpen'
      : !current.ok || current.hash !== settlement.hash
        ? 'settlement.errors.stale'
        : null
  const previousFinal = (await listSettlements(pactId, settlement.year, db))
    .filter((candidate) => candidate.status === 'definitief')
    .at(-1)
  const agreed = await decide(db, {
    ...input,
    subject: { kind: 'afrekening', id: settlement.id, hash: settlement.hash },
    signingPartyIds: await signingPartyIdsOf(pactId, db),
    blocked,
    onAgreed: async (trx) => {
      // Only once: a decision that raced this one to the last approval finds it final already, and is refused.
      const updated = await trx
        .updateTable('settlements')
        .set({ status: 'definitief', finalised_at: nowIso() })
        .where('id', '=', settlement.id)
        .where('status', '=', 'open')
        .where('superseded_by', 'is', null)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) throw new SettlementError('settlement.errors.notOpen')
      await recordAudit(trx, {
        pactId,
        actorId: input.userId,
        action: 'settlement.final',
        details: { year: settlement.year, number: settlement.number, hash: settlement.hash },
      })
      const cents = settlement.outcome.revolvingFundCents - (previousFinal?.outcome.revolvingFundCents ?? 0)
      if (cents !== 0)
        await book(trx, pactId, { year: settlement.year, cents, settlementId: settlement.id, decisionId: null }, input.userId)
    },
  })
  ports().events.publish(pactId, 'tracking')
  return agreed
}

export interface StoredFundDecision {
  id: string
  amountCents: number
  purpose: string
  resultAreaId: string | null
  hash: string
  status: 'open' | 'besloten'
  proposedAt: string
  decidedAt: string | null
}

export async function listFundDecisions(pactId: string, db: Db = getDb()): Promise<StoredFundDecision[]> {
  const rows = await db.selectFrom('fund_decisions').selectAll().where('pact_id', '=', pactId).orderBy('proposed_at').execute()
  return rows.map((row) => ({
    id: row.id,
    amountCents: Number(row.amount_cents),
    purpose: row.purpose,
    resultAreaId: row.result_area_id,
    hash: row.hash,
    status: row.status,
    proposedAt: row.proposed_at,
    decidedAt: row.decided_at,
  }))
}

/** What a fund decision's approvals are bound to: its amount, purpose and result area. */
function fundDecisionHash(decision: { id: string; amountCents: number; purpose: string; resultAreaId: string | null }): string {
  return sha256Hex(canonicalJson(decision, false))
}

/** Proposes to reinvest fund money; more than the balance is refused and audited. */
export async function proposeFundDecision(
  input: { pactId: string; amountCents: number; purpose: string; resultAreaId: string | null; actorId: string },
  db: Db = getDb(),
): Promise<string> {
  const { pactId, actorId } = input
  const purpose = input.purpose.trim()
  const { balanceCents } = fundLedger(await listBookings(pactId, db))
  const [problem] = fundDecisionProblems({ balanceCents, amountCents: input.amountCents, purpose })
  if (problem)
    throw await refuse(db, pactId, actorId, 'fund.proposal-refused', problem, { amountCents: input.amountCents, balanceCents })
  const id = newId()
  const hash = fundDecisionHash({ id, amountCents: input.amountCents, purpose, resultAreaId: input.resultAreaId })
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fund_decisions')
      .values({
        id,
        pact_id: pactId,
        amount_cents: input.amountCents,
        purpose,
        result_area_id: input.resultAreaId,
        hash,
        status: 'open',
        proposed_by: actorId,
        proposed_at: nowIso(),
        decided_at: null,
      })
      .execute()
    await recordAudit(trx, {
      pactId,
      actorId,
      action: 'fund.proposed',
      details: { id, amountCents: input.amountCents, purpose, resultAreaId: input.resultAreaId, hash },
    })
  })
  ports().events.publish(pactId, 'tracking')
  return id
}

/** A party's decision on a fund proposal; once every signing party agreed the money is booked out of the fund. */
export async function decideOnFundDecision(
  input: {
    pactId: string
    decisionId: string
    partyId: string
    userId: string
    decision: SettlementDecision
    seenHash: string
    reason: string | null
  },
  db: Db = getDb(),
): Promise<boolean> {
  const { pactId } = input
  const decision = (await listFundDecisions(pactId, db)).find((candidate) => candidate.id === input.decisionId)
  if (!decision)
    throw await refuse(db, pactId, input.userId, 'fondsbesluit.decision-refused', 'settlement.errors.unknown', {
      decisionId: input.decisionId,
    })
  const agreed = await decide(db, {
    ...input,
    subject: { kind: 'fondsbesluit', id: decision.id, hash: decision.hash },
    signingPartyIds: await signingPartyIdsOf(pactId, db),
    blocked: decision.status === 'open' ? null : 'settlement.errors.notOpen',
    onAgreed: async (trx) => {
      const decidedAt = nowIso()
      const updated = await trx
        .updateTable('fund_decisions')
        .set({ status: 'besloten', decided_at: decidedAt })
        .where('id', '=', decision.id)
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) throw new SettlementError('settlement.errors.notOpen')
      const year = Number(decidedAt.slice(0, 4))
      await book(trx, pactId, { year, cents: -decision.amountCents, settlementId: null, decisionId: decision.id }, input.userId)
    },
  })
  ports().events.publish(pactId, 'tracking')
  return agreed
}

/** Each signing party's status on a settlement or fund decision, for the pages. */
export async function approvalsView(
  pactId: string,
  subject: { kind: 'afrekening' | 'fondsbesluit'; id: string; hash: string },
  db: Db = getDb(),
) {
  const [signingPartyIds, approvals] = await Promise.all([signingPartyIdsOf(pactId, db), approvalsOf(db, pactId, subject.id)])
  const state = approvalState(subject, signingPartyIds, approvals)
  return {
    agreed: state.agreed,
    parties: state.parties.map((party) => ({
      partyId: party.partyId,
      status: party.status,
      decidedAt: party.latest?.decidedAt ?? null,
      userId: party.latest?.userId ?? null,
      reason: approvals.find((approval) => approval === party.latest)?.reason ?? null,
    })),
  }
}

/** Who downloaded which settlement: exports are in the audit trail too. */
export async function recordSettlementExport(
  pactId: string,
  actorId: string,
  year: number,
  number: number | null,
  db: Db = getDb(),
) {
  await recordAudit(db, { pactId, actorId, action: 'settlement.exported', details: { year, number } })
}
