import { createOrganisation } from '#app/organisations/organisations.server.ts'
import { createPact } from '#app/pacts/pacts.server.ts'
import { closeDb, getDb, nowIso } from '#app/platform/db/db.server.ts'
import { signIn } from '#tests/support/fixtures.ts'
import { newId } from '#app/platform/ids.ts'

/**
 * Rows for the benchmark, written with the app's own functions (as tests/support/fixtures.ts
 * does) into the database the built server has already created and migrated. Unlike the test
 * fixtures this never runs the migrations itself: the schema is the one of the build under
 * test, even when the working tree has migrations the build does not have yet.
 *
 * Import this module only after PACTWERK_DATA_DIR is set.
 */
export { closeDb, getDb, nowIso }

export interface BenchUser {
  id: string
  name: string
  cookie: string
}

export async function createUser(name: string): Promise<BenchUser> {
  const id = newId()
  await getDb()
    .insertInto('users')
    .values({ id, name, email: `${id}@example.test`, password_hash: 'not-a-hash', created_at: nowIso() })
    .execute()
  return { id, name, cookie: await signIn(id) }
}

export interface BenchPact {
  pactId: string
  partyId: string
  owner: BenchUser
}

/** A pact in concept (so its document is editable) whose owner is its beheerder. */
export async function createBenchPact(owner: BenchUser, title: string): Promise<BenchPact> {
  const organisationId = await createOrganisation({ name: `Gemeente ${newId()}`, kind: 'gemeente', userId: owner.id })
  const pactId = await createPact(
    { title: `Benchmark: ${title}`, region: 'Benchregio', startYear: 2026, endYear: 2029, organisationId },
    owner.id,
  )
  const party = await getDb().selectFrom('pact_parties').select('id').where('pact_id', '=', pactId).executeTakeFirstOrThrow()
  return { pactId, partyId: party.id, owner }
}

/** Makes an existing user a redacteur of the pact (may edit the document), in the owner's party. */
export async function addEditor(pact: BenchPact, user: BenchUser): Promise<void> {
  await getDb()
    .insertInto('pact_members')
    .values({ pact_id: pact.pactId, user_id: user.id, party_id: pact.partyId, access: 'redacteur', created_at: nowIso() })
    .execute()
}

/** Stores a pact's collaborative document directly: a state and a log, as the collaboration server keeps them. */
export async function storeDocument(pactId: string, state: Uint8Array, log: readonly Uint8Array[]): Promise<void> {
  const createdAt = nowIso()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('collab_documents')
        .values({
          pact_id: pactId,
          compacted_through: 0,
          last_seq: log.length,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .execute()
      await trx
        .insertInto('collab_states')
        .values({ pact_id: pactId, state: Buffer.from(state) })
        .execute()
      for (let i = 0; i < log.length; i += 500) {
        await trx
          .insertInto('collab_updates')
          .values(
            log
              .slice(i, i + 500)
              .map((update, j) => ({ pact_id: pactId, seq: i + j + 1, payload: Buffer.from(update), created_at: createdAt })),
          )
          .execute()
      }
    })
}
