import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '#app/audit/audit.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { seedDemoIfEmpty } from '#app/demo/seed.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { SettlementError } from '#app/settlement/approvals.server.ts'
import {
  approvalsView,
  currentSettlement,
  decideOnFundDecision,
  decideOnSettlement,
  listBookings,
  listFundDecisions,
  listSettlements,
  openSettlement,
  proposeFundDecision,
} from '#app/settlement/settlement.server.ts'
import { fundLedger } from '#app/settlement/ledger.ts'
import { spendingSchema } from '#app/tracking/report-forms.ts'
import { loadTracking, reportFigures } from '#app/tracking/tracking.server.ts'
import * as settlementRoute from '#app/routes/pact-settlement.tsx'
import * as settlementCsvRoute from '#app/routes/pact-settlement-csv.tsx'
import * as settlementPdfRoute from '#app/routes/pact-settlement-pdf.tsx'
import * as fundRoute from '#app/routes/pact-fund.tsx'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { prepareDatabase, signIn } from '#tests/support/fixtures.ts'
import { get, post } from '#tests/support/route-calls.ts'

/**
 * Settling the signed demo pact's fixed year 2027 (an underspend, so the revolving fund receives
 * its share), approving it by every signing party, a herziening after a correction, and
 * reinvesting fund money: against the real database, through the functions the pages use.
 */

let pactId: string
let regionalPactId: string
let managerId: string
let signatories: Array<{ partyId: string; userId: string }>
let collab: TestCollabServer

beforeAll(async () => {
  await prepareDatabase()
  collab = await startCollabServer({ seedDocument: seedPactContent })
  const seeded = (await seedDemoIfEmpty())!
  pactId = seeded.signedPactId
  regionalPactId = seeded.regionalPactId
  signatories = await getDb()
    .selectFrom('pact_signatories')
    .select(['party_id as partyId', 'user_id as userId'])
    .where('pact_id', '=', pactId)
    .orderBy('party_id')
    .execute()
  managerId = (await getDb().selectFrom('pacts').select('created_by').where('id', '=', pactId).executeTakeFirstOrThrow())
    .created_by
}, 60_000)

afterAll(async () => {
  await collab.stop()
})

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(SettlementError)
  return (error as SettlementError).messageKey
}

async function countRows(table: 'settlements' | 'settlement_approvals' | 'fund_bookings' | 'fund_decisions') {
  const row = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pact_id', '=', pactId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// Karim reports for the welzijn provider, which spent € 598.200,00 in youth care in 2027.
async function correctSpending(euros: string) {
  const tracking = await loadTracking(pactId)
  const member = await getDb()
    .selectFrom('pact_members')
    .innerJoin('users', 'users.id', 'pact_members.user_id')
    .select(['pact_members.user_id', 'pact_members.party_id'])
    .where('pact_members.pact_id', '=', pactId)
    .where('users.email', 'like', 'karim%')
    .executeTakeFirstOrThrow()
  const figure = spendingSchema(tracking.tracked!, member.party_id).parse({
    resultArea: 'demo-jeugd-complex',
    period: '2027',
    amount: euros,
    intent: 'correct',
    reason: 'Nagekomen facturen over 2027.',
  })
  await reportFigures(pactId, { userId: member.user_id, partyId: member.party_id }, [figure], 'formulier')
}

const refusedActions = async () =>
  (await listAudit(pactId)).filter((entry) => JSON.parse(entry.details).refused).map((entry) => entry.action)

describe('the settlement of a year', () => {
  it('refuses to settle a year that is not fixed, writing only the audit entry', async () => {
    const settlements = await countRows('settlements')
    expect(await refusal(openSettlement(pactId, 2028, managerId))).toBe('settlement.errors.notFixed')
    expect(await countRows('settlements')).toBe(settlements)
    expect(await refusedActions()).toContain('settlement.open-refused')
  })

  it('is settled in the demo exactly as the signed rule says, approved by every party, the fund booked', async () => {
    const current = await currentSettlement(pactId, 2027)
    if (!current.ok) throw new Error(current.problem)
    const [rule] = current.outcome.rules
    // € 10.311.545,67 spent against € 10.320.000: an underspend of € 8.454,33; 40 % to the fund.
    expect(rule).toMatchObject({
      kind: 'underspend',
      budgetCents: 10_320_000_00,
      actualCents: 10_311_545_67,
      deviationCents: -8_454_33,
    })
    expect(rule!.revolvingFundCents).toBe(3_381_73)
    const parts =
      rule!.providers.reduce((sum, provider) => sum + provider.cents, 0) + rule!.municipalityCents + rule!.revolvingFundCents
    expect(parts).toBe(8_454_33)

    const [settlement, ...more] = await listSettlements(pactId, 2027)
    expect(more).toEqual([])
    expect(settlement).toMatchObject({ number: 1, status: 'definitief', hash: current.hash, supersededBy: null })
    const approvals = await approvalsView(pactId, { kind: 'afrekening', ...settlement! })
    expect(approvals.agreed).toBe(true)
    expect(approvals.parties.map((party) => party.partyId).sort()).toEqual(
      signatories.map((signatory) => signatory.partyId).sort(),
    )
    expect(await openSettlement(pactId, 2027, managerId)).toBe(settlement!.id)

    const [decision] = await listFundDecisions(pactId)
    expect(decision).toMatchObject({ status: 'besloten', amountCents: 2_500_00 })
    expect(await listBookings(pactId)).toMatchObject([
      { year: 2027, cents: 3_381_73, settlementId: settlement!.id, decisionId: null },
      { cents: -2_500_00, settlementId: null, decisionId: decision!.id },
    ])
  })

  it('opens a visible herziening after a correction of a fixed figure, never changing the final settlement', async () => {
    const [final] = await listSettlements(pactId, 2027)
    await correctSpending('599.200,00')
    const revisionId = await openSettlement(pactId, 2027, managerId)
    const [old, revision] = await listSettlements(pactId, 2027)
    expect(old).toMatchObject({ id: final!.id, status: 'definitief', hash: final!.hash, supersededBy: revisionId })
    expect(revision).toMatchObject({ id: revisionId, number: 2, status: 'open' })
    expect(revision!.outcome.rules[0]!.actualCents).toBe(10_311_545_67 + 1_000_00)
    expect((await listAudit(pactId)).map((entry) => entry.action)).toContain('settlement.revision-opened')

    // Approving for a party one does not sign for, refusing without a reason, or on another hash: refused, nothing written.
    const approvals = await countRows('settlement_approvals')
    const [first, second] = signatories
    const base = { pactId, settlementId: revisionId, seenHash: revision!.hash, reason: null }
    expect(
      await refusal(decideOnSettlement({ ...base, partyId: second!.partyId, userId: first!.userId, decision: 'akkoord' })),
    ).toBe('settlement.errors.notSignatory')
    expect(await refusal(decideOnSettlement({ ...base, ...first!, decision: 'niet-akkoord' }))).toBe(
      'settlement.errors.reasonRequired',
    )
    expect(await refusal(decideOnSettlement({ ...base, ...first!, decision: 'akkoord', seenHash: 'f'.repeat(64) }))).toBe(
      'settlement.errors.stale',
    )
    expect(await countRows('settlement_approvals')).toBe(approvals)

    // The figures change again before everyone approved: the open revision is stale.
    await correctSpending('599.300,00')
    expect(await refusal(decideOnSettlement({ ...base, ...first!, decision: 'akkoord' }))).toBe('settlement.errors.stale')
    expect(await countRows('settlement_approvals')).toBe(approvals)

    // The final settlement is closed to decisions.
    expect(
      await refusal(
        decideOnSettlement({ ...base, ...first!, decision: 'akkoord', settlementId: final!.id, seenHash: final!.hash }),
      ),
    ).toBe('settlement.errors.notOpen')

    // A new revision, approved by every party: the fund's difference is booked against the revision.
    const newest = await openSettlement(pactId, 2027, managerId)
    const settlement = (await listSettlements(pactId, 2027)).find((candidate) => candidate.id === newest)!
    for (const each of signatories) {
      await decideOnSettlement({
        pactId,
        settlementId: newest,
        seenHash: settlement.hash,
        reason: null,
        decision: 'akkoord',
        ...each,
      })
    }
    const bookings = await listBookings(pactId)
    const difference = settlement.outcome.revolvingFundCents - final!.outcome.revolvingFundCents
    expect(difference).toBe(-440_00)
    expect(bookings.at(-1)).toMatchObject({ settlementId: newest, cents: difference })
    expect(fundLedger(bookings).balanceCents).toBe(settlement.outcome.revolvingFundCents - 2_500_00)
  })
})

describe('the revolving fund', () => {
  it('refuses a reinvestment larger than the balance, and books one every party approved', async () => {
    const { balanceCents } = fundLedger(await listBookings(pactId))
    const proposal = { pactId, purpose: 'Buurtkamer De Linde', resultAreaId: 'demo-jeugd-complex', actorId: managerId }
    expect(await refusal(proposeFundDecision({ ...proposal, amountCents: balanceCents + 1 }))).toBe(
      'settlement.errors.fund.moreThanBalance',
    )
    expect(await countRows('fund_decisions')).toBe(1)
    expect(await refusedActions()).toContain('fund.proposal-refused')

    const id = await proposeFundDecision({ ...proposal, amountCents: 100_00 })
    const decision = (await listFundDecisions(pactId)).find((candidate) => candidate.id === id)
    const approve = (each: { partyId: string; userId: string }) =>
      decideOnFundDecision({ pactId, decisionId: id, seenHash: decision!.hash, reason: null, decision: 'akkoord', ...each })
    for (const each of signatories.slice(0, -1)) await approve(each)
    // The last approval sent twice at once (a double click): booked once, the other refused.
    const last = signatories.at(-1)!
    const outcomes = await Promise.allSettled([approve(last), approve(last)])
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect((await listFundDecisions(pactId)).find((candidate) => candidate.id === id)).toMatchObject({ status: 'besloten' })
    const bookings = await listBookings(pactId)
    expect(bookings.at(-1)).toMatchObject({ cents: -100_00, decisionId: id, settlementId: null })
    expect(bookings.filter((booking) => booking.decisionId === id)).toHaveLength(1)
    expect(fundLedger(bookings).balanceCents).toBe(balanceCents - 100_00)
  })
})

describe('the pages', () => {
  it('export the settlement in force as CSV, each rule’s lines adding up to its deviation', async () => {
    const cookie = await signIn(managerId)
    const path = `/pacts/${pactId}/afrekening/2027.csv`
    const request = new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
    const response = (await settlementCsvRoute.loader({
      request,
      params: { pactId, jaar: '2027' },
      context: {},
    } as never)) as Response
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const [header, ...lines] = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(header).toBe('regel;partij;budget;realisatie;afwijking;aandeel')
    const cells = lines.map((line) => line.split(';'))
    const cents = (amount: string) => Math.round(Number(amount.replace(',', '.')) * 100)
    const deviation = cents(cells[0]![4]!)
    expect(cells.reduce((sum, cell) => sum + cents(cell[5]!), 0)).toBe(deviation)
    expect(cells.map((cell) => cell[1])).toContain('Revolverend fonds')
    expect(cells.every((cell) => /^-?\d+,\d\d$/.test(cell[5]!))).toBe(true)
  })

  it('give a PDF statement of a final settlement only', async () => {
    const cookie = await signIn(managerId)
    const [final] = (await listSettlements(pactId, 2027)).filter((settlement) => settlement.status === 'definitief').slice(-1)
    const request = new Request(`http://localhost/pacts/${pactId}/afrekening/2027.pdf`, { headers: { Cookie: cookie } })
    const response = (await settlementPdfRoute.loader({
      request,
      params: { pactId, jaar: '2027' },
      context: {},
    } as never)) as Response
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1')
    expect(pdf.startsWith('%PDF')).toBe(true)
    expect(pdf).toContain(final!.hash)
    const none = await get(settlementPdfRoute.loader, `/pacts/${pactId}/afrekening/2028.pdf`, {
      cookie,
      params: { pactId, jaar: '2028' },
    })
    expect(none.status).toBe(404)
  })

  it('show the settlement with its approvals, and refuse with a Dutch message what may not be decided', async () => {
    const cookie = await signIn(managerId)
    const page = await get(settlementRoute.loader, `/pacts/${pactId}/afrekening/2027`, {
      cookie,
      params: { pactId, jaar: '2027' },
    })
    expect(page.status).toBe(200)
    expect(page.body.inForce.status).toBe('definitief')
    expect(page.body.approvals.agreed).toBe(true)
    const refused = await post(
      settlementRoute.action,
      `/pacts/${pactId}/afrekening/2027`,
      {
        intent: 'decide',
        settlementId: page.body.inForce.id,
        seenHash: page.body.inForce.hash,
        partyId: signatories[0]!.partyId,
        decision: 'akkoord',
      },
      { cookie, params: { pactId, jaar: '2027' } },
    )
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatch(/^settlement\.errors\./)
    const notFixed = await post(
      settlementRoute.action,
      `/pacts/${pactId}/afrekening/2029`,
      { intent: 'open' },
      { cookie, params: { pactId, jaar: '2029' } },
    )
    expect(notFixed).toMatchObject({ status: 409, body: { error: 'settlement.errors.notFixed' } })
    const fundPath = `/pacts/${pactId}/fonds`
    const propose = (fields: Record<string, string>) =>
      post(fundRoute.action, fundPath, { intent: 'propose', purpose: 'Speeltuin', ...fields }, { cookie, params: { pactId } })
    const unreadable = await propose({ amount: '12.5' })
    expect(unreadable.status).toBe(400)
    expect(unreadable.body.result.error.amount).toHaveLength(1)
    const tooMuch = await propose({ amount: '1.000.000,00' })
    expect(tooMuch).toMatchObject({ status: 409, body: { error: 'settlement.errors.fund.moreThanBalance' } })
    const fund = await get(fundRoute.loader, `/pacts/${pactId}/fonds`, { cookie, params: { pactId } })
    expect(fund.body.decisions).toHaveLength(2)
    expect(fund.body.ledger.points.length).toBe(fund.body.bookings.length)
  })
})

describe('the regional demo', () => {
  it('divides the municipal share between its two gemeenten by their key, to the cent', async () => {
    const [settlement, ...more] = await listSettlements(regionalPactId, 2027)
    expect(more).toEqual([])
    expect(settlement!.status).toBe('definitief')
    const [rule] = settlement!.outcome.rules
    const parties = await getDb()
      .selectFrom('pact_parties')
      .innerJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
      .select(['pact_parties.id', 'organisations.name'])
      .where('pact_parties.pact_id', '=', regionalPactId)
      .execute()
    const nameOf = (partyId: string) => parties.find((party) => party.id === partyId)?.name
    // The same underspend as the signed pact: the municipality receives 30 % of € 8.454,33 = € 2.536,30, by 62,5 : 37,5.
    expect(rule!.municipalityCents).toBe(2_536_30)
    const parts = rule!.municipalities.map((part) => [nameOf(part.partyId), part.cents]).sort()
    expect(parts).toEqual([
      ['Gemeente Westerbroek', 951_11],
      ['Gemeente Zuiderveen', 1_585_19],
    ])
    const approvals = await approvalsView(regionalPactId, { kind: 'afrekening', ...settlement! })
    expect(approvals.parties).toHaveLength(4)
    expect(approvals.agreed).toBe(true)
  })

  it('lets the beheerder change the division: a key not adding up to 100 % is refused, a new key calls for a herziening', async () => {
    const manager = (
      await getDb().selectFrom('pacts').select('created_by').where('id', '=', regionalPactId).executeTakeFirstOrThrow()
    ).created_by
    const cookie = await signIn(manager)
    const options = { cookie, params: { pactId: regionalPactId, jaar: '2027' } }
    const path = `/pacts/${regionalPactId}/afrekening/2027`
    const page = await get(settlementRoute.loader, path, options)
    const [zuiderveen, westerbroek] = page.body.municipalities as Array<{ id: string }>
    const [{ ruleId }] = page.body.divisions as Array<{ ruleId: string }>
    const divisionRows = async () =>
      (await getDb().selectFrom('settlement_divisions').select('id').where('pact_id', '=', regionalPactId).execute()).length
    const before = await divisionRows()
    const form = (zuiderveenKey: string) => ({
      intent: 'division',
      ruleId,
      solidariteit: '50',
      [`sleutel-${zuiderveen!.id}`]: zuiderveenKey,
      [`sleutel-${westerbroek!.id}`]: '37,5',
      [`maximum-${zuiderveen!.id}`]: '',
      [`maximum-${westerbroek!.id}`]: '',
    })
    const refused = await post(settlementRoute.action, path, form('60'), options)
    expect(refused).toMatchObject({ status: 409, body: { error: 'settlement.errors.division.keyNot100' } })
    expect(await divisionRows()).toBe(before)
    expect((await listAudit(regionalPactId)).map((entry) => entry.action)).toContain('settlement.division-refused')

    const saved = await post(settlementRoute.action, path, form('62,5'), options)
    expect(saved).toMatchObject({ status: 200, body: { done: 'settlement.division.saved' } })
    expect((await get(settlementRoute.loader, path, options)).body.revisionNeeded).toBe(true)
  })
})

describe('opening a settlement', () => {
  it('opens one settlement when several people open the same year at the same moment', async () => {
    await correctSpending('599.400,00')
    const before = await listSettlements(pactId, 2027)
    const ids = await Promise.all([1, 2, 3].map(() => openSettlement(pactId, 2027, managerId)))
    expect(new Set(ids).size).toBe(1)
    const after = await listSettlements(pactId, 2027)
    expect(after).toHaveLength(before.length + 1)
    expect(after.filter((settlement) => settlement.supersededBy === null).map((settlement) => settlement.id)).toEqual([ids[0]])
  })
})
