import { advisoryXactLock } from '#app/platform/db/advisory-lock.server.ts'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { newId } from '#app/platform/ids.ts'
import { hashPassword } from '#app/platform/auth/password.server.ts'
import { recordAudit } from '#app/audit/audit.server.ts'
import {
  DEMO_CORRECTION,
  DEMO_FIXED_YEAR,
  DEMO_QUARTERLY_INDICATORS,
  DEMO_REALISATIONS,
  DEMO_REINVESTMENT,
  DEMO_SPENDING,
} from '#app/demo/demo-tracking.ts'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import { formatDutchNumber } from '#app/platform/dutch-number.ts'
import { parseEuroToCents } from '#app/platform/money.ts'
import {
  decideOnFundDecision,
  decideOnSettlement,
  listFundDecisions,
  listSettlements,
  openSettlement,
  proposeFundDecision,
  setDivision,
} from '#app/settlement/settlement.server.ts'
import { addSignatory, changePactStatus, decideOnClause, pactMembersOfParties } from '#app/sign-off/sign-off.server.ts'
import { signatoryDesignators } from '#app/sign-off/signatory-designation.ts'
import { realisationSchema, spendingSchema } from '#app/tracking/report-forms.ts'
import { fixPeriod, loadTracking, reportFigures, setFrequency, submitDrafts } from '#app/tracking/tracking.server.ts'
import { DEMO_PARTIES, DEMO_REGION_KEY_PERCENT, DEMO_REGION_PARTY, type DemoParty } from './demo-parties.ts'
import { DEMO_PACT_YEARS } from './demo-pact-model.ts'

/**
 * The demo: a fictional municipality, two providers and a residents' council around one
 * pact. Written only into an empty database, so it never touches real data.
 */
export const DEMO_PASSWORD = 'zuiderveen-demo-2026'

const [DEMO_START_YEAR, DEMO_END_YEAR] = [DEMO_PACT_YEARS[0], DEMO_PACT_YEARS[DEMO_PACT_YEARS.length - 1]]

export const DEMO_PACT = {
  title: `Pact voor de Transformatie Zuiderveen ${DEMO_START_YEAR}–${DEMO_END_YEAR}`,
  region: 'Gemeente Zuiderveen',
  startYear: DEMO_START_YEAR,
  endYear: DEMO_END_YEAR,
}

export const DEMO_SIGNED_PACT = {
  // Not a prefix of the first demo's title, so a link to either is found by its name alone.
  title: `Pact Sociaal Domein Zuiderveen ${DEMO_START_YEAR}–${DEMO_END_YEAR} (getekend)`,
  region: 'Gemeente Zuiderveen',
  startYear: DEMO_START_YEAR,
  endYear: DEMO_END_YEAR,
}

export const DEMO_REGIONAL_PACT = {
  title: `Regiopact Zuiderveen–Westerbroek ${DEMO_START_YEAR}–${DEMO_END_YEAR}`,
  region: 'Regio Zuiderveen–Westerbroek',
  startYear: DEMO_START_YEAR,
  endYear: DEMO_END_YEAR,
}

/** Someone at a demo table without a role in the demo's model (the regional pact's second gemeente). */
interface DemoGuest {
  organisation: string
  organisationId: string
  userId: string
  signs: boolean
  access: DemoParty['person']['access']
}

interface DemoPerson {
  party: DemoParty
  userId: string
  organisationId: string
}

export async function seedDemoIfEmpty(
  db: Db = getDb(),
): Promise<{ pactId: string; signedPactId: string; regionalPactId: string } | null> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyUser) return null
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const seeded = await db.transaction().execute(async (trx) => {
    // Instances starting at once on one PostgreSQL database: the first seeds, the others find it seeded.
    await advisoryXactLock(trx, 'demo-seed')
    if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null
    const createdAt = nowIso()
    const pactId = newId()
    const userIds = DEMO_PARTIES.map(() => newId())
    for (const [index, party] of DEMO_PARTIES.entries()) {
      await trx
        .insertInto('users')
        .values({
          id: userIds[index]!,
          name: party.person.name,
          email: party.person.email,
          password_hash: passwordHash,
          created_at: createdAt,
        })
        .execute()
    }
    const managerId = userIds[0]!
    await trx
      .insertInto('pacts')
      .values({
        id: pactId,
        title: DEMO_PACT.title,
        region: DEMO_PACT.region,
        start_year: DEMO_PACT.startYear,
        end_year: DEMO_PACT.endYear,
        status: 'concept',
        template: 'demo-zuiderveen',
        created_by: managerId,
        created_at: createdAt,
      })
      .execute()
    const people: DemoPerson[] = []
    for (const [index, party] of DEMO_PARTIES.entries()) {
      const organisationId = newId()
      const partyId = newId()
      const userId = userIds[index]!
      await trx
        .insertInto('organisations')
        .values({ id: organisationId, name: party.organisation, kind: party.kind, created_by: userId, created_at: createdAt })
        .execute()
      await trx
        .insertInto('organisation_members')
        .values({ organisation_id: organisationId, user_id: userId, role: 'beheerder', created_at: createdAt })
        .execute()
      await trx
        .insertInto('pact_parties')
        .values({
          id: partyId,
          pact_id: pactId,
          organisation_id: organisationId,
          is_signatory: party.signs ? 1 : 0,
          created_at: createdAt,
        })
        .execute()
      await trx
        .insertInto('pact_members')
        .values({ pact_id: pactId, user_id: userId, party_id: partyId, access: party.person.access, created_at: createdAt })
        .execute()
      people.push({ party, userId, organisationId })
    }
    await recordAudit(trx, {
      pactId,
      actorId: managerId,
      action: 'pact.created',
      details: { title: DEMO_PACT.title, demo: true },
    })
    return { pactId, people }
  })
  if (!seeded) return null
  const signedPactId = await seedSignedDemoPact(seeded.people, db)
  const regionalPactId = await seedRegionalDemoPact(seeded.people, passwordHash, db)
  return { pactId: seeded.pactId, signedPactId, regionalPactId }
}

/**
 * The third demo pact: the signed pact's table with a second gemeente, which divides the
 * municipal share with Zuiderveen by inhabitants; its fixed year is settled like the signed one.
 */
async function seedRegionalDemoPact(people: DemoPerson[], passwordHash: string, db: Db): Promise<string> {
  const { organisation, kind, signs, person } = DEMO_REGION_PARTY
  const guest: DemoGuest = { organisation, organisationId: newId(), userId: newId(), signs, access: person.access }
  await db.transaction().execute(async (trx) => {
    const createdAt = nowIso()
    await trx
      .insertInto('users')
      .values({ id: guest.userId, name: person.name, email: person.email, password_hash: passwordHash, created_at: createdAt })
      .execute()
    await trx
      .insertInto('organisations')
      .values({ id: guest.organisationId, name: organisation, kind, created_by: guest.userId, created_at: createdAt })
      .execute()
    await trx
      .insertInto('organisation_members')
      .values({ organisation_id: guest.organisationId, user_id: guest.userId, role: 'beheerder', created_at: createdAt })
      .execute()
  })
  return seedSignedDemoPact(people, db, { info: DEMO_REGIONAL_PACT, guests: [guest] })
}

/**
 * The second demo pact: the same table, already signed, with two years of reported figures, so
 * a newcomer sees a living dashboard at once. It goes through the same steps people take —
 * signatories, an approval of every clause by every signing party, signing, reporting,
 * submitting, fixing a year, a correction, settling that year and reinvesting from the fund —
 * using the functions the pages use. Guests join the table without a role in the demo's model.
 */
async function seedSignedDemoPact(
  people: DemoPerson[],
  db: Db,
  { info, guests }: { info: typeof DEMO_SIGNED_PACT; guests: DemoGuest[] } = { info: DEMO_SIGNED_PACT, guests: [] },
): Promise<string> {
  const manager = people.find((person) => person.party.person.access === 'beheerder')!
  const pactId = newId()
  const partyIds = new Map<DemoParty['role'], string>()
  const guestPartyIds = guests.map(() => newId())
  await db.transaction().execute(async (trx) => {
    const createdAt = nowIso()
    await trx
      .insertInto('pacts')
      .values({
        id: pactId,
        title: info.title,
        region: info.region,
        start_year: info.startYear,
        end_year: info.endYear,
        status: 'concept',
        template: 'demo-zuiderveen',
        created_by: manager.userId,
        created_at: createdAt,
      })
      .execute()
    for (const person of people) {
      const partyId = newId()
      partyIds.set(person.party.role, partyId)
      await trx
        .insertInto('pact_parties')
        .values({
          id: partyId,
          pact_id: pactId,
          organisation_id: person.organisationId,
          is_signatory: person.party.signs ? 1 : 0,
          created_at: createdAt,
        })
        .execute()
      await trx
        .insertInto('pact_members')
        .values({
          pact_id: pactId,
          user_id: person.userId,
          party_id: partyId,
          access: person.party.person.access,
          created_at: createdAt,
        })
        .execute()
    }
    for (const [index, guest] of guests.entries()) {
      const partyId = guestPartyIds[index]!
      await trx
        .insertInto('pact_parties')
        .values({
          id: partyId,
          pact_id: pactId,
          organisation_id: guest.organisationId,
          is_signatory: guest.signs ? 1 : 0,
          created_at: createdAt,
        })
        .execute()
      await trx
        .insertInto('pact_members')
        .values({ pact_id: pactId, user_id: guest.userId, party_id: partyId, access: guest.access, created_at: createdAt })
        .execute()
    }
    await recordAudit(trx, {
      pactId,
      actorId: manager.userId,
      action: 'pact.created',
      details: { title: info.title, demo: true },
    })
  })
  const signers = [
    ...people
      .filter((person) => person.party.signs)
      .map((person) => ({ partyId: partyIds.get(person.party.role)!, userId: person.userId })),
    ...guests.flatMap((guest, index) => (guest.signs ? [{ partyId: guestPartyIds[index]!, userId: guest.userId }] : [])),
  ]
  // Each party designates its own signatories (signatory-designation.ts).
  const members = await pactMembersOfParties(pactId, db)
  for (const signer of signers) {
    const designator = signatoryDesignators(signer.partyId, members)[0]!
    await addSignatory(pactId, signer.partyId, signer.userId, designator, db)
  }
  // The first read creates the document from the demo template, as for every new pact.
  const { clauses } = await pactSnapshot(pactId)
  for (const clause of clauses) {
    for (const signer of signers) {
      await decideOnClause(
        { pactId, clauseId: clause.clauseId, ...signer, decision: 'akkoord', seenHash: clause.contentHash, explanation: null },
        db,
      )
    }
  }
  await changePactStatus(pactId, 'ter-ondertekening', manager.userId, db)
  await changePactStatus(pactId, 'getekend', manager.userId, db)
  await seedDemoTracking(pactId, people, partyIds, manager.userId, db)
  if (guests.length > 0) await seedDemoDivision(pactId, manager.userId, db)
  await seedDemoSettlement(pactId, signers, manager.userId, db)
  return pactId
}

// The regional pact's gemeenten divide every rule's municipal share by their inhabitants.
async function seedDemoDivision(pactId: string, managerId: string, db: Db) {
  const tracking = await loadTracking(pactId, db)
  const key = tracking.parties
    .filter((party) => party.kind === 'gemeente')
    .map((party) => ({
      partyId: party.id,
      percent: DEMO_REGION_KEY_PERCENT[party.name as keyof typeof DEMO_REGION_KEY_PERCENT],
      capCents: null,
    }))
  for (const rule of tracking.tracked!.model.riskRules)
    await setDivision(pactId, rule.id, { solidarityPercent: 100, key }, managerId, db)
}

// The fixed year settled and approved by every signing party, then a reinvestment from the fund decided the same way.
async function seedDemoSettlement(
  pactId: string,
  signers: Array<{ partyId: string; userId: string }>,
  managerId: string,
  db: Db,
) {
  const settlementId = await openSettlement(pactId, DEMO_FIXED_YEAR, managerId, db)
  const { hash } = (await listSettlements(pactId, DEMO_FIXED_YEAR, db)).find((settlement) => settlement.id === settlementId)!
  for (const signer of signers)
    await decideOnSettlement({ pactId, settlementId, ...signer, decision: 'akkoord', seenHash: hash, reason: null }, db)
  const amount = parseEuroToCents(DEMO_REINVESTMENT.euros)
  if (!amount.ok) throw new Error(`The demo's reinvestment is no amount: ${DEMO_REINVESTMENT.euros}`)
  const { purpose, resultAreaId } = DEMO_REINVESTMENT
  const decisionId = await proposeFundDecision(
    { pactId, amountCents: amount.cents, purpose, resultAreaId, actorId: managerId },
    db,
  )
  const decision = (await listFundDecisions(pactId, db)).find((candidate) => candidate.id === decisionId)!
  for (const signer of signers) {
    await decideOnFundDecision({ pactId, decisionId, ...signer, decision: 'akkoord', seenHash: decision.hash, reason: null }, db)
  }
}

async function seedDemoTracking(
  pactId: string,
  people: DemoPerson[],
  partyIds: Map<DemoParty['role'], string>,
  managerId: string,
  db: Db,
) {
  for (const indicatorId of DEMO_QUARTERLY_INDICATORS) await setFrequency(pactId, managerId, indicatorId, 'kwartaal', db)
  const tracking = await loadTracking(pactId, db)
  const tracked = tracking.tracked!
  const reporterOf = (key: DemoParty['role']) => ({
    userId: people.find((person) => person.party.role === key)!.userId,
    partyId: partyIds.get(key)!,
  })
  const indicatorOf = (id: string) =>
    tracked.model.resultAreas.flatMap((area) => area.indicators).find((indicator) => indicator.id === id)!
  const realisationInput = (figure: { indicatorId: string; period: string; value: number }) => {
    const indicator = indicatorOf(figure.indicatorId)
    const year = figure.period.slice(0, 4)
    const quarter = Number(figure.period.slice(6)) || 4
    return {
      indicator: figure.indicatorId,
      period: figure.period,
      value: formatDutchNumber(figure.value),
      source: indicator.dataSource,
      referenceDate: `${year}-${String(quarter * 3).padStart(2, '0')}-${quarter === 1 || quarter === 4 ? 31 : 30}`,
      public: indicator.level === 'populatie' ? 'ja' : 'nee',
    }
  }
  // The figures go through the same checks as the report form, so the demo never holds what a person could not enter.
  for (const key of ['jeugdhulp', 'welzijn'] as const) {
    const reporter = reporterOf(key)
    const figures = [
      ...DEMO_REALISATIONS.filter((figure) => figure.party === key).map((figure) =>
        realisationSchema(tracked, reporter.partyId).parse(realisationInput(figure)),
      ),
      ...DEMO_SPENDING.filter((figure) => figure.party === key).map((figure) =>
        spendingSchema(tracked, reporter.partyId).parse({
          resultArea: figure.resultAreaId,
          period: String(figure.year),
          amount: figure.euros,
        }),
      ),
    ]
    await reportFigures(pactId, reporter, figures, 'demo', db)
    await submitDrafts(pactId, reporter, null, db)
  }
  await fixPeriod(pactId, managerId, String(DEMO_FIXED_YEAR), db)
  const corrector = reporterOf(DEMO_CORRECTION.party)
  const fixed = await loadTracking(pactId, db)
  const correction = realisationSchema(fixed.tracked!, corrector.partyId).parse({
    ...realisationInput(DEMO_CORRECTION),
    intent: 'correct',
    reason: DEMO_CORRECTION.reason,
  })
  await reportFigures(pactId, corrector, [correction], 'demo', db)
}

/** What to print at start-up so a newcomer can sign in to the demo straight away. */
export async function demoSignIns(db: Db = getDb()): Promise<string[]> {
  const emails = [...DEMO_PARTIES, DEMO_REGION_PARTY].map((party) => party.person.email)
  const present = await db.selectFrom('users').select('email').where('email', 'in', emails).execute()
  if (present.length === 0) return []
  const found = new Set(present.map((row) => row.email))
  return [
    `Demo: sign in with one of these accounts, password "${DEMO_PASSWORD}":`,
    ...[...DEMO_PARTIES, DEMO_REGION_PARTY]
      .filter((party) => found.has(party.person.email))
      .map((party) => `  ${party.person.email.padEnd(40)} ${party.person.access.padEnd(12)} ${party.organisation}`),
  ]
}
