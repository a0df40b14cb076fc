import { stringify } from 'csv-stringify/sync'
import { csvSafeCell } from '#app/platform/csv.ts'
import { getDb, type Db } from '#app/platform/db/db.server.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'
import { signingPartiesOf } from '#app/sign-off/sign-off.server.ts'
import { loadTracking } from '#app/tracking/tracking.server.ts'
import { fundLedger } from './ledger.ts'
import {
  approvalsView,
  currentSettlement,
  listDivisions,
  listBookings,
  listFundDecisions,
  listSettlements,
  type StoredSettlement,
} from './settlement.server.ts'
import { csvAmount, shareLines, type ShareHolder } from './statement.ts'

/** What the afrekening and fund pages show, as plain data for their loaders. */

async function names(pactId: string, db: Db) {
  const [parties, tracking] = await Promise.all([listParties(pactId, db), loadTracking(pactId, db)])
  const partyNames = Object.fromEntries(parties.map((party) => [party.id, party.name]))
  const areas = [...tracking.models.values()].flatMap((model) => model.resultAreas)
  const areaTitles = Object.fromEntries(areas.map((area) => [area.id, area.title]))
  const riskRules = tracking.tracked?.model.riskRules ?? []
  return { parties, partyNames, areaTitles, years: tracking.years, riskRules }
}

export async function settlementPage(pactId: string, year: number, userId: string, db: Db = getDb()) {
  const [pact, current, settlements, named, ownParties, divisions] = await Promise.all([
    getPact(pactId, db),
    currentSettlement(pactId, year, db),
    listSettlements(pactId, year, db),
    names(pactId, db),
    signingPartiesOf(userId, pactId, db),
    listDivisions(pactId, db),
  ])
  const municipalities = named.parties
    .filter((party) => party.kind === 'gemeente')
    .map((party) => ({ id: party.id, name: party.name }))
  const inForce = settlements.find((settlement) => settlement.supersededBy === null) ?? null
  const approvals = inForce ? await approvalsView(pactId, { kind: 'afrekening', ...inForce }, db) : null
  const upToDate = current.ok && inForce?.hash === current.hash
  return {
    pact: { id: pact.id, title: pact.title },
    year,
    knownYear: named.years.includes(year),
    /** Why the year cannot be settled now, or null. */
    problem: current.ok ? null : current.problem,
    inForce,
    history: settlements.filter((settlement) => settlement !== inForce),
    approvals,
    /** The figures moved since the settlement in force was opened: after a final one, a herziening is due. */
    canOpen: current.ok && !upToDate,
    revisionNeeded: current.ok && !upToDate && inForce?.status === 'definitief',
    stale: !upToDate && inForce?.status === 'open',
    partyNames: named.partyNames,
    areaTitles: named.areaTitles,
    signingParties: named.parties.filter((party) => party.is_signatory).map((party) => party.id),
    decidesFor: ownParties,
    /** A region's division per rule of the signed version in force; empty with one gemeente. */
    divisions:
      municipalities.length > 1
        ? named.riskRules.map((rule) => ({ ruleId: rule.id, scope: rule.scope, division: divisions.get(rule.id) ?? null }))
        : [],
    municipalities,
  }
}

export async function fundPage(pactId: string, userId: string, db: Db = getDb()) {
  const [pact, bookings, decisions, settlements, named, ownParties] = await Promise.all([
    getPact(pactId, db),
    listBookings(pactId, db),
    listFundDecisions(pactId, db),
    listSettlements(pactId, null, db),
    names(pactId, db),
    signingPartiesOf(userId, pactId, db),
  ])
  const withApprovals = await Promise.all(
    decisions.map(async (decision) => ({
      ...decision,
      approvals: await approvalsView(pactId, { kind: 'fondsbesluit', ...decision }, db),
    })),
  )
  const settlementOf = (id: string | null) => settlements.find((settlement) => settlement.id === id)
  return {
    pact: { id: pact.id, title: pact.title },
    ledger: fundLedger(bookings),
    bookings: bookings.map((booking) => {
      const settlement = settlementOf(booking.settlementId)
      return {
        ...booking,
        settlement: settlement ? { year: settlement.year, number: settlement.number } : null,
        purpose: decisions.find((decision) => decision.id === booking.decisionId)?.purpose ?? null,
      }
    }),
    decisions: withApprovals,
    partyNames: named.partyNames,
    areaTitles: named.areaTitles,
    decidesFor: ownParties,
  }
}

export const SETTLEMENT_CSV_COLUMNS = ['regel', 'partij', 'budget', 'realisatie', 'afwijking', 'aandeel'] as const

/**
 * The settlement in force as CSV: one line per rule and party (providers, each municipality, the
 * revolving fund), budget, realisatie and afwijking repeated on each line of the rule, so that a
 * rule's `aandeel` column adds up to its `afwijking`. Text cells go through csvSafeCell.
 */
export function settlementCsv(
  settlement: StoredSettlement | null,
  labels: { ruleTitle: (ruleId: string) => string; holderName: (holder: ShareHolder) => string },
): string {
  const rows = (settlement?.outcome.rules ?? []).flatMap((rule) =>
    shareLines(rule).map((line) => [
      csvSafeCell(labels.ruleTitle(rule.ruleId)),
      csvSafeCell(labels.holderName(line.holder)),
      csvAmount(rule.budgetCents),
      csvAmount(rule.actualCents),
      csvAmount(rule.deviationCents),
      csvAmount(line.cents),
    ]),
  )
  return stringify(rows, {
    bom: true,
    delimiter: ';',
    header: true,
    columns: [...SETTLEMENT_CSV_COLUMNS],
    record_delimiter: 'windows',
  })
}

/** The figures and approvals of the year's final settlement in force, for its PDF statement; null when there is none. */
export async function finalStatement(pactId: string, year: number, userId: string, db: Db = getDb()) {
  const page = await settlementPage(pactId, year, userId, db)
  const { inForce, approvals } = page
  if (inForce?.status !== 'definitief' || !inForce.finalisedAt || !approvals) return null
  const userIds = approvals.parties.flatMap((party) => (party.userId ? [party.userId] : []))
  const users = userIds.length > 0 ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : []
  return {
    page,
    settlement: { ...inForce, finalisedAt: inForce.finalisedAt },
    approvals: approvals.parties.map((party) => ({
      party: page.partyNames[party.partyId] ?? party.partyId,
      person: users.find((user) => user.id === party.userId)?.name ?? '',
      decidedAt: party.decidedAt ?? '',
    })),
  }
}
