import { advisoryXactLock } from '#app/platform/db/advisory-lock.server.ts'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import type { AccessLevel } from '#app/access/access.ts'
import type { OrganisationKind } from '#app/organisations/organisation.ts'
import { newId } from '#app/platform/ids.ts'
import { hashPassword } from '#app/platform/auth/password.server.ts'
import { recordAudit } from '#app/audit/audit.server.ts'
import { DEMO_PACT_YEARS, type DemoPactParties } from './demo-pact-model.ts'

/**
 * The demo: a fictional municipality, two providers and a residents' council around one
 * pact. Written only into an empty database, so it never touches real data.
 */
export const DEMO_PASSWORD = 'zuiderveen-demo-2026'

interface DemoParty {
  /** Its place in the demo's model (budgets, responsibilities): the seeded document finds it by this. */
  role: keyof DemoPactParties
  organisation: string
  kind: OrganisationKind
  signs: boolean
  person: { name: string; email: string; access: AccessLevel }
}

export const DEMO_PARTIES: DemoParty[] = [
  {
    role: 'gemeente',
    organisation: 'Gemeente Zuiderveen',
    kind: 'gemeente',
    signs: true,
    person: { name: 'Anouk de Vries', email: 'anouk@zuiderveen.example', access: 'beheerder' },
  },
  {
    role: 'welzijn',
    organisation: 'Stichting Welzijn Zuiderveen',
    kind: 'aanbieder',
    signs: true,
    person: { name: 'Karim El Amrani', email: 'karim@welzijnzuiderveen.example', access: 'redacteur' },
  },
  {
    role: 'jeugdhulp',
    organisation: 'Jeugdhulp De Brug',
    kind: 'aanbieder',
    signs: true,
    person: { name: 'Marieke Jansen', email: 'marieke@debrug.example', access: 'redacteur' },
  },
  {
    role: 'adviesraad',
    organisation: 'Adviesraad Sociaal Domein Zuiderveen',
    kind: 'inwoners',
    signs: false,
    person: { name: 'Henk Bosman', email: 'henk@adviesraad-zuiderveen.example', access: 'commentator' },
  },
]

const [DEMO_START_YEAR, DEMO_END_YEAR] = [DEMO_PACT_YEARS[0], DEMO_PACT_YEARS[DEMO_PACT_YEARS.length - 1]]

export const DEMO_PACT = {
  title: `Pact voor de Transformatie Zuiderveen ${DEMO_START_YEAR}–${DEMO_END_YEAR}`,
  region: 'Gemeente Zuiderveen',
  startYear: DEMO_START_YEAR,
  endYear: DEMO_END_YEAR,
}

export async function seedDemoIfEmpty(db: Db = getDb()): Promise<{ pactId: string } | null> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyUser) return null
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return db.transaction().execute(async (trx) => {
    // Instances starting at once on one PostgreSQL database: the first seeds, the others find it seeded.
    await advisoryXactLock(trx, 'demo-seed')
    if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null
    const createdAt = nowIso()
    const pactId = newId()
    const userIds = DEMO_PARTIES.map(() => newId())
    for (const [index, party] of DEMO_PARTIES.entries()) {
      await trx
        .insertInto('users')
        .values({ id: userIds[index]!, name: party.person.name, email: party.person.email, password_hash: passwordHash, created_at: createdAt })
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
        .values({ id: partyId, pact_id: pactId, organisation_id: organisationId, is_signatory: party.signs ? 1 : 0, created_at: createdAt })
        .execute()
      await trx
        .insertInto('pact_members')
        .values({ pact_id: pactId, user_id: userId, party_id: partyId, access: party.person.access, created_at: createdAt })
        .execute()
    }
    await recordAudit(trx, { pactId, actorId: managerId, action: 'pact.created', details: { title: DEMO_PACT.title, demo: true } })
    return { pactId }
  })
}

/** What to print at start-up so a newcomer can sign in to the demo straight away. */
export async function demoSignIns(db: Db = getDb()): Promise<string[]> {
  const emails = DEMO_PARTIES.map((party) => party.person.email)
  const present = await db.selectFrom('users').select('email').where('email', 'in', emails).execute()
  if (present.length === 0) return []
  const found = new Set(present.map((row) => row.email))
  return [
    `Demo: sign in with one of these accounts, password "${DEMO_PASSWORD}":`,
    ...DEMO_PARTIES.filter((party) => found.has(party.person.email)).map(
      (party) => `  ${party.person.email.padEnd(40)} ${party.person.access.padEnd(12)} ${party.organisation}`,
    ),
  ]
}
