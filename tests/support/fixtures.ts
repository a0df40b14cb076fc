import {
  createSession,
  generateSessionToken,
  invalidateSession,
  SESSION_COOKIE,
  sessionIdFromToken,
} from '#app/platform/auth/session.server.ts'
import { getDb, migrateToLatest, nowIso } from '#app/platform/db/db.server.ts'
import { createOrganisation } from '#app/organisations/organisations.server.ts'
import { createPact } from '#app/pacts/pacts.server.ts'
import type { AccessLevel } from '#app/access/access.ts'
import { newId } from '#app/platform/ids.ts'
import * as Y from 'yjs'

/**
 * Users, sessions and pacts written straight into the test database: quicker than signing up
 * through the pages, and the same rows the app itself would write.
 */
export interface TestUser {
  id: string
  name: string
  email: string
  /** A `Cookie` header value carrying a valid session. */
  cookie: string
}

export interface TestPact {
  pactId: string
  partyId: string
  owner: TestUser
}

let migrated: Promise<void> | undefined

export function prepareDatabase(): Promise<void> {
  migrated ??= migrateToLatest()
  return migrated
}

export async function createUser(name = 'Test Gebruiker'): Promise<TestUser> {
  await prepareDatabase()
  const id = newId()
  const email = `${id}@example.test`
  // Never verified: these users only sign in through sessions created below.
  await getDb().insertInto('users').values({ id, name, email, password_hash: 'not-a-hash', created_at: nowIso() }).execute()
  return { id, name, email, cookie: await signIn(id) }
}

export async function signIn(userId: string): Promise<string> {
  const token = generateSessionToken()
  await createSession(token, userId)
  return `${SESSION_COOKIE}=${token}`
}

export async function signOut(user: TestUser): Promise<void> {
  await invalidateSession(sessionIdFromToken(user.cookie.slice(SESSION_COOKIE.length + 1)))
}

/** A pact whose creator is its beheerder, with one signing party (the creator's organisation). */
export async function createTestPact(ownerName = 'Eigenaar'): Promise<TestPact> {
  const owner = await createUser(ownerName)
  const organisationId = await createOrganisation({ name: `Gemeente ${owner.id}`, kind: 'gemeente', userId: owner.id })
  const pactId = await createPact(
    { title: 'Pact voor de Transformatie', region: 'Testregio', startYear: 2026, endYear: 2029, organisationId },
    owner.id,
  )
  const party = await getDb().selectFrom('pact_parties').select('id').where('pact_id', '=', pactId).executeTakeFirstOrThrow()
  return { pactId, partyId: party.id, owner }
}

/**
 * A signed version 1 of the pact with this text and stored HTML, written as the rows signing
 * leaves (no clauses, no decisions, a placeholder hash): for pages and actions that read versions.
 */
export async function storeSignedVersion(pact: TestPact, doc: Y.Doc, html: string): Promise<void> {
  await getDb()
    .insertInto('pact_versions')
    .values({
      id: `version-${pact.pactId}`,
      pact_id: pact.pactId,
      number: 1,
      state_base64: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
      html,
      clauses: '[]',
      decisions: '[]',
      hash: 'a'.repeat(64),
      signed_by: pact.owner.id,
      signed_at: nowIso(),
    })
    .execute()
}

export async function addMember(pact: TestPact, access: AccessLevel, name = `Lid (${access})`): Promise<TestUser> {
  const user = await createUser(name)
  await getDb()
    .insertInto('pact_members')
    .values({ pact_id: pact.pactId, user_id: user.id, party_id: pact.partyId, access, created_at: nowIso() })
    .execute()
  return user
}

export async function setAccess(pact: TestPact, user: TestUser, access: AccessLevel): Promise<void> {
  await getDb()
    .updateTable('pact_members')
    .set({ access })
    .where('pact_id', '=', pact.pactId)
    .where('user_id', '=', user.id)
    .execute()
}

export async function removeMember(pact: TestPact, user: TestUser): Promise<void> {
  await getDb().deleteFrom('pact_members').where('pact_id', '=', pact.pactId).where('user_id', '=', user.id).execute()
}
